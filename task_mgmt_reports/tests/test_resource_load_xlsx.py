# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The XLSX download of the resource load: streamed, coloured, with the reader's rights."""

import io
import json
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.tests import HttpCase, tagged

from .load_common import PASSWORD, LoadCase


@tagged("post_install", "-at_install")
class TestResourceLoadXlsx(HttpCase, LoadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_load()
        today = fields.Date.context_today(cls.env.user)
        cls.monday = today + timedelta(days=7 - today.weekday())
        friday = cls.monday + timedelta(days=4)
        cls.task("Xlsx: one", 24, cls.ann, cls.monday, friday)
        cls.task("Xlsx: two", 24, cls.ann, cls.monday, friday)

    def download(self, login, filters):
        self.authenticate(login, PASSWORD)
        return self.url_open(f"/task_mgmt_reports/load.xlsx?filters={json.dumps(filters)}")

    def test_grid_and_over_allocations(self):
        """A manager's file: Ann's week at 120 % filled red, Ben's empty week, and Ann's 8 h
        excess with both tasks on the second sheet."""
        flt = {"date_from": str(self.monday), "date_to": str(self.monday + timedelta(days=6)),
               "project_ids": [self.project.id], "department_ids": [self.department.id]}
        response = self.download("load_mgr", flt)
        self.assertEqual(response.status_code, 200, response.text[:300])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["Resource Load", "Over-allocations"])
        rows = list(book["Resource Load"].iter_rows())
        self.assertEqual([c.value for c in rows[0]][:3], ["Department", "Employee", "Unscheduled (h)"])
        ann = next(row for row in rows if row[1].value == "Load Ann")
        self.assertAlmostEqual(ann[3].value, 1.2)
        self.assertEqual(ann[3].fill.fgColor.rgb, "FFF5A3A3")
        self.assertEqual(ann[4].value, 48)
        over = [[c.value for c in row] for row in book["Over-allocations"].iter_rows()]
        self.assertEqual(over[1][:3], ["Load Ann", over[1][1], 8])
        self.assertIn("Xlsx: one (24.0 h)", over[1][3])

    def test_refused(self):
        """No file for a user outside projects; bad filters are a 400."""
        self.assertEqual(self.download("load_plain", {}).status_code, 403)
        self.authenticate("load_mgr", PASSWORD)
        self.assertEqual(self.url_open("/task_mgmt_reports/load.xlsx?filters=[1,").status_code, 400)
        self.assertEqual(self.url_open("/task_mgmt_reports/load.xlsx?filters=[1]").status_code, 400)
