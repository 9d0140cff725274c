# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUtilisationTour(HttpCase):
    """In a real browser: Project ▸ Reporting ▸ Utilisation, an employee's hours in the pivot,
    the drill-down to their timesheet line, the graph."""

    def start_tour(self, url_path, tour_name, **kwargs):
        # Chromium may take long to start on a loaded machine (as the other tours)
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            return super().start_tour(url_path, tour_name, **kwargs)

    def test_utilisation_tour(self):
        env = self.env
        env.ref("base.user_admin").lang = "en_US"  # the tour reads English menu labels
        employee = env["hr.employee"].create({"name": "Tour: Ursula", "tz": "UTC"})
        project = env["project.project"].create({"name": "Tour: utilisation project"})
        env["account.analytic.line"].create({
            "name": "Tour work", "project_id": project.id, "employee_id": employee.id, "unit_amount": 4,
            "date": fields.Date.context_today(project)})
        self.start_tour("/odoo/project", "task_mgmt_reports_utilisation_tour", login="admin")
        # opening the report stored her capacity (the menu's server action refreshed it)
        self.assertTrue(env["task_mgmt.capacity.day"].search_count([("employee_id", "=", employee.id)]))
