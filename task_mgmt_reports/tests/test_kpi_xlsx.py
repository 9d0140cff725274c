# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The XLSX of the delivery cockpit's tables: one sheet per table, the cockpit's figures,
money only for project administrators, streamed by a controller that checks access."""

import io
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..engine import kpi
from .kpi_common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiXlsx(HttpCase, KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create({"name": "Ann Assignee", "user_id": cls.ann.id,
                                                      "hourly_cost": 50.0})
        today = fields.Date.context_today(cls.env.user)
        cls.monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        cls.done = cls._task("Xlsx done", allocated_hours=8, user_ids=[(6, 0, cls.ann.ids)])
        cls.env["account.analytic.line"].create({
            "name": "Work", "project_id": cls.project.id, "task_id": cls.done.id, "employee_id": cls.employee.id,
            "unit_amount": 4, "date": today})
        cls.done.state = "1_done"
        cls.late = cls._task("Xlsx late", allocated_hours=4, planned_start_date=cls.monday,
                             planned_end_date=cls.monday)
        cls.project.with_user(cls.manager).action_save_baseline("B1")
        cls.late.planned_end_date = cls.monday + timedelta(days=2)  # Wednesday: 2 working days late
        # no go-live date (the demo sets one): no before / after sheet unless a test sets it
        cls.env["ir.config_parameter"].sudo().set_param("task_mgmt_reports.go_live_date", False)

    def _book(self, user):
        buffer = io.BytesIO()
        names = self.project.with_user(user)._kpi_write_xlsx(buffer, "month")
        book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
        self.assertEqual(book.sheetnames, names)
        return book

    @staticmethod
    def _rows(sheet):
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    def test_before_after_sheet_with_a_go_live_date(self):
        """With a go-live date in the past, the file has the before / after table too."""
        go_live = fields.Date.context_today(self.env.user) - timedelta(days=10)
        self.env["ir.config_parameter"].sudo().set_param("task_mgmt_reports.go_live_date", go_live.isoformat())
        book = self._book(self.user)
        self.assertEqual(book.sheetnames[:3], ["KPIs", "KPIs by Period", "Before - After"])

    def test_cockpit_tables(self):
        """A project user's file: the month's KPIs (1 task done, none the month before), the KPIs
        by period ending with this month, earned value in hours only (AC 4 h), both burndowns
        and the task 2 working days late against the baseline."""
        book = self._book(self.user)
        self.assertEqual(book.sheetnames, ["KPIs", "KPIs by Period", "Earned Value", "Burndown (hours)",
                                           "Burndown (tasks)", "Slipped Tasks"])
        kpis = {row[0]: row[1:] for row in self._rows(book["KPIs"])}
        self.assertEqual(kpis["Throughput"], [1, 0])
        self.assertEqual(kpis["Hours / estimate"], [0.5, None])
        by_period = self._rows(book["KPIs by Period"])
        self.assertEqual(by_period[0][:4], ["Period", "Planned completion (%)", "On time (%)", "Overdue (%)"])
        this_month = kpi.period_bounds(fields.Date.context_today(self.env.user), "month")[0]
        self.assertEqual(by_period[-1][0], str(this_month))
        self.assertEqual(by_period[-1][4], 1)
        evm = {row[0]: row[1:] for row in self._rows(book["Earned Value"])}
        self.assertEqual(len(next(iter(evm.values()))), 1, "no money column for a project user")
        self.assertEqual(evm["AC"], [4])
        self.assertEqual(evm["BAC"], [12])
        hours = self._rows(book["Burndown (hours)"])
        self.assertEqual(hours[0], ["Day", "Scope", "Remaining", "Ideal", "Forecast"])
        self.assertEqual(self._rows(book["Slipped Tasks"])[1:],
                         [["Xlsx late", str(self.monday), str(self.monday + timedelta(days=2)), 2]])

    def test_money_for_project_administrators(self):
        """The project administrator's file adds the money column: AC = 4 h x 50 = 200."""
        evm = {row[0]: row[1:] for row in self._rows(self._book(self.manager)["Earned Value"])}
        self.assertEqual(evm["AC"], [4, 200])
        self.assertEqual(evm["BAC"][0], 12)

    def test_access(self):
        """No file of a followers-only project for a project user, none for a portal user."""
        with self.assertRaises(AccessError):
            self.secret.with_user(self.user)._kpi_write_xlsx(io.BytesIO())
        with self.assertRaises(AccessError):
            self.project.with_user(self.portal)._kpi_write_xlsx(io.BytesIO())

    def test_download(self):
        """The cockpit's button URL streams the file to a project user; a followers-only project
        is refused (403), a bad project id is a 400."""
        self.authenticate("tm_user", "tm_user")
        response = self.url_open(f"/task_mgmt_reports/kpi_cockpit.xlsx?project_id={self.project.id}&period=week")
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("KPIs.xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book["KPIs"]["A1"].value, "KPI")
        self.assertEqual(
            self.url_open(f"/task_mgmt_reports/kpi_cockpit.xlsx?project_id={self.secret.id}").status_code, 403)
        self.assertEqual(self.url_open("/task_mgmt_reports/kpi_cockpit.xlsx?project_id=x").status_code, 400)
        self.assertEqual(
            self.url_open(f"/task_mgmt_reports/kpi_cockpit.xlsx?project_id={self.project.id}&period=year").status_code,
            400)
