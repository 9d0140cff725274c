# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The manager's paths on a phone: Chromium emulating a 390 x 844 touch screen."""
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .test_tours import TourCase


class PhoneTourCase(TourCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.requester = new_test_user(cls.env, "tm_phone_requester", groups="project.group_project_user",
                                      name="Phone Requester")
        cls.todo, cls.review = cls.env["project.task.type"].create([
            {"name": "Phone To Do", "sequence": 1}, {"name": "Phone Review", "sequence": 2},
        ])
        cls.project = cls.env["project.project"].create({
            "name": "Tour: phone project", "type_ids": [Command.set((cls.todo | cls.review).ids)],
            "user_id": cls.admin.id, "allow_task_dependencies": True,
        })

    def _guarded_task(self, levels=("Lead",)):
        """A task held before "Phone Review" by a rule whose levels are all the admin's."""
        self.env["project.task.approval.rule"].create({
            "name": "Phone sign-off", "project_ids": [Command.set(self.project.ids)], "transition": "stage",
            "stage_id": self.review.id,
            "level_ids": [Command.create({"name": name, "sequence": seq, "approver_type": "users",
                                          "approver_user_ids": [Command.set(self.admin.ids)]})
                          for seq, name in enumerate(levels)],
        })
        task = self.env["project.task"].create({"name": "Tour: phone task", "project_id": self.project.id,
                                                "stage_id": self.todo.id})
        task.with_user(self.requester).write({"stage_id": self.review.id})
        self.assertEqual(task.stage_id, self.todo, "the move waits for approval")
        return task, task.approval_request_ids


@tagged("post_install", "-at_install")
class TestPhoneApprovalTours(PhoneTourCase):
    def test_approve_from_the_task_banner(self):
        """On a phone, the approver approves from the banner of the task form: the task moves."""
        task, request = self._guarded_task()
        self.start_tour(f"/odoo/project.task/{task.id}", "task_mgmt_phone_banner_approve_tour", login="admin")
        self.assertEqual((request.state, task.stage_id), ("approved", self.review))

    def test_reject_from_the_task_banner(self):
        """On a phone, the approver rejects from the banner with a reason: the task stays."""
        task, request = self._guarded_task()
        self.start_tour(f"/odoo/project.task/{task.id}", "task_mgmt_phone_banner_reject_tour", login="admin")
        self.assertEqual((request.state, request.reject_reason, task.stage_id),
                         ("rejected", "Not before the audit", self.todo))

    def test_double_tap_in_my_approvals(self):
        """On a phone, in My Approvals, the admin approves level Lead and taps again: level Board
        (also the admin's) stays pending, without any approval."""
        task, request = self._guarded_task(levels=("Lead", "Board"))
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_approval_step_action_mine",
                        "task_mgmt_phone_my_approvals_tour", login="admin")
        lead, board = request.step_ids.sorted("sequence")
        self.assertEqual((lead.state, board.state, board.approved_count, request.state),
                         ("approved", "pending", 0, "pending"))
        self.assertEqual(request.decision_ids.filtered(lambda d: d.decision == "approved").step_id, lead)
        self.assertEqual(task.stage_id, self.todo)


@tagged("post_install", "-at_install")
class TestPhoneTaskTours(PhoneTourCase):
    def test_accept_with_a_rating(self):
        """On a phone, the project manager accepts a done task with 4/5 from the banner."""
        self.project.task_acceptance_required = True
        task = self.env["project.task"].create({"name": "Tour: phone task", "project_id": self.project.id})
        task.with_user(self.requester).write({"state": "1_done"})
        self.assertEqual(task.acceptance_state, "to_accept")
        self.start_tour(f"/odoo/project.task/{task.id}", "task_mgmt_phone_accept_tour", login="admin")
        self.assertEqual((task.acceptance_state, task.quality_rating, task.accepted_by_id),
                         ("accepted", 4, self.admin))

    def test_quadrant_quick_action(self):
        """On a phone, the matrix shows the quadrants 2 x 2; a card moves to Do First from its menu."""
        task = self.env["project.task"].create({
            "name": "Tour: phone matrix task", "project_id": self.project.id,
            "user_ids": [Command.set(self.admin.ids)],
        })
        self.assertEqual(task.quadrant, "q4")
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_action_quadrant",
                        "task_mgmt_phone_quadrant_tour", login="admin")
        self.assertEqual((task.quadrant, task.is_important, task.is_urgent, task.priority), ("q1", True, True, "3"))

    def test_add_a_predecessor(self):
        """On a phone, a predecessor is added from the Planning tab's cards, with a lag."""
        Task = self.env["project.task"]
        pour = Task.create({"name": "Tour: pour concrete", "project_id": self.project.id})
        walls = Task.create({"name": "Tour: build walls", "project_id": self.project.id})
        self.start_tour(f"/odoo/project.task/{walls.id}", "task_mgmt_phone_predecessor_tour", login="admin")
        link = walls.predecessor_link_ids
        self.assertEqual((link.predecessor_id, link.dependency_type, link.lag_days), (pour, "fs", 1))
