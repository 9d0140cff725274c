# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoiXlsx(HttpCase):
    """The XLSX download of the ROI table: streamed, grouped, with the reader's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(cls.env, "roi_x_sal", groups="sales_team.group_sale_salesman",
                                     password="roi_x_sal_pw1", name="Xlsx Sal")
        cls.manager = new_test_user(cls.env, "roi_x_mgr", groups="sales_team.group_sale_manager",
                                    password="roi_x_mgr_pw1", name="Xlsx Mgr")
        cls.employee = new_test_user(cls.env, "roi_x_emp", groups="base.group_user",
                                     password="roi_x_emp_pw1", name="Xlsx Emp")
        cls.deal = cls.env["crm.lead"].create({
            "name": "Xlsx deal", "type": "opportunity", "user_id": cls.salesman.id,
            "expected_revenue": 1000, "probability": 30,
        })

    def _download(self, login, **params):
        self.authenticate(login, f"{login}_pw1")
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.url_open(f"/task_mgmt_reports/roi.xlsx?{query}")

    def _table(self, response):
        self.assertEqual(response.status_code, 200, response.text[:300])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def test_manager_gets_costs(self):
        """A sales manager's table has the cost columns and the deal's weighted revenue."""
        domain = json.dumps([["opportunity_id", "=", self.deal.id]])
        table = self._table(self._download("roi_x_mgr", groupby="opportunity_id", domain=domain))
        header = table[0]
        self.assertIn("Cost", header)
        self.assertIn("ROI (%)", header)
        row = dict(zip(header, table[1], strict=True))
        self.assertEqual(row["Opportunity"], "Xlsx deal")
        self.assertEqual(row["Weighted Revenue"], 300)
        self.assertEqual(table[-1][0], "Total")

    def test_salesman_gets_no_costs(self):
        """A salesperson's table has revenue and hours, no cost column."""
        table = self._table(self._download("roi_x_sal", groupby="team_id"))
        self.assertIn("Revenue", table[0])
        self.assertIn("Hours", table[0])
        self.assertNotIn("Cost", table[0])
        self.assertNotIn("Margin", table[0])

    def test_refused(self):
        """Users without access to the ROI lines, bad group-bys and bad domains are refused."""
        self.assertEqual(self._download("roi_x_emp").status_code, 403)
        self.assertEqual(self._download("roi_x_mgr", groupby="revenue").status_code, 400)
        self.assertEqual(self._download("roi_x_mgr", domain="[[1,2").status_code, 400)
        self.assertEqual(self.env["crm.lead.report.roi"].action_export_xlsx()["type"], "ir.actions.act_url")
