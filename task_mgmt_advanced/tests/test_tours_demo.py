# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_tours import TourCase


@tagged("post_install", "-at_install")
class TestDemoProjectsTour(TourCase):
    """The demo as a new user tries it, in a real browser: every project's form, its Schedule
    button and each of its smart buttons open without an error."""

    def test_demo_projects_tour(self):
        """Every project of the demo (Odoo's and ours) is opened, scheduled and each smart
        button pressed; an error dialog, a red notification or an invalid field fails."""
        demo = self.env.ref("task_mgmt_advanced.demo_project_office_move", raise_if_not_found=False)
        self.assertTrue(demo, "the demo data is installed (the tour is about it)")
        self.assertTrue(demo.date_start and demo.date, "the demo project has its planned dates")
        projects = self.env["project.project"].search([])
        self.assertTrue(self.env["ir.model.data"].search_count([
            ("model", "=", "project.project"), ("module", "in", ("task_mgmt_advanced", "task_mgmt_reports")),
        ]) >= 5, "the demo projects of both addons")
        # Odoo's own action, every project of the demo in its list (its filters aside)
        action = self.env.ref("project.open_view_project_all").sudo().copy({
            "name": "Demo projects", "domain": [("id", "in", projects.ids)], "context": "{}", "path": False,
        })
        self.start_tour(f"/odoo/action-{action.id}", "task_mgmt_demo_projects_tour", login="admin", timeout=900)
