# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import html
import threading
import uuid
from datetime import datetime

import psycopg2
import psycopg2.errors
from freezegun import freeze_time

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store

from ..models.project_task_approval import APPROVAL_GRANT
from .common import TaskMgmtCase, activate_chinese

MONDAY_9 = datetime(2026, 1, 5, 9, 0)


class ApprovalCase(TaskMgmtCase):
    """A rule guarding the "Review" stage of the test project with two levels: level 1 "Lead"
    (Ana, any one), level 2 "Board" (Bob and Cleo, countersign)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo, cls.doing, cls.review, cls.done_stage = cls.stages
        cls.ana = new_test_user(cls.env, "tm_ana", groups="project.group_project_user", name="Ana Approver")
        cls.bob = new_test_user(cls.env, "tm_bob", groups="project.group_project_user", name="Bob Board")
        cls.cleo = new_test_user(cls.env, "tm_cleo", groups="project.group_project_user", name="Cleo Board")
        cls.dan = new_test_user(cls.env, "tm_dan", groups="project.group_project_user", name="Dan Delegate")
        cls.Rule = cls.env["project.task.approval.rule"]
        cls.rule = cls._rule(levels=[
            {"name": "Lead", "approver_type": "users", "approver_user_ids": [Command.set(cls.ana.ids)]},
            {"name": "Board", "approver_type": "users", "mode": "all",
             "approver_user_ids": [Command.set((cls.bob | cls.cleo).ids)]},
        ])

    @classmethod
    def _rule(cls, levels, **vals):
        return cls.Rule.create({
            "name": "Review sign-off",
            "project_ids": [Command.set(cls.project.ids)],
            "transition": "stage",
            "stage_id": cls.review.id,
            "level_ids": [Command.create({"sequence": seq, **level}) for seq, level in enumerate(levels)],
            **vals,
        })

    def _request_review(self, task, user=None):
        """``user`` (the project user by default) moves ``task`` to Review: returns the request."""
        task.with_user(user or self.user).write({"stage_id": self.review.id})
        return task.approval_request_ids.filtered(lambda r: r.state == "pending")

    def _step(self, request, name):
        return request.step_ids.filtered(lambda s: s.name == name and s.state != "cancelled")

    def _approval_activities(self, task):
        return task.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("task_mgmt_advanced.mail_activity_type_approval"))


@tagged("post_install", "-at_install")
class TestApprovalGuard(ApprovalCase):
    def test_move_creates_request_and_task_stays(self):
        """Moving a task to Review writes the other values, keeps the stage, creates a request with
        level 1 active, gives Ana an activity and an email, logs it and notifies the mover."""
        task = self._task("Paint")
        self.env.cr.precommit.data.pop("bus.bus.values", None)
        task.with_user(self.user).write({"stage_id": self.review.id, "name": "Paint the walls"})
        self.assertEqual(task.stage_id, self.todo)
        self.assertEqual(task.name, "Paint the walls")
        request = task.approval_request_ids
        self.assertEqual((request.state, request.requested_by_id, request.target_stage_id),
                         ("pending", self.user, self.review))
        self.assertEqual(request.step_ids.sorted("sequence").mapped("state"), ["pending", "waiting"])
        self.assertEqual(request.current_step_id.approver_ids, self.ana)
        self.assertEqual(self._approval_activities(task).user_id, self.ana)
        mail = self.env["mail.mail"].search([("model", "=", "project.task.approval.step"),
                                              ("res_id", "=", request.current_step_id.id)])
        self.assertEqual(mail.recipient_ids, self.ana.partner_id)
        self.assertIn("needs approval", task.message_ids[1].body)
        notes = [note for note in self.env.cr.precommit.data.get("bus.bus.values", [])
                 if "simple_notification" in note["message"]]
        self.assertTrue(notes and "Paint the walls" in notes[-1]["message"])
        self.assertTrue(task.approval_pending)
        self.assertIn(task, self.env["project.task"].search([("approval_pending", "=", True)]))

    def test_form_statusbar_click_is_held(self):
        """Clicking Review on the form's status bar and saving leaves the task in its stage."""
        task = self._task("Paint")
        with Form(task.with_user(self.user)) as form:
            form.stage_id = self.review
        self.assertEqual(task.stage_id, self.todo)
        self.assertEqual(len(task.approval_request_ids), 1)

    def test_kanban_drag_is_held(self):
        """A kanban drag (web_save of stage_id) leaves the task where it was and says why."""
        task = self._task("Paint")
        result = task.with_user(self.user).web_save({"stage_id": self.review.id}, {"stage_id": {}})
        self.assertEqual(result[0]["stage_id"], self.todo.id)
        self.assertTrue(task.approval_pending)

    def test_create_in_guarded_stage_is_held(self):
        """Creating a task in Review (explicitly, or quick-created in the Review column) creates it
        in the first stage with a pending request."""
        Task = self.env["project.task"].with_user(self.user)
        explicit = Task.create({"name": "A", "project_id": self.project.id, "stage_id": self.review.id})
        quick = Task.with_context(default_project_id=self.project.id, default_stage_id=self.review.id).create(
            {"name": "B"})
        for task in explicit | quick:
            self.assertEqual(task.stage_id, self.todo)
            self.assertEqual(task.approval_request_ids.target_stage_id, self.review)

    def test_import_cannot_bypass(self):
        """Importing a task's stage (load) goes through the guard."""
        task = self._task("Paint")
        result = self.env["project.task"].with_user(self.user).load(
            [".id", "stage_id/.id"], [[str(task.id), str(self.review.id)]])
        self.assertFalse(result["messages"])
        self.assertEqual(task.stage_id, self.todo)
        self.assertTrue(task.approval_pending)

    def test_context_keys_and_sudo_cannot_bypass(self):
        """Context keys passed over RPC (OCA's skip_validation_check, or the engine's own key with a
        JSON value) and sudo do not let a task into a guarded stage."""
        task = self._task("Paint")
        forged = [[task.id, "stage_id", self.review.id]]
        for context in ({"skip_validation_check": True}, {APPROVAL_GRANT: forged}, {APPROVAL_GRANT: True},
                        {"tracking_disable": True, "install_mode": True}):
            task.with_user(self.user).with_context(**context).write({"stage_id": self.review.id})
            self.assertEqual(task.stage_id, self.todo)
        task.sudo().write({"stage_id": self.review.id})
        self.assertEqual(task.stage_id, self.todo)
        self.assertEqual(len(task.approval_request_ids), 1, "one pending request, not one per attempt")

    def test_server_action_cannot_bypass(self):
        """A server action (as used by automation rules) that sets the stage is held too."""
        task = self._task("Paint")
        action = self.env["ir.actions.server"].create({
            "name": "Send to review",
            "model_id": self.env["ir.model"]._get_id("project.task"),
            "state": "object_write",
            "update_path": "stage_id",
            "evaluation_type": "equation",
            "value": str(self.review.id),
        })
        action.with_context(active_model="project.task", active_id=task.id, active_ids=task.ids).run()
        self.assertEqual(task.stage_id, self.todo)
        self.assertTrue(task.approval_pending)

    def test_rule_filter_and_projects(self):
        """The rule guards only tasks matching its filter and in its projects."""
        self.rule.domain = "[('priority', '=', '1')]"
        normal = self._task("Normal")
        urgent = self._task("Urgent", priority="1")
        other_project = self.project.copy({"name": "Other"})
        elsewhere = self._task("Elsewhere", project=other_project, priority="1")
        (normal | urgent | elsewhere).with_user(self.user).write({"stage_id": self.review.id})
        self.assertEqual(normal.stage_id, self.review)
        self.assertEqual(elsewhere.stage_id, self.review)
        self.assertEqual(urgent.stage_id, self.todo)
        self.assertTrue(urgent.approval_pending)

    def test_filter_and_project_judged_with_the_same_write(self):
        """Changing what the filter looks at (priority) or the project in the same write as the
        stage does not slip the move through."""
        self.rule.domain = "[('priority', '=', '1')]"
        task = self._task("Normal")
        task.with_user(self.user).write({"priority": "1", "stage_id": self.review.id})
        self.assertEqual((task.priority, task.stage_id), ("1", self.todo))
        other_project = self.project.copy({"name": "Other"})
        moved = self._task("Moved", project=other_project, priority="1")
        moved.with_user(self.user).write({"project_id": self.project.id, "stage_id": self.review.id})
        self.assertEqual(moved.project_id, self.project)
        self.assertNotEqual(moved.stage_id, self.review)
        self.assertTrue(moved.approval_pending)

    def test_task_one2many_cannot_touch_requests(self):
        """Writing the task's approval requests through its one2many is refused."""
        task = self._task("Paint")
        request = self._request_review(task)
        for command in (Command.update(request.id, {"state": "approved"}), Command.delete(request.id),
                        Command.create({"rule_id": self.rule.id, "transition": "stage", "state": "approved"})):
            with self.assertRaises(AccessError):
                task.with_user(self.manager).write({"approval_request_ids": [command]})
        self.assertEqual(request.state, "pending")

    def test_rule_created_after_cache_applies_at_once(self):
        """A rule created after the guard cached its configuration guards at once."""
        self.rule.unlink()
        task = self._task("Paint")
        task.write({"stage_id": self.doing.id})
        self._rule([{"name": "Lead", "approver_type": "users", "approver_user_ids": [Command.set(self.ana.ids)]}])
        task.with_user(self.user).write({"stage_id": self.review.id})
        self.assertEqual(task.stage_id, self.doing)

    def test_done_transition_is_guarded(self):
        """Under a 'marking done' rule, setting the state to done is held, then made on approval."""
        self._rule([{"name": "QA", "approver_type": "users", "approver_user_ids": [Command.set(self.ana.ids)]}],
                   name="Done sign-off", transition="done", stage_id=False)
        task = self._task("Paint")
        task.with_user(self.user).write({"state": "1_done"})
        self.assertEqual(task.state, "01_in_progress")
        request = task.approval_request_ids
        self.assertEqual(request.transition, "done")
        request.current_step_id.with_user(self.ana).action_approve()
        self.assertEqual(task.state, "1_done")
        self.assertEqual(request.state, "approved")

    def test_pending_request_is_not_duplicated(self):
        """Moving a task again while its request waits keeps the one request."""
        task = self._task("Paint")
        self._request_review(task)
        self._request_review(task, self.manager)
        self.assertEqual(len(task.approval_request_ids), 1)
        self.assertIn("already waiting", task.message_ids[0].body)

    def test_dependency_block_refused_before_request(self):
        """A move the dependencies forbid raises the dependency error and creates no request."""
        blocker = self._task("Blocker")
        task = self._task("Paint")
        self._link(blocker, task)
        with self.assertRaises(UserError):
            task.with_user(self.user).write({"stage_id": self.review.id})
        self.assertFalse(task.approval_request_ids)


