# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The RACI matrix on a phone: Chromium emulating a 390 x 844 touch screen."""
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .test_tours import TourCase


@tagged("post_install", "-at_install")
class TestPhoneRaciMatrixTour(TourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_raci_matrix_on_a_phone(self):
        """On a phone, the RACI matrix menu shows cards: pick the project, read the design task's
        people with their letters (RA, C), keep the tasks without Accountable, tap one: its form."""
        lead = new_test_user(self.env, "tm_phone_matrix_lead", groups="project.group_project_manager",
                             name="Tour Lead")
        reviewer = new_test_user(self.env, "tm_phone_matrix_reviewer", groups="project.group_project_user",
                                 name="Tour Reviewer")
        # named to sort after the demo projects: the picker has to be used to reach it
        project = self.env["project.project"].create({"name": "Tour: phone matrix", "user_id": lead.id})
        Task = self.env["project.task"]
        design = Task.create({"name": "Tour design", "project_id": project.id,
                              "user_ids": [Command.set(lead.ids)],
                              "consulted_user_ids": [Command.set(reviewer.ids)]})
        orphan = Task.create({"name": "Tour orphan", "project_id": project.id,
                              "user_ids": [Command.set(reviewer.ids)]})
        orphan.accountable_id = False
        self.assertEqual(design.accountable_id, lead)
        first = self.env["project.project"].search([], order="name", limit=1)
        self.assertNotEqual(first, project, "the matrix opens on another project first")
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_raci_matrix_action",
                        "task_mgmt_raci_matrix_phone_tour", login="admin")
