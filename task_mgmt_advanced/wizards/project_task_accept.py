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
        """Record the acceptance. The task checks that the caller is its reviewer. A task
        already decided (a second tap on Confirm) is left as it is, and the toast says so."""
        self.ensure_one()
        task = self.task_id
        task.check_access("read")
        if task.acceptance_state in ("accepted", "changes_requested") and task._approval_acceptance_allowed(
                self.env.user):
            return task._approval_acceptance_notification("warning", self.env._(
                "already decided (%s): nothing was changed.",
                dict(task._fields["acceptance_state"]._description_selection(self.env))[task.acceptance_state]))
        task._approval_accept(self.decision, self.quality_rating, self.comment)
        if self.decision == "accept":
            outcome = self.env._("accepted, quality %s/5.", self.quality_rating)
        else:
            outcome = self.env._("changes requested.")
        return task._approval_acceptance_notification("success", outcome)
