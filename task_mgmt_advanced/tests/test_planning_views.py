# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the planning screens show (issue 11, must-have 6): behind-plan tasks, planned working
days, the calendar's colours and the titles of the actions."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TaskMgmtCase


@tagged("post_install", "-at_install")
class TestPlanningViews(TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # dates set by hand stay as they are (an automatic project would plan them)
        cls.project = cls.project.copy({"name": "Planning (manual)", "schedule_mode": "manual"})

    def test_behind_plan_flag_and_search(self):
        """An open task whose planned end has passed is behind plan; a done one, or one ending
        today or later, is not; the search finds exactly the behind ones, both ways."""
        today = fields.Date.context_today(self.env["project.task"])
        late = self._task("Late", planned_start_date=today - timedelta(days=20),
                          planned_end_date=today - timedelta(days=10))
        done = self._task("Done late", planned_start_date=today - timedelta(days=20),
                          planned_end_date=today - timedelta(days=10), state="1_done")
        current = self._task("Current", planned_start_date=today - timedelta(days=3), planned_end_date=today)
        unplanned = self._task("Unplanned")
        tasks = late | done | current | unplanned
        self.assertEqual(tasks.filtered("is_behind_plan"), late)
        Task = self.env["project.task"]
        self.assertEqual(Task.search([("id", "in", tasks.ids), ("is_behind_plan", "=", True)]), late)
        self.assertEqual(Task.search([("id", "in", tasks.ids), ("is_behind_plan", "=", False)]),
                         done | current | unplanned)
        self.assertEqual(Task.search([("id", "in", tasks.ids), ("is_behind_plan", "!=", True)]),
                         done | current | unplanned)
        with self.assertRaisesRegex(UserError, "Behind Plan"):
            Task.search([("is_behind_plan", "in", [True])])

    def test_planned_working_days_follow_the_calendar(self):
        """Two weeks Monday to Friday of the next fortnight are 10 working days, minus a holiday;
        a task without a plan has 0 (not its 'from hours' duration)."""
        monday = date(2026, 3, 2)
        task = self._task("Two weeks", planned_start_date=monday, planned_end_date=monday + timedelta(days=11))
        self.assertEqual(task.planned_working_days, 10)
        self._holiday(monday + timedelta(days=2))
        task.invalidate_recordset(["planned_working_days"])
        self.assertEqual(task.planned_working_days, 9)
        self.assertEqual(self._task("No plan", allocated_hours=40).planned_working_days, 0)

    def test_calendar_colours(self):
        """Critical red (1), behind plan orange (2), on track blue (4), closed grey (0)."""
        today = fields.Date.context_today(self.env["project.task"])
        on_track = self._task("On track", planned_start_date=today, planned_end_date=today + timedelta(days=5))
        behind = self._task("Behind", planned_start_date=today - timedelta(days=9),
                            planned_end_date=today - timedelta(days=2))
        closed = self._task("Closed", state="1_canceled")
        critical = self._task("Critical", planned_start_date=today, planned_end_date=today + timedelta(days=2))
        self.env.cr.execute("UPDATE project_task SET is_critical = true WHERE id = %s", [critical.id])
        critical.invalidate_recordset(["is_critical"])
        self.assertEqual([t.planning_color for t in (critical, behind, on_track, closed)], [1, 2, 4, 0])

    def test_critical_tasks_action_is_titled_as_such(self):
        """The project's Critical Tasks button opens a list titled after it, with the planning
        columns (planned start/end, working days, float, critical) shown by default."""
        action = self.project.action_view_critical_tasks()
        self.assertIn("Critical Tasks", action["name"])
        self.assertIn(self.project.name, action["name"])
        list_view = self.env.ref("task_mgmt_advanced.project_task_view_list_planning")
        self.assertIn((list_view.id, "list"), [tuple(v) for v in action["views"]])
        arch = self.env["project.task"].get_views([(list_view.id, "list")])["views"]["list"]["arch"]
        for fname in ("planned_start_date", "planned_end_date", "planned_working_days",
                      "total_float_days", "is_critical"):
            self.assertRegex(arch, rf'name="{fname}"(?![^>]*optional="hide")', fname)

    def test_project_dashboard_and_kanban_figures(self):
        """The project's dashboard panel (Odoo's stat buttons) and kanban card show our figures:
        open critical tasks, behind-plan tasks, pending approvals and RACI issues."""
        today = fields.Date.context_today(self.env["project.task"])
        self._task("Behind", planned_start_date=today - timedelta(days=9), planned_end_date=today - timedelta(days=2))
        self.assertEqual(self.project.behind_plan_task_count, 1)
        self.assertEqual(self.project.pending_approval_count, 0)
        every = self.project.with_user(self.manager)._get_stat_buttons()
        # the side panel keys its buttons by sequence (OWL t-foreach): no two may share one
        self.assertEqual(len({b["sequence"] for b in every}), len(every))
        buttons = {b["action"]: b for b in every}
        self.assertEqual(buttons["action_view_behind_plan_tasks"]["number"], 1)
        self.assertTrue(buttons["action_view_behind_plan_tasks"]["show"])
        self.assertFalse(buttons["action_view_pending_approvals"]["show"])
        action = self.project.action_view_behind_plan_tasks()
        self.assertEqual(action["context"]["search_default_behind_plan"], 1)
        self.assertEqual(self.project.action_view_pending_approvals()["domain"], [("project_id", "=", self.project.id)])
        views = self.env["project.project"].with_user(self.manager).get_views([(False, "kanban")])
        arch = views["views"]["kanban"]["arch"]
        self.assertIn("o_task_mgmt_project_figures", arch)
