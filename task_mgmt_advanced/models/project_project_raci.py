# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectProject(models.Model):
    # one file per capability (RACI), as the conventions ask
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    default_consulted_user_ids = fields.Many2many(
        "res.users", "project_project_raci_consulted_rel", "project_id", "user_id", string="Default Consulted",
        domain=[("share", "=", False)], groups="base.group_user",
        help="New tasks of the project start with these Consulted people (except their Accountable).",
    )
    default_informed_partner_ids = fields.Many2many(
        "res.partner", "project_project_raci_informed_rel", "project_id", "partner_id", string="Default Informed",
        groups="base.group_user",
        help="New tasks of the project start with these Informed people or contacts (except their Accountable).",
    )
    raci_consultation_stage_ids = fields.Many2many(
        "project.task.type", "project_project_raci_stage_rel", "project_id", "stage_id",
        string="Consultation Stages", domain="[('id', 'in', type_ids)]", groups="base.group_user",
        help="When a task reaches one of these stages, its Consulted people get a Consultation activity.",
    )
    raci_require_accountable = fields.Boolean(
        string="Require an Accountable", groups="base.group_user",
        default=lambda self: self._task_mgmt_setting_default(
            "default_raci_require_accountable", "", ("True",)) == "True",
        help="Tasks of this project can leave the first stage only once they have an Accountable. "
        "Off by default: Odoo lets tasks move freely, and the RACI Issues filter lists the ones without.",
    )
    raci_subtasks_inherit_ci = fields.Boolean(
        string="Subtasks Inherit Consulted/Informed", groups="base.group_user",
        help="New sub-tasks start with the Consulted and Informed of their parent task instead of the "
        "project's defaults. Sub-tasks always start with the Accountable of their parent task.",
    )
    raci_issue_count = fields.Integer(
        compute="_compute_raci_issue_count", string="RACI Issues", groups="base.group_user",
        help="Open tasks without an Accountable or without a Responsible.",
    )

    def _compute_raci_issue_count(self):
        counts = dict(self.env["project.task"]._read_group(
            [("project_id", "in", self.ids), ("raci_issue", "!=", False)], ["project_id"], ["__count"],
        ))
        for project in self:
            project.raci_issue_count = counts.get(project, 0)

    # ------------------------------------------------------------------ actions

    def action_view_raci_matrix(self):
        """The RACI matrix (tasks x people, R / A / C / I letters) of the project."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.client",
            "tag": "task_mgmt_advanced.raci_matrix",
            "name": self.env._("RACI Matrix"),
            "params": {"project_id": self.id},
        }

    def action_view_raci_issues(self):
        """The open tasks of the project that have no Accountable or no Responsible."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("project.action_view_all_task")
        action["display_name"] = self.env._("RACI Issues: %s", self.display_name)
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, "search_default_raci_issues": 1}
        return action
