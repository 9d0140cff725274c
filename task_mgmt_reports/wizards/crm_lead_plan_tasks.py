# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# task fields copied from a template task as they are
TEMPLATE_COPIED_FIELDS = [
    "name", "description", "allocated_hours", "duration_days", "priority", "sequence",
    "tag_ids", "user_ids", "consulted_user_ids", "informed_partner_ids",
]
# template dates moved by the shift to the chosen start
TEMPLATE_SHIFTED_FIELDS = ["planned_start_date", "planned_end_date", "pinned_start_date"]


class CrmLeadPlanTasks(models.TransientModel):
    """Plan Tasks on an opportunity: one task, or a copy of a template project's tasks with
    their dependencies, lags and RACI, shifted to a chosen start, into a chosen project."""

    _name = "crm.lead.plan.tasks"
    _description = "Plan Tasks for an Opportunity"
    _check_company_auto = True

    lead_id = fields.Many2one("crm.lead", string="Opportunity", required=True, readonly=True,
                              ondelete="cascade")
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    mode = fields.Selection(
        [("single", "A single task"), ("template", "Copy a template project")],
        string="Plan", required=True, default="single",
    )
    project_id = fields.Many2one(
        "project.project", string="Into Project", required=True, check_company=True,
        help="The project the new tasks are created in.",
    )
    task_name = fields.Char(string="Title")
    allocated_hours = fields.Float()
    template_project_id = fields.Many2one(
        "project.project", string="Template", check_company=True,
        help="Its tasks are copied with their dependencies, lags and RACI roles.",
    )
    start_date = fields.Date(string="Start", required=True, default=fields.Date.context_today,
                             help="The earliest planned start of the template becomes this date.")

    @api.depends("lead_id")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.lead_id.company_id or self.env.company

    def action_plan(self):
        """Create the task(s), linked to the opportunity; return the opportunity's tasks."""
        self.ensure_one()
        lead = self.lead_id
        lead.check_access("write")
        self.project_id.check_access("read")
        if lead.company_id and self.project_id.company_id and lead.company_id != self.project_id.company_id:
            raise UserError(self.env._(
                "Project '%(project)s' belongs to %(pcompany)s, opportunity '%(lead)s' to %(lcompany)s: "
                "plan the tasks in a project of the opportunity's company.",
                project=self.project_id.display_name, pcompany=self.project_id.company_id.name,
                lead=lead.display_name, lcompany=lead.company_id.name,
            ))
        if self.mode == "single":
            tasks = self._plan_single()
        else:
            tasks = self._plan_from_template()
        action = lead.action_view_tasks()
        action["domain"] = [("id", "in", tasks.ids)]
        return action

    def _task_base_values(self):
        return {
            "project_id": self.project_id.id,
            "opportunity_id": self.lead_id.id,
            "partner_id": self.lead_id.partner_id.id,
            "company_id": self.project_id.company_id.id or self.lead_id.company_id.id,
        }

    def _plan_single(self):
        if not (self.task_name or "").strip():
            raise UserError(self.env._("Give the new task of opportunity '%s' a title.", self.lead_id.display_name))
        return self.env["project.task"].create({
            **self._task_base_values(),
            "name": self.task_name.strip(),
            "allocated_hours": self.allocated_hours,
            "planned_start_date": self.start_date,
            "pinned_start_date": self.start_date,
        })

    def _plan_from_template(self):
        template = self.template_project_id
        if not template:
            raise UserError(self.env._("Choose the template project whose tasks are copied."))
        if template == self.project_id:
            raise UserError(self.env._(
                "Project '%s' is both the template and the target: choose another target project.",
                template.display_name))
        Task = self.env["project.task"]
        fnames = TEMPLATE_COPIED_FIELDS + TEMPLATE_SHIFTED_FIELDS + ["date_deadline", "parent_id", "accountable_id"]
        sources = Task.search_fetch([("project_id", "=", template.id)], fnames, order="id")
        if not sources:
            raise UserError(self.env._("Template project '%s' has no task to copy.", template.display_name))
        offset = self._template_offset(sources)
        links = self.env["project.task.dependency"].search_fetch(
            [("successor_id", "in", sources.ids), ("predecessor_id", "in", sources.ids)],
            ["predecessor_id", "successor_id", "dependency_type", "lag_days"],
        )
        with_predecessor = set(links.successor_id.ids)
        # only a project manager may choose the Accountable of a new task (task_mgmt_advanced RACI rule)
        with_accountable = self.env.user.has_group("project.group_project_manager")
        vals_list = []
        for src in sources:
            vals = {**self._task_base_values()}
            for fname in TEMPLATE_COPIED_FIELDS:
                field = Task._fields[fname]
                value = src[fname]
                vals[fname] = [(6, 0, value.ids)] if field.type == "many2many" else (
                    value.id if field.type == "many2one" else value)
            for fname in TEMPLATE_SHIFTED_FIELDS:
                vals[fname] = src[fname] + offset if src[fname] else False
            if not vals["pinned_start_date"] and src.id not in with_predecessor:
                # a first task starts at the chosen start, whatever the project's own start
                vals["pinned_start_date"] = vals["planned_start_date"]
            vals["date_deadline"] = src.date_deadline + offset if src.date_deadline else False
            if with_accountable and src.accountable_id:
                vals["accountable_id"] = src.accountable_id.id
            vals_list.append(vals)
        copies = Task.create(vals_list)
        mapping = dict(zip(sources.ids, copies.ids, strict=True))
        # subtasks under their copied parent, one write per parent
        by_parent = {}
        for src, copy in zip(sources, copies, strict=True):
            if src.parent_id.id in mapping:
                by_parent.setdefault(mapping[src.parent_id.id], []).append(copy.id)
        for parent_id, child_ids in by_parent.items():
            Task.browse(child_ids).write({"parent_id": parent_id})
        if links:
            self.env["project.task.dependency"].create([{
                "predecessor_id": mapping[link.predecessor_id.id],
                "successor_id": mapping[link.successor_id.id],
                "dependency_type": link.dependency_type,
                "lag_days": link.lag_days,
            } for link in links])
        return copies

    def _template_offset(self, sources):
        """Days between the template's earliest planned start (else its start date) and the chosen start."""
        starts = [d for d in sources.mapped("planned_start_date") if d]
        origin = min(starts) if starts else self.template_project_id.date_start
        return (self.start_date - origin) if origin else timedelta(0)
