# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.project.models.project_task import CLOSED_STATES


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    urgency_days = fields.Integer(
        string="Urgency Window (working days)", default=3,
        help="A task whose deadline falls within this many working days is urgent (unless its "
        "urgency was set by hand).",
    )

    @api.constrains("urgency_days")
    def _check_urgency_days(self):
        for project in self:
            if project.urgency_days < 0:
                raise ValidationError(self.env._(
                    "Project '%(project)s': the urgency window cannot be negative (%(days)s working days).",
                    project=project.display_name, days=project.urgency_days,
                ))

    def write(self, vals):
        result = super().write(vals)
        if "urgency_days" in vals:
            # the urgency of the open tasks follows (stored compute); their priority follows it
            tasks = self.env["project.task"].search(
                [("project_id", "in", self.ids), ("state", "not in", list(CLOSED_STATES))])
            tasks._task_mgmt_priority_refresh(frozenset())
        return result
