# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression

from odoo.addons.project.models.project_task import CLOSED_STATES


class CrmLead(models.Model):
    """Tasks of an opportunity, their counts and the ROI button (issue 13)."""

    _inherit = "crm.lead"

    task_ids = fields.One2many("project.task", "opportunity_id")
    task_count = fields.Integer(compute="_compute_task_counts")
    task_open_count = fields.Integer(compute="_compute_task_counts", string="Open Tasks")
    task_late_count = fields.Integer(
        compute="_compute_task_counts", string="Late Tasks",
        help="Open tasks whose deadline has passed.",
    )

    @api.depends("task_ids.state", "task_ids.date_deadline")
    def _compute_task_counts(self):
        """Three grouped counts for all the opportunities at once (the user's own task rules apply)."""
        domain = [("opportunity_id", "in", self.ids)]
        open_domain = [("state", "not in", list(CLOSED_STATES))]
        late_domain = expression.AND([open_domain, [("date_deadline", "<", fields.Datetime.now())]])
        Task = self.env["project.task"]
        counts = {}
        for key, extra in (("all", []), ("open", open_domain), ("late", late_domain)):
            counts[key] = dict(Task._read_group(
                expression.AND([domain, extra]), ["opportunity_id"], ["__count"],
            ))
        for lead in self:
            lead.task_count = counts["all"].get(lead._origin, 0)
            lead.task_open_count = counts["open"].get(lead._origin, 0)
            lead.task_late_count = counts["late"].get(lead._origin, 0)

    # ------------------------------------------------------------------ merge

    def _merge_dependences(self, opportunities):
        """Tasks of the merged opportunities move to the one that remains."""
        result = super()._merge_dependences(opportunities)
        # sudo: the merging salesperson may not read every task of the merged opportunities,
        # yet none may lose its opportunity when those are deleted
        tasks = self.env["project.task"].sudo().with_context(active_test=False).search(
            [("opportunity_id", "in", opportunities.ids)])
        if tasks:
            tasks.write({"opportunity_id": self.id})
        return result

    # ------------------------------------------------------------------ actions

    def action_view_tasks(self):
        """The opportunity's tasks (smart button), read-only for salespeople."""
        self.ensure_one()
        self.check_access("read")
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Tasks of %s", self.name),
            "res_model": "project.task",
            "view_mode": "list,kanban,form",
            "views": [
                (self.env.ref("task_mgmt_reports.project_task_view_list_opportunity").id, "list"),
                (False, "kanban"), (False, "form"),
            ],
            "domain": [("opportunity_id", "=", self.id)],
            "context": {"default_opportunity_id": self.id, "default_partner_id": self.partner_id.id},
        }
        if not self.env.user.has_group("project.group_project_user"):
            action["context"].update(create=False, edit=False, delete=False)
        return action

    def action_plan_tasks(self):
        """Open the Plan Tasks wizard on this opportunity."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan Tasks"),
            "res_model": "crm.lead.plan.tasks",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_view_roi(self):
        """The opportunity's ROI lines (smart button); costs only for those who may read them."""
        self.ensure_one()
        self.check_access("read")
        return self.env["crm.lead.report.roi"]._roi_action(
            [("opportunity_id", "=", self.id)], self.env._("ROI of %s", self.name), "line_type")
