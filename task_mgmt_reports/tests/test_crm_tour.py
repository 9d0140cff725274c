# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from .crm_common import won_deal


@tagged("post_install", "-at_install")
class TestCrmRoiTour(HttpCase):
    """In a real browser: plan tasks from a template on an opportunity, see them in its Tasks
    tab, open the ROI dashboard and drill into the opportunity."""

    def start_tour(self, url_path, tour_name, **kwargs):
        # Chromium may take long to start on a loaded machine (as task_mgmt_advanced's tours)
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            return super().start_tour(url_path, tour_name, **kwargs)

    def test_crm_roi_tour(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        template = env["project.project"].create({"name": "Tour: template", "schedule_mode": "manual"})
        design = env["project.task"].create({
            "name": "Tour: design", "project_id": template.id,
            "planned_start_date": date(2026, 1, 5), "planned_end_date": date(2026, 1, 9), "duration_days": 5})
        build = env["project.task"].create({
            "name": "Tour: build", "project_id": template.id,
            "planned_start_date": date(2026, 1, 12), "planned_end_date": date(2026, 1, 16), "duration_days": 5})
        env["project.task.dependency"].create({"predecessor_id": design.id, "successor_id": build.id, "lag_days": 1})
        delivery = env["project.project"].create({
            "name": "Tour: delivery", "schedule_mode": "manual", "allow_billable": True})
        deal = won_deal(env, "Tour: roll-out deal", "Tour customer")
        self.start_tour(f"/odoo/crm/{deal.id}", "task_mgmt_reports_crm_roi_tour", login="admin")
        tasks = env["project.task"].search([("opportunity_id", "=", deal.id)], order="id")
        self.assertEqual(tasks.mapped("name"), ["Tour: design", "Tour: build"])
        self.assertEqual(tasks.project_id, delivery)
        today = fields.Date.context_today(deal)
        self.assertEqual(tasks[0].planned_start_date, today)
        self.assertEqual(tasks[1].predecessor_link_ids.predecessor_id, tasks[0])
        self.assertEqual(tasks[1].predecessor_link_ids.lag_days, 1)
