# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .kpi_common import KpiCase

DAY = {d: date(2027, 3, d) for d in range(1, 32)}


class EvmCase(KpiCase):
    """The worked example: Ann costs 50 an hour. Baseline: Spec 10 h Mon 1st-Tue 2nd (done, 12 h
    logged), Build 10 h Wed 3rd-Fri 5th (2 h logged on the 3rd), Test 20 h Mon 8th-Fri 12th (5 h
    logged on the 10th)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create({"name": "Ann Assignee", "user_id": cls.ann.id,
                                                      "hourly_cost": 50.0})

        def task(name, hours, start, end, logged=()):
            record = cls._task(name, allocated_hours=hours, planned_start_date=DAY[start], planned_end_date=DAY[end],
                               user_ids=[(6, 0, cls.ann.ids)])
            for day, amount in logged:
                cls.env["account.analytic.line"].create({
                    "name": name, "project_id": cls.project.id, "task_id": record.id,
                    "employee_id": cls.employee.id, "unit_amount": amount, "date": DAY[day]})
            return record

        cls.spec = task("Spec", 10, 1, 2, [(2, 12)])
        cls.build = task("Build", 10, 3, 5, [(3, 2)])
        cls.test = task("Test", 20, 8, 12, [(10, 5)])
        cls.project.with_user(cls.manager).action_save_baseline()
        cls.spec.state = "1_done"


@tagged("post_install", "-at_install")
@freeze_time("2027-03-03 12:00:00")
class TestKpiEarnedValue(EvmCase):
    """Status date Wednesday March 3rd 2027 (the Test's 5 h of the 10th are after it)."""

    def test_earned_value_in_hours(self):
        """BAC 40 h; PV = 10 + 10 × 1/3 (one of Build's three days) = 13.33 h; EV = 10 (Spec done) +
        2 (Build's hours) = 12 h; AC = 14 h (the 10th is after the status date); CPI = 12 / 14 =
        0.857, SPI = 12 / 13.33 = 0.9, CV = -2 h, SV = -1.33 h, EAC = 40 / 0.857 = 46.67 h."""
        result = self.project.with_user(self.user).get_earned_value()
        self.assertEqual(result["status_date"], "2027-03-03")
        hours = result["hours"]
        self.assertEqual(hours["bac"], 40)
        self.assertAlmostEqual(hours["pv"], 40 / 3)
        self.assertAlmostEqual(hours["ev"], 12)
        self.assertEqual(hours["ac"], 14)
        self.assertAlmostEqual(hours["cpi"], 12 / 14)
        self.assertAlmostEqual(hours["spi"], 0.9)
        self.assertAlmostEqual(hours["cv"], -2)
        self.assertAlmostEqual(hours["sv"], 12 - 40 / 3)
        self.assertAlmostEqual(hours["eac"], 40 * 14 / 12)
        self.assertFalse(result["money"], "a project user sees no cost figures")

    def test_cost_figures_for_administrators(self):
        """The project administrator also gets money: BAC = 40 h × 50 = 2,000, AC = 14 h × 50 = 700,
        EV = 600, PV = 666.67; a budget set on the project replaces the BAC."""
        money = self.project.with_user(self.manager).get_earned_value()["money"]
        self.assertAlmostEqual(money["bac"], 2000)
        self.assertAlmostEqual(money["ac"], 700)
        self.assertAlmostEqual(money["ev"], 600)
        self.assertAlmostEqual(money["pv"], 2000 / 3)
        self.project.with_user(self.manager).evm_budget = 3000
        self.assertAlmostEqual(self.project.with_user(self.manager).get_earned_value()["money"]["bac"], 3000)
        with self.assertRaises(AccessError):
            self.project.with_user(self.user).read(["evm_budget"])

    def test_progress_from_done_tasks(self):
        """Percent complete from done tasks only: EV = 10 h (Spec)."""
        self.project.evm_progress_method = "tasks"
        self.assertAlmostEqual(self.project.get_earned_value()["hours"]["ev"], 10)

    def test_later_status_date_and_bad_input(self):
        """On Friday 12th everything was planned: PV = BAC, and AC counts the 10th; a status date
        that is not a date and a negative budget are refused; other users' projects too."""
        hours = self.project.get_earned_value("2027-03-12")["hours"]
        self.assertEqual(hours["pv"], 40)
        self.assertEqual(hours["ac"], 19)
        with self.assertRaisesRegex(UserError, "not a date"):
            self.project.get_earned_value("tomorrow")
        with self.assertRaises(ValidationError):
            self.project.evm_budget = -1
        with self.assertRaises(AccessError):
            self.secret.with_user(self.user).get_earned_value()
