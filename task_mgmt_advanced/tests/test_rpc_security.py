# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rules as an outside client meets them: over real XML-RPC, as a plain project user, with
every context key the addon reads set to forged values."""
import json
import xmlrpc.client

import odoo
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import Transport, new_test_user

from .common import TaskMgmtCase

# every context key the addon reads (its own flags, and Odoo's keys it looks at), with values a
# caller can send: JSON only, so never the InternalFlag / ApprovalGrant objects the code uses
FORGED = (
    ("task_mgmt_dependency_sync", True),
    ("task_mgmt_priority", True),
    ("task_mgmt_priority", "1"),
    ("task_mgmt_approval_grant", True),
    ("task_mgmt_approval_grant", {"entries": [["TASK", "stage_id", "STAGE"]]}),
    ("task_mgmt_approval_mail_steps", [1, 2, 3]),
    ("install_module", "task_mgmt_advanced"),
    ("cron_id", 1),
    ("mail_activity_automation_skip", True),
    ("approval_step_id", 1),
    ("task_mgmt_milestone_by_tasks", True),
    ("task_mgmt_reminder_subscribed", True),
)
# owned by the scheduler's workstream: tried on its own (see test_scheduling_key_is_harmless)
SCHEDULING_FORGED = (("task_mgmt_scheduling", True), ("task_mgmt_scheduling", 1))
PASSWORD = "rpc-user-pass-1"  # noqa: S105 (a test user's password)


@tagged("post_install", "-at_install")
class TestRpcSecurity(HttpCase, TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo, cls.doing, cls.review, cls.done_stage = cls.stages
        cls.rpc_user = new_test_user(cls.env, "tm_rpc_user", groups="project.group_project_user",
                                     name="Rpc Rita", password=PASSWORD)
        cls.colleague = new_test_user(cls.env, "tm_rpc_colleague", groups="project.group_project_user",
                                      name="Colleague Carl")
        cls.project.dependency_enforcement = "block"
        cls.env["project.task.priority.rule"].search([]).active = False
        cls.env["project.task.approval.rule"].search([]).active = False
        cls.approval_rule = cls.env["project.task.approval.rule"].create({
            "name": "Review sign-off (rpc)",
            "project_ids": [Command.set(cls.project.ids)],
            "transition": "stage",
            "stage_id": cls.review.id,
            "level_ids": [Command.create({"name": "Lead", "approver_type": "users",
                                         "approver_user_ids": [Command.set(cls.manager.ids)]})],
        })
        cls.priority_rule = cls.env["project.task.priority.rule"].create({
            "name": "Tagged urgent (rpc)", "condition": "filter", "filter_domain": "[('name', 'ilike', '[hot]')]",
            "effect": "level", "level": "3", "project_ids": [Command.set(cls.project.ids)],
        })
        # a project without approval rules sharing the stages, and one without a manager
        cls.open_project = cls.env["project.project"].create({
            "name": "Open (rpc)", "type_ids": [Command.set(cls.stages.ids)], "user_id": cls.manager.id,
            "privacy_visibility": "employees",
        })
        cls.unmanaged = cls.env["project.project"].create({
            "name": "Unmanaged (rpc)", "type_ids": [Command.set(cls.stages.ids)], "user_id": False,
            "privacy_visibility": "employees", "raci_require_accountable": True,
        })

    def setUp(self):
        super().setUp()
        url = f"http://127.0.0.1:{odoo.tools.config['http_port']}/xmlrpc/2/object"
        # Transport flushes the test cursor before each request (the server shares it in tests)
        self.rpc_proxy = xmlrpc.client.ServerProxy(url, transport=Transport(self.cr), allow_none=True)

    # ------------------------------------------------------------------ helpers

    def rpc(self, model, method, *args, user=None, context=None, **kwargs):
        """``model.method(*args, **kwargs)`` over XML-RPC as ``user`` (the plain project user)."""
        user = user or self.rpc_user
        password = PASSWORD if user == self.rpc_user else user.login + "x" * (8 - len(user.login))
        if context is not None:
            kwargs["context"] = context
        # what a client sends: JSON-like values (Command members become plain integers)
        args, kwargs = json.loads(json.dumps([list(args), kwargs]))
        result = self.rpc_proxy.execute_kw(self.env.cr.dbname, user.id, password, model, method, args, kwargs)
        self.env.invalidate_all()
        return result

    def outcome(self, call):
        """("ok", result) or ("refused", the server's message) of ``call()``."""
        try:
            return ("ok", call())
        except xmlrpc.client.Fault as fault:
            lines = [line for line in fault.faultString.strip().splitlines() if line.strip()]
            return ("refused", lines[-1] if lines else fault.faultString)

    def assert_same_for_every_key(self, scenario, expected_kind, forged=FORGED):
        """``scenario(context)`` (fresh records each time) gives the same outcome with each
        forged key, and with all of them at once, as without any."""
        baseline = scenario({})
        self.assertEqual(baseline[0], expected_kind, baseline)
        contexts = [{key: value} for key, value in forged] + [dict(forged)]
        for context in contexts:
            with self.subTest(context=context):
                self.assertEqual(scenario(context), baseline)
        return baseline

    # ------------------------------------------------------------------ dependency enforcement

    def _blocked_start(self, context, vals=None):
        pred = self._task("Pred (rpc)")
        succ = self._task("Succ (rpc)")
        self._link(pred, succ)
        result = self.outcome(lambda: self.rpc("project.task", "write", [succ.id], vals or {"stage_id": self.doing.id},
                                               context=context))
        return result + (succ.stage_id.name, succ.state)

    def test_dependency_block_ignores_context(self):
        """A successor cannot start (or be marked done) before its finish-to-start predecessor is
        done, whatever context the call carries."""
        start = self.assert_same_for_every_key(self._blocked_start, "refused")
        self.assertIn("blocked by", start[1])
        self.assertEqual(start[2:], ("To Do", "04_waiting_normal"))
        self.assert_same_for_every_key(lambda ctx: self._blocked_start(ctx, {"state": "1_done"}), "refused")

    def _native_link_then_start(self, context):
        pred = self._task("Pred (rpc)")
        succ = self._task("Succ (rpc)")
        self.rpc("project.task", "write", [succ.id], {"depend_on_ids": [Command.link(pred.id)]}, context=context)
        kinds = succ.predecessor_link_ids.mapped("dependency_type")
        return self.outcome(lambda: self.rpc("project.task", "write", [succ.id], {"stage_id": self.doing.id},
                                             context=context)) + (kinds,)

    def test_native_dependency_always_becomes_a_link(self):
        """A native dependency added over RPC becomes a finish-to-start link that blocks, even
        with the synchronisation flag forged."""
        result = self.assert_same_for_every_key(self._native_link_then_start, "refused")
        self.assertEqual(result[2], ["fs"])

    # ------------------------------------------------------------------ approval guard

    def _move_to_review(self, context):
        task = self._task("Guarded (rpc)", stage_id=self.doing.id)
        context = {key: ({"entries": [[task.id, "stage_id", self.review.id]]} if isinstance(value, dict) else value)
                   for key, value in context.items()}
        result = self.outcome(lambda: self.rpc("project.task", "write", [task.id], {"stage_id": self.review.id},
                                               context=context))
        pending = task.approval_request_ids.filtered(lambda r: r.state == "pending")
        return result + (task.stage_id.name, len(pending))

    def test_approval_guard_ignores_context(self):
        """Moving a task into the guarded stage is held for approval whatever the context: the
        task stays where it was and one request waits."""
        result = self.assert_same_for_every_key(self._move_to_review, "ok")
        self.assertEqual(result[2:], ("Doing", 1))

    def _move_project_into_guard(self, context):
        task = self._task("Shared stage (rpc)", project=self.open_project, stage_id=self.review.id)
        result = self.outcome(lambda: self.rpc("project.task", "write", [task.id], {"project_id": self.project.id},
                                               context=context))
        pending = task.approval_request_ids.filtered(lambda r: r.state == "pending")
        return result + (task.project_id.name, task.stage_id.name, len(pending))

    def test_project_change_into_guarded_stage_is_held(self):
        """A task sitting in a stage shared with a guarded project, moved to that project over
        RPC, leaves the guarded stage until approved, whatever the context."""
        result = self.assert_same_for_every_key(self._move_project_into_guard, "ok")
        self.assertEqual(result[2:], ("Dependencies", "To Do", 1))

    def _acceptance_forged(self, context):
        task = self._task("Accept me (rpc)")
        return self.outcome(lambda: self.rpc(
            "project.task", "write", [task.id], {"acceptance_state": "accepted", "accepted_by_id": self.manager.id},
            context=context)) + (task.acceptance_state,)

    def test_acceptance_cannot_be_written(self):
        """The acceptance of a task (who accepted it) is refused over RPC, whatever the context."""
        result = self.assert_same_for_every_key(self._acceptance_forged, "refused")
        self.assertIn("Accept action only", result[1])

    # ------------------------------------------------------------------ RACI

    def _accountable_change(self, context):
        task = self._task("Raci (rpc)")
        return self.outcome(lambda: self.rpc("project.task", "write", [task.id],
                                             {"accountable_id": self.colleague.id}, context=context)) + (
            task.accountable_id.name,)

    def _start_without_accountable(self, context):
        task = self._task("No A (rpc)", project=self.unmanaged)
        return self.outcome(lambda: self.rpc("project.task", "write", [task.id], {"stage_id": self.doing.id},
                                             context=context)) + (task.stage_id.name,)

    def test_raci_constraints_ignore_context(self):
        """Only a project manager or the Accountable changes the Accountable; a task without one
        cannot leave the first stage: the same refusals whatever the context."""
        result = self.assert_same_for_every_key(self._accountable_change, "refused")
        self.assertIn("Only a project manager", result[1])
        self.assertEqual(result[2], "Manager Mia")
        result = self.assert_same_for_every_key(self._start_without_accountable, "refused")
        self.assertIn("needs an Accountable", result[1])

    # ------------------------------------------------------------------ priority

    def _priority_by_hand(self, context):
        task = self._task("Pin me (rpc)")
        result = self.outcome(lambda: self.rpc("project.task", "write", [task.id], {"priority": "2"}, context=context))
        return result + (task.priority, task.priority_pinned)

    def _priority_rule_on_create(self, context):
        result = self.outcome(lambda: self.rpc("project.task", "create", [
            {"name": "[hot] created (rpc)", "project_id": self.project.id}], context=context))
        if result[0] != "ok":
            return result
        task = self.env["project.task"].browse(result[1])
        return ("ok", task.priority, task.priority_pinned, task.priority_rule_ids.mapped("name"))

    def _assigned_by_forged(self, context):
        task = self._task("Assign (rpc)")
        return self.outcome(lambda: self.rpc("project.task", "write", [task.id], {
            "user_ids": [Command.set(self.colleague.ids)], "assigned_by_id": self.manager.id}, context=context)) + (
            task.assigned_by_id.name or False,)

    def _rule_matches_forged(self, context):
        task = self._task("Match (rpc)")
        return self.outcome(lambda: self.rpc("project.task", "write", [task.id], {
            "priority_rule_ids": [Command.link(self.priority_rule.id)]}, context=context)) + (task.priority,)

    def test_priority_pinning_and_rules_ignore_context(self):
        """A priority set by hand is pinned; a rule applies to a task created over RPC; who
        assigned a task and which rules it meets cannot be written: whatever the context."""
        result = self.assert_same_for_every_key(self._priority_by_hand, "ok")
        self.assertEqual(result[2:], ("2", True))
        result = self.assert_same_for_every_key(self._priority_rule_on_create, "ok")
        self.assertEqual(result[1:], ("3", False, ["Tagged urgent (rpc)"]))
        result = self.assert_same_for_every_key(self._assigned_by_forged, "refused")
        self.assertIn("Assigned By", result[1])
        self.assertFalse(result[2])
        result = self.assert_same_for_every_key(self._rule_matches_forged, "refused")
        self.assertEqual(result[2], "0")

    def test_assignment_records_the_writer(self):
        """Assigning over RPC records the writing user as "assigned by", on create and write."""
        task_id = self.rpc("project.task", "create", [{"name": "Mine (rpc)", "project_id": self.project.id,
                                                       "user_ids": [Command.set(self.colleague.ids)]}])
        task = self.env["project.task"].browse(task_id)
        self.assertEqual(task.assigned_by_id, self.rpc_user)
        self.rpc("project.task", "write", [task.id], {"user_ids": [Command.set(self.manager.ids)]}, user=self.manager)
        self.assertEqual(task.assigned_by_id, self.manager)

    # ------------------------------------------------------------------ the scheduler's flag

    def test_scheduling_key_is_harmless(self):
        """The scheduler's context key, forged, changes none of the rules above."""
        for scenario, kind in ((self._blocked_start, "refused"), (self._move_to_review, "ok"),
                               (self._accountable_change, "refused"), (self._priority_by_hand, "ok"),
                               (self._assigned_by_forged, "refused")):
            with self.subTest(scenario=scenario.__name__):
                self.assert_same_for_every_key(scenario, kind, forged=SCHEDULING_FORGED)

    # ------------------------------------------------------------------ buttons over RPC

    def assert_receivable(self, result, what):
        self.assertTrue(result is True or isinstance(result, dict), f"{what} returned {result!r}")

    def test_every_button_returns_something_rpc_can_receive(self):
        """Every public action of the addon, called over XML-RPC, returns True or a dict."""
        task = self._task("Buttons (rpc)", priority="2", priority_pinned=True, urgent_manual=True)
        user_actions = [
            ("project.task", [task.id], "action_priority_unpin", {}),
            ("project.task", [task.id], "action_priority_urgency_auto", {}),
            ("project.task", [task.id], "action_priority_refresh_suggestions", {}),
            ("project.task", [task.id], "action_priority_accept_suggestion", {}),
            ("project.task", [task.id], "action_priority_dismiss_suggestion", {}),
            ("project.task", [task.id], "action_schedule", {}),
            ("project.task", [task.id], "action_view_approval_requests", {}),
            ("project.task", [task.id], "action_acceptance_accept", {}),
            ("project.task", [task.id], "action_acceptance_request_changes", {}),
            ("project.project", self.project.ids, "action_schedule_tasks", {}),
            ("project.project", self.project.ids, "action_view_critical_tasks", {}),
            ("project.project", self.project.ids, "action_view_raci_matrix", {}),
            ("project.project", self.project.ids, "action_view_raci_issues", {}),
            ("project.task.priority.rule", self.priority_rule.ids, "action_view_tasks", {}),
            ("project.task.approval.rule", self.approval_rule.ids, "action_view_requests", {}),
        ]
        for model, ids, method, kwargs in user_actions:
            with self.subTest(method=method):
                self.assert_receivable(self.rpc(model, method, ids, **kwargs), method)
        self.assertFalse(task.priority_pinned)
        # approvals: the user asks, the manager (the approver) acts
        guarded = self._task("Approve me (rpc)", stage_id=self.doing.id)
        self.rpc("project.task", "write", [guarded.id], {"stage_id": self.review.id})
        request = guarded.approval_request_ids
        step = request.current_step_id
        for model, ids, method in (("project.task", guarded.ids, "action_approval_reject"),
                                   ("project.task", guarded.ids, "action_approval_delegate"),
                                   ("project.task.approval.step", step.ids, "action_open_reject_wizard"),
                                   ("project.task.approval.step", step.ids, "action_open_delegate_wizard"),
                                   ("project.task.approval.step", step.ids, "action_open_task"),
                                   ("project.task.approval.request", request.ids, "action_open_task")):
            with self.subTest(method=method):
                self.assert_receivable(self.rpc(model, method, ids, user=self.manager), method)
        self.assert_receivable(self.rpc("project.task", "action_approval_approve", guarded.ids, user=self.manager),
                               "action_approval_approve")
        self.assertEqual(guarded.stage_id, self.review)
        # a second request: rejected through the wizard; a third: cancelled by its requester
        for name, outcome in (("Reject me (rpc)", "rejected"), ("Cancel me (rpc)", "cancelled")):
            other = self._task(name, stage_id=self.doing.id)
            self.rpc("project.task", "write", [other.id], {"stage_id": self.review.id})
            request = other.approval_request_ids
            if outcome == "rejected":
                wizard = self.rpc("project.task.approval.reject", "create",
                                  {"step_ids": [Command.set(request.current_step_id.ids)], "reason": "No"},
                                  user=self.manager)
                result = self.rpc("project.task.approval.reject", "action_confirm", [wizard], user=self.manager)
            else:
                result = self.rpc("project.task.approval.request", "action_cancel", request.ids)
            self.assert_receivable(result, outcome)
            self.assertEqual(request.state, outcome)
        # delegation through its wizard
        delegated = self._task("Delegate me (rpc)", stage_id=self.doing.id)
        self.rpc("project.task", "write", [delegated.id], {"stage_id": self.review.id})
        wizard = self.rpc("project.task.approval.delegate", "create", {
            "step_ids": [Command.set(delegated.approval_request_ids.current_step_id.ids)],
            "user_id": self.colleague.id}, user=self.manager)
        self.assert_receivable(self.rpc("project.task.approval.delegate", "action_confirm", [wizard],
                                        user=self.manager), "delegate")
        # acceptance through its wizard, by the reviewer (the project manager)
        self.project.task_acceptance_required = True
        finished = self._task("Accept (rpc)")
        self.rpc("project.task", "write", [finished.id], {"state": "1_done"}, user=self.manager)
        self.assertEqual(finished.acceptance_state, "to_accept")
        wizard = self.rpc("project.task.accept", "create", {"task_id": finished.id, "decision": "accept",
                                                            "quality_rating": "4"}, user=self.manager)
        self.assert_receivable(self.rpc("project.task.accept", "action_confirm", [wizard], user=self.manager),
                               "accept")
        self.assertEqual(finished.acceptance_state, "accepted")
