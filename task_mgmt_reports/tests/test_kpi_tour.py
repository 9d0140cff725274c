# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKpiCockpitTour(HttpCase):
    """In a real browser: open the delivery cockpit from Project ▸ Reporting, read the KPI cards and
    the baseline's finish slip, switch the burndown to tasks, read the earned value trend over two
    weekly snapshots and take one now, and drill into a slipped task."""

    def start_tour(self, url_path, tour_name, **kwargs):
        # Chromium may take long to start on a loaded machine (as task_mgmt_advanced's tours)
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            return super().start_tour(url_path, tour_name, **kwargs)

    def test_kpi_cockpit_tour(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        env.ref("base.user_admin").lang = "en_US"  # the tour reads English menu labels
        today = fields.Date.context_today(env["project.project"])
        monday = today - timedelta(days=today.weekday())
        project = env["project.project"].create({"name": "Tour: cockpit", "schedule_mode": "manual"})
        Task = env["project.task"]
        Task.create({"name": "Tour: design", "project_id": project.id, "allocated_hours": 8,
                     "planned_start_date": monday, "planned_end_date": monday, "state": "1_done"})
        build = Task.create({"name": "Tour: build", "project_id": project.id, "allocated_hours": 16,
                             "planned_start_date": monday + timedelta(days=7),
                             "planned_end_date": monday + timedelta(days=8)})
        project.action_save_baseline("Tour: plan")
        build.write({"planned_end_date": monday + timedelta(days=10)})  # Tuesday → Thursday: 2 working days
        for sunday in (monday - timedelta(days=8), monday - timedelta(days=1)):  # two weekly snapshots
            env["project.evm.snapshot"]._insert_snapshots(project, sunday)
        self.start_tour("/odoo/project", "task_mgmt_reports_kpi_cockpit_tour", login="admin")
