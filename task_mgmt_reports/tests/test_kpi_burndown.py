# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .kpi_common import KpiCase

DAY = {d: date(2027, 3, d) for d in range(1, 32)}


@tagged("post_install", "-at_install")
@freeze_time("2027-03-03 12:00:00")
class TestKpiBurndown(KpiCase):
    """The burndown of test_engine_kpi.py as real tasks: 8 h done on the 2nd (planned the 2nd),
    4 h done on the 3rd (planned the 4th), 8 h open (planned the 5th), 2 h added on the 3rd
    without a planned end, and a cancelled task that counts for nothing; today is the 3rd."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def task(name, hours, created, planned_end=None, done=None, state=None):
            record = cls._task(name, allocated_hours=hours, planned_start_date=planned_end,
                               planned_end_date=planned_end)
            if state:
                record.state = state
            cls._set_dates(record, create_date=datetime(2027, 3, created, 9),
                           kpi_done_date=done and datetime(2027, 3, done, 17))
            return record

        cls.t1 = task("Analysis", 8, 1, DAY[2], done=2, state="1_done")
        cls.t2 = task("Design", 4, 1, DAY[4], done=3, state="1_done")
        cls.t3 = task("Build", 8, 1, DAY[5])
        cls.t4 = task("Extra", 2, 3)
        cls.cancelled = task("Dropped", 40, 1, DAY[3], state="1_canceled")

    def test_burndown_in_hours(self):
        """Scope 20, 20, 22 (2 h added), 22, 22; remaining 20, 12, 10; ideal 22, 14, 14, 10, 0;
        forecast from 12 h done in the last 14 days (0.86 h a day): 10, 9.14, 8.29."""
        series = self.project.with_user(self.user).get_burndown("hours", "2027-03-01", "2027-03-05")
        self.assertEqual(series["days"][0], "2027-03-01")
        self.assertEqual(series["scope"], [20, 20, 22, 22, 22])
        self.assertEqual(series["remaining"], [20, 12, 10, None, None])
        self.assertEqual(series["ideal"], [22, 14, 14, 10, 0])
        self.assertEqual(series["forecast"], [None, None, 10, 9.14, 8.29])
        self.assertEqual(series["pace"], 0.86)

    def test_burndown_in_tasks(self):
        """In tasks: scope 3, 3, 4, 4, 4; remaining 3, 2, 2."""
        series = self.project.with_user(self.user).get_burndown("tasks", "2027-03-01", "2027-03-05")
        self.assertEqual(series["scope"], [3, 3, 4, 4, 4])
        self.assertEqual(series["remaining"], [3, 2, 2, None, None])

    def test_ideal_line_from_the_current_baseline(self):
        """Build slips to the 8th after the baseline was saved: the ideal line still follows the
        baseline (0 on the 5th), while without a baseline it follows the plan (8 h left on the 5th)."""
        self.t3.write({"planned_start_date": DAY[8], "planned_end_date": DAY[8]})
        self.assertEqual(self.project.get_burndown("hours", "2027-03-01", "2027-03-05")["ideal"][-1], 8)
        self.t3.write({"planned_start_date": DAY[5], "planned_end_date": DAY[5]})
        self.project.with_user(self.manager).action_save_baseline()
        self.t3.write({"planned_start_date": DAY[8], "planned_end_date": DAY[8]})
        series = self.project.get_burndown("hours", "2027-03-01", "2027-03-05")
        self.assertEqual(series["ideal"], [22, 14, 14, 10, 0])
        self.assertEqual(series["baseline"], "Baseline 1")

    def test_default_period(self):
        """Without dates the burndown runs from the first task's creation to the last planned end."""
        series = self.project.get_burndown()
        self.assertEqual((series["days"][0], series["days"][-1]), ("2027-03-01", "2027-03-05"))

    def test_cockpit_data(self):
        """The cockpit of a project user: both burndowns, KPI cards of this and the last month,
        the baseline slip and the slipped tasks."""
        self.project.with_user(self.manager).action_save_baseline("Plan")
        self.t3.write({"planned_start_date": DAY[8], "planned_end_date": DAY[9]})
        data = self.project.with_user(self.user).get_cockpit_data("month")
        self.assertEqual(data["bounds"]["current"], ["2027-03-01", "2027-03-31"])
        self.assertEqual(data["bounds"]["previous"], ["2027-02-01", "2027-02-28"])
        self.assertEqual(data["kpis"]["current"]["throughput"], 2)
        self.assertEqual(data["burndown"]["tasks"]["remaining"][:3], [3, 2, 2])
        self.assertEqual(data["baseline"]["name"], "Plan")
        self.assertEqual(data["baseline"]["finish_slip"], 2)  # Friday 5th → Tuesday 9th
        self.assertEqual([(t["name"], t["slip"]) for t in data["slipped"]], [("Build", 2)])

    def test_access_and_bad_input(self):
        """Projects the user cannot read are refused; units, dates and periods are checked; one
        project at a time."""
        with self.assertRaises(AccessError):
            self.secret.with_user(self.user).get_burndown()
        with self.assertRaises(AccessError):
            self.project.with_user(self.portal).get_cockpit_data()
        project = self.project.with_user(self.user)
        with self.assertRaisesRegex(UserError, "points"):
            project.get_burndown("points")
        with self.assertRaisesRegex(UserError, "before it starts"):
            project.get_burndown("hours", "2027-03-05", "2027-03-01")
        with self.assertRaisesRegex(UserError, "not a date"):
            project.get_burndown("hours", "soon")
        with self.assertRaisesRegex(UserError, "milestone"):
            project.get_burndown("hours", milestone_id="1")
        with self.assertRaisesRegex(UserError, "year"):
            project.get_cockpit_data("year")
        with self.assertRaisesRegex(UserError, "one project"):
            (self.project | self.secret).get_cockpit_data()

    def test_before_after_go_live(self):
        """Go-live on the 3rd (today): the day before (Analysis done) against the day itself
        (Design done): throughput 1 → 1, no change; without a go-live date, no comparison."""
        self.env["ir.config_parameter"].set_param("task_mgmt_reports.go_live_date", False)
        self.assertFalse(self.project.get_cockpit_data()["before_after"])
        self.env["ir.config_parameter"].set_param("task_mgmt_reports.go_live_date", "2027-03-03")
        before_after = self.project.with_user(self.user).get_cockpit_data()["before_after"]
        self.assertEqual((before_after["before"], before_after["after"]),
                         (["2027-03-02", "2027-03-02"], ["2027-03-03", "2027-03-03"]))
        self.assertEqual(before_after["kpis"]["throughput"], {"before": 1, "after": 1, "change": 0.0, "better": None})
        self.env["ir.config_parameter"].set_param("task_mgmt_reports.go_live_date", "2027-04-01")
        self.assertFalse(self.project.get_cockpit_data()["before_after"], "a go-live in the future compares nothing")

    def test_go_live_date_in_settings(self):
        """The Settings screen opens, saves the go-live date as the parameter the cockpit reads,
        and shows it again (Odoo's settings form breaks for every app when one of its fields
        cannot be stored)."""
        settings = Form(self.env["res.config.settings"])
        settings.task_mgmt_go_live_date = date(2027, 3, 3)
        settings.save().execute()  # the Save button
        self.assertEqual(self.env["ir.config_parameter"].get_param("task_mgmt_reports.go_live_date"), "2027-03-03")
        self.assertEqual(self.env["res.config.settings"].create({}).task_mgmt_go_live_date, date(2027, 3, 3))
        settings = Form(self.env["res.config.settings"])
        settings.task_mgmt_go_live_date = False
        settings.save().execute()
        self.assertFalse(self.env["ir.config_parameter"].get_param("task_mgmt_reports.go_live_date"))
