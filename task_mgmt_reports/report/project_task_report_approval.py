# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval lead time per level: one line per decided level of an approval request of
task_mgmt_advanced (approved or rejected), dated on its decision.

Lead time of a level = from the moment the level became active (the request for the first
level, the decision of the level before for the next ones) to its decision: in clock hours and
in working days (Monday-Friday, the formula of the delivery KPIs). Skipped, cancelled and
waiting levels are not counted. Averages are ratios of the group's sums.
"""

from odoo import fields, models, tools
from odoo.tools import SQL

from .project_task_report_kpi import WEEKDAYS_FUNCTION, ratio_select

# average measures: (sum, count, scale) of the group
AVERAGES = {
    "avg_lead_hours": ("lead_hours", "decided_count", 1),
    "avg_lead_days": ("lead_days", "decided_count", 1),
}


class ProjectTaskReportApproval(models.Model):
    _name = "project.task.report.approval"
    _description = "Approval Lead Time Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "step_id"
    _depends = {
        "project.task.approval.step": ["request_id", "task_id", "project_id", "company_id", "level_id", "name",
                                       "sequence", "state", "activated_on", "done_date"],
        "project.task.approval.request": ["rule_id"],
    }

    step_id = fields.Many2one("project.task.approval.step", string="Request Level", readonly=True)
    request_id = fields.Many2one("project.task.approval.request", string="Approval Request", readonly=True)
    task_id = fields.Many2one("project.task", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    rule_id = fields.Many2one("project.task.approval.rule", string="Approval Rule", readonly=True)
    level_id = fields.Many2one("project.task.approval.level", string="Approval Level", readonly=True)
    level_name = fields.Char(readonly=True)
    sequence = fields.Integer(readonly=True)
    state = fields.Selection([("approved", "Approved"), ("rejected", "Rejected")], string="Decision",
                             readonly=True)
    activated_on = fields.Datetime(string="Waiting Since", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    date = fields.Date(string="Decision Date", readonly=True)
    decided_count = fields.Integer(string="Decisions", readonly=True)
    approved_count = fields.Integer(string="Approved", readonly=True)
    rejected_count = fields.Integer(string="Rejected", readonly=True)
    lead_hours = fields.Float(string="Lead Hours (total)", readonly=True, digits=(16, 2))
    lead_days = fields.Integer(string="Lead Working Days (total)", readonly=True)
    avg_lead_hours = fields.Float(string="Lead Time (hours)", readonly=True, digits=(16, 1))
    avg_lead_days = fields.Float(string="Lead Time (working days)", readonly=True, digits=(16, 1))

    def init(self):
        self.env.cr.execute(SQL(WEEKDAYS_FUNCTION))
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                                SQL.identifier(self._table), self._select(), self._from(), self._where()))

    def _select(self):
        return SQL("""
            s.id, s.id AS step_id, s.request_id, s.task_id, s.project_id, s.company_id, r.rule_id,
            s.level_id, s.name AS level_name, s.sequence, s.state, s.activated_on,
            s.done_date AS decided_on, s.done_date::date AS date, 1 AS decided_count,
            (s.state = 'approved')::int AS approved_count, (s.state = 'rejected')::int AS rejected_count,
            GREATEST(EXTRACT(EPOCH FROM s.done_date - s.activated_on) / 3600.0, 0)::float AS lead_hours,
            GREATEST(task_mgmt_weekdays(s.activated_on::date, s.done_date::date), 0) AS lead_days,
            NULL::float AS avg_lead_hours, NULL::float AS avg_lead_days""")

    def _from(self):
        return SQL("project_task_approval_step s JOIN project_task_approval_request r ON r.id = s.request_id")

    def _where(self):
        return SQL("s.state IN ('approved', 'rejected') AND s.activated_on IS NOT NULL AND s.done_date IS NOT NULL")

    def _read_group_select(self, aggregate_spec, query):
        """An average of a group is the ratio of the group's sums, not a sum of rows."""
        return ratio_select(self, super()._read_group_select, aggregate_spec, query, AVERAGES)
