# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.task_mgmt_advanced.tests.test_tours import TourCase


@tagged("post_install", "-at_install")
class TestGanttTour(TourCase):
    """The Gantt chart of a project in a real browser (headless Chromium)."""

    def test_gantt_tour(self):
        """Drag A a week later: its FS successor B follows; a second drag is undone with Ctrl+Z;
        the arrow A → B clicked gets one day of lag; drag a link A → C: the arrow appears and C
        moves; a link C → A is refused (cycle) with the server's message and nothing moves; C's
        right edge dragged makes it longer; grouped by assignee B (two assignees) is drawn
        twice; month scale."""
        admin = self.env.ref("base.user_admin")
        planner = new_test_user(self.env, "tm_gantt_planner", groups="project.group_project_user",
                                name="Tour Planner")
        today = fields.Date.context_today(admin)
        monday = today - timedelta(days=today.weekday())
        project = self.env["project.project"].create({
            "name": "Tour: Gantt project", "allow_task_dependencies": True, "schedule_mode": "auto",
            "date_start": monday,
        })
        Task = self.env["project.task"]
        a = Task.create({"name": "Tour: A", "project_id": project.id, "duration_days": 3,
                         "user_ids": [Command.set(admin.ids)]})
        b = Task.create({"name": "Tour: B", "project_id": project.id, "duration_days": 2,
                         "user_ids": [Command.set((admin | planner).ids)]})
        c = Task.create({"name": "Tour: C", "project_id": project.id, "duration_days": 2,
                         "user_ids": [Command.set(planner.ids)]})
        self.env["project.task.dependency"].create({"predecessor_id": a.id, "successor_id": b.id})
        a_start = a.planned_start_date
        self.start_tour(
            f"/odoo/action-project.act_project_project_2_project_task_all?active_id={project.id}&view_type=gantt_tm",
            "task_mgmt_gantt_tour", login="admin",
        )
        (a | b | c).invalidate_recordset()
        self.assertEqual(a.planned_start_date, a_start + timedelta(days=7), "A dragged one week later")
        self.assertEqual(a.pinned_start_date, a.planned_start_date, "the dragged start is pinned")
        self.assertGreater(b.planned_start_date, a.planned_end_date, "B follows A")
        self.assertEqual(b.predecessor_link_ids.lag_days, 1, "lag set from the arrow's dialog")
        link = c.predecessor_link_ids
        self.assertEqual((link.predecessor_id, link.dependency_type), (a, "fs"), "the link drawn by dragging")
        self.assertGreater(c.planned_start_date, a.planned_end_date, "C follows A")
        self.assertFalse(a.predecessor_link_ids, "the cyclic link was refused")
        self.assertGreater(c.duration_days, 2, "C made longer by dragging its right edge")


@tagged("post_install", "-at_install")
class TestGanttUnitJs(TourCase):
    """Odoo's hoot runs the JS unit tests of the chart's date ↔ pixel and arrow routing code."""

    def test_gantt_scale_hoot(self):
        """All the hoot tests of the Gantt scale pass in headless Chromium."""
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            self.browser_js(
                "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&filter=task_mgmt_reports%20gantt",
                "", "", login="admin", timeout=600, success_signal="[HOOT] test suite succeeded",
                error_checker=lambda message: "[HOOT]" not in message
                or message == "[HOOT] test failed (see above for details)",
            )
