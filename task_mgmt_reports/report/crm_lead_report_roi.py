# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ROI lines: one row per fact that earns or costs money for an opportunity or a project.

The view is a UNION ALL of five kinds of facts, each in company currency, each from one table:

* ``order``     confirmed sales order lines: revenue (untaxed), invoiced, to invoice;
* ``timesheet`` timesheet lines: cost (``-amount``, i.e. hours × the employee's hourly cost as
                Odoo stored it), hours;
* ``other``     other analytic costs of a project's account (lines without journal item, as
                Odoo's project profitability counts them);
* ``bill``      vendor bill lines distributed to a project's account;
* ``weighted``  open opportunities: expected revenue × probability.

Margin, ROI and pre-sales cost derive from these (see the README for the exact definitions).
The parts are split (``_select``, ``_from``, ``_where`` and one method per kind of fact) so
that another addon can extend them.
"""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

COST_GROUPS = "project.group_project_manager,sales_team.group_sale_manager,account.group_account_readonly"
# id = FACT_CODE + FACT_STRIDE * source id: unique and stable across the kinds of fact
FACT_STRIDE = 8
FACT_CODES = {"order": 1, "timesheet": 2, "other": 3, "bill": 4, "weighted": 5}


def _num(value):
    """A JSON number (or null) from an SQL aggregate (numeric columns come as Decimal)."""
    return None if value is None else float(value)


class CrmLeadReportRoi(models.Model):
    _name = "crm.lead.report.roi"
    _description = "ROI Analysis (opportunities and projects)"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "opportunity_id"
    # what the view reads: flushed before every query on it
    _depends = {
        "sale.order": ["state", "date_order", "company_id", "opportunity_id", "project_id", "partner_id",
                       "user_id", "team_id", "currency_rate"],
        "sale.order.line": ["order_id", "project_id", "task_id", "price_subtotal", "is_downpayment",
                            "untaxed_amount_invoiced", "untaxed_amount_to_invoice", "display_type"],
        "project.project": ["sale_line_id", "account_id", "partner_id"],
        "project.task": ["project_id", "sale_order_id", "opportunity_id"],
        "account.analytic.line": ["date", "company_id", "project_id", "task_id", "unit_amount", "amount",
                                  "category", "account_id", "move_line_id"],
        "account.move": ["move_type"],
        "account.move.line": ["move_id", "date", "company_id", "balance", "price_subtotal", "parent_state",
                              "analytic_distribution"],
        "crm.lead": ["type", "active", "stage_id", "date_closed", "date_deadline", "partner_id", "user_id",
                     "team_id", "company_id", "expected_revenue", "probability"],
        "crm.stage": ["is_won"],
    }

    line_type = fields.Selection([
        ("order", "Sales Order"),
        ("timesheet", "Timesheet"),
        ("other", "Other Analytic Cost"),
        ("bill", "Vendor Bill"),
        ("weighted", "Open Opportunity (weighted)"),
    ], string="Source", readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    opportunity_id = fields.Many2one("crm.lead", readonly=True)
    opportunity_status = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("lost", "Lost"), ("none", "No Opportunity")],
        readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    revenue = fields.Monetary(
        readonly=True, help="Untaxed amount of the confirmed sales order lines, in company currency "
        "at the order's rate.")
    invoiced = fields.Monetary(readonly=True, help="Untaxed amount already invoiced of those lines.")
    to_invoice = fields.Monetary(readonly=True, help="Untaxed amount of those lines ready to invoice.")
    weighted_revenue = fields.Monetary(
        readonly=True,
        help="Open opportunities only: expected revenue × probability. Never part of Revenue.")
    hours = fields.Float(readonly=True, help="Hours of the timesheet lines.")
    cost = fields.Monetary(
        readonly=True, groups=COST_GROUPS,
        help="Timesheet cost (hours × the employee's hourly cost), other analytic costs and vendor "
        "bills of the projects.")
    margin = fields.Monetary(readonly=True, groups=COST_GROUPS, help="Revenue − Cost.")
    roi = fields.Float(
        string="ROI (%)", readonly=True, groups=COST_GROUPS, aggregator="sum",
        help="(Revenue − Cost) ÷ Cost × 100, computed on the totals of each group.")
    presales_cost = fields.Monetary(
        string="Pre-sales Cost", readonly=True, groups=COST_GROUPS,
        help="Timesheet cost logged on an opportunity before it was won, or on an open or lost one.")

    # ------------------------------------------------------------------ view

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
            SQL.identifier(self._table), self._select(), self._from(), self._where(),
        ))

    def _select(self):
        return SQL("""
            f.id,
            f.line_type,
            f.date,
            f.company_id,
            c.currency_id,
            f.opportunity_id,
            CASE WHEN l.id IS NULL THEN 'none'
                 WHEN st.is_won THEN 'won'
                 WHEN NOT l.active THEN 'lost'
                 ELSE 'open' END AS opportunity_status,
            COALESCE(l.partner_id, f.partner_id) AS partner_id,
            COALESCE(l.user_id, f.user_id) AS user_id,
            COALESCE(l.team_id, f.team_id) AS team_id,
            f.project_id,
            f.revenue,
            f.invoiced,
            f.to_invoice,
            f.weighted_revenue,
            f.hours,
            f.cost,
            f.revenue - f.cost AS margin,
            CASE WHEN f.cost <> 0 THEN (f.revenue - f.cost) / f.cost * 100 END AS roi,
            CASE WHEN f.line_type = 'timesheet' AND l.id IS NOT NULL
                      AND (NOT COALESCE(st.is_won, FALSE)
                           OR f.date < COALESCE(l.date_closed, 'infinity'::timestamp)::date)
                 THEN f.cost ELSE 0 END AS presales_cost
        """)

    def _from(self):
        facts = SQL(" UNION ALL ").join(
            SQL("(%s)", part) for part in (
                self._facts_orders(), self._facts_timesheets(), self._facts_other_costs(),
                self._facts_bills(), self._facts_weighted(),
            )
        )
        return SQL("""
            (%s) f
            JOIN res_company c ON c.id = f.company_id
            LEFT JOIN crm_lead l ON l.id = f.opportunity_id
            LEFT JOIN crm_stage st ON st.id = l.stage_id
        """, facts)

    def _where(self):
        return SQL("TRUE")

    @staticmethod
    def _fact_id(kind, source_id_sql):
        return SQL("(%s + %s * (%s))::bigint", FACT_CODES[kind], FACT_STRIDE, source_id_sql)

    def _facts_orders(self):
        """Confirmed order lines; the project is the line's, its task's, the order's, else the
        first project created from or holding tasks of the order."""
        rate = SQL("COALESCE(NULLIF(so.currency_rate, 0), 1.0)")
        return SQL("""
            SELECT %(id)s AS id, 'order' AS line_type, so.date_order::date AS date, so.company_id,
                   so.opportunity_id,
                   COALESCE(sol.project_id, t.project_id, so.project_id, op.project_id, ot.project_id)
                       AS project_id,
                   so.partner_id, so.user_id, so.team_id,
                   sol.price_subtotal / %(rate)s AS revenue,
                   CASE WHEN sol.is_downpayment THEN 0
                        ELSE COALESCE(sol.untaxed_amount_invoiced, 0) / %(rate)s END AS invoiced,
                   CASE WHEN sol.is_downpayment THEN 0
                        ELSE COALESCE(sol.untaxed_amount_to_invoice, 0) / %(rate)s END AS to_invoice,
                   0.0 AS weighted_revenue, 0.0 AS hours, 0.0 AS cost
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              LEFT JOIN project_task t ON t.id = sol.task_id
              LEFT JOIN (SELECT l2.order_id, MIN(p.id) AS project_id
                           FROM project_project p JOIN sale_order_line l2 ON l2.id = p.sale_line_id
                          GROUP BY l2.order_id) op ON op.order_id = so.id
              LEFT JOIN (SELECT t2.sale_order_id, MIN(t2.project_id) AS project_id
                           FROM project_task t2
                          WHERE t2.sale_order_id IS NOT NULL AND t2.project_id IS NOT NULL
                          GROUP BY t2.sale_order_id) ot ON ot.sale_order_id = so.id
             WHERE so.state = 'sale' AND sol.display_type IS NULL
        """, id=self._fact_id("order", SQL("sol.id")), rate=rate)

    def _facts_timesheets(self):
        """Timesheet lines; the opportunity is the task's, else its order's, else the project's order's."""
        return SQL("""
            SELECT %(id)s AS id, 'timesheet' AS line_type, aal.date, aal.company_id,
                   COALESCE(t.opportunity_id, tso.opportunity_id, pso.opportunity_id) AS opportunity_id,
                   aal.project_id, p.partner_id, NULL::integer AS user_id, NULL::integer AS team_id,
                   0.0 AS revenue, 0.0 AS invoiced, 0.0 AS to_invoice, 0.0 AS weighted_revenue,
                   aal.unit_amount AS hours, -aal.amount AS cost
              FROM account_analytic_line aal
              JOIN project_project p ON p.id = aal.project_id
              LEFT JOIN project_task t ON t.id = aal.task_id
              LEFT JOIN sale_order tso ON tso.id = t.sale_order_id
              LEFT JOIN sale_order_line psol ON psol.id = p.sale_line_id
              LEFT JOIN sale_order pso ON pso.id = psol.order_id
             WHERE aal.project_id IS NOT NULL
               AND (aal.category IS NULL OR aal.category != 'vendor_bill')
        """, id=self._fact_id("timesheet", SQL("aal.id")))

    def _facts_other_costs(self):
        """Analytic costs on a project's account without journal item and without project (Odoo's
        "Other Costs" of the profitability panel); positive amounts are not costs."""
        return SQL("""
            SELECT %(id)s AS id, 'other' AS line_type, aal.date, aal.company_id,
                   pso.opportunity_id, p.id AS project_id, p.partner_id,
                   NULL::integer AS user_id, NULL::integer AS team_id,
                   0.0 AS revenue, 0.0 AS invoiced, 0.0 AS to_invoice, 0.0 AS weighted_revenue,
                   0.0 AS hours, -aal.amount AS cost
              FROM account_analytic_line aal
              JOIN project_project p ON p.account_id = aal.account_id
              LEFT JOIN sale_order_line psol ON psol.id = p.sale_line_id
              LEFT JOIN sale_order pso ON pso.id = psol.order_id
             WHERE aal.project_id IS NULL AND aal.move_line_id IS NULL AND aal.amount < 0
               AND (aal.category IS NULL OR aal.category != 'manufacturing_order')
        """, id=self._fact_id("other", SQL("aal.id::bigint * 65536 + p.id")))

    def _facts_bills(self):
        """Vendor bill lines (draft or posted) distributed to a project's account, their share of
        the company-currency amount (refunds count negative)."""
        return SQL("""
            SELECT %(id)s AS id, 'bill' AS line_type, aml.date, aml.company_id,
                   pso.opportunity_id, p.id AS project_id, p.partner_id,
                   NULL::integer AS user_id, NULL::integer AS team_id,
                   0.0 AS revenue, 0.0 AS invoiced, 0.0 AS to_invoice, 0.0 AS weighted_revenue,
                   0.0 AS hours, aml.balance * dist.share AS cost
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              CROSS JOIN LATERAL (
                    SELECT account_id::integer AS account_id, SUM(d.value::numeric) / 100 AS share
                      FROM jsonb_each_text(aml.analytic_distribution) d,
                           unnest(string_to_array(d.key, ',')) account_id
                     GROUP BY account_id) dist
              JOIN project_project p ON p.account_id = dist.account_id
              LEFT JOIN sale_order_line psol ON psol.id = p.sale_line_id
              LEFT JOIN sale_order pso ON pso.id = psol.order_id
             WHERE am.move_type IN ('in_invoice', 'in_refund')
               AND aml.parent_state IN ('draft', 'posted')
               AND aml.price_subtotal > 0
               AND aml.analytic_distribution IS NOT NULL
        """, id=self._fact_id("bill", SQL("aml.id::bigint * 65536 + p.id")))

    def _facts_weighted(self):
        """Open opportunities: expected revenue × probability (company currency, as CRM stores it)."""
        return SQL("""
            SELECT %(id)s AS id, 'weighted' AS line_type,
                   COALESCE(l.date_deadline, l.create_date::date) AS date, l.company_id,
                   l.id AS opportunity_id, NULL::integer AS project_id, l.partner_id, l.user_id, l.team_id,
                   0.0 AS revenue, 0.0 AS invoiced, 0.0 AS to_invoice,
                   COALESCE(l.expected_revenue, 0) * COALESCE(l.probability, 0) / 100 AS weighted_revenue,
                   0.0 AS hours, 0.0 AS cost
              FROM crm_lead l
              LEFT JOIN crm_stage st ON st.id = l.stage_id
             WHERE l.type = 'opportunity' AND l.active AND NOT COALESCE(st.is_won, FALSE)
               AND l.company_id IS NOT NULL
        """, id=self._fact_id("weighted", SQL("l.id")))

    # ------------------------------------------------------------------ aggregation

    def _read_group_select(self, aggregate_spec, query):
        """ROI of a group is computed on its totals, not summed from its rows."""
        if aggregate_spec.split(":")[0] == "roi":
            super()._read_group_select(aggregate_spec, query)  # field access checks
            revenue = self._field_to_sql(self._table, "revenue", query)
            cost = self._field_to_sql(self._table, "cost", query)
            return SQL("((SUM(%s) - SUM(%s)) / NULLIF(SUM(%s), 0) * 100)::float", revenue, cost, cost)
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    @api.readonly
    def roi_table(self, domain, groupby):
        """Rows of the ROI table grouped by ``groupby`` (a field name of this model), for the XLSX
        export and the dashboard: one ``_read_group``, the user's rules and field groups apply."""
        measures = ["revenue", "invoiced", "to_invoice", "weighted_revenue", "hours"]
        if self.env["crm.lead.report.roi"]._roi_user_sees_costs():
            measures += ["cost", "margin", "roi", "presales_cost"]
        if groupby not in self._fields or self._fields[groupby].type not in ("many2one", "selection", "date"):
            raise ValueError(f"Cannot group the ROI table by {groupby!r}")
        groupby_spec = f"{groupby}:month" if self._fields[groupby].type == "date" else groupby
        rows = self._read_group(domain, [groupby_spec], [f"{m}:sum" for m in measures], order=groupby_spec)
        return measures, rows

    @api.model
    @api.readonly
    def roi_dashboard_data(self, date_from=None, date_to=None):
        """Everything the ROI dashboard draws, for a period and the period of the same length
        just before it: KPIs, revenue and cost per month, best and worst won opportunities.
        A handful of ``_read_group`` calls; rules and cost groups of the user apply."""
        self.check_access("read")
        today = fields.Date.context_today(self)
        date_to = fields.Date.to_date(date_to) or today
        date_from = fields.Date.to_date(date_from) or (date_to - relativedelta(years=1) + relativedelta(days=1))
        if date_from > date_to:
            raise UserError(self.env._(
                "The ROI dashboard's period starts on %(start)s, after its end (%(end)s).",
                start=date_from, end=date_to))
        length = date_to - date_from
        prev_to = date_from - relativedelta(days=1)
        prev_from = prev_to - length
        costs = self._roi_user_sees_costs()

        def kpis(start, stop):
            domain = [("opportunity_id", "!=", False), ("date", ">=", start), ("date", "<=", stop)]
            names = ["revenue", "weighted_revenue", "hours"] + (["cost", "margin", "roi"] if costs else [])
            values = dict(zip(names, self._read_group(domain, [], [f"{n}:sum" for n in names])[0], strict=True))
            values["won_revenue"] = self._read_group(
                domain + [("opportunity_status", "=", "won")], [], ["revenue:sum"])[0][0]
            if costs:
                values["lost_presales_cost"] = self._read_group(
                    domain + [("opportunity_status", "=", "lost")], [], ["presales_cost:sum"])[0][0]
            return {key: float(value or 0.0) for key, value in values.items()}

        period_domain = [("opportunity_id", "!=", False), ("date", ">=", date_from), ("date", "<=", date_to)]
        month_measures = ["revenue:sum"] + (["cost:sum"] if costs else [])
        months = [
            {"month": month.strftime("%Y-%m"), "revenue": _num(values[0]), "cost": _num(values[1]) if costs else None}
            for month, *values in self._read_group(period_domain, ["date:month"], month_measures, order="date:month")
        ]
        won_domain = period_domain + [("opportunity_status", "=", "won")]
        rank = "margin:sum" if costs else "revenue:sum"
        rank_measures = ["revenue:sum"] + (["cost:sum", "margin:sum", "roi:sum"] if costs else [])

        def ranking(direction):
            return [
                {"id": lead.id, "name": lead.display_name, "revenue": _num(values[0]),
                 **({"cost": _num(values[1]), "margin": _num(values[2]), "roi": _num(values[3])} if costs else {})}
                for lead, *values in self._read_group(
                    won_domain, ["opportunity_id"], rank_measures, order=f"{rank} {direction}", limit=5)
            ]

        currency = self.env.company.currency_id
        return {
            "can_see_costs": costs,
            "currency": {"symbol": currency.symbol, "position": currency.position},
            "period": [fields.Date.to_string(date_from), fields.Date.to_string(date_to)],
            "previous_period": [fields.Date.to_string(prev_from), fields.Date.to_string(prev_to)],
            "current": kpis(date_from, date_to),
            "previous": kpis(prev_from, prev_to),
            "months": months,
            "best": ranking("DESC"),
            "worst": ranking("ASC"),
        }

    @api.model
    def action_export_xlsx(self):
        """Download the ROI table as XLSX, grouped by the context's ``roi_groupby`` (default: opportunity)."""
        self.check_access("read")
        groupby = self.env.context.get("roi_groupby") or "opportunity_id"
        if groupby not in self._fields:
            groupby = "opportunity_id"
        return {
            "type": "ir.actions.act_url",
            "url": f"/task_mgmt_reports/roi.xlsx?groupby={groupby}",
            "target": "download",
        }

    @api.model
    def _roi_user_sees_costs(self):
        return self.env.su or any(self.env.user.has_group(g) for g in COST_GROUPS.split(","))

    @api.model
    def _roi_action(self, domain, name, groupby):
        """The ROI action restricted to ``domain``, list first, grouped by ``groupby``."""
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("task_mgmt_reports.crm_lead_report_roi_action")
        action.update({
            "name": name,
            "domain": domain,
            "context": {"group_by": [groupby], "pivot_row_groupby": [groupby]},
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
        })
        return action
