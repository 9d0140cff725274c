# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import models
from odoo.osv import expression

from ..engine.workcalendar import WorkCalendar

# calendar fields whose change moves the tasks planned on the calendar
WORKING_TIME_FIELDS = {"attendance_ids", "two_weeks_calendar", "tz", "hours_per_day", "leave_ids"}


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def write(self, vals):
        result = super().write(vals)
        if WORKING_TIME_FIELDS & set(vals):
            self._task_mgmt_projects()._task_mgmt_mark_outdated()
        return result

    def _task_mgmt_projects(self, companies=None):
        """Automatic projects planned on these calendars (a project works on its company's
        calendar), or on any calendar of ``companies`` when given."""
        if companies is not None:
            domain = [("company_id", "in", [*companies.ids, False])] if companies else []
        else:
            domain = expression.OR([
                [("company_id.resource_calendar_id", "in", self.ids)],
                [("company_id", "=", False)] if self.env.company.resource_calendar_id in self else [("id", "=", 0)],
            ])
        # sudo: the time off of a calendar outdates every project planned on it, readable or not
        return self.env["project.project"].sudo().with_context(active_test=False).search(
            expression.AND([domain, [("schedule_mode", "=", "auto")]]))

    def _task_mgmt_work_calendar(self, date_from, date_to):
        """The plain-Python working calendar of the scheduler: hours per weekday from the
        attendances, and the calendar's (and company-wide) leaves between the two dates as
        closed days or reduced hours.  Leaves of single resources are not counted: the
        schedule is the project's, not one person's."""
        self.ensure_one()
        weekday_hours = defaultdict(float)
        attendances = self.attendance_ids.filtered(lambda a: a.day_period != "lunch")
        weeks = 2 if self.two_weeks_calendar else 1
        for attendance in attendances:
            weekday_hours[int(attendance.dayofweek)] += (attendance.hour_to - attendance.hour_from) / weeks
        tz = pytz.timezone(self.tz or "UTC")
        start = tz.localize(datetime.combine(date_from - timedelta(days=1), time.min)).astimezone(pytz.utc)
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time.max)).astimezone(pytz.utc)
        leaves = self.env["resource.calendar.leaves"].sudo().search_fetch(  # sudo: holidays are public facts
            [("calendar_id", "in", [self.id, False]), ("resource_id", "=", False),
             ("date_from", "<=", end.replace(tzinfo=None)), ("date_to", ">=", start.replace(tzinfo=None))],
            ["date_from", "date_to"],
        )
        lost = defaultdict(float)
        for leave in leaves:
            leave_from = pytz.utc.localize(leave.date_from).astimezone(tz)
            leave_to = pytz.utc.localize(leave.date_to).astimezone(tz)
            day = leave_from.date()
            while day <= leave_to.date():
                day_start = tz.localize(datetime.combine(day, time.min))
                day_end = day_start + timedelta(days=1)
                overlap = (min(leave_to, day_end) - max(leave_from, day_start)).total_seconds() / 3600
                lost[day] += max(overlap, 0.0)
                day += timedelta(days=1)
        closed, reduced = set(), {}
        for day, hours in lost.items():
            worked = weekday_hours.get(day.weekday(), 0.0)
            if not worked:
                continue
            # a leave of the whole day, or covering all of its working hours, closes it
            if hours >= 23.9 or hours >= worked:
                closed.add(day)
            else:
                reduced[day] = worked - hours
        return WorkCalendar(dict(weekday_hours), closed, reduced)
