# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The utilisation report (issue #15): pivot numbers on a hand-computed month (March 2027, the
1st is a Monday) equal to get_utilisation's, freshness of the stored capacity, and access."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .kpi_common import KpiCase

TODAY = "2027-05-03"
MEASURES = ["hours:sum", "capacity_hours:sum", "utilisation:sum"]


@tagged("post_install", "-at_install")
class TestKpiUtilisationReport(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep = cls.env["hr.department"].create({"name": "Utilisation X", "company_id": cls.company.id})
        # part time: 8 h Monday to Wednesday, Thursday morning (4 h), Friday off: 28 h a week
        cls.part_time = cls.env["resource.calendar"].create({
            "name": "Part time (util)", "tz": "UTC", "company_id": cls.company.id,
            "attendance_ids": [
                (0, 0, {"name": f"{d} {period}", "dayofweek": str(d), "hour_from": start, "hour_to": end,
                        "day_period": period})
                for d in range(4)
                for start, end, period in ((8, 12, "morning"), (13, 17, "afternoon"))
                if d < 3 or period == "morning"
            ],
        })
        cls.dana = new_test_user(cls.env, "util_dana", groups="project.group_project_user", name="Dana Part")
        cls.eve = new_test_user(cls.env, "util_eve", groups="project.group_project_user", name="Eve Full")
        cls.hr_officer = new_test_user(cls.env, "util_hr", groups="hr.group_hr_user", name="Hal HR")
        Employee = cls.env["hr.employee"]
        cls.dana_emp = Employee.create({"name": "Dana Part", "user_id": cls.dana.id, "department_id": cls.dep.id,
                                        "company_id": cls.company.id, "resource_calendar_id": cls.part_time.id,
                                        "tz": "UTC"})
        cls.eve_emp = Employee.create({"name": "Eve Full", "user_id": cls.eve.id, "department_id": cls.dep.id,
                                       "company_id": cls.company.id, "resource_calendar_id": False, "tz": "UTC"})
        cls.employees = cls.dana_emp | cls.eve_emp
        Leave = cls.env["resource.calendar.leaves"]
        # Dana off Tuesday 9 March; a public holiday of the company on Wednesday 17 March
        cls.dana_off = Leave.create({
            "name": "Dana off", "resource_id": cls.dana_emp.resource_id.id, "calendar_id": cls.part_time.id,
            "date_from": datetime(2027, 3, 9), "date_to": datetime(2027, 3, 9, 23, 59, 59), "time_type": "leave"})
        Leave.create({"name": "Holiday (util)", "company_id": cls.company.id,
                      "date_from": datetime(2027, 3, 17), "date_to": datetime(2027, 3, 17, 23, 59, 59)})
        for employee, day, hours in ((cls.dana_emp, 1, 6), (cls.dana_emp, 2, 8), (cls.dana_emp, 10, 4),
                                     (cls.dana_emp, 17, 2), (cls.dana_emp, 31, 3),
                                     (cls.eve_emp, 3, 7), (cls.eve_emp, 8, 8)):
            cls.env["account.analytic.line"].create({
                "name": "Work", "project_id": cls.project.id, "employee_id": employee.id, "unit_amount": hours,
                "date": date(2027, 3, day)})
        # the pivot's weeks start on the language's first day of the week: Monday, as ISO weeks
        cls.env["res.lang"]._lang_get("en_US").week_start = "1"
        cls.Report = cls.env["task_mgmt.report.utilisation"]
        cls.Load = cls.env["task_mgmt.resource.load"]

    def _open(self, user=None):
        """Open the report as the menu does (the capacity refreshed) as ``user`` (the manager)."""
        with freeze_time(TODAY):
            action = self.Report.with_user(user or self.manager).action_open_utilisation()
        self.assertEqual(action["res_model"], "task_mgmt.report.utilisation")

    def _pivot(self, groupby, first, last, user=None, employees=None):
        employees = self.employees if employees is None else employees
        domain = [("employee_id", "in", employees.ids), ("date", ">=", first), ("date", "<=", last)]
        user = user or self.manager
        return self.Report.with_user(user).with_context(**user.env.context)._read_group(domain, groupby, MEASURES)

    def _march(self, employees=None):
        [(hours, capacity, utilisation)] = self._pivot([], date(2027, 3, 1), date(2027, 3, 31), employees=employees)
        return hours, capacity, round(utilisation, 4)

    def test_pivot_by_week_and_month(self):
        """Dana (28 h a week) in March: 28 + 20 (off the 9th) + 20 (holiday the 17th) + 28 +
        24 (29th-31st) = 120 h, 23 h logged = 19.17 %; per ISO week 14/28, 4/20, 2/20, 0/28 and
        3/28 (29 March - 4 April: Thursday 1st April's 4 h). Eve (company calendar, 8 h a day):
        23 days - the holiday = 176 h, 15 h = 8.52 %. The department: 38/296 = 12.84 %."""
        self._open()
        weeks = {(start, employee): (hours, capacity, round(utilisation or 0, 4)) for start, employee, hours, capacity,
                 utilisation in self._pivot(["date:week", "employee_id"], date(2027, 3, 1), date(2027, 4, 4))}
        self.assertEqual({start: value for (start, employee), value in weeks.items() if employee == self.dana_emp}, {
            date(2027, 3, 1): (14.0, 28.0, 50.0), date(2027, 3, 8): (4.0, 20.0, 20.0),
            date(2027, 3, 15): (2.0, 20.0, 10.0), date(2027, 3, 22): (0.0, 28.0, 0.0),
            date(2027, 3, 29): (3.0, 28.0, 10.7143)})
        months = {employee: (hours, capacity, round(utilisation, 4)) for employee, hours, capacity, utilisation
                  in self._pivot(["employee_id"], date(2027, 3, 1), date(2027, 3, 31))}
        self.assertEqual(months, {self.dana_emp: (23.0, 120.0, 19.1667), self.eve_emp: (15.0, 176.0, 8.5227)})
        [(department, hours, capacity, utilisation)] = self._pivot(["department_id"], date(2027, 3, 1),
                                                                   date(2027, 3, 31))
        self.assertEqual((department, hours, capacity, round(utilisation, 4)), (self.dep, 38.0, 296.0, 12.8378))

    def test_pivot_equals_get_utilisation(self):
        """Per week (1 March - 2 May) and per month (March, April), employee and department, the
        pivot's sums and ratio are get_utilisation's."""
        self._open()
        for period, first, last in (("week", date(2027, 3, 1), date(2027, 5, 2)),
                                    ("month", date(2027, 3, 1), date(2027, 4, 30))):
            for groupby, field in (("employee", "employee_id"), ("department", "department_id")):
                with freeze_time(TODAY):
                    expected = self.Load.with_user(self.manager).get_utilisation(
                        period, str(first), str(last), groupby, employee_ids=self.employees.ids)
                got = {(start.isoformat(), group.id): (round(hours, 2), round(capacity, 2), utilisation)
                       for start, group, hours, capacity, utilisation
                       in self._pivot([f"date:{period}", field], first, last)}
                self.assertEqual(len(got), len(expected), (period, groupby))
                for row in expected:
                    hours, capacity, utilisation = got[row["period"], row["group"][0]]
                    self.assertEqual((hours, capacity), (row["hours"], row["capacity"]), (period, groupby, row))
                    if row["utilisation"] is None:
                        self.assertIsNone(utilisation)
                    else:
                        self.assertAlmostEqual(utilisation, row["utilisation"], places=3)

    def test_staleness(self):
        """Stored, the capacity changes only on refresh: Dana's Thursday becomes 8-16 (+4 h on
        the 4 Thursdays of March: 136 h), Eve takes Monday 22 March off (168 h), Dana's day off is
        deleted (+8 h: 144 h), a holiday of the company's calendar on the 24th (Eve: 160 h, Dana on her
        own calendar keeps 144 h); a later day extends the range."""
        self._open()
        self.assertEqual(self._march(self.dana_emp), (23.0, 120.0, 19.1667))
        thursday = self.part_time.attendance_ids.filtered(lambda a: a.dayofweek == "3")
        thursday.hour_to = 16
        self.env["resource.calendar.leaves"].create({
            "name": "Eve off", "resource_id": self.eve_emp.resource_id.id, "time_type": "leave",
            "date_from": datetime(2027, 3, 22), "date_to": datetime(2027, 3, 22, 23, 59, 59)})
        self.assertEqual(self._march(self.dana_emp)[1], 120.0, "stored: unchanged until refreshed")
        self._open()
        self.assertEqual(self._march(self.dana_emp)[1], 136.0)
        self.assertEqual(self._march(self.eve_emp)[1], 168.0)
        self.dana_off.unlink()
        self._open()
        self.assertEqual(self._march(self.dana_emp)[1], 144.0)
        # a public holiday of the company's calendar on Wednesday 24 March: both lose 8 h
        self.env["resource.calendar.leaves"].create({
            "name": "Holiday 24 (util)", "calendar_id": self.calendar.id, "company_id": self.company.id,
            "date_from": datetime(2027, 3, 24), "date_to": datetime(2027, 3, 24, 23, 59, 59)})
        self._open()
        self.assertEqual((self._march(self.dana_emp)[1], self._march(self.eve_emp)[1]), (144.0, 160.0),
                         "a holiday of the company's calendar: Eve's, not Dana's (her own calendar)")
        Capacity = self.env["task_mgmt.capacity.day"]
        self.assertFalse(Capacity.search_count([("employee_id", "=", self.eve_emp.id), ("date", ">", TODAY)]))
        with freeze_time("2027-05-05"):
            self.assertEqual(Capacity._refresh(), len(self.env["hr.employee"].search([])),
                             "every employee extended by the new days")
        self.assertEqual(Capacity.search([("employee_id", "=", self.eve_emp.id), ("date", ">", TODAY)]).mapped("hours"),
                         [8.0, 8.0])
        self.assertEqual(self._march(self.dana_emp)[1], 144.0)
        with freeze_time("2027-05-05"):
            self.assertEqual(Capacity._refresh(), 0, "nothing changed: nothing recomputed")

    def test_access(self):
        """Dana (project user) sees her own rows only, a project user without employee none, the
        HR officer and the project administrator everyone of the selected companies; a portal
        user cannot open the report nor read it."""
        other = self.env["res.company"].create({"name": "Other (util)"})
        far = self.env["hr.employee"].create({"name": "Far Away", "company_id": other.id, "tz": "UTC"})
        self.manager.company_ids |= other
        self._open()
        rows = self._pivot(["employee_id"], date(2027, 3, 1), date(2027, 3, 31), self.dana,
                           self.employees | far)
        self.assertEqual([row[0] for row in rows], [self.dana_emp])
        self.assertFalse(self.Report.with_user(self.dana).search_count([("employee_id", "!=", self.dana_emp.id)]))
        self.assertFalse(self.Report.with_user(self.user).search_count([]))
        for who in (self.hr_officer, self.manager):
            who = who.with_context(allowed_company_ids=[self.company.id])  # the company switcher's selection
            rows = self._pivot(["employee_id"], date(2027, 3, 1), date(2027, 3, 31), who, self.employees | far)
            self.assertEqual({row[0] for row in rows}, set(self.employees), who.name)
        both = self.Report.with_user(self.manager).with_context(allowed_company_ids=[self.company.id, other.id])
        self.assertTrue(both.search_count([("employee_id", "=", far.id)]), "the other company when selected")
        self._open(self.dana)  # a project user may open it (the refresh is the system's)
        with self.assertRaises(AccessError):
            self.Report.with_user(self.portal).action_open_utilisation()
        with self.assertRaises(AccessError):
            self.Report.with_user(self.portal).search_count([])
