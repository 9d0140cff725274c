# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from ..engine.evm import earned_value
from ..engine.kpi import weekdays_between

# status dates drawn by the earned value trend (a year of weekly snapshots)
EVM_TREND_POINTS = 52


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    evm_progress_method = fields.Selection(
        [("hours", "Timesheet Hours"), ("tasks", "Done Tasks")], string="Earned Value From",
        default="hours", required=True,
        help="Percent complete of earned value: timesheet hours against allocated hours (capped per "
        "task; done tasks count in full), or the allocated hours of the done tasks only.")
    evm_budget = fields.Monetary(
        string="Budget (BAC)", currency_field="currency_id", groups="project.group_project_manager",
        help="Budget at completion for earned value; empty: allocated hours × each assignee's hourly cost.")

    @api.constrains("evm_budget")
    def _check_evm_budget(self):
        for project in self:
            if project.evm_budget < 0:
                raise ValidationError(self.env._("Project '%s': the budget cannot be negative.", project.display_name))

    @api.readonly
    def get_earned_value(self, status_date=None):
        """Earned value of the project at ``status_date`` (default today), in hours for every
        user who can read the project, and in money for project administrators only:

        * BAC = allocated hours (own share of each task); in money the project's budget when set,
          else each task's hours × its first assignee's hourly cost;
        * PV = the part of each task's baseline hours planned by the status date (linear over its
          baseline working days, Monday to Friday), from the current baseline (the plan without one);
        * EV = BAC × percent complete (see ``evm_progress_method``);
        * AC = timesheet hours (cost) logged on the project up to the status date.
        """
        self._kpi_one_project()
        status = self._kpi_date(status_date, self.env._("status date")) or fields.Date.context_today(self)
        return self._evm_figures(status, self._evm_money_allowed())[self.id]

    @api.model
    def _evm_money_allowed(self):
        """Cost-based figures (BAC in money, AC, EAC...) are for project administrators and
        accounting roles only; the others see hours."""
        user = self.env.user
        return user.has_group("project.group_project_manager") or user.has_group("account.group_account_readonly")

    def _evm_figures(self, status, money):
        """{project id: earned value at ``status``} of these projects, in a handful of queries
        whatever their number (tasks, current baselines' lines, timesheet totals, hourly costs),
        the figures by the engine. The tasks are those the environment's user may read; money
        only when ``money`` is true (the caller decides who may see it)."""
        all_tasks = self.env["project.task"].search_fetch(
            [("project_id", "in", self.ids), ("state", "!=", "1_canceled")],
            ["project_id", "allocated_hours", "parent_id", "state", "planned_start_date",
             "planned_end_date", "user_ids"])
        tasks_by_project = defaultdict(list)
        subtask_hours = defaultdict(float)
        for task in all_tasks:
            tasks_by_project[task.project_id.id].append(task)
            if task.parent_id:
                subtask_hours[task.parent_id.id] += task.allocated_hours or 0.0
        baselines = self.env["project.task.baseline"].search(
            [("project_id", "in", self.ids), ("is_current", "=", True)])
        baseline_plan = {line.task_id.id: line for line in self.env["project.task.baseline.line"].search_fetch(
            [("baseline_id", "in", baselines.ids)],
            ["task_id", "planned_start_date", "planned_end_date", "allocated_hours"])}
        baseline_name = {baseline.project_id.id: baseline.name for baseline in baselines}
        # sudo: totals of the timesheets of projects the user may read (checked by the callers), as
        # Odoo's project overview shows them; per-line data and costs are not returned to others
        logged, actual = {}, defaultdict(lambda: [0.0, 0.0])
        for project, task, hours, cost in self.env["account.analytic.line"].sudo()._read_group(
                [("project_id", "in", self.ids), ("date", "<=", status)], ["project_id", "task_id"],
                ["unit_amount:sum", "amount:sum"]):
            logged[project.id, task.id] = hours  # a task's lines booked on its project only
            actual[project.id][0] += hours
            actual[project.id][1] += cost
        costs = self._evm_hourly_costs(all_tasks.user_ids) if money else {}
        # sudo: the budget is read for the callers allowed money figures only (administrators, accounting)
        budgets = {project.id: project.evm_budget for project in self.sudo()} if money else {}
        result = {}
        for project in self:
            tasks = tasks_by_project[project.id]
            own = {task.id: max((task.allocated_hours or 0.0) - subtask_hours[task.id], 0.0) for task in tasks}
            plan = {}
            for task in tasks:
                line = baseline_plan.get(task.id)
                plan[task.id] = ((line.planned_start_date, line.planned_end_date,
                                  max(line.allocated_hours - subtask_hours[task.id], 0.0)) if line else
                                 (task.planned_start_date, task.planned_end_date, own[task.id]))
            done = {task.id for task in tasks if task.state == "1_done"}
            bac_hours = sum(own.values())
            planned = sum(self._evm_planned_share(start, end, status) * hours for start, end, hours in plan.values())
            planned_total = sum(hours for _start, _end, hours in plan.values())
            if project.evm_progress_method == "tasks":
                earned = sum(own[task_id] for task_id in done)
            else:
                earned = sum(own[task.id] if task.id in done
                             else min(logged.get((project.id, task.id), 0.0), own[task.id]) for task in tasks)
            planned_fraction = min(planned / planned_total, 1.0) if planned_total else 0.0
            earned_fraction = min(earned / bac_hours, 1.0) if bac_hours else 0.0
            figures = {
                "status_date": fields.Date.to_string(status),
                "method": project.evm_progress_method,
                "baseline": baseline_name.get(project.id, False),
                "hours": earned_value(bac_hours, planned_fraction, earned_fraction,
                                      actual[project.id][0]),
                "money": False,
            }
            if money:
                ac_cost = -actual[project.id][1]
                company = project.company_id.id or self.env.company.id
                bac_cost = budgets[project.id] or sum(
                    own[task.id] * costs.get((company, task.user_ids[:1].id), 0.0) for task in tasks)
                figures["money"] = earned_value(bac_cost, planned_fraction, earned_fraction, max(ac_cost, 0.0))
                figures["currency"] = project.currency_id.name
            result[project.id] = figures
        return result

    @api.model
    def _evm_planned_share(self, start, end, status):
        """Share (0-1) of a task planned by the end of ``status``: linear over its working days."""
        if not end:
            return 0.0
        start = start or end
        if status >= end:
            return 1.0
        if status < start:
            return 0.0
        total = weekdays_between(start, end) + 1
        return min(max(weekdays_between(start, status) + 1, 0) / max(total, 1), 1.0)

    def _evm_hourly_costs(self, users):
        """{(company id, user id): hourly cost of the user's employee in that company}."""
        # sudo: hourly costs are HR data; only called for the callers allowed money figures
        employees = self.env["hr.employee"].sudo().search_fetch(
            [("user_id", "in", users.ids)], ["user_id", "company_id", "hourly_cost"])
        return {(employee.company_id.id, employee.user_id.id): employee.hourly_cost for employee in employees}

    # ------------------------------------------------------------------ trend over status dates

    def action_evm_snapshot(self):
        """Take the earned value snapshot of these projects now (status date today; today's
        snapshot, if any, is replaced by the new figures)."""
        if not self.env.user.has_group("project.group_project_user"):
            raise AccessError(self.env._("Only project users can take earned value snapshots."))
        self.check_access("read")
        today = fields.Date.context_today(self)
        # sudo: a snapshot stores the cost figures too (read back by administrators and accounting
        # only, see project.evm.snapshot's field groups) over all the tasks of projects checked above
        count = self.env["project.evm.snapshot"].sudo()._insert_snapshots(self.sudo(), today, replace=True)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Earned value snapshot of %(date)s taken for %(count)s project(s).",
                                      date=format_date(self.env, today), count=count),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_evm_snapshots(self):
        """The project's earned value snapshots."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("task_mgmt_reports.project_evm_snapshot_action")
        action["domain"] = [("project_id", "=", self.id)]
        return action

    @api.readonly
    def get_evm_trend(self, limit=EVM_TREND_POINTS):
        """The project's earned value snapshots (the last ``limit`` status dates, oldest first) as
        series for a chart (False where a figure is undefined, e.g. CPI without actual cost):
        hours for every user who may read the project, money for project administrators and
        accounting only. One query as the calling user (record rules apply)."""
        self._kpi_one_project()
        if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= EVM_TREND_POINTS:
            raise UserError(self.env._("The trend shows 1 to %(max)s status dates, not %(value)r.",
                                       max=EVM_TREND_POINTS, value=limit))
        money = self._evm_money_allowed()
        keys = ["bac", "pv", "ev", "ac", "eac", "cpi"]
        columns = ["status_date", *[f"{key}_hours" for key in keys], "spi"]
        if money:
            columns += [f"{key}_amount" for key in keys]
        Snapshot = self.env["project.evm.snapshot"]
        Snapshot.check_access("read")
        Snapshot.check_field_access_rights("read", columns)
        Snapshot.flush_model(columns)
        query = Snapshot._search([("project_id", "=", self.id)], order="status_date desc", limit=limit)
        rows = self.env.execute_query(query.select(*[SQL.identifier(Snapshot._table, c) for c in columns]))[::-1]
        series = dict(zip(columns, zip(*rows, strict=True), strict=True)) if rows else dict.fromkeys(columns, ())

        def floats(column):  # False for "no figure" (a ratio without denominator): XML-RPC has no None
            return [False if value is None else float(value) for value in series[column]]

        return {
            "dates": [fields.Date.to_string(day) for day in series["status_date"]],
            "hours": {key: floats(f"{key}_hours") for key in keys} | {"spi": floats("spi")},
            "money": {key: floats(f"{key}_amount") for key in keys} | {"spi": floats("spi")} if money else False,
            "currency": self.currency_id.name if money else False,
        }
