# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import Form, tagged

from .common import TaskMgmtCase

D = {day: date(2026, 1, day) for day in range(1, 32)}


@tagged("post_install", "-at_install")
class TestMilestoneTask(TaskMgmtCase):
    """A task flagged as a milestone is scheduled as a point: no duration, start = end."""

    def test_milestone_scheduled_as_a_point_between_its_links(self):
        """A (3 days) → milestone M (16 h, 4 days set, flagged) → B: M sits on Thursday 8 with
        start = end, B starts the same day; unflagged, M takes its 4 days again and B follows."""
        self.project.schedule_mode = "auto"
        a = self._task("A", duration_days=3)
        m = self._task("M", duration_days=4, allocated_hours=16, is_milestone=True)
        b = self._task("B", duration_days=1)
        self._link(a, m)
        self._link(m, b)
        # A: Mon 5 .. Wed 7; M at the start of the next working day, a point; B from there
        self.assertEqual((m.planned_start_date, m.planned_end_date), (D[8], D[8]))
        self.assertEqual((m.late_start_date, m.late_end_date), (D[8], D[8]))
        self.assertTrue(m.is_critical)
        self.assertEqual((b.planned_start_date, b.planned_end_date), (D[8], D[8]))
        m.is_milestone = False
        self.assertEqual((m.planned_start_date, m.planned_end_date), (D[8], D[13]))
        self.assertEqual(b.planned_start_date, D[14])

    def test_unlinked_and_manual_milestones(self):
        """A new milestone without links in an automatic project is placed at the project's
        start as a point; in a manual project one given a start ends the same day."""
        self.project.schedule_mode = "auto"
        self._task("Work", duration_days=5)
        gate = self._task("Gate", allocated_hours=24, is_milestone=True)
        self.assertEqual((gate.planned_start_date, gate.planned_end_date), (D[5], D[5]))
        self.assertEqual(gate.total_float_days, 5, "a point at the start of a five-day project")
        self.project.schedule_mode = "manual"
        review = self._task("Review", allocated_hours=24, is_milestone=True, planned_start_date=D[14])
        self.assertEqual((review.planned_start_date, review.planned_end_date), (D[14], D[14]))

    def test_milestone_checkbox_on_the_task_form(self):
        """The planning tab of the task form offers the milestone checkbox."""
        task = self._task("Sign-off", duration_days=2)
        with Form(task) as form:
            form.is_milestone = True
        self.assertTrue(task.is_milestone)
        self.assertEqual(task.planned_start_date, task.planned_end_date)
