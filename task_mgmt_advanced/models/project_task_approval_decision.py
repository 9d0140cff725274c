# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.fields import Command
from odoo.tools import SQL

DECISIONS = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("delegated", "Delegated"),
    ("escalated", "Escalated"),
    ("reset", "Reset"),
    ("cancelled", "Cancelled"),
    ("completed", "Completed"),
]


class ProjectTaskApprovalDecision(models.Model):
    """The audit trail of approvals: who did what, when, at which level, with which comment.
    Written only by the approval engine (users only read it)."""

    _name = "project.task.approval.decision"
    _description = "Task Approval Decision"
    _order = "date desc, id desc"
    _rec_name = "decision"

    request_id = fields.Many2one("project.task.approval.request", required=True, ondelete="cascade", index=True)
    step_id = fields.Many2one("project.task.approval.step", string="Level of Request", ondelete="cascade", index=True)
    task_id = fields.Many2one(related="request_id.task_id", store=True, index=True)
    project_id = fields.Many2one(related="request_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    rule_id = fields.Many2one(related="request_id.rule_id", store=True)
    level_name = fields.Char(string="Level")
    level_sequence = fields.Integer()
    user_id = fields.Many2one("res.users", string="By", required=True, index=True, ondelete="restrict")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    decision = fields.Selection(DECISIONS, required=True, index=True)
    comment = fields.Text()
    target_user_ids = fields.Many2many(
        "res.users", "project_task_approval_decision_user_rel", "decision_id", "user_id", string="Handed To",
        help="The delegate, or the users the level was escalated to.",
    )

    def init(self):
        # one approval per user and level, whatever happens above: a level never counts
        # the same approver twice
        self.env.cr.execute(SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS project_task_approval_decision_one_approval "
            "ON project_task_approval_decision (step_id, user_id) WHERE decision = 'approved'"
        ))

    def _approval_record(self, requests, decision, steps=None, comment=False, users=None):
        """One decision per request (on its step among ``steps``, else its current step) by
        the current user. Superuser: the callers checked the user first."""
        step_of = {step.request_id: step for step in steps} if steps is not None else {}
        values = []
        for request in requests:
            step = step_of.get(request) or request.current_step_id
            values.append({
                "request_id": request.id,
                "step_id": step.id,
                "level_name": step.name,
                "level_sequence": step.sequence,
                "user_id": self.env.uid,
                "decision": decision,
                "comment": comment or False,
                "target_user_ids": [Command.set(users.ids if users else [])],
            })
        return self.sudo().create(values)  # sudo: the audit trail is written by the engine only
