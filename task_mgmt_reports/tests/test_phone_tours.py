# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reports on a phone: Chromium emulating a 390 x 844 touch screen (issue #19)."""
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from .crm_common import won_deal
from .load_common import LoadCase


class PhoneTourCase(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def start_tour(self, url_path, tour_name, **kwargs):
        # Chromium may take long to start on a loaded machine (as the other tours)
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            return super().start_tour(url_path, tour_name, **kwargs)


@tagged("post_install", "-at_install")
class TestGanttPhoneTour(PhoneTourCase):
    def test_gantt_on_a_phone(self):
        """On a phone, the project's Gantt chart is this week's tasks with their bars: A's bar
        covers Monday to Wednesday; next week shows C (not A) and B going on; a swipe comes
        back; a tap opens A, whose dates the taps and the swipe left alone."""
        today = fields.Date.context_today(self.env.user)
        monday = today - timedelta(days=today.weekday())
        project = self.env["project.project"].create({
            "name": "Tour: phone Gantt", "allow_task_dependencies": True, "schedule_mode": "auto",
            "date_start": monday,
        })
        Task = self.env["project.task"]
        a, b, c = Task.create([
            {"name": f"Tour: phone {name}", "project_id": project.id, "duration_days": days}
            for name, days in (("A", 3), ("B", 5), ("C", 2))
        ])
        self.env["project.task.dependency"].create([
            {"predecessor_id": a.id, "successor_id": b.id}, {"predecessor_id": b.id, "successor_id": c.id},
        ])
        dates = [(t.planned_start_date, t.planned_end_date) for t in a | b | c]
        self.assertEqual(dates, [(monday, monday + timedelta(days=2)),
                                 (monday + timedelta(days=3), monday + timedelta(days=9)),
                                 (monday + timedelta(days=10), monday + timedelta(days=11))],
                         "A Mon-Wed, B Thu to next Wed, C next Thu-Fri")
        self.start_tour(f"/odoo/action-project.act_project_project_2_project_task_all?active_id={project.id}",
                        "task_mgmt_reports_gantt_phone_tour", login="admin")
        (a | b | c).invalidate_recordset()
        self.assertEqual([(t.planned_start_date, t.planned_end_date) for t in a | b | c], dates)
        self.assertFalse(a.pinned_start_date, "no drag on a phone: nothing pinned")


@tagged("post_install", "-at_install")
class TestLoadPhoneTour(PhoneTourCase, LoadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_load()

    def test_heatmap_on_a_phone(self):
        """On a phone, the resource load is a card per person: Paula's next week is red
        (48 h for 40 h); a tap lists its two tasks in her card, a tap on one opens it."""
        self.overloaded_paula()
        self.start_tour("/odoo/action-task_mgmt_reports.task_mgmt_resource_load_action",
                        "task_mgmt_reports_load_phone_tour", login="admin")


@tagged("post_install", "-at_install")
class TestRoiPhoneTour(PhoneTourCase):
    def test_roi_dashboard_on_a_phone(self):
        """On a phone, the ROI dashboard's figures are stacked cards no wider than the screen
        and the won deal of 900,000 is a line of the best ones; a tap opens it."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        won_deal(env, "Tour: phone deal", "Tour phone customer")
        self.start_tour("/odoo/action-task_mgmt_reports.crm_lead_report_roi_action_dashboard",
                        "task_mgmt_reports_roi_phone_tour", login="admin")
