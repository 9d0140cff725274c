# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEvmSnapshotRpc(HttpCase):
    """Over XML-RPC, as a project user sending a forged context: hours yes, money no; the
    scheduled action's private methods are not callable."""

    def setUp(self):
        super().setUp()
        self.user = new_test_user(self.env, "evm_rpc_user", groups="project.group_project_user")
        self.manager = new_test_user(self.env, "evm_rpc_manager", groups="project.group_project_manager")
        self.project = self.env["project.project"].create({"name": "RPC project"})
        self.env["project.task"].create({"name": "RPC task", "project_id": self.project.id, "allocated_hours": 6})
        self.env["project.evm.snapshot"]._insert_snapshots(self.project, date(2027, 3, 7))
        self.snapshot = self.env["project.evm.snapshot"].search([("project_id", "=", self.project.id)])
        self.forged = {"context": {"evm_money": True, "uid": self.manager.id, "su": True,
                                   "allowed_company_ids": [self.env.company.id]}}

    def _call(self, login, model, method, args, kwargs=None):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, login, model, method, args, kwargs or {})

    def test_hours_but_not_money_over_rpc(self):
        """The user reads the snapshot's hours and the trend in hours; reading a money field, or
        searching on one, is refused whatever the context (a full read leaves them out); the manager
        reads the money."""
        rows = self._call("evm_rpc_user", "project.evm.snapshot", "read", [self.snapshot.ids, ["bac_hours"]],
                          self.forged)
        self.assertEqual(rows[0]["bac_hours"], 6)
        for field in ("bac_amount", "ac_amount", "eac_amount", "cpi_amount"):
            with self.assertRaises(xmlrpc.client.Fault) as fault:
                self._call("evm_rpc_user", "project.evm.snapshot", "read", [self.snapshot.ids, [field]], self.forged)
            self.assertIn("enough rights", fault.exception.faultString)
        everything = self._call("evm_rpc_user", "project.evm.snapshot", "read", [self.snapshot.ids], self.forged)[0]
        self.assertIn("ev_hours", everything)
        self.assertFalse({key for key in everything if key.endswith("_amount")}, "no money field in a full read")
        with self.assertRaises(xmlrpc.client.Fault):
            self._call("evm_rpc_user", "project.evm.snapshot", "search_read",
                       [[("bac_amount", ">", -1)], ["id"]], self.forged)
        trend = self._call("evm_rpc_user", "project.project", "get_evm_trend", [self.project.ids], self.forged)
        self.assertEqual(trend["hours"]["bac"], [6.0])
        self.assertFalse(trend["money"])
        rows = self._call("evm_rpc_manager", "project.evm.snapshot", "read", [self.snapshot.ids, ["bac_amount"]])
        self.assertIn("bac_amount", rows[0])

    def test_private_methods_refused(self):
        """The cron's methods cannot be called over RPC; Snapshot now returns a notification."""
        for method in ("_cron_snapshot", "_insert_snapshots"):
            with self.assertRaises(xmlrpc.client.Fault):
                self._call("evm_rpc_user", "project.evm.snapshot", method, [[]], self.forged)
        with self.assertRaises(xmlrpc.client.Fault):
            self._call("evm_rpc_user", "project.digest.log", "_cron_send_digests", [[]], self.forged)
        result = self._call("evm_rpc_user", "project.project", "action_evm_snapshot", [self.project.ids], self.forged)
        self.assertEqual(result["tag"], "display_notification")
