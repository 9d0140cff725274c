# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The approval guard follows the task, not the write: every way of ending up in a guarded
stage (or done under a rule on completion) is held for approval."""
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .test_approval import ApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalPaths(ApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a project without rules sharing the stages of the guarded one
        cls.open_project = cls.env["project.project"].create({
            "name": "Open", "type_ids": [Command.set(cls.stages.ids)], "user_id": cls.manager.id,
            "privacy_visibility": "employees",
        })

    def _pending(self, task):
        return task.approval_request_ids.filtered(lambda r: r.state == "pending")

    def assert_held(self, task, stage=None, transition="stage"):
        """``task`` is out of the guarded place, with one request waiting to bring it there."""
        request = self._pending(task)
        self.assertEqual(len(request), 1, f"{task.name}: one pending request")
        self.assertEqual(request.transition, transition)
        if transition == "stage":
            self.assertEqual(request.target_stage_id, stage or self.review)
            self.assertNotEqual(task.stage_id, stage or self.review)
        else:
            self.assertNotEqual(task.state, "1_done")

    def test_project_change_into_a_guarded_stage(self):
        """A task in Review of a project without rules, moved (project only) to the guarded
        project whose Review shares the stage, waits in the first stage for approval."""
        task = self._task("Shared", project=self.open_project, stage_id=self.review.id)
        task.with_user(self.user).write({"project_id": self.project.id})
        self.assertEqual((task.project_id, task.stage_id), (self.project, self.todo))
        self.assert_held(task)

    def test_project_change_keeps_a_task_its_rule_already_guarded(self):
        """A task already in the guarded stage under the same rule keeps it when another field
        changes (nothing new to approve)."""
        self.rule.active = False
        task = self._task("Approved before", stage_id=self.review.id)
        self.rule.active = True
        task.with_user(self.user).write({"name": "Approved before (renamed)", "stage_id": self.review.id})
        self.assertEqual(task.stage_id, self.review)
        self.assertFalse(self._pending(task))

    def test_company_change_is_refused(self):
        """A task cannot move to another company than its project's, alone or together with a
        guarded stage: refused with the task and both companies named, nothing written."""
        other = self.env["res.company"].create({"name": "Other Co (test)"})
        self.manager.company_ids |= other
        self.project.company_id = self.company
        task = self._task("Moved away")
        for vals in ({"company_id": other.id}, {"company_id": other.id, "stage_id": self.review.id}):
            with self.assertRaises(ValidationError) as caught:
                task.with_user(self.manager).write(vals)
            message = str(caught.exception)
            for name in ("Moved away", "Other Co (test)", self.company.name):
                self.assertIn(name, message)
            self.assertEqual((task.company_id, task.stage_id), (self.company, self.todo))
        self.assertFalse(self._pending(task))

    def test_company_change_in_a_shared_project_stays_guarded(self):
        """In a project shared between companies (no company), a task moved to another company
        and into Review in one write is still held by the rule naming the project."""
        other = self.env["res.company"].create({"name": "Other Co (shared)"})
        # the mover, and the approvers, in the new company
        (self.manager | self.ana | self.bob | self.cleo).company_ids |= other
        self.assertFalse(self.project.company_id)
        task = self._task("Shared company")
        task.with_user(self.manager).write({"company_id": other.id, "stage_id": self.review.id})
        self.assertEqual(task.company_id, other)
        self.assert_held(task)

    def test_done_under_a_done_rule(self):
        """Marking a task done under a rule on completion waits for approval; a done sub-task
        whose new parent brings it into that rule's project goes back in progress with a
        request (a project change reopens a task in Odoo anyway)."""
        self._rule(levels=[{"name": "Close", "approver_type": "users",
                            "approver_user_ids": [Command.set(self.ana.ids)]}],
                   name="Done sign-off", transition="done", stage_id=False)
        task = self._task("Finish")
        task.with_user(self.user).write({"state": "1_done"})
        self.assert_held(task, transition="done")
        parent_open = self._task("Parent open", project=self.open_project)
        child = self._task("Done child", project=self.open_project, parent_id=parent_open.id)
        child.write({"state": "1_done"})
        child.with_user(self.user).write({"parent_id": self._task("Parent guarded").id})
        self.assertEqual(child.project_id, self.project)
        self.assertEqual(child.state, "01_in_progress")
        self.assert_held(child, transition="done")

    def test_parent_change_into_a_guarded_project(self):
        """A sub-task in Review under a parent of a project without rules, given a parent of the
        guarded project (its project follows the parent), waits for approval."""
        parent_open = self._task("Parent open", project=self.open_project)
        parent_guarded = self._task("Parent guarded")
        child = self._task("Child", project=self.open_project, parent_id=parent_open.id, stage_id=self.review.id)
        self.assertEqual(child.stage_id, self.review)
        child.with_user(self.user).write({"parent_id": parent_guarded.id})
        self.assertEqual(child.project_id, self.project)
        self.assert_held(child)

    def test_copy_into_a_guarded_stage(self):
        """A copy asked in the guarded stage is created out of it, with a request."""
        task = self._task("Original")
        copy = task.with_user(self.user).copy({"stage_id": self.review.id})
        self.assertEqual(copy.stage_id, self.todo)
        self.assert_held(copy)

    def test_import_of_new_tasks_in_a_guarded_stage(self):
        """Importing new tasks straight into the guarded stage holds each of them."""
        result = self.env["project.task"].with_user(self.user).load(
            ["name", "project_id/.id", "stage_id/.id"],
            [["Imported 1", str(self.project.id), str(self.review.id)],
             ["Imported 2", str(self.project.id), str(self.review.id)]])
        self.assertFalse(result["messages"])
        for task in self.env["project.task"].browse(result["ids"]):
            self.assert_held(task)

    def test_creation_in_a_shared_stage_given_by_the_context(self):
        """A task created for the open project's Review column but filed (project_id) in the
        guarded project lands out of Review, with a request."""
        task = self.env["project.task"].with_user(self.user).with_context(
            default_project_id=self.open_project.id, default_stage_id=self.review.id,
        ).create({"name": "Context stage", "project_id": self.project.id})
        self.assertEqual(task.project_id, self.project)
        self.assert_held(task)

    def test_filter_field_change_puts_the_task_under_the_rule(self):
        """A task in Review that the rule's filter did not concern is held when a write makes it
        match (the rule guards big tasks only)."""
        self.rule.domain = "[('allocated_hours', '>', 40)]"
        task = self._task("Small", stage_id=self.review.id)
        self.assertEqual(task.stage_id, self.review)
        task.with_user(self.user).write({"allocated_hours": 80})
        self.assertEqual(task.allocated_hours, 80)
        self.assert_held(task)
