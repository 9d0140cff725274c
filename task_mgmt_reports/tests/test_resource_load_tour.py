# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resource load in a real browser, and over real XML-RPC as a plain user."""

import xmlrpc.client
from datetime import timedelta
from unittest.mock import patch

import odoo
from odoo.tests import HttpCase, tagged
from odoo.tests.common import Transport

from .load_common import FRI, MON, PASSWORD, LoadCase


@tagged("post_install", "-at_install")
class TestResourceLoadBrowser(HttpCase, LoadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_load()

    def start_tour(self, url_path, tour_name, **kwargs):
        # Chromium may take long to start on a loaded machine (as the other tours)
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            return super().start_tour(url_path, tour_name, **kwargs)

    def test_heatmap_tour(self):
        """Open the heatmap, click Paula's red week, see its tasks, apply the suggested shift of
        her 8 h review within its float: the week is no longer red, the task starts later."""
        _monday, friday, review = self.overloaded_paula()
        review.write({"total_float_days": 5, "late_start_date": friday + timedelta(days=7),
                      "late_end_date": friday + timedelta(days=7)})
        self.start_tour("/odoo/project", "task_mgmt_reports_load_tour", login="admin")
        self.assertGreater(review.planned_start_date, friday)
        self.assertEqual(review.pinned_start_date, review.planned_start_date)


@tagged("post_install", "-at_install")
class TestResourceLoadRpc(HttpCase, LoadCase):
    """Over real XML-RPC, as a plain project user with forged context keys: the same answers as
    without them; another company's employees and other people's capacity stay hidden."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_load()

    def setUp(self):
        super().setUp()
        url = f"http://127.0.0.1:{odoo.tools.config['http_port']}/xmlrpc/2/object"
        # Transport flushes the test cursor before each request (the server shares it in tests)
        self.proxy = xmlrpc.client.ServerProxy(url, transport=Transport(self.cr), allow_none=True)

    def rpc(self, user, method, *args, context=None):
        kwargs = {"context": context} if context is not None else {}
        return self.proxy.execute_kw(self.env.cr.dbname, user.id, PASSWORD, "task_mgmt.resource.load",
                                     method, list(args), kwargs)

    def test_forged_context_changes_nothing(self):
        """Manager-looking keys, sudo-looking keys and a foreign company in the context: the
        plain project user still sees no capacity of Ann, and the foreign company is refused."""
        self.task("Load: rpc", 8, self.ann)
        flt = {"date_from": str(MON), "date_to": str(FRI), "department_ids": [self.department.id]}
        baseline = self.rpc(self.ben, "get_load_grid", flt)
        forged = {"task_mgmt_load_manager": True, "is_manager": True, "sudo": True, "active_test": False,
                  "allowed_company_ids": [self.company.id], "default_employee_ids": [self.far_emp.id]}
        result = self.rpc(self.ben, "get_load_grid", flt, context=forged)
        self.assertEqual(result, baseline)
        ann = next(row for row in result["rows"] if row["id"] == self.ann_emp.id)
        self.assertEqual((ann["detail"], ann["capacity"], ann["cells"][0][1]), (False, False, False))
        self.assertNotIn(self.far_emp.id, [row["id"] for row in result["rows"]])
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            self.rpc(self.ben, "get_load_grid", flt, context={"allowed_company_ids": [self.company2.id]})
        self.assertIn("unauthorized or invalid companies", refused.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            self.rpc(self.plain, "get_load_grid", flt, context=forged)
        self.assertIn("Only project users", refused.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault):
            self.rpc(self.portal, "get_load_cell_tasks", flt, self.ann_emp.id, str(MON), str(FRI))
