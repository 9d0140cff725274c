# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deciding from a phone: every decision names the level it was made for and answers with a
toast; a second tap (or a request a phone sends again) on a level already decided changes
nothing, and never falls on the next level. Quadrant changes without drag and drop."""
import xmlrpc.client

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import Transport, new_test_user

from .test_approval import ApprovalCase

PASSWORD = "phone-ana-pass-1"  # noqa: S105 (a test user's password)


class PhoneApprovalCase(ApprovalCase):
    """Ana approves both levels of the rule: "Lead", then "Board" (Ana alone)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ana.password = PASSWORD
        cls.rule.level_ids.filtered(lambda lv: lv.name == "Board").write(
            {"mode": "any", "approver_user_ids": [Command.set(cls.ana.ids)]})

    def _decisions(self, request, user):
        return request.decision_ids.filtered(lambda d: d.decision == "approved" and d.user_id == user)

    def assert_toast(self, action, kind, *words):
        self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "display_notification"))
        self.assertEqual(action["params"]["type"], kind)
        for word in words:
            self.assertIn(word, action["params"]["message"])


@tagged("post_install", "-at_install")
class TestPhoneDecisions(PhoneApprovalCase):
    def test_banner_offers_the_level_waiting_for_the_user(self):
        """The task form's banner carries the level waiting for the current user (none for others)."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead = self._step(request, "Lead")
        self.assertEqual(task.with_user(self.ana).approval_step_id, lead)
        self.assertFalse(task.with_user(self.bob).approval_step_id)
        self.assertFalse(task.with_user(self.bob).approval_can_act)

    def test_second_tap_on_the_task_banner_does_not_approve_the_next_level(self):
        """Ana taps Approve twice on the banner drawn for "Lead": the first approves Lead (toast
        naming task, level and outcome, no redraw since Board waits for her too); the second
        says Lead is already approved and leaves Board pending, without her approval."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead, board = self._step(request, "Lead"), self._step(request, "Board")
        banner = task.with_user(self.ana).with_context(approval_step_id=lead.id)
        first = banner.action_approval_approve()
        self.assert_toast(first, "success", "Paint", "Lead", "approved", "Board")
        self.assertNotIn("next", first["params"], "no redraw: the next level would sit under the finger")
        self.assertEqual((lead.state, board.state, request.current_step_id), ("approved", "pending", board))
        second = banner.action_approval_approve()
        self.assert_toast(second, "warning", "Paint", "Lead", "already approved")
        self.assertEqual((board.state, board.approved_count, request.state), ("pending", 0, "pending"))
        self.assertFalse(self._decisions(request, self.ana).filtered(lambda d: d.step_id == board))
        self.assertEqual(task.stage_id, self.todo, "the task waits for Board")
        # Board decided on purpose (its own level id): the request completes and the screen reloads
        last = task.with_user(self.ana).action_approval_approve(step_id=board.id)
        self.assert_toast(last, "success", "Board", "complete")
        self.assertEqual(last["params"]["next"], {"type": "ir.actions.act_window_close"})
        self.assertEqual((request.state, task.stage_id), ("approved", self.review))

    def test_second_tap_in_my_approvals_does_not_approve_the_next_level(self):
        """My Approvals' card calls the level itself: a second call on "Lead" is harmless."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead, board = self._step(request, "Lead"), self._step(request, "Board")
        lead.with_user(self.ana).action_approve()
        second = lead.with_user(self.ana).action_approve()
        self.assert_toast(second, "warning", "Lead", "already approved")
        self.assertEqual((board.state, board.approved_count), ("pending", 0))
        self.assertEqual(len(self._decisions(request, self.ana)), 1)

    def test_batch_approval_gives_one_short_toast(self):
        """Approving five levels at once (My Approvals, several selected) approves them all and
        the toast lists three and counts the others."""
        requests = [self._request_review(self._task(f"Wall {n}")) for n in range(5)]
        leads = self.env["project.task.approval.step"].union(*(self._step(r, "Lead") for r in requests))
        done = leads.with_user(self.ana).action_approve()
        self.assert_toast(done, "success", "Wall 0", "and 2 more")
        self.assertEqual(set(leads.mapped("state")), {"approved"})

    def test_request_form_approves_its_level(self):
        """The Approval Request form's Approve decides the level it shows, once."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead = self._step(request, "Lead")
        form = request.with_user(self.ana).with_context(approval_step_id=lead.id)
        self.assert_toast(form.action_approval_approve(), "success", "Lead")
        self.assert_toast(form.action_approval_approve(), "warning", "already approved")
        self.assertEqual(self._step(request, "Board").state, "pending")

    def test_a_level_of_another_task_or_a_bad_value_is_refused(self):
        """The level passed must be one of the record's: another task's level, a string or a
        boolean are refused with a message naming the task; a non-approver gets AccessError."""
        task, other = self._task("Paint"), self._task("Plaster")
        self._request_review(task)
        other_lead = self._step(self._request_review(other), "Lead")
        for value in (other_lead.id, str(other_lead.id), True):
            with self.subTest(value=value), self.assertRaisesRegex(UserError, "Paint"):
                task.with_user(self.ana).action_approval_approve(step_id=value)
        lead = self._step(task.approval_request_ids, "Lead")
        with self.assertRaises(AccessError):
            task.with_user(self.bob).action_approval_approve(step_id=lead.id)
        self.assertEqual((lead.state, other_lead.state), ("pending", "pending"))

    def test_reject_and_delegate_confirm_with_a_toast(self):
        """Reject and Delegate (dialogs) answer with a toast naming task, level and outcome, and close."""
        task, other = self._task("Paint"), self._task("Plaster")
        lead = self._step(self._request_review(task), "Lead")
        wizard = task.with_user(self.ana).action_approval_reject(step_id=lead.id)
        self.assertEqual(wizard["context"]["default_step_ids"], [Command.set(lead.ids)])
        done = self.env["project.task.approval.reject"].with_user(self.ana).create(
            {"step_ids": [Command.set(lead.ids)], "reason": "Too early"}).action_confirm()
        self.assert_toast(done, "success", "Paint", "Lead", "rejected")
        self.assertEqual(done["params"]["next"], {"type": "ir.actions.act_window_close"})
        other_lead = self._step(self._request_review(other), "Lead")
        done = self.env["project.task.approval.delegate"].with_user(self.ana).create(
            {"step_ids": [Command.set(other_lead.ids)], "user_id": self.dan.id}).action_confirm()
        self.assert_toast(done, "success", "Plaster", "Lead", "Dan Delegate")


