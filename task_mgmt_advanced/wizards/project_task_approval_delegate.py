# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectTaskApprovalDelegate(models.TransientModel):
    _name = "project.task.approval.delegate"
    _description = "Delegate a Task Approval"

    step_ids = fields.Many2many("project.task.approval.step", string="Approvals", required=True)
    user_id = fields.Many2one("res.users", string="Delegate To", required=True, domain=[("share", "=", False)])
    comment = fields.Text()

    def action_confirm(self):
        """Delegate. The step checks that the caller is a current approver and the
        delegate; its confirmation (a toast) closes the dialog."""
        self.ensure_one()
        result = self.step_ids.action_delegate(self.user_id.id, self.comment)
        return result