@tagged("post_install", "-at_install")
class TestApprovalFlow(ApprovalCase):
    def test_levels_in_order_until_the_move(self):
        """Ana approves level 1; level 2 needs Bob and Cleo (countersign); Cleo's approval makes
        the move; activities follow the active level; the audit trail has every decision."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead, board = self._step(request, "Lead"), self._step(request, "Board")
        lead.with_user(self.ana).action_approve(comment="Fine")
        self.assertEqual((lead.state, board.state, request.current_step_id), ("approved", "pending", board))
        self.assertEqual(self._approval_activities(task).user_id, self.bob | self.cleo)
        board.with_user(self.bob).action_approve()
        self.assertEqual((board.state, board.approved_count, task.stage_id), ("pending", 1, self.todo))
        self.assertEqual(self._approval_activities(task).user_id, self.cleo)
        board.with_user(self.cleo).action_approve()
        self.assertEqual((request.state, board.state, task.stage_id), ("approved", "approved", self.review))
        self.assertFalse(self._approval_activities(task))
        trail = request.decision_ids.sorted("id")
        self.assertEqual(trail.mapped("decision"), ["requested", "approved", "approved", "approved", "completed"])
        self.assertEqual(trail[1:4].mapped("user_id"), self.ana | self.bob | self.cleo)
        self.assertEqual(trail[1].comment, "Fine")
        self.assertEqual(trail[1].level_name, "Lead")
        self.assertFalse(task.approval_pending)

    def test_task_form_buttons_for_current_approvers(self):
        """The form's Approve button shows to the current approver only and approves from the task."""
        task = self._task("Paint")
        request = self._request_review(task)
        self.assertTrue(task.with_user(self.ana).approval_can_act)
        self.assertFalse(task.with_user(self.bob).approval_can_act)
        task.with_user(self.ana).action_approval_approve()
        self.assertEqual(request.current_step_id.name, "Board")
        self.assertFalse(task.with_user(self.ana).approval_can_act)
        with self.assertRaises(AccessError):
            task.with_user(self.ana).action_approval_approve()

    def test_my_approvals_lists_only_active_levels(self):
        """'My Approvals' shows a level to its approvers while it is active and not approved by them."""
        task = self._task("Paint")
        request = self._request_review(task)
        Step = self.env["project.task.approval.step"]
        self.assertEqual(Step.with_user(self.ana).search([("is_current_approver", "=", True)]), request.current_step_id)
        self.assertFalse(Step.with_user(self.bob).search([("is_current_approver", "=", True)]))
        self._step(request, "Lead").with_user(self.ana).action_approve()
        board = self._step(request, "Board")
        self.assertFalse(Step.with_user(self.ana).search([("is_current_approver", "=", True)]))
        self.assertEqual(Step.with_user(self.bob).search([("is_current_approver", "=", True)]), board)
        board.with_user(self.bob).action_approve()
        self.assertFalse(Step.with_user(self.bob).search([("is_current_approver", "=", True)]))
        self.assertEqual(Step.with_user(self.cleo).search([("is_current_approver", "=", True)]), board)
        self.assertTrue(request.with_user(self.cleo).is_current_approver)

    def test_reject_needs_reason_and_returns_it(self):
        """Rejecting without a reason fails; with one, the request is rejected, later levels are
        cancelled, the task stays and its chatter tells the requester why."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead = self._step(request, "Lead")
        with self.assertRaises(UserError):
            lead.with_user(self.ana).action_reject("  ")
        wizard = self.env["project.task.approval.reject"].with_user(self.ana).create(
            {"step_ids": [Command.set(lead.ids)], "reason": "Walls are not dry"})
        wizard.action_confirm()
        self.assertEqual((request.state, request.reject_reason), ("rejected", "Walls are not dry"))
        self.assertEqual(request.step_ids.sorted("sequence").mapped("state"), ["rejected", "cancelled"])
        self.assertEqual(task.stage_id, self.todo)
        message = task.message_ids[0]
        self.assertIn("Walls are not dry", message.body)
        self.assertIn(self.user.partner_id, message.partner_ids)
        self.assertFalse(self._approval_activities(task))
        self.assertEqual(request.decision_ids.filtered(lambda d: d.decision == "rejected").comment,
                         "Walls are not dry")

    def test_delegate_hands_over_and_is_audited(self):
        """Ana delegates to Dan: Dan becomes the approver (activity moves), Ana cannot approve any
        more, Dan's approval counts; delegating to a portal user is refused."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead = self._step(request, "Lead")
        portal = new_test_user(self.env, "tm_portal_d", groups="base.group_portal")
        with self.assertRaises(UserError):
            lead.with_user(self.ana).action_delegate(portal.id)
        self.env["project.task.approval.delegate"].with_user(self.ana).create(
            {"step_ids": [Command.set(lead.ids)], "user_id": self.dan.id, "comment": "On leave"}).action_confirm()
        self.assertEqual(lead.approver_ids, self.dan)
        self.assertEqual(self._approval_activities(task).user_id, self.dan)
        decision = request.decision_ids.filtered(lambda d: d.decision == "delegated")
        self.assertEqual((decision.user_id, decision.target_user_ids, decision.comment),
                         (self.ana, self.dan, "On leave"))
        with self.assertRaises(AccessError):
            lead.with_user(self.ana).action_approve()
        lead.with_user(self.dan).action_approve()
        self.assertEqual(request.current_step_id.name, "Board")

    def test_condition_skips_level(self):
        """A level whose condition (allocated hours above 40) does not match the task is skipped."""
        self.rule.level_ids.filtered(lambda lv: lv.name == "Board").condition_domain = "[('allocated_hours', '>', 40)]"
        small = self._task("Small", allocated_hours=10)
        big = self._task("Big", allocated_hours=80)
        small_request, big_request = self._request_review(small), self._request_review(big)
        self.assertEqual(self._step(small_request, "Board").state, "skipped")
        self.assertEqual(self._step(big_request, "Board").state, "waiting")
        self._step(small_request, "Lead").with_user(self.ana).action_approve()
        self.assertEqual(small.stage_id, self.review)
        self._step(big_request, "Lead").with_user(self.ana).action_approve()
        self.assertEqual(big.stage_id, self.todo)

    def test_every_level_skipped_moves_at_once(self):
        """When no level's condition matches, the task moves with no request."""
        self.rule.level_ids.condition_domain = "[('allocated_hours', '>', 40)]"
        task = self._task("Small", allocated_hours=10)
        task.with_user(self.user).write({"stage_id": self.review.id})
        self.assertEqual(task.stage_id, self.review)
        self.assertFalse(task.approval_request_ids)

    def test_at_least_n_approvers(self):
        """'At least 2 of Ana, Bob, Cleo': the second approval completes the level."""
        self.rule.level_ids.unlink()
        self.rule.level_ids = [Command.create({
            "name": "Panel", "approver_type": "users", "mode": "min", "min_approvals": 2,
            "approver_user_ids": [Command.set((self.ana | self.bob | self.cleo).ids)]})]
        task = self._task("Paint")
        request = self._request_review(task)
        self.assertEqual(request.current_step_id.required_count, 2)
        request.current_step_id.with_user(self.cleo).action_approve()
        self.assertEqual(request.state, "pending")
        request.current_step_id.with_user(self.ana).action_approve()
        self.assertEqual((request.state, task.stage_id), ("approved", self.review))

    def test_approver_kinds(self):
        """Group members, the project manager, the Accountable (or the project manager without the
        field), the assignees' manager and a user field of the task resolve to the right users."""
        boss = new_test_user(self.env, "tm_boss", groups="project.group_project_user", name="Boss")
        boss_employee = self.env["hr.employee"].create({"name": "Boss", "user_id": boss.id})
        self.env["hr.employee"].create({"name": "Worker", "user_id": self.dan.id, "parent_id": boss_employee.id})
        group = self.env["res.groups"].create(
            {"name": "Approvers (test)", "users": [Command.set((self.bob | self.cleo).ids)]})
        self.rule.level_ids.unlink()
        user_field = self.env["ir.model.fields"]._get("project.task", "user_ids")
        kinds = [
            ("group", {"approver_group_id": group.id}, self.bob | self.cleo),
            ("project_manager", {}, self.manager),
            ("accountable", {}, self.ana if "accountable_id" in self.env["project.task"]._fields else self.manager),
            ("responsible_manager", {}, boss),
            ("field", {"approver_field_id": user_field.id}, self.dan),
        ]
        self.rule.level_ids = [Command.create({"name": kind, "sequence": seq, "approver_type": kind, **vals})
                               for seq, (kind, vals, _users) in enumerate(kinds)]
        task = self._task("Paint", user_ids=[Command.set(self.dan.ids)])
        if "accountable_id" in task._fields:
            accountable = self.ana if task._fields["accountable_id"].comodel_name == "res.users" else \
                self.env["hr.employee"].create({"name": "Ana", "user_id": self.ana.id})
            task.accountable_id = accountable
        request = self._request_review(task)
        for kind, _vals, users in kinds:
            self.assertEqual(self._step(request, kind).approver_ids, users, kind)

    def test_no_approver_refuses_the_move(self):
        """A level that resolves to nobody (a project without manager) refuses the move clearly."""
        self.rule.level_ids[0].write({"approver_type": "project_manager"})
        self.project.user_id = False
        task = self._task("Paint")
        with self.assertRaisesRegex(UserError, "has 0 approver"):
            task.with_user(self.user).write({"stage_id": self.review.id})
        self.assertFalse(task.approval_request_ids)

    def test_reset_field_restarts_request(self):
        """With allocated hours as a reset field, changing them after level 1 approved restarts the
        request at level 1; changing another field does not."""
        self.rule.reset_field_ids = self.env["ir.model.fields"]._get("project.task", "allocated_hours")
        task = self._task("Paint", allocated_hours=8)
        request = self._request_review(task)
        self._step(request, "Lead").with_user(self.ana).action_approve()
        task.with_user(self.user).write({"description": "More detail"})
        self.assertEqual(request.current_step_id.name, "Board")
        task.with_user(self.user).write({"allocated_hours": 8})
        self.assertEqual(request.current_step_id.name, "Board", "same value: no reset")
        task.with_user(self.user).write({"allocated_hours": 16})
        self.assertEqual((request.state, request.current_step_id.name), ("pending", "Lead"))
        self.assertEqual(request.current_step_id.approver_ids, self.ana)
        self.assertEqual(sorted(request.step_ids.filtered(lambda s: s.state == "cancelled").mapped("name")),
                         ["Board", "Lead"])
        self.assertEqual(request.step_ids.filtered(lambda s: s.state != "cancelled").mapped("state"),
                         ["pending", "waiting"])
        self.assertIn("reset", request.decision_ids.mapped("decision"))
        self.assertEqual(self._approval_activities(task).user_id, self.ana)

    def test_reset_field_can_cancel_request(self):
        """A rule that cancels on reset cancels the request when a reset field changes."""
        self.rule.write({"reset_field_ids": [Command.set(self.env["ir.model.fields"]._get(
            "project.task", "allocated_hours").ids)], "reset_action": "cancel"})
        task = self._task("Paint", allocated_hours=8)
        request = self._request_review(task)
        task.write({"allocated_hours": 16})
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(self._approval_activities(task))

    def test_cancelling_task_or_request(self):
        """Cancelling the task withdraws its request; the requester may cancel a request, an
        approver who did not ask may not."""
        task = self._task("Paint")
        request = self._request_review(task)
        task.write({"state": "1_canceled"})
        self.assertEqual(request.state, "cancelled")
        other = self._task("Other")
        request = self._request_review(other)
        with self.assertRaises(AccessError):
            request.with_user(self.bob).action_cancel()
        request.with_user(self.user).action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(self._approval_activities(other))


