# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the task fields a baseline saves, as the line fields of the same name
BASELINE_FIELDS = ("planned_start_date", "planned_end_date", "duration_days", "allocated_hours")


def _work_calendars(records, dates_of, project_of=lambda record: record.project_id):
    """``{calendar: (WorkCalendar, records)}`` for ``records`` grouped by their project's working
    calendar (the company's when the project has none), each working calendar built once over
    all the dates ``dates_of(record)`` gives; records without dates are left out."""
    result = {}
    default = records.env.company.resource_calendar_id
    for calendar, group in records.grouped(lambda r: project_of(r).resource_calendar_id or default).items():
        days = [day for record in group for day in dates_of(record) if day]
        if not calendar or not days:
            continue
        result[calendar] = (calendar._task_mgmt_work_calendar(min(days), max(days) + timedelta(days=1)), group)
    return result


class ProjectTask(models.Model):
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    kpi_done_date = fields.Datetime(
        string="Done On", compute="_compute_kpi_done_date", store=True, readonly=True, copy=False, index=True,
        help="When the task was last marked done (cleared when it is reopened); the delivery KPIs "
        "count it in the period of this date.")
    kpi_rework_count = fields.Integer(
        string="Rework Count", readonly=True, copy=False, default=0,
        help="How many times the reviewer requested changes when accepting the task.")
    baseline_start_date = fields.Date(compute="_compute_baseline_variance", string="Baseline Start")
    baseline_end_date = fields.Date(compute="_compute_baseline_variance", string="Baseline End")
    baseline_hours = fields.Float(compute="_compute_baseline_variance")
    baseline_start_slip = fields.Integer(
        compute="_compute_baseline_variance", string="Start Slip (days)",
        help="Working days the planned start moved since the project's current baseline (later > 0).")
    baseline_finish_slip = fields.Integer(
        compute="_compute_baseline_variance", string="Finish Slip (days)",
        help="Working days the planned end moved since the project's current baseline (later > 0).")
    baseline_hours_variance = fields.Float(
        compute="_compute_baseline_variance", string="Hours Variance",
        help="Allocated hours now minus the allocated hours of the current baseline.")
    baseline_slipped = fields.Boolean(
        compute="_compute_baseline_variance", search="_search_baseline_slipped", string="Slipped",
        help="The planned end is later than in the project's current baseline.")

    @api.depends("state")
    def _compute_kpi_done_date(self):
        now = fields.Datetime.now()
        for task in self:
            if task.state != "1_done":
                task.kpi_done_date = False
            elif not task.kpi_done_date:
                task.kpi_done_date = now

    @api.depends("planned_start_date", "planned_end_date", "allocated_hours")
    def _compute_baseline_variance(self):
        lines = self.env["project.task.baseline.line"].search_fetch(
            [("task_id", "in", [task_id for task_id in self._origin.ids if task_id]),
             ("baseline_id.is_current", "=", True)],
            ["task_id", *BASELINE_FIELDS])
        by_task = {line.task_id.id: line for line in lines}
        empty = dict.fromkeys(("baseline_start_slip", "baseline_finish_slip", "baseline_hours_variance"), 0)
        for task in self:
            line = by_task.get(task._origin.id)
            task.update({
                **empty,
                "baseline_start_date": line.planned_start_date if line else False,
                "baseline_end_date": line.planned_end_date if line else False,
                "baseline_hours": line.allocated_hours if line else 0.0,
                "baseline_hours_variance": (task.allocated_hours - line.allocated_hours) if line else 0.0,
                "baseline_slipped": bool(line and line.planned_end_date and task.planned_end_date
                                         and task.planned_end_date > line.planned_end_date),
            })
        calendars = _work_calendars(
            self.filtered("baseline_start_date") | self.filtered("baseline_end_date"),
            lambda t: (t.baseline_start_date, t.baseline_end_date, t.planned_start_date, t.planned_end_date))
        for work, tasks in calendars.values():
            for task in tasks:
                if task.baseline_start_date and task.planned_start_date:
                    task.baseline_start_slip = work.working_days_between(task.baseline_start_date,
                                                                         task.planned_start_date)
                if task.baseline_end_date and task.planned_end_date:
                    task.baseline_finish_slip = work.working_days_between(task.baseline_end_date,
                                                                          task.planned_end_date)

    def _search_baseline_slipped(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Slipped can only be searched as set or not set."))
        slipped = SQL(
            """(SELECT t.id FROM project_task t
                 JOIN project_task_baseline_line l ON l.task_id = t.id
                 JOIN project_task_baseline b ON b.id = l.baseline_id AND b.is_current
                WHERE t.planned_end_date > l.planned_end_date)""")
        return [("id", "in" if (operator == "=") == value else "not in", slipped)]

    def _approval_acceptance_write(self, vals):
        result = super()._approval_acceptance_write(vals)
        if vals.get("acceptance_state") == "changes_requested" and self:
            # one UPDATE for all the tasks sent back (the counter is the engine's, never the user's)
            self.env.cr.execute(SQL(
                "UPDATE project_task SET kpi_rework_count = COALESCE(kpi_rework_count, 0) + 1 WHERE id IN %s",
                tuple(self.ids)))
            self.invalidate_recordset(["kpi_rework_count"])
        return result
