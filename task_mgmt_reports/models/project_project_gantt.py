# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import time, timedelta

from odoo import models
from odoo.exceptions import UserError

from ..engine.mspdi import MspdiCalendar, MspdiLink, MspdiTask, write_mspdi


def _clock(hours):
    """8.5 -> time(8, 30)"""
    minutes = min(round(hours * 60), 24 * 60 - 1)
    return time(minutes // 60, minutes % 60)


class ProjectProject(models.Model):
    _inherit = "project.project"

    def action_gantt_export_mspdi(self):
        """Download the project as MS Project XML (MSPDI)."""
        if len(self) != 1:
            raise UserError(self.env._("Select one project to export to MS Project."))
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/task_mgmt_reports/project/{self.id}/mspdi",
            "target": "self",
        }

    def _gantt_write_mspdi(self, target):
        """The project's tasks the user may read, their links, the working calendar with its
        holidays, people and assignments, as MSPDI into ``target``."""
        self.ensure_one()
        self.check_access("read")
        Task = self.env["project.task"]
        Task._gantt_check_user()
        ordered, outline, links = Task._gantt_export_tasks([("project_id", "=", self.id)])
        tasks = Task.browse([task.id for task, _depth in ordered])
        parents = set(tasks.parent_id.ids)
        calendar = self.resource_calendar_id or self.env.company.resource_calendar_id
        periods = {}
        attendances = calendar.attendance_ids.filtered(
            lambda a: not a.display_type and a.day_period != "lunch"
            and (not calendar.two_weeks_calendar or a.week_type == "0"))
        for attendance in attendances:
            periods.setdefault(int(attendance.dayofweek), []).append(
                (_clock(attendance.hour_from), _clock(attendance.hour_to)))
        periods = {day: sorted(spans) for day, spans in periods.items()}
        holidays = ()
        scheduled = tasks.filtered("planned_start_date")
        if scheduled:
            first = min(scheduled.mapped("planned_start_date"))
            last = max(scheduled.mapped("planned_end_date"))
            work = calendar._task_mgmt_work_calendar(first, last)
            days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
            holidays = tuple(day for day in days if day.weekday() in periods and not work.is_working(day))
        mspdi_tasks = []
        for task, _depth in ordered:
            if task.state == "1_done":
                percent = 100
            elif task.allocated_hours:
                percent = min(round(100 * task.effective_hours / task.allocated_hours), 100)
            else:
                percent = 0
            mspdi_tasks.append(MspdiTask(
                uid=task.id, name=task.name, outline=outline[task.id],
                start=task.planned_start_date or None, end=task.planned_end_date or None,
                duration_days=task.duration_days or ((task.planned_end_date - task.planned_start_date).days + 1
                                                     if task.planned_start_date and task.planned_end_date else 1),
                critical=task.is_critical, total_float_days=task.total_float_days or 0,
                percent_complete=percent, pinned_start=task.pinned_start_date or None,
                deadline=task.date_deadline.date() if task.date_deadline else None,
                summary=task.id in parents, milestone=task.is_milestone,
            ))
        users = tasks.user_ids
        write_mspdi(
            target, self.name, mspdi_tasks,
            links=[MspdiLink(link.predecessor_id.id, link.successor_id.id, link.dependency_type, link.lag_days)
                   for link in links],
            calendar=MspdiCalendar(calendar.name, periods, holidays),
            resources=[(user.id, user.name) for user in users],
            assignments=[(task.id, user.id) for task, _depth in ordered for user in task.user_ids],
        )
