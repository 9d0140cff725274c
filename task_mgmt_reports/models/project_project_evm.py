# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.evm import earned_value
from ..engine.kpi import weekdays_between


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
        Task = self.env["project.task"]
        tasks = Task.search_fetch([("project_id", "=", self.id), ("state", "!=", "1_canceled")],
                                  ["allocated_hours", "parent_id", "state", "planned_start_date",
                                   "planned_end_date", "user_ids"])
        subtask_hours = defaultdict(float)
        for task in tasks:
            if task.parent_id:
                subtask_hours[task.parent_id.id] += task.allocated_hours or 0.0
        own = {task.id: max((task.allocated_hours or 0.0) - subtask_hours[task.id], 0.0) for task in tasks}
        plan = {task.id: (task.planned_start_date, task.planned_end_date, own[task.id]) for task in tasks}
        if self.current_baseline_id:
            for line in self.env["project.task.baseline.line"].search_fetch(
                    [("baseline_id", "=", self.current_baseline_id.id)],
                    ["task_id", "planned_start_date", "planned_end_date", "allocated_hours"]):
                if line.task_id.id in plan:
                    plan[line.task_id.id] = (line.planned_start_date, line.planned_end_date,
                                             max(line.allocated_hours - subtask_hours[line.task_id.id], 0.0))
        # sudo: totals of the timesheets of a project the user may read (checked above), as Odoo's
        # project overview shows them; per-line data and costs are not returned to non-administrators
        logged = {task.id: (hours, cost) for task, hours, cost in self.env["account.analytic.line"].sudo()._read_group(
            [("project_id", "=", self.id), ("date", "<=", status)], ["task_id"], ["unit_amount:sum", "amount:sum"])}
        done = {task.id for task in tasks if task.state == "1_done"}
        bac_hours = sum(own.values())
        planned = sum(self._evm_planned_share(start, end, status) * hours for start, end, hours in plan.values())
        planned_total = sum(hours for _start, _end, hours in plan.values())
        if self.evm_progress_method == "tasks":
            earned = sum(own[task_id] for task_id in done)
        else:
            earned = sum(own[task.id] if task.id in done else min(logged.get(task.id, (0.0, 0.0))[0], own[task.id])
                         for task in tasks)
        planned_fraction = min(planned / planned_total, 1.0) if planned_total else 0.0
        earned_fraction = min(earned / bac_hours, 1.0) if bac_hours else 0.0
        ac_hours = sum(hours for hours, _cost in logged.values())
        result = {
            "status_date": fields.Date.to_string(status),
            "method": self.evm_progress_method,
            "baseline": self.current_baseline_id.name or False,
            "hours": earned_value(bac_hours, planned_fraction, earned_fraction, ac_hours),
            "money": False,
        }
        if self.env.user.has_group("project.group_project_manager"):
            ac_cost = -sum(cost for _hours, cost in logged.values())
            bac_cost = self.evm_budget or self._evm_cost_budget(tasks, own)
            result["money"] = earned_value(bac_cost, planned_fraction, earned_fraction, max(ac_cost, 0.0))
            result["currency"] = self.currency_id.name
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

    def _evm_cost_budget(self, tasks, own):
        """Σ own allocated hours × the hourly cost of the task's first assignee's employee."""
        users = tasks.user_ids
        # sudo: hourly costs are HR data; this runs for project administrators only
        employees = self.env["hr.employee"].sudo().search_fetch(
            [("user_id", "in", users.ids), ("company_id", "in", [self.company_id.id or self.env.company.id])],
            ["user_id", "hourly_cost"])
        cost = {employee.user_id.id: employee.hourly_cost for employee in employees}
        return sum(own[task.id] * cost.get(task.user_ids[:1].id, 0.0) for task in tasks)
