# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Utilisation KPI (issue #15): timesheet hours ÷ capacity per employee or department and period,
the capacity from the resource load's schedules (calendars, time off, public holidays)."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import kpi

UTILISATION_GROUPBY = ("employee", "department")
# most periods one call may return (as the load grid's columns)
MAX_PERIODS = 120


class TaskMgmtResourceLoad(models.AbstractModel):
    _inherit = "task_mgmt.resource.load"

    @api.model
    @api.readonly
    def get_utilisation(self, period="month", date_from=None, date_to=None, groupby="employee",
                        department_ids=None, employee_ids=None):
        """Utilisation per period (week, month, quarter, clipped to ``[date_from, date_to]``) and
        employee or department: timesheet hours (project timesheets) ÷ capacity (working hours of
        the employee's schedule minus time off and public holidays). A department's is the ratio
        of its employees' sums. Project administrators and HR officers see every employee of the
        selected companies; project users only themselves.

        :returns: list of ``{"period": first day, "period_end", "group": [id, name] or None,
            "hours", "capacity", "utilisation" (% or None without capacity)}``
        """
        access = self._load_access()
        if period not in kpi.PERIODS:
            raise UserError(self.env._("Unknown period %(period)r: use week, month or quarter.", period=period))
        if groupby not in UTILISATION_GROUPBY:
            raise UserError(self.env._("The utilisation cannot be grouped by %(field)r: use employee or department.",
                                       field=groupby))
        try:
            start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("The utilisation period must be given as two dates.")) from error
        if not start or not end or end < start:
            raise UserError(self.env._("The period %(start)s - %(end)s is empty.", start=date_from, end=date_to))
        ranges = kpi.period_ranges(start, end, period)
        if len(ranges) > MAX_PERIODS:
            raise UserError(self.env._("The utilisation shows at most %(max)s periods: shorten the period or "
                                       "choose a larger one.", max=MAX_PERIODS))
        flt = {"companies": self.env.companies, "date_from": start, "date_to": end,
               "department_ids": self._load_ids(department_ids, "department_ids"),
               "employee_ids": self._load_ids(employee_ids, "employee_ids")}
        employees = self._load_employees(flt)
        if access != "manager":
            employees = employees.filtered(lambda e: e.user_id == self.env.user)
        if not employees:
            return []
        schedules, _fallbacks = self._load_schedules(employees, flt)
        # sudo: timesheet lines of others are not readable by project users; only the totals of the
        # employees checked above are returned. One query: hours per employee and period (ISO
        # weeks, months, quarters: the periods of engine.kpi.period_bounds).
        Line = self.env["account.analytic.line"].sudo()
        Line.flush_model(["employee_id", "date", "unit_amount", "project_id"])
        query = Line._search([("project_id", "!=", False), ("employee_id", "in", employees.ids),
                              ("date", ">=", start), ("date", "<=", end)])
        periods = {kpi.period_bounds(first, period)[0]: number for number, (first, _last) in enumerate(ranges)}
        hours = defaultdict(float)
        for employee_id, first, amount in self.env.execute_query(SQL(
                "SELECT %s, date_trunc(%s, %s)::date, SUM(%s) FROM %s WHERE %s GROUP BY 1, 2",
                SQL.identifier(Line._table, "employee_id"), period, SQL.identifier(Line._table, "date"),
                SQL.identifier(Line._table, "unit_amount"), query.from_clause, query.where_clause)):
            hours[employee_id, periods[first]] += amount or 0.0
        by_department = groupby == "department"
        sums = defaultdict(lambda: [0.0, 0.0])
        groups = {}
        for employee in employees:
            group = employee.department_id if by_department else employee
            groups[group.id] = [group.id, group.display_name] if group else None
            schedule = schedules[employee.id]
            for number, (first, last) in enumerate(ranges):
                row = sums[number, group.id]
                row[0] += hours.get((employee.id, number), 0.0)
                row[1] += schedule.totals(first.toordinal(), last.toordinal())[1]
        return [{
            "period": fields.Date.to_string(ranges[number][0]),
            "period_end": fields.Date.to_string(ranges[number][1]),
            "group": groups[group_id],
            "hours": round(logged, 2),
            "capacity": round(capacity, 2),
            "utilisation": kpi.utilisation(logged, capacity),
        } for (number, group_id), (logged, capacity) in sorted(
            sums.items(), key=lambda item: (item[0][0], groups[item[0][1]] and groups[item[0][1]][1] or ""))]
