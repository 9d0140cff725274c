# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectProject(models.Model):
    """Our figures on the project's dashboard panel and kanban card (issue 11): critical and
    behind-plan tasks, pending approvals, RACI issues."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    behind_plan_task_count = fields.Integer(compute="_compute_behind_plan_task_count", string="Behind Plan")
    pending_approval_count = fields.Integer(compute="_compute_pending_approval_count", string="Pending Approvals")

    def _compute_behind_plan_task_count(self):
        counts = dict(self.env["project.task"]._read_group(
            [("project_id", "in", self.ids), ("is_behind_plan", "=", True)], ["project_id"], ["__count"],
        ))
        for project in self:
            project.behind_plan_task_count = counts.get(project, 0)

    def _compute_pending_approval_count(self):
        # the requests the user may read (their record rules apply)
        counts = dict(self.env["project.task.approval.request"]._read_group(
            [("project_id", "in", self.ids), ("state", "=", "pending")], ["project_id"], ["__count"],
        ))
        for project in self:
            project.pending_approval_count = counts.get(project, 0)

    def action_view_behind_plan_tasks(self):
        """The project's open tasks whose planned end has passed."""
        action = self.action_view_critical_tasks()
        action["name"] = self.env._("Behind Plan: %(project)s", project=self.name)
        action["context"] = {"default_project_id": self.id, "search_default_behind_plan": 1}
        return action

    def action_view_pending_approvals(self):
        """The project's approval requests waiting for a decision."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "task_mgmt_advanced.project_task_approval_request_action")
        action["name"] = self.env._("Pending Approvals: %(project)s", project=self.name)
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"search_default_pending": 1}
        return action

    def _get_stat_buttons(self):
        buttons = super()._get_stat_buttons()
        if not self.env.user.has_group("project.group_project_user"):
            return buttons
        figures = [
            ("bolt", self.env._("Critical Tasks"), self.critical_task_count, "action_view_critical_tasks",
             self.allow_task_dependencies),
            ("hourglass-end", self.env._("Behind Plan"), self.behind_plan_task_count,
             "action_view_behind_plan_tasks", bool(self.behind_plan_task_count)),
            ("check-square-o", self.env._("Pending Approvals"), self.pending_approval_count,
             "action_view_pending_approvals", bool(self.pending_approval_count)),
            ("exclamation-triangle", self.env._("RACI Issues"), self.raci_issue_count, "action_view_raci_issues",
             bool(self.raci_issue_count)),
        ]
        # the side panel keys its buttons by sequence: ours are distinct from Odoo's (1-60)
        for sequence, (icon, text, number, action, show) in enumerate(figures, start=71):
            buttons.append({
                "icon": icon, "text": text, "number": number, "action_type": "object",
                "action": action, "show": show, "sequence": sequence,
            })
        return buttons
