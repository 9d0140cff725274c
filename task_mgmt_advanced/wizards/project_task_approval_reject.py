# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectTaskApprovalReject(models.TransientModel):
    _name = "project.task.approval.reject"
    _description = "Reject a Task Approval"

    step_ids = fields.Many2many("project.task.approval.step", string="Approvals", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        """Reject with the reason. The step checks that the caller is a current approver; its
        confirmation (a toast) closes the dialog."""
        self.ensure_one()
        result = self.step_ids.action_reject(self.reason)
        return result
