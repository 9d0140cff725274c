# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_tours import TourCase


@tagged("post_install", "-at_install")
class TestDemoProjectsTour(TourCase):
    """The demo as a new user tries it, in a real browser: every project's form, its Schedule
    button and each of its smart buttons open without an error."""

    def test_demo_projects_tour(self):
        """Every demo project of ours and one of Odoo's is opened, scheduled and each smart
        button pressed; an error dialog, a red notification or an invalid field fails."""
        demo = self.env.ref("task_mgmt_advanced.demo_project_office_move", raise_if_not_found=False)
        self.assertTrue(demo, "the demo data is installed (the tour is about it)")
        self.assertTrue(demo.date_start and demo.date, "the demo project has its planned dates")
        # the demo projects of both addons, and one of Odoo's demo (our buttons on a plain
        # project); every project of Odoo's demo would triple the tour's time for no new screen
        ours = self.env["ir.model.data"].search([
            ("model", "=", "project.project"), ("module", "in", ("task_mgmt_advanced", "task_mgmt_reports")),
        ])
        self.assertGreaterEqual(len(ours), 5, "the demo projects of both addons")
        projects = self.env["project.project"].browse(ours.mapped("res_id")) | self.env.ref("project.project_project_1")
        # Odoo's own action, these projects in its list (its filters aside)
        action = self.env.ref("project.open_view_project_all").sudo().copy({
            "name": "Demo projects", "domain": [("id", "in", projects.ids)], "context": "{}", "path": False,
        })
        self.start_tour(f"/odoo/action-{action.id}", "task_mgmt_demo_projects_tour", login="admin", timeout=900)
