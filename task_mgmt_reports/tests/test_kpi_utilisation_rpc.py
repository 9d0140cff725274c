# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUtilisationRpc(HttpCase):
    """Over XML-RPC with a forged context: a project user reads only their own utilisation rows;
    the refresh is not callable; a portal user cannot open the report."""

    def setUp(self):
        super().setUp()
        self.user = new_test_user(self.env, "util_rpc_user", groups="project.group_project_user")
        self.manager = new_test_user(self.env, "util_rpc_manager", groups="project.group_project_manager")
        new_test_user(self.env, "util_rpc_portal", groups="base.group_portal")
        project = self.env["project.project"].create({"name": "Utilisation RPC"})
        Employee = self.env["hr.employee"]
        self.own = Employee.create({"name": "RPC own", "user_id": self.user.id})
        self.colleague = Employee.create({"name": "RPC colleague"})
        for employee in self.own | self.colleague:
            self.env["account.analytic.line"].create({"name": "Work", "project_id": project.id,
                                                      "employee_id": employee.id, "unit_amount": 5,
                                                      "date": date.today()})
        self.forged = {"context": {"uid": self.manager.id, "su": True, "active_test": False,
                                   "allowed_company_ids": [self.env.company.id]}}

    def _call(self, login, method, args, kwargs=None):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, login, "task_mgmt.report.utilisation", method,
                                             args, kwargs or {})

    def test_own_rows_only_over_rpc(self):
        """The user opens the report (the capacity is refreshed) and reads, grouped by employee,
        only their own hours and capacity, whatever the context says; the manager reads both."""
        action = self._call("util_rpc_user", "action_open_utilisation", [], self.forged)
        self.assertEqual(action["res_model"], "task_mgmt.report.utilisation")
        domain = [("employee_id", "in", (self.own | self.colleague).ids)]
        groups = self._call("util_rpc_user", "read_group", [domain, ["hours", "capacity_hours", "utilisation"],
                                                            ["employee_id"]], dict(self.forged, lazy=False))
        self.assertEqual([group["employee_id"][0] for group in groups], [self.own.id])
        self.assertEqual(groups[0]["hours"], 5.0)
        self.assertGreater(groups[0]["capacity_hours"], 0)
        groups = self._call("util_rpc_manager", "read_group", [domain, ["hours"], ["employee_id"]])
        self.assertEqual({group["employee_id"][0] for group in groups}, {self.own.id, self.colleague.id})

    def test_refresh_and_portal_refused(self):
        """The private refresh is not callable over RPC; a portal user cannot open the report."""
        with self.assertRaises(xmlrpc.client.Fault):
            self._call("util_rpc_user", "_refresh", [], self.forged)
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            self._call("util_rpc_portal", "action_open_utilisation", [], self.forged)
        self.assertIn("not allowed to access", fault.exception.faultString)
