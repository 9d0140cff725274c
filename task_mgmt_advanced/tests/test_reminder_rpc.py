# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic reminders as an outside client meets them: over real XML-RPC, a plain project user
(with every context key the addon or Odoo's activities read, forged) cannot run the daily
reminders, write the reminder log or switch a project's reminders."""
import xmlrpc.client
from datetime import datetime

import odoo
from odoo.tests import HttpCase, tagged
from odoo.tests.common import Transport, new_test_user

from . import test_rpc_security as rpc_security
from .common import TaskMgmtReminderCase

# the reminders' own flag, Odoo's keys the reminders use or that a cron run carries, and the
# addon's other flags (rpc_security.FORGED): JSON values, never the InternalFlag objects
REMINDER_FORGED = (
    *rpc_security.FORGED,
    ("mail_activity_quick_update", True),
    ("ir_cron_progress_id", 1),
    ("lastcall", "2026-01-01 00:00:00"),
    ("mail_notify_force_send", True),
    ("tracking_disable", True),
)
NOW = datetime(2026, 1, 8, 12)


@tagged("post_install", "-at_install")
class TestReminderRpc(HttpCase, TaskMgmtReminderCase):
    # the same XML-RPC client as the addon's other RPC tests
    rpc = rpc_security.TestRpcSecurity.rpc
    outcome = rpc_security.TestRpcSecurity.outcome
    assert_same_for_every_key = rpc_security.TestRpcSecurity.assert_same_for_every_key

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_user = new_test_user(cls.env, "tm_rem_rpc_user", groups="project.group_project_user",
                                     name="Rpc Remi", password=rpc_security.PASSWORD)
        cls.task = cls._due_task("Guarded over RPC", datetime(2026, 1, 9, 12), cls.utc_user)
        cls.cron = cls.env.ref("task_mgmt_advanced.ir_cron_task_reminders")

    def setUp(self):
        super().setUp()
        url = f"http://127.0.0.1:{odoo.tools.config['http_port']}/xmlrpc/2/object"
        # Transport flushes the test cursor before each request (the server shares it in tests)
        self.rpc_proxy = xmlrpc.client.ServerProxy(url, transport=Transport(self.cr), allow_none=True)

    def _nothing_sent(self):
        self.assertFalse(self._logs(self.task))
        self.assertFalse(self._activities(self.task))

    def test_plain_user_cannot_run_the_daily_reminders(self):
        """The scheduled action's method, the cron's "Run Manually" and its server action are
        all refused to a plain user, whatever the context: no reminder is recorded or sent."""
        calls = (
            ("method", lambda ctx: self.rpc("project.task.reminder.log", "_task_mgmt_cron_reminders", context=ctx)),
            ("method on tasks", lambda ctx: self.rpc("project.task.reminder.log", "_task_mgmt_record", [],
                                                     context=ctx)),
            ("run manually", lambda ctx: self.rpc("ir.cron", "method_direct_trigger", self.cron.ids, context=ctx)),
            ("server action", lambda ctx: self.rpc("ir.actions.server", "run", self.cron.ir_actions_server_id.ids,
                                                   context=ctx)),
        )
        for name, call in calls:
            with self.subTest(call=name):
                refused = self.assert_same_for_every_key(lambda ctx, call=call: self.outcome(lambda: call(ctx)),
                                                         "refused", forged=REMINDER_FORGED)
                self.assertRegex(refused[1], "cannot be called remotely|access|not allowed|permission")
                self._nothing_sent()
        # the same server action run by an administrator does send (the refusal is not a broken call)
        self.env["project.task.reminder.log"]._task_mgmt_cron_reminders(now=NOW)
        self.assertTrue(self._logs(self.task))

    def test_plain_user_cannot_write_the_log(self):
        """A plain user can neither read, create, change nor delete reminder rows over XML-RPC,
        whatever the context (a forged row would silence a reminder)."""
        self._run(NOW)
        log = self._logs(self.task, partner_id=self.utc_user.partner_id.id)
        self.assertEqual(log.email_state, "sent")
        vals = {"task_id": self.task.id, "partner_id": self.rpc_user.partner_id.id, "kind": "before",
                "threshold": 0, "deadline": "2026-01-09 12:00:00"}
        Log = "project.task.reminder.log"
        for name, call in (
                ("create", lambda ctx: self.rpc(Log, "create", vals, context=ctx)),
                ("write", lambda ctx: self.rpc(Log, "write", log.ids, {"email_state": "pending"}, context=ctx)),
                ("unlink", lambda ctx: self.rpc(Log, "unlink", log.ids, context=ctx)),
                ("read", lambda ctx: self.rpc(Log, "search_read", [], ["task_id"], context=ctx))):
            with self.subTest(call=name):
                self.assert_same_for_every_key(lambda ctx, call=call: self.outcome(lambda: call(ctx)),
                                               "refused", forged=REMINDER_FORGED)
        self.assertEqual(self._logs(self.task), self.env["project.task.reminder.log"].search(
            [("task_id", "=", self.task.id)]))
        self.assertFalse(self._logs(self.task, partner_id=self.rpc_user.partner_id.id))
        self.assertEqual(log.email_state, "sent")

    def test_plain_user_cannot_switch_reminders(self):
        """A plain user cannot switch a project's reminders off (or change their thresholds), nor
        another user's emails, whatever the context; their own opt-out they may change."""
        for name, vals in (("off", {"reminder_enabled": False}), ("thresholds", {"reminder_before_days": 0}),
                           ("escalation", {"reminder_escalate": False})):
            with self.subTest(change=name):
                self.assert_same_for_every_key(
                    lambda ctx, vals=vals: self.outcome(lambda: self.rpc("project.project", "write",
                                                                         self.rem_project.ids, vals, context=ctx)),
                    "refused", forged=REMINDER_FORGED)
        self.assertEqual((self.rem_project.reminder_enabled, self.rem_project.reminder_before_days,
                          self.rem_project.reminder_escalate), (True, 2, True))
        self.assert_same_for_every_key(
            lambda ctx: self.outcome(lambda: self.rpc("res.users", "write", self.utc_user.ids,
                                                      {"task_mgmt_reminder_email_opt_out": True}, context=ctx)),
            "refused", forged=REMINDER_FORGED)
        self.assertFalse(self.utc_user.task_mgmt_reminder_email_opt_out)
        self.assertTrue(self.rpc("res.users", "write", self.rpc_user.ids, {"task_mgmt_reminder_email_opt_out": True}))
        self.assertTrue(self.rpc_user.task_mgmt_reminder_email_opt_out)
        # and the project still warns: the reminders were never switched off
        self._run(NOW)
        self.assertEqual(self._logs(self.task).partner_id, self.utc_user.partner_id | self.manager.partner_id)
