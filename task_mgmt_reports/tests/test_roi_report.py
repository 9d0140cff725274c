# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .crm_common import CrmTaskCase


@tagged("post_install", "-at_install")
class TestRoiReport(CrmTaskCase):
    """A won deal (two orders, one invoiced, timesheets before and after it was won), a lost deal
    and an open deal with pre-sales timesheets; every figure below is computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_a = cls.env["crm.team"].create({"name": "Team A (test)"})
        cls.team_b = cls.env["crm.team"].create({"name": "Team B (test)"})
        cls.won = cls._opportunity("Won deal", cls.salesman, cls.customer, 10000, 60, team_id=cls.team_a.id)
        cls.lost = cls._opportunity("Lost deal", cls.salesman2, cls.customer2, 4000, 30, team_id=cls.team_a.id)
        cls.open = cls._opportunity("Open deal", cls.salesman, cls.customer2, 8000, 25, team_id=cls.team_b.id)
        cls.emp_50 = cls.env["hr.employee"].create({"name": "Ann (50/h)", "hourly_cost": 50})
        cls.emp_80 = cls.env["hr.employee"].create({"name": "Bob (80/h)", "hourly_cost": 80})
        cls.service = cls._service_product("Implementation", 1000, cls.project)
        cls.hardware = cls.env["product.product"].create({
            "name": "Router", "type": "consu", "list_price": 500, "invoice_policy": "order"})
        # won deal: order 1 (2 × 1000 service + 500 router) invoiced, order 2 (1 × 1000) not
        cls.order1 = cls._order(cls.won, [(cls.service, 2, 1000), (cls.hardware, 1, 500)])
        cls.order1._create_invoices().action_post()
        cls.order2 = cls._order(cls.won, [(cls.service, 1, 1000)])
        cls.won.action_set_won()
        cls.won.date_closed = datetime(2026, 2, 1, 9, 0)
        task1 = cls.order1.order_line.task_id
        task2 = cls.order2.order_line.task_id
        cls._timesheet(task1, cls.emp_50, 4, date(2026, 1, 20))   # 200, before the win: pre-sales
        cls._timesheet(task1, cls.emp_50, 10, date(2026, 2, 10))  # 500
        cls._timesheet(task2, cls.emp_80, 5, date(2026, 2, 15))   # 400
        # lost deal: 3 h × 80 on a task in another project
        cls.other_project = cls._project("Pre-sales")
        lost_task = cls._task("Demo for lost deal", cls.other_project, opportunity_id=cls.lost.id)
        cls._timesheet(lost_task, cls.emp_80, 3, date(2026, 1, 12))  # 240
        cls.lost.action_set_lost()
        # open deal: 2 h × 50
        open_task = cls._task("Workshop for open deal", cls.other_project, opportunity_id=cls.open.id)
        cls._timesheet(open_task, cls.emp_50, 2, date(2026, 3, 3))  # 100
        cls.Report = cls.env["crm.lead.report.roi"]

    @classmethod
    def _timesheet(cls, task, employee, hours, day):
        return cls.env["account.analytic.line"].create({
            "name": "/", "task_id": task.id, "project_id": task.project_id.id,
            "employee_id": employee.id, "unit_amount": hours, "date": day,
        })

    def _totals(self, domain, groupby, measures, report=None):
        report = self.Report if report is None else report
        rows = report._read_group(domain, [groupby], [f"{m}:sum" for m in measures])
        return {row[0]: tuple(round(v, 2) for v in row[1:]) for row in rows}

    def test_opportunity_measures(self):
        """Per opportunity: revenue, invoiced, to invoice, weighted, cost, margin, ROI, hours, pre-sales."""
        measures = ["revenue", "invoiced", "to_invoice", "weighted_revenue", "cost", "margin", "roi",
                    "hours", "presales_cost"]
        totals = self._totals([("opportunity_id", "in", (self.won | self.lost | self.open).ids)],
                              "opportunity_id", measures)
        #                         rev    inv    to_inv wtd   cost  margin  roi       hours pre
        self.assertEqual(totals[self.won], (3500, 2500, 1000, 0, 1100, 2400, 218.18, 19, 200))
        self.assertEqual(totals[self.lost], (0, 0, 0, 0, 240, -240, -100, 3, 240))
        self.assertEqual(totals[self.open], (0, 0, 0, 2000, 100, -100, -100, 2, 100))

    def test_status_and_dimensions(self):
        """Lines carry the deal's status, customer, salesperson and team; the lost deals' cost per team."""
        deals = (self.won | self.lost | self.open).ids
        by_status = self._totals([("opportunity_id", "in", deals)], "opportunity_status", ["cost"])
        self.assertEqual(by_status, {"won": (1100,), "lost": (240,), "open": (100,)})
        lost_per_team = self._totals([("opportunity_id", "in", deals), ("opportunity_status", "=", "lost")],
                                     "team_id", ["cost"])
        self.assertEqual(lost_per_team, {self.team_a: (240,)})
        by_user = self._totals([("opportunity_id", "in", deals)], "user_id", ["revenue", "cost"])
        self.assertEqual(by_user, {self.salesman: (3500, 1200), self.salesman2: (0, 240)})
        by_customer = self._totals([("opportunity_id", "in", deals)], "partner_id", ["revenue", "hours"])
        self.assertEqual(by_customer, {self.customer: (3500, 19), self.customer2: (0, 5)})
        by_month = self._totals([("opportunity_id", "=", self.won.id), ("line_type", "=", "timesheet")],
                                "date:month", ["cost"])
        self.assertEqual(sorted(by_month.values()), [(200,), (900,)])

    def test_revenue_equals_orders(self):
        """An opportunity's revenue is the untaxed total of its confirmed orders, as sale_crm shows it."""
        self.won.invalidate_recordset(["sale_amount_total"])
        totals = self._totals([("opportunity_id", "=", self.won.id)], "opportunity_id", ["revenue"])
        self.assertEqual(totals[self.won][0], round(sum((self.order1 | self.order2).mapped("amount_untaxed")), 2))
        self.assertEqual(totals[self.won][0], round(self.won.sale_amount_total, 2))

    def test_project_matches_profitability_panel(self):
        """For a project, revenue and cost equal Odoo's profitability panel, other costs and bills included."""
        self.env["account.analytic.line"].create({
            "name": "Travel", "account_id": self.project.account_id.id, "amount": -300, "date": date(2026, 2, 20),
        })
        bill = self.env["account.move"].create({
            "move_type": "in_invoice", "partner_id": self.customer2.id, "invoice_date": date(2026, 2, 21),
            "invoice_line_ids": [(0, 0, {
                "name": "Subcontractor", "quantity": 1, "price_unit": 150,
                "analytic_distribution": {str(self.project.account_id.id): 100},
            })],
        })
        bill.action_post()
        panel = self.project._get_profitability_items(with_action=False)
        panel_revenue = panel["revenues"]["total"]["invoiced"] + panel["revenues"]["total"]["to_invoice"]
        panel_cost = -(panel["costs"]["total"]["billed"] + panel["costs"]["total"]["to_bill"])
        ours = self._totals([("project_id", "=", self.project.id)], "project_id",
                            ["revenue", "invoiced", "to_invoice", "cost"])[self.project]
        self.assertEqual(round(panel_revenue, 2), 3500)
        self.assertEqual(ours[0], round(panel_revenue, 2))
        self.assertEqual(ours[1] + ours[2], round(panel_revenue, 2))
        self.assertEqual(round(panel_cost, 2), 1100 + 300 + 150)
        self.assertEqual(ours[3], round(panel_cost, 2))

    def test_currency_conversion(self):
        """An order in another currency counts in company currency at the order's rate."""
        currency = self.env["res.currency"].create({"name": "TSC", "symbol": "T$", "rounding": 0.01})
        self.env["res.currency.rate"].create({
            "currency_id": currency.id, "name": date(2020, 1, 1), "rate": 2.0, "company_id": self.company.id})
        pricelist = self.env["product.pricelist"].create({"name": "TSC list", "currency_id": currency.id})
        deal = self._opportunity("Foreign deal", self.salesman, self.customer, 0, 50)
        order = self._order(deal, [(self.service, 1, 1000)], pricelist_id=pricelist.id)
        self.assertEqual(order.currency_id, currency)
        totals = self._totals([("opportunity_id", "=", deal.id)], "opportunity_id", ["revenue", "to_invoice"])
        self.assertEqual(totals[deal], (500, 500))
        self.assertEqual(round(deal.sale_amount_total, 2), 500)

    def test_multi_company(self):
        """Lines of another company are hidden unless that company is active."""
        other = self.env["res.company"].create({"name": "Other Co (test)"})
        self.sales_manager.company_ids = [(4, other.id)]
        deal = self.env["crm.lead"].with_company(other).create({
            "name": "Abroad", "type": "opportunity", "expected_revenue": 1000, "probability": 50,
            "company_id": other.id})
        report = self.Report.with_user(self.sales_manager).with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(report.search([("opportunity_id", "=", deal.id)]))
        both = report.with_context(allowed_company_ids=[self.company.id, other.id])
        self.assertEqual(both.search([("opportunity_id", "=", deal.id)]).weighted_revenue, 500)

    def test_salesman_sees_revenue_not_cost(self):
        """A salesperson reads revenue and hours of their own deals; cost, margin and ROI are refused."""
        report = self.Report.with_user(self.salesman)
        totals = self._totals([], "opportunity_id", ["revenue", "hours"], report=report)
        self.assertEqual(totals[self.won], (3500, 19))
        self.assertNotIn(self.lost, totals, "a colleague's deal stays hidden")
        for measure in ("cost", "margin", "roi", "presales_cost"):
            with self.assertRaises(AccessError):
                report._read_group([], ["opportunity_id"], [f"{measure}:sum"])
        with self.assertRaises(AccessError):
            report.search([], limit=1).read(["cost"])

    def test_cost_readers(self):
        """Project administrators, sales managers and accountants read costs; portal users read nothing."""
        accountant = self.env["res.users"].create({
            "name": "Acc", "login": "crm_acc", "groups_id": [(6, 0, [self.env.ref("account.group_account_readonly").id,
                                                                    self.env.ref("base.group_user").id])]})
        for user in (self.project_manager, self.sales_manager, accountant):
            totals = self._totals([("opportunity_id", "=", self.won.id)], "opportunity_id", ["cost"],
                                  report=self.Report.with_user(user))
            self.assertEqual(totals[self.won], (1100,), user.name)
        with self.assertRaises(AccessError):
            self.Report.with_user(self.portal).search([])

    def test_roi_buttons_and_views(self):
        """ROI buttons open the lines of the opportunity or project; a salesperson's views carry no cost."""
        action = self.won.action_view_roi()
        self.assertEqual(self.Report.search(action["domain"]).opportunity_id, self.won)
        action = self.project.action_view_roi()
        self.assertEqual(self.Report.search(action["domain"]).project_id, self.project)
        views = self.Report.with_user(self.salesman).get_views([(False, "list"), (False, "pivot")])
        for view in views["views"].values():
            self.assertIn('name="revenue"', view["arch"])
            self.assertNotIn('name="cost"', view["arch"])
        views = self.Report.with_user(self.project_manager).get_views([(False, "pivot")])
        self.assertIn('name="cost"', views["views"]["pivot"]["arch"])

    def test_dashboard_data(self):
        """The dashboard's KPIs, months and rankings for a period, and against the period before."""
        data = self.Report.roi_dashboard_data("2026-01-01", "2026-12-31")
        deals = (self.won | self.lost | self.open).ids
        best_ids = [row["id"] for row in data["best"]]
        self.assertIn(self.won.id, best_ids)
        self.assertFalse(set(best_ids) & {self.lost.id, self.open.id}, "only won deals are ranked")
        won_row = next(row for row in data["best"] if row["id"] == self.won.id)
        self.assertEqual((won_row["revenue"], won_row["cost"], won_row["margin"]), (3500, 1100, 2400))
        self.assertEqual(data["previous_period"], ["2025-01-01", "2025-12-31"])
        self.assertGreaterEqual(data["current"]["lost_presales_cost"], 240)
        self.assertTrue(data["can_see_costs"])
        months = {m["month"]: m for m in data["months"]}
        self.assertEqual(months["2026-01"]["cost"] >= 200 + 240, True)
        self.assertFalse(set(deals) & {row["id"] for row in data["worst"]} - {self.won.id})
        salesman_data = self.Report.with_user(self.salesman).roi_dashboard_data("2026-01-01", "2026-12-31")
        self.assertFalse(salesman_data["can_see_costs"])
        self.assertNotIn("cost", salesman_data["current"])
        self.assertNotIn("cost", salesman_data["best"][0])
