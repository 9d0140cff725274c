# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the resource load tests: a full-time and a part-time schedule (UTC), two project
users with employees in one department, a manager, a second company with its own employee."""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

PASSWORD = "load-user-pass-1"  # noqa: S105 (a test user's password)
MON = date(2027, 3, 1)  # a week in the future of the tests' "today" (see freeze_time)
WED = date(2027, 3, 3)
FRI = date(2027, 3, 5)
TODAY = "2027-02-15"


def _attendance(spec):
    return [Command.create({"name": f"{day} {start}", "dayofweek": str(day), "hour_from": start, "hour_to": stop,
                            "day_period": "morning" if start < 12 else "afternoon"})
            for day, intervals in spec.items() for start, stop in intervals]


class LoadCase:
    """Mixin of ``setUpClass`` fixtures (used with TransactionCase and HttpCase)."""

    @classmethod
    def setup_load(cls):
        env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.env = env
        cls.company = env.company
        cls.company2 = env["res.company"].create({"name": "Load Two Ltd"})
        Calendar = env["resource.calendar"]
        full = {d: [(8, 12), (13, 17)] for d in range(5)}
        part = {0: full[0], 1: full[1], 2: full[2], 3: [(8, 12)]}
        cls.cal_full = Calendar.create({"name": "Load full time", "tz": "UTC", "company_id": cls.company.id,
                                        "attendance_ids": _attendance(full)})
        cls.cal_part = Calendar.create({"name": "Load part time", "tz": "UTC", "company_id": cls.company.id,
                                        "attendance_ids": _attendance(part)})
        group_user = "project.group_project_user,hr_timesheet.group_hr_timesheet_user"
        cls.ann = new_test_user(env, "load_ann", groups=group_user, name="Load Ann", password=PASSWORD, tz="UTC")
        cls.ben = new_test_user(env, "load_ben", groups=group_user, name="Load Ben", password=PASSWORD, tz="UTC")
        cls.mgr = new_test_user(env, "load_mgr", groups="project.group_project_manager", name="Load Mgr",
                                password=PASSWORD, company_ids=[Command.set((cls.company | cls.company2).ids)])
        cls.plain = new_test_user(env, "load_plain", groups="base.group_user", name="Load Plain", password=PASSWORD)
        cls.portal = new_test_user(env, "load_portal", groups="base.group_portal", name="Load Portal",
                                   password=PASSWORD)
        cls.department = env["hr.department"].create({"name": "Load Engineering", "company_id": cls.company.id})
        Employee = env["hr.employee"]
        cls.ann_emp = Employee.create({"name": "Load Ann", "user_id": cls.ann.id, "department_id": cls.department.id,
                                       "resource_calendar_id": cls.cal_full.id, "tz": "UTC"})
        cls.ben_emp = Employee.create({"name": "Load Ben", "user_id": cls.ben.id, "department_id": cls.department.id,
                                       "resource_calendar_id": cls.cal_part.id, "tz": "UTC"})
        cls.far_emp = Employee.create({"name": "Load Far", "company_id": cls.company2.id,
                                       "department_id": cls.department.id, "tz": "UTC"})
        # Ann's Wednesday off, and a public holiday on the full-time schedule on Friday
        env["resource.calendar.leaves"].create([
            {"name": "Ann's day off", "resource_id": cls.ann_emp.resource_id.id, "calendar_id": cls.cal_full.id,
             "date_from": datetime(2027, 3, 3, 0, 0), "date_to": datetime(2027, 3, 3, 23, 59, 59),
             "time_type": "leave"},
            {"name": "Load holiday", "calendar_id": cls.cal_full.id,
             "date_from": datetime(2027, 3, 5, 0, 0), "date_to": datetime(2027, 3, 5, 23, 59, 59),
             "time_type": "leave"},
        ])
        cls.project = env["project.project"].create({
            "name": "Load project", "schedule_mode": "manual", "privacy_visibility": "employees",
            "allow_timesheets": True})

    @classmethod
    def task(cls, name, hours, users, start=MON, end=FRI, **vals):
        return cls.env["project.task"].create({
            "name": name, "project_id": vals.pop("project_id", cls.project.id), "allocated_hours": hours,
            "user_ids": [Command.set(users.ids)], "planned_start_date": start, "planned_end_date": end, **vals})

    def overloaded_paula(self):
        """Tour Paula (full time, UTC) with 48 h next week: "Tour integration", 40 h Monday to
        Friday (critical), and "Tour review", 8 h on Friday. Returns (Monday, Friday, review)."""
        today = fields.Date.context_today(self.env.user)
        monday = today + timedelta(days=7 - today.weekday())
        calendar = self.env["resource.calendar"].create({
            "name": "Tour full time", "tz": "UTC",
            "attendance_ids": _attendance({d: [(8, 12), (13, 17)] for d in range(5)})})
        paula = self.env["res.users"].create({
            "name": "Tour Paula", "login": "tour_paula", "groups_id": [Command.link(self.env.ref(
                "project.group_project_user").id)]})
        self.env["hr.employee"].create({"name": "Tour Paula", "user_id": paula.id, "tz": "UTC",
                                        "resource_calendar_id": calendar.id, "department_id": self.department.id})
        project = self.env["project.project"].create({"name": "Tour load", "schedule_mode": "manual"})
        friday = monday + timedelta(days=4)
        self.task("Tour integration", 40, paula, monday, friday, project_id=project.id).write(
            {"is_critical": True})
        review = self.task("Tour review", 8, paula, friday, friday, project_id=project.id)
        return monday, friday, review