@tagged("post_install", "-at_install")
class TestPhoneAcceptance(PhoneApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule.active = False
        cls.project.write({"task_acceptance_required": True})

    def test_accept_confirms_and_second_tap_changes_nothing(self):
        """The reviewer accepts with 4/5 (toast naming the task and the rating); confirming
        again, or asking for changes after it, leaves the acceptance as it is."""
        task = self._task("Paint")
        task.with_user(self.user).write({"state": "1_done"})
        Accept = self.env["project.task.accept"].with_user(self.manager)
        done = Accept.create({"task_id": task.id, "decision": "accept", "quality_rating": "4"}).action_confirm()
        self.assert_toast(done, "success", "Paint", "accepted", "4/5")
        again = Accept.create({"task_id": task.id, "decision": "changes", "comment": "Redo"}).action_confirm()
        self.assert_toast(again, "warning", "Paint", "nothing was changed")
        self.assertEqual((task.acceptance_state, task.quality_rating, task.state), ("accepted", 4, "1_done"))
        # someone else than the reviewer gets no "nothing was changed" toast: a refusal
        with self.assertRaises(UserError):
            self.env["project.task.accept"].with_user(self.ana).create(
                {"task_id": task.id, "decision": "changes", "comment": "Redo"}).action_confirm()
        self.assertEqual(task.acceptance_state, "accepted")


@tagged("post_install", "-at_install")
class TestPhoneQuadrant(PhoneApprovalCase):
    def test_quick_action_moves_to_the_quadrant(self):
        """The card's quick action moves a task to "Do First": important, urgent (by hand), priority
        Urgent, with a toast; an unknown quadrant is refused with a message naming the value."""
        task = self._task("Paint")
        self.assertEqual(task.quadrant, "q4")
        done = task.with_user(self.user).action_priority_set_quadrant("q1")
        self.assert_toast(done, "success", "Paint", "Do First")
        self.assertEqual((task.quadrant, task.is_important, task.is_urgent, task.urgent_manual, task.priority),
                         ("q1", True, True, True, "3"))
        with self.assertRaisesRegex(UserError, "q9"):
            task.with_user(self.user).action_priority_set_quadrant("q9")
        self.assertEqual(task.quadrant, "q1")

    def test_quick_action_needs_write_access(self):
        """A portal user cannot move a task of the project with the quick action."""
        task = self._task("Paint")
        portal = new_test_user(self.env, "tm_portal_phone", groups="base.group_portal")
        with self.assertRaises(AccessError):
            task.with_user(portal).action_priority_set_quadrant("q1")
        self.assertEqual(task.quadrant, "q4")


@tagged("post_install", "-at_install")
class TestPhoneDoubleTapRpc(HttpCase, PhoneApprovalCase):
    """The double tap as a phone sends it: two XML-RPC calls naming the first level."""

    def test_second_call_with_the_first_level_over_rpc(self):
        """Ana calls action_approval_approve twice over XML-RPC with Lead's id: one approval of
        Lead, a warning the second time, Board untouched."""
        task = self._task("Paint")
        request = self._request_review(task)
        lead, board = self._step(request, "Lead"), self._step(request, "Board")
        url = f"http://127.0.0.1:{odoo.tools.config['http_port']}/xmlrpc/2/object"
        proxy = xmlrpc.client.ServerProxy(url, transport=Transport(self.cr), allow_none=True)

        def tap():
            result = proxy.execute_kw(self.env.cr.dbname, self.ana.id, PASSWORD, "project.task",
                                      "action_approval_approve", [task.ids], {"step_id": lead.id})
            self.env.invalidate_all()
            return result

        self.assert_toast(tap(), "success", "Lead", "approved")
        self.assert_toast(tap(), "warning", "Lead", "already approved")
        self.assertEqual((lead.state, board.state, board.approved_count), ("approved", "pending", 0))
        self.assertEqual(len(self._decisions(request, self.ana)), 1)
