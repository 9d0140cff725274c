# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.project_task_approval import QUALITY_RATINGS


class ProjectTaskAccept(models.TransientModel):
    _name = "project.task.accept"
    _description = "Accept a Done Task or Request Changes"

    task_id = fields.Many2one("project.task", required=True, ondelete="cascade")
    decision = fields.Selection(
        [("accept", "Accept"), ("changes", "Request changes")], required=True, default="accept",
    )
    quality_rating = fields.Selection(QUALITY_RATINGS, string="Quality")
    comment = fields.Text()

    def action_confirm(self):
        """Record the acceptance. The task checks that the caller is its reviewer."""
        self.ensure_one()
        self.task_id._approval_accept(self.decision, self.quality_rating, self.comment)
        return {"type": "ir.actions.act_window_close"}