@tagged("post_install", "-at_install")
class TestApprovalSecurity(ApprovalCase):
    def test_only_current_approver_decides(self):
        """A user who is not an approver of the active level cannot approve, reject or delegate."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead = request.current_step_id
        for user in (self.user, self.bob, self.manager):
            with self.assertRaises(AccessError):
                lead.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                lead.with_user(user).action_reject("No")
            with self.assertRaises(AccessError):
                lead.with_user(user).action_delegate(user.id)
        with self.assertRaises(AccessError):
            self.env["project.task.approval.reject"].with_user(self.bob).create(
                {"step_ids": [Command.set(lead.ids)], "reason": "No"}).action_confirm()
        self.assertEqual((lead.state, request.state), ("pending", "pending"))

    def test_no_later_level_before_earlier(self):
        """Bob (level 2) cannot approve level 2 while level 1 waits."""
        task = self._task("Paint")
        request = self._request_review(task)
        with self.assertRaisesRegex(UserError, "not active yet"):
            self._step(request, "Board").with_user(self.bob).action_approve()

    def test_no_approving_twice(self):
        """Bob cannot approve level 2 twice: the second call changes nothing and says so (a
        warning toast), and the count stays 1."""
        task = self._task("Paint")
        request = self._request_review(task)
        self._step(request, "Lead").with_user(self.ana).action_approve()
        board = self._step(request, "Board")
        board.with_user(self.bob).action_approve()
        second = board.with_user(self.bob).action_approve()
        self.assertEqual(second["params"]["type"], "warning")
        self.assertIn("already approved", second["params"]["message"])
        self.assertEqual(board.approved_count, 1)
        self.assertEqual(request.state, "pending")

    def test_approval_records_are_read_only(self):
        """Project users and managers cannot create, write or delete requests, levels of requests
        or decisions through RPC: every change goes through the actions."""
        task = self._task("Paint")
        request = self._request_review(task)
        step = request.current_step_id
        for user in (self.ana, self.manager):
            with self.assertRaises(AccessError):
                request.with_user(user).write({"state": "approved"})
            with self.assertRaises(AccessError):
                step.with_user(user).write({"state": "approved", "approved_count": 5})
            with self.assertRaises(AccessError):
                self.env["project.task.approval.decision"].with_user(user).create({
                    "request_id": request.id, "step_id": step.id, "user_id": user.id, "decision": "approved"})
            with self.assertRaises(AccessError):
                request.decision_ids.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["project.task.approval.request"].with_user(user).create(
                    {"task_id": task.id, "rule_id": self.rule.id, "transition": "stage", "state": "approved"})
        result = self.env["project.task.approval.decision"].with_user(self.manager).load(
            ["request_id/.id", "user_id/.id", "decision"], [[str(request.id), str(self.manager.id), "approved"]])
        self.assertFalse(result["ids"], "import of approval records is refused")
        self.assertEqual(step.state, "pending")

    def test_rules_are_for_project_managers(self):
        """Project users read approval rules; only project managers change them."""
        with self.assertRaises(AccessError):
            self.rule.with_user(self.user).write({"name": "Mine"})
        self.rule.with_user(self.manager).write({"name": "Renamed"})
        self.assertEqual(self.rule.with_user(self.user).name, "Renamed")

    def test_filter_is_validated_not_evaluated(self):
        """A filter naming an unknown field, or holding Python code, is refused at save."""
        with self.assertRaisesRegex(ValidationError, "cannot be used on tasks"):
            self.rule.domain = "[('no_such_field', '=', 1)]"
        with self.assertRaisesRegex(ValidationError, "literal values"):
            self.rule.domain = "[('id', '=', __import__('os').getpid())]"
        with self.assertRaisesRegex(ValidationError, "literal values"):
            self.rule.level_ids[0].condition_domain = "[('user_ids', 'in', [uid])]"
        self.rule.domain = "[('allocated_hours', '>', 40)]"
        self.assertEqual(self.rule._approval_domain(), [("allocated_hours", ">", 40)])

    def test_multi_company_rules(self):
        """A user of company A sees neither the rules nor the requests of company B."""
        company_b = self.env["res.company"].create({"name": "Company B (test)"})
        manager_b = new_test_user(self.env, "tm_manager_b", groups="project.group_project_manager",
                                  company_id=company_b.id, company_ids=[Command.set(company_b.ids)])
        project_b = self.env["project.project"].create({
            "name": "B project", "company_id": company_b.id, "type_ids": [Command.set(self.stages.ids)],
            "user_id": manager_b.id})
        rule_b = self.Rule.with_company(company_b).create({
            "name": "B rule", "company_id": company_b.id, "transition": "stage", "stage_id": self.review.id,
            "project_ids": [Command.set(project_b.ids)],
            "level_ids": [Command.create({"name": "PM", "approver_type": "project_manager"})]})
        task_b = self.env["project.task"].create({"name": "B task", "project_id": project_b.id,
                                                  "stage_id": self.todo.id})
        task_b.write({"stage_id": self.review.id})
        self.assertEqual(task_b.approval_request_ids.company_id, company_b)
        self.assertFalse(self.Rule.with_user(self.manager).search([("id", "=", rule_b.id)]))
        Request = self.env["project.task.approval.request"]
        self.assertFalse(Request.with_user(self.manager).search([("task_id", "=", task_b.id)]))
        self.assertTrue(Request.with_user(manager_b).search([("task_id", "=", task_b.id)]))

    def test_portal_user_sees_no_approval(self):
        """Portal users cannot read approval rules, requests, levels or decisions."""
        self._request_review(self._task("Paint"))
        portal = new_test_user(self.env, "tm_portal", groups="base.group_portal")
        for model in ("project.task.approval.rule", "project.task.approval.request",
                      "project.task.approval.step", "project.task.approval.decision"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])

    def test_followers_only_project_hides_requests(self):
        """In a followers-only project, a project user who is not involved does not see its requests."""
        self.project.privacy_visibility = "followers"
        task = self._task("Secret")
        self._request_review(task, self.manager)
        Request = self.env["project.task.approval.request"]
        self.assertFalse(Request.with_user(self.dan).search([("task_id", "=", task.id)]))
        self.assertTrue(Request.with_user(self.ana).search([("task_id", "=", task.id)]), "approvers see it")


@tagged("post_install", "-at_install")
class TestApprovalSla(ApprovalCase):
    def test_escalation_once_to_manager(self):
        """Level 1 has a 2 working-hour SLA escalating to Ana's manager: activated Monday 9:00, it
        is due at 11:00; the cron at 12:00 adds the manager as approver once, however often it runs."""
        boss = new_test_user(self.env, "tm_boss2", groups="project.group_project_user", name="Boss")
        boss_employee = self.env["hr.employee"].create({"name": "Boss", "user_id": boss.id})
        self.env["hr.employee"].create({"name": "Ana", "user_id": self.ana.id, "parent_id": boss_employee.id})
        self.rule.level_ids.filtered(lambda lv: lv.name == "Lead").write({"sla_hours": 2, "escalation": "manager"})
        task = self._task("Paint")
        with freeze_time(MONDAY_9):
            request = self._request_review(task)
        lead = request.current_step_id
        self.assertEqual(lead.deadline, datetime(2026, 1, 5, 11, 0))
        Step = self.env["project.task.approval.step"]
        with freeze_time(datetime(2026, 1, 5, 10, 0)):
            self.assertEqual(Step._cron_approval_sla(), 0)
        with freeze_time(datetime(2026, 1, 5, 12, 0)):
            self.assertEqual(Step._cron_approval_sla(), 1)
            self.assertEqual(Step._cron_approval_sla(), 0)
        self.assertEqual(lead.escalated_on, datetime(2026, 1, 5, 12, 0))
        self.assertEqual(lead.approver_ids, self.ana | boss)
        self.assertEqual(lead.required_count, 1)
        self.assertEqual(len(request.decision_ids.filtered(lambda d: d.decision == "escalated")), 1)
        self.assertEqual(self._approval_activities(task).user_id, self.ana | boss)
        reminder = self.env["mail.mail"].search([("model", "=", "project.task.approval.step"),
                                                  ("subject", "ilike", "Reminder")])
        self.assertEqual(reminder.recipient_ids, self.ana.partner_id)
        self.assertIn("Boss", reminder.body_html)
        lead.with_user(boss).action_approve()
        self.assertEqual(request.current_step_id.name, "Board")

    def test_my_approvals_says_move_level_and_due_hours(self):
        """My Approvals names the move approved (the task's stage → the guarded stage) and the
        time left in working hours: a 10-hour SLA from Monday 9:00 is due Tuesday 11:00; at
        Monday 16:00, 4 working hours are left (16-17, then 8-11); at Tuesday 13:00 it is
        overdue by 1 working hour (11-12: the lunch break does not count)."""
        self.rule.level_ids.filtered(lambda lv: lv.name == "Lead").write({"sla_hours": 10})
        task = self._task("Paint the long corridor of the second floor")
        with freeze_time(MONDAY_9):
            request = self._request_review(task)
        step = request.current_step_id.with_user(self.ana)
        self.assertEqual(step.deadline, datetime(2026, 1, 5 + 1, 11, 0))
        self.assertEqual(step.move_label, "To Do → Review")
        with freeze_time(datetime(2026, 1, 5, 16, 0)):
            step.invalidate_recordset(["due_hours", "due_label"])
            self.assertEqual((step.due_hours, step.due_label), (4.0, "in 4 working hour(s)"))
        with freeze_time(datetime(2026, 1, 6, 13, 0)):
            step.invalidate_recordset(["due_hours", "due_label"])
            self.assertEqual((step.due_hours, step.due_label), (-1.0, "overdue by 1 working hour(s)"))

    def test_sla_counts_working_hours(self):
        """A 6-hour SLA activated Friday 15:00 falls due Monday 12:00 (weekend and lunch not worked);
        escalating to a chosen user adds that user."""
        self.rule.level_ids.filtered(lambda lv: lv.name == "Lead").write(
            {"sla_hours": 6, "escalation": "user", "escalation_user_id": self.dan.id})
        task = self._task("Paint")
        with freeze_time(datetime(2026, 1, 9, 15, 0)):
            request = self._request_review(task)
        self.assertEqual(request.current_step_id.deadline, datetime(2026, 1, 12, 12, 0))
        with freeze_time(datetime(2026, 1, 12, 13, 0)):
            self.env["project.task.approval.step"]._cron_approval_sla()
        self.assertEqual(request.current_step_id.escalated_to_ids, self.dan)


@tagged("post_install", "-at_install")
class TestAcceptance(ApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule.active = False
        cls.project.write({"task_acceptance_required": True, "task_acceptance_final_stage": True})

    def _accept(self, task, user, decision="accept", rating="4", comment="Neat"):
        wizard = self.env["project.task.accept"].with_user(user).create(
            {"task_id": task.id, "decision": decision, "quality_rating": rating, "comment": comment})
        return wizard.action_confirm()

    def test_accept_rates_and_moves_to_final_stage(self):
        """A task marked done waits for the project manager, who accepts it with 4/5: rating,
        comment, reviewer and date are stored and the task moves to the last stage."""
        task = self._task("Paint")
        task.with_user(self.user).write({"state": "1_done"})
        self.assertEqual(task.acceptance_state, "to_accept")
        activity_type = self.env.ref("task_mgmt_advanced.mail_activity_type_acceptance")
        self.assertEqual(task.activity_ids.filtered(lambda a: a.activity_type_id == activity_type).user_id,
                         self.manager)
        self.assertTrue(task.with_user(self.manager).acceptance_can_act)
        self.assertFalse(task.with_user(self.user).acceptance_can_act)
        with self.assertRaises(AccessError):
            self._accept(task, self.user)
        self._accept(task, self.manager)
        self.assertEqual((task.acceptance_state, task.quality_rating, task.acceptance_comment, task.accepted_by_id),
                         ("accepted", 4, "Neat", self.manager))
        self.assertTrue(task.accepted_date)
        self.assertEqual((task.state, task.stage_id), ("1_done", self.done_stage))
        self.assertFalse(task.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))

    def test_request_changes_reopens(self):
        """Requesting changes needs a comment and sets the task to Changes Requested."""
        task = self._task("Paint")
        task.write({"state": "1_done"})
        with self.assertRaises(UserError):
            self._accept(task, self.manager, "changes", rating=False, comment="")
        self._accept(task, self.manager, "changes", rating="2", comment="Second coat")
        self.assertEqual((task.state, task.acceptance_state, task.quality_rating),
                         ("02_changes_requested", "changes_requested", 2))
        self.assertIn("Second coat", task.message_ids[0].body)
        task.write({"state": "1_done"})
        self.assertEqual(task.acceptance_state, "to_accept")

    def test_rule_reviewer_and_protected_fields(self):
        """A rule's acceptance reviewer accepts instead of the project manager; nobody can write the
        rating directly."""
        self.rule.write({"active": True, "acceptance_reviewer_id": self.cleo.id})
        task = self._task("Paint")
        task.write({"state": "1_done"})
        with self.assertRaises(AccessError):
            self._accept(task, self.manager)
        with self.assertRaises(UserError):
            task.with_user(self.manager).write({"quality_rating": 5})
        with self.assertRaises(UserError):
            task.sudo().write({"acceptance_state": "accepted"})
        self._accept(task, self.cleo, rating="5")
        self.assertEqual(task.quality_rating, 5)

    def test_final_stage_move_respects_rules(self):
        """When the last stage is guarded, acceptance asks for its approval instead of moving."""
        self.rule.write({"active": True, "stage_id": self.done_stage.id})
        task = self._task("Paint")
        task.write({"state": "1_done"})
        self._accept(task, self.manager)
        self.assertEqual(task.acceptance_state, "accepted")
        self.assertEqual(task.stage_id, self.todo)
        self.assertEqual(task.approval_request_ids.target_stage_id, self.done_stage)


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(TransactionCase):
    """Two transactions (two cursors, committed data) approving the same level. What they
    commit is removed at the end of each test."""

    def setUp(self):
        super().setUp()
        suffix = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            users = [new_test_user(env, f"tm_conc_{name}_{suffix}", groups="project.group_project_user", name=name)
                     for name in ("Ann", "Ben", "Cid")]
            stages = env["project.task.type"].create([{"name": f"Conc {n} {suffix}", "sequence": n} for n in range(2)])
            project = env["project.project"].create(
                {"name": f"Concurrency {suffix}", "type_ids": [Command.set(stages.ids)]})
            rule = env["project.task.approval.rule"].create({
                "name": f"Concurrency {suffix}", "project_ids": [Command.set(project.ids)], "stage_id": stages[1].id,
                "level_ids": [Command.create({"name": "Panel", "approver_type": "users", "mode": "min",
                                              "min_approvals": 2,
                                              "approver_user_ids": [Command.set([u.id for u in users])]})]})
            task = env["project.task"].create({"name": "Contested", "project_id": project.id, "stage_id": stages[0].id})
            task.write({"stage_id": stages[1].id})
            request = task.approval_request_ids
            self.ids = {"users": [u.id for u in users], "stages": stages.ids, "project": project.id,
                        "rule": rule.id, "task": task.id, "step": request.current_step_id.id,
                        "partners": [u.partner_id.id for u in users]}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["mail.mail"].search([("model", "=", "project.task.approval.step"),
                                     ("res_id", "=", self.ids["step"])]).unlink()
            env["project.task"].browse(self.ids["task"]).unlink()
            env["project.task.approval.rule"].browse(self.ids["rule"]).unlink()
            env["project.project"].browse(self.ids["project"]).unlink()
            env["project.task.type"].browse(self.ids["stages"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()

    def _approve(self, cr, user_index):
        env = api.Environment(cr, self.ids["users"][user_index], {})
        return env["project.task.approval.step"].browse(self.ids["step"]).action_approve()

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            step = env["project.task.approval.step"].browse(self.ids["step"])
            approvals = step.decision_ids.filtered(lambda d: d.decision == "approved")
            return step.approved_count, sorted(approvals.user_id.ids), step.request_id.state

    @mute_logger("odoo.sql_db")
    def test_second_approval_waits_then_counts_once(self):
        """Ann approves in transaction 1 (not committed); Ann's approval in transaction 2 waits on
        the request's row lock (1 s lock timeout) before counting anything, and fails; once 1
        commits, 2 retries: Ann's is a no-op (already approved) and Ben's approval makes the second
        one, completing the level."""
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            self._approve(cr1, 0)
            cr1.flush()
            cr2.execute("SET LOCAL lock_timeout = '1s'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                self._approve(cr2, 0)
            # it waited on the request's lock, before counting or writing anything
            self.assertIn(b"FOR NO KEY UPDATE", cr2._obj.query)
            cr2.rollback()
            # two real transactions: what 1 commits is what 2 sees
            cr1.commit()  # pylint: disable=invalid-commit
            second = self._approve(cr2, 0)
            self.assertIn("already approved", second["params"]["message"])
            cr2.rollback()
            self._approve(cr2, 1)
            cr2.commit()  # pylint: disable=invalid-commit
        finally:
            cr1.close()
            cr2.close()
        self.assertEqual(self._state(), (2, sorted(self.ids["users"][:2]), "approved"))

    def test_cron_skips_a_level_being_decided(self):
        """The SLA cron skips (SKIP LOCKED) a late level whose request another transaction holds,
        without waiting, and handles it on its next run."""
        with self.registry.cursor() as cr:
            cr.execute("UPDATE project_task_approval_step SET deadline = now() at time zone 'UTC' - interval '1 hour' "
                       "WHERE id = %s", [self.ids["step"]])
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            cr1.execute("SELECT id FROM project_task_approval_request WHERE id = "
                        "(SELECT request_id FROM project_task_approval_step WHERE id = %s) FOR NO KEY UPDATE",
                        [self.ids["step"]])
            cr2.execute("SET LOCAL lock_timeout = '1s'")
            Step = api.Environment(cr2, api.SUPERUSER_ID, {})["project.task.approval.step"]
            self.assertEqual(Step._cron_approval_sla(), 0)
            cr1.rollback()
            cr2.rollback()
            self.assertEqual(Step._cron_approval_sla(), 1)
            self.assertEqual(Step._cron_approval_sla(), 0)
            cr2.commit()  # pylint: disable=invalid-commit
        finally:
            cr1.close()
            cr2.close()

    @mute_logger("odoo.sql_db")
    def test_two_threads_approving_together(self):
        """Ann and Ben approve in two threads at once, each retrying on a serialization failure as
        Odoo's RPC layer does: both approvals count, exactly once each."""
        barrier = threading.Barrier(2)
        errors = []

        def approve(index):
            try:
                for attempt in range(5):
                    with self.registry.cursor() as cr:
                        try:
                            if attempt == 0:
                                barrier.wait(timeout=10)
                            self._approve(cr, index)
                            cr.commit()  # pylint: disable=invalid-commit
                            return
                        except psycopg2.errors.SerializationFailure:
                            cr.rollback()
                errors.append(f"user {index}: no success after 5 attempts")
            except Exception as error:  # noqa: BLE001 (reported to the test thread)
                errors.append(repr(error))

        threads = [threading.Thread(target=approve, args=(index,)) for index in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(errors, [])
        self.assertEqual(self._state(), (2, sorted(self.ids["users"][:2]), "approved"))


@tagged("post_install", "-at_install")
class TestApprovalNotesLanguage(ApprovalCase):
    """Approval notes are stored as data and read in the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_chinese(cls.env)
        cls.review.with_context(lang="zh_CN").name = "审核"
        cls.zh_user = new_test_user(cls.env, "tm_zh_reader", groups="project.group_project_user",
                                    name="Zhang Wei", lang="zh_CN")

    def _body(self, message, user):
        store = Store()
        message.with_user(user).with_context(lang=user.lang)._to_store(store)
        return html.unescape(str(store.get_result()["mail.message"][0]["body"]))

    def test_request_notes_in_reader_language(self):
        """The notes of a request an English-speaking user sends, then cancels, read in
        Chinese (with the stage's Chinese name) for a Chinese reader."""
        task = self._task("Paint")
        request = self._request_review(task)
        sent = task.message_ids.filtered(
            lambda m: m.task_mgmt_log and m.task_mgmt_log["lines"][0]["code"] == "approval_requested")
        self.assertIn("Moving to stage 'Review' needs approval", sent.body)
        self.assertIn("Moving to stage 'Review' needs approval", self._body(sent, self.user))
        chinese = self._body(sent, self.zh_user)
        self.assertIn("阶段“审核”", chinese)
        self.assertNotIn("needs approval", chinese)
        request.with_user(self.user).action_cancel()
        cancelled = task.message_ids.filtered(
            lambda m: m.task_mgmt_log and m.task_mgmt_log["lines"][0]["code"] == "approval_cancelled")
        self.assertEqual(self._body(cancelled, self.zh_user), "审批请求已取消：阶段“审核”。")
