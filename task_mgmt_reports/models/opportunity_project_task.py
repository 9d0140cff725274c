# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

OPPORTUNITY_COMPANY_KEYS = frozenset({"opportunity_id", "company_id", "project_id", "parent_id"})


class ProjectTask(models.Model):
    """The opportunity a task works for (issue 13)."""

    _inherit = "project.task"

    opportunity_id = fields.Many2one(
        "crm.lead", index="btree_not_null", tracking=True,
        compute="_compute_opportunity_id", store=True, readonly=False,
        check_company=True, domain="[('type', '=', 'opportunity')]",
        help="The CRM opportunity this task works for. Tasks created from a sales order of an "
        "opportunity get it by themselves.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._check_opportunity_company()
        return tasks

    def write(self, vals):
        result = super().write(vals)
        if OPPORTUNITY_COMPANY_KEYS & vals.keys():
            self._check_opportunity_company()
        return result

    def _check_opportunity_company(self):
        """project.task does not check companies by itself (no _check_company_auto).

        Called after create() and write(), not as an ``@api.constrains``: a constraint on the
        computed, recursive ``company_id`` runs in the middle of its recomputation and makes
        sale_project compute a task's partner from a half-updated task (see
        ``_approval_check_company_of_project`` in task_mgmt_advanced)."""
        for task in self.sudo():  # sudo: the opportunity's company, whoever writes the task
            lead_company = task.opportunity_id.company_id
            if lead_company and task.company_id and lead_company != task.company_id:
                raise ValidationError(self.env._(
                    "Task '%(task)s' belongs to %(tcompany)s; opportunity '%(lead)s' belongs to %(lcompany)s: "
                    "a task can only work for an opportunity of its own company.",
                    task=task.display_name, tcompany=task.company_id.name,
                    lead=task.opportunity_id.display_name, lcompany=lead_company.name,
                ))

    @api.depends("sale_order_id.opportunity_id", "sale_line_id.order_id.opportunity_id")
    def _compute_opportunity_id(self):
        for task in self:
            # a link set by hand wins; an empty one follows the task's sales order
            task.opportunity_id = (
                task.opportunity_id or task.sale_order_id.opportunity_id
                or task.sale_line_id.order_id.opportunity_id
            )

    def action_open_opportunity(self):
        """Open the task's opportunity (smart button on the task form)."""
        self.ensure_one()
        self.opportunity_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.opportunity_id.id,
            "views": [(False, "form")],
            "name": self.opportunity_id.display_name,
        }
