# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .kpi_common import KpiCase

MON, TUE, WED, THU, FRI = (date(2026, 1, d) for d in range(5, 10))
NEXT_MON, NEXT_TUE, NEXT_WED = date(2026, 1, 12), date(2026, 1, 13), date(2026, 1, 14)


@tagged("post_install", "-at_install")
class TestKpiBaseline(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.design = cls._task("Design", planned_start_date=MON, planned_end_date=WED, duration_days=3,
                               allocated_hours=24)
        cls.build = cls._task("Build", planned_start_date=THU, planned_end_date=FRI, duration_days=2,
                              allocated_hours=16)

    def test_save_baseline_stores_every_task(self):
        """Save Baseline keeps each task's planned start, end, duration and hours under a name and
        date, as the project's current baseline."""
        self.project.with_user(self.manager).action_save_baseline()
        baseline = self.project.current_baseline_id
        self.assertEqual(baseline.name, "Baseline 1")
        self.assertTrue(baseline.is_current)
        self.assertEqual(baseline.task_count, 2)
        self.assertEqual(baseline.finish_date, FRI)
        line = baseline.line_ids.filtered(lambda line: line.task_id == self.design)
        self.assertEqual((line.planned_start_date, line.planned_end_date, line.duration_days, line.allocated_hours),
                         (MON, WED, 3, 24))

    def test_one_current_baseline_per_project(self):
        """A second save becomes the current baseline; making the first current again switches
        back; several baselines stay."""
        first_action = self.project.with_user(self.manager).action_save_baseline("Signed plan")
        self.assertEqual(first_action["tag"], "display_notification")
        first = self.project.current_baseline_id
        self.project.with_user(self.manager).action_save_baseline("Re-plan")
        second = self.project.current_baseline_id
        self.assertNotEqual(first, second)
        self.assertFalse(first.is_current)
        self.assertEqual(self.project.baseline_count, 2)
        first.with_user(self.manager).action_set_current()
        self.assertTrue(first.is_current)
        self.assertFalse(second.is_current)
        self.assertEqual(self.project.current_baseline_id, first)

    def test_variance_in_working_days(self):
        """Design moves from Mon-Wed to Wed-next Mon (a holiday on Thursday): start slip 2 working
        days, finish slip 2 (Wed → Fri, the holiday skipped, → Mon); 8 more hours; the task is
        'slipped'; Build, unchanged, is not; the project's finish slips 1 day (Fri → Mon)."""
        self.project.with_user(self.manager).action_save_baseline()
        self._holiday(THU)
        self.design.write({"planned_start_date": WED, "planned_end_date": NEXT_MON, "allocated_hours": 32})
        design = self.design.with_user(self.user)
        self.assertEqual(design.baseline_start_date, MON)
        self.assertEqual(design.baseline_end_date, WED)
        self.assertEqual(design.baseline_start_slip, 2)
        self.assertEqual(design.baseline_finish_slip, 2)
        self.assertEqual(design.baseline_hours_variance, 8)
        self.assertTrue(design.baseline_slipped)
        self.assertFalse(self.build.baseline_slipped)
        self.assertEqual(self.build.baseline_finish_slip, 0)
        slipped = self.env["project.task"].with_user(self.user).search(
            [("project_id", "=", self.project.id), ("baseline_slipped", "=", True)])
        self.assertEqual(slipped, self.design)
        not_slipped = self.env["project.task"].search(
            [("project_id", "=", self.project.id), ("baseline_slipped", "=", False)])
        self.assertEqual(not_slipped, self.build)
        self.assertEqual(self.project.with_user(self.user).baseline_finish_slip, 1)

    def test_task_earlier_than_baseline(self):
        """A task planned earlier than its baseline has a negative slip and is not slipped."""
        self.project.with_user(self.manager).action_save_baseline()
        self.build.write({"planned_start_date": TUE, "planned_end_date": WED})
        self.assertEqual(self.build.baseline_start_slip, -2)
        self.assertEqual(self.build.baseline_finish_slip, -2)
        self.assertFalse(self.build.baseline_slipped)

    def test_no_baseline_no_variance(self):
        """Without a baseline the variance fields are empty and no task is slipped."""
        self.assertFalse(self.design.baseline_end_date)
        self.assertEqual(self.design.baseline_finish_slip, 0)
        self.assertFalse(self.env["project.task"].search_count([("baseline_slipped", "=", True),
                                                               ("project_id", "=", self.project.id)]))

    def test_access(self):
        """A project user reads the baselines and the variances of the projects they see but cannot
        save one; an outsider does not see the baselines of a followers-only project; portal users
        see nothing."""
        with self.assertRaises(AccessError):
            self.project.with_user(self.user).action_save_baseline()
        self.project.with_user(self.manager).action_save_baseline()
        self.secret.with_user(self.manager).action_save_baseline()
        Baseline = self.env["project.task.baseline"]
        mine = [("project_id", "in", (self.project | self.secret).ids)]
        self.assertEqual(Baseline.with_user(self.user).search(mine).project_id, self.project)
        with self.assertRaises(AccessError):
            self.secret.current_baseline_id.with_user(self.user).read(["name"])
        with self.assertRaises(AccessError):
            Baseline.with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.project.current_baseline_id.with_user(self.user).action_set_current()

    def test_bad_input(self):
        """An empty name is refused, naming the project; a baseline cannot change project."""
        with self.assertRaisesRegex(UserError, "Dependencies"):
            self.project.with_user(self.manager).action_save_baseline("   ")
        self.assertFalse(self.project.baseline_ids)
        self.project.with_user(self.manager).action_save_baseline()
        with self.assertRaises(UserError):
            self.project.current_baseline_id.write({"project_id": self.secret.id})

    def test_gantt_ghost_bars(self):
        """The Gantt data carries the current baseline of the drawn tasks (its ghost bars)."""
        self.project.with_user(self.manager).action_save_baseline()
        self.design.write({"planned_start_date": TUE, "planned_end_date": THU})
        data = self.env["project.task"].with_user(self.user).get_gantt_data(
            [("project_id", "=", self.project.id)], date_start="2026-01-01", date_stop="2026-01-31")
        self.assertEqual(sorted(data["baselines"]), sorted([
            [self.design.id, "2026-01-05", "2026-01-07"], [self.build.id, "2026-01-08", "2026-01-09"]]))
        no_baseline = self.env["project.task"].get_gantt_data(
            [("project_id", "=", self.secret.id)], date_start="2026-01-01", date_stop="2026-01-31")
        self.assertEqual(no_baseline["baselines"], [])
