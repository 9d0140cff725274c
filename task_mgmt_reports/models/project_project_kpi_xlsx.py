# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX of the delivery cockpit's tables (issue #15): one sheet per table, written in
constant-memory mode from the same data the cockpit draws (``get_cockpit_data``, so the same
access: read access to the project; earned value in money only when ``get_earned_value``
returns it, i.e. for project administrators) and the KPI report's table by period."""

from datetime import timedelta

from odoo import fields, models

from ..engine import kpi
from ..engine.xlsx import Column, write_tables

# periods of the "KPIs by period" sheet (the current one and the ones before)
XLSX_PERIODS = 12
PERCENT_KPIS = frozenset({"planned_completion_rate", "on_time_rate", "overdue_rate"})


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    def _kpi_labels(self):
        return {
            "planned_completion_rate": self.env._("Planned completion (%)"),
            "on_time_rate": self.env._("On time (%)"),
            "overdue_rate": self.env._("Overdue (%)"),
            "throughput": self.env._("Throughput"),
            "cycle_time": self.env._("Cycle time (days)"),
            "lead_time": self.env._("Lead time (days)"),
            "estimate_deviation": self.env._("Hours / estimate"),
            "quality": self.env._("Quality (1-5)"),
            "rework": self.env._("Rework"),
        }

    def _kpi_write_xlsx(self, target, period="month"):
        """The cockpit's tables of this project as XLSX into ``target`` (a path or binary file):
        KPIs (current and previous period), KPIs by period, before / after, earned value, the
        burndown in hours and in tasks, the slipped tasks. Returns the sheet names."""
        data = self.get_cockpit_data(period)  # checks one project and its read access
        labels = self._kpi_labels()
        today = fields.Date.context_today(self)
        first = kpi.period_bounds(today, period)[0]
        for _number in range(XLSX_PERIODS - 1):
            first = kpi.period_bounds(first - timedelta(days=1), period)[0]
        by_period = self.env["project.task.report.kpi"].get_kpis(
            period, fields.Date.to_string(first), fields.Date.to_string(today), project_ids=[self.id])
        kind = lambda key: "percent" if key in PERCENT_KPIS else "number"  # noqa: E731
        bounds = data["bounds"]
        tables = [
            (self.env._("KPIs"), [
                Column("kpi", self.env._("KPI")),
                Column("current", self.env._("Current (%(start)s - %(end)s)", start=bounds["current"][0],
                                    end=bounds["current"][1]), "number"),
                Column("previous", self.env._("Previous (%(start)s - %(end)s)", start=bounds["previous"][0],
                                     end=bounds["previous"][1]), "number"),
            ], [{"kpi": labels[key], "current": data["kpis"]["current"][key],
                 "previous": data["kpis"]["previous"][key]} for key in kpi.RATE_KEYS]),
            (self.env._("KPIs by Period"), [Column("period", self.env._("Period"))] + [
                Column(key, labels[key], kind(key)) for key in kpi.RATE_KEYS
            ], [{"period": row["period"], **row["kpis"]} for row in by_period]),
        ]
        if data["before_after"]:
            before_after = data["before_after"]
            tables.append((self.env._("Before - After"), [
                Column("kpi", self.env._("KPI")),
                Column("before", self.env._("Before (%(start)s - %(end)s)", start=before_after["before"][0],
                                   end=before_after["before"][1]), "number"),
                Column("after", self.env._("After (%(start)s - %(end)s)", start=before_after["after"][0],
                                  end=before_after["after"][1]), "number"),
                Column("change", self.env._("Change (%)"), "percent"),
            ], [{"kpi": labels[key], **before_after["kpis"][key]} for key in kpi.RATE_KEYS]))
        evm = data["evm"]
        evm_columns = [Column("figure", self.env._("Earned value at %(date)s", date=evm["status_date"])),
                       Column("hours", self.env._("Hours"), "hours")]
        if evm["money"]:  # get_earned_value gives money to project administrators only
            evm_columns.append(Column("money", self.env._("Amount (%(currency)s)", currency=evm.get("currency") or ""),
                                      "money"))
        tables.append((self.env._("Earned Value"), evm_columns, [
            {"figure": key.upper(), "hours": evm["hours"].get(key),
             "money": evm["money"].get(key) if evm["money"] else None}
            for key in evm["hours"]]))
        for unit, title in (("hours", self.env._("Burndown (hours)")), ("tasks", self.env._("Burndown (tasks)"))):
            series = data["burndown"][unit]
            number = "hours" if unit == "hours" else "number"
            tables.append((title, [
                Column("day", self.env._("Day")), Column("scope", self.env._("Scope"), number),
                Column("remaining", self.env._("Remaining"), number), Column("ideal", self.env._("Ideal"), number),
                Column("forecast", self.env._("Forecast"), number),
            ], ({"day": day, **{key: series[key][index] for key in ("scope", "remaining", "ideal", "forecast")}}
                for index, day in enumerate(series["days"]))))
        tables.append((self.env._("Slipped Tasks"), [
            Column("name", self.env._("Task")), Column("baseline_end", self.env._("Baseline End")),
            Column("planned_end", self.env._("Planned End")),
            Column("slip", self.env._("Finish Slip (days)"), "number"),
        ], data["slipped"]))
        write_tables(target, tables, total_label=self.env._("Total"))
        return [name[:31] for name, _columns, _rows in tables]
