# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    task_acceptance_required = fields.Boolean(
        string="Acceptance of Done Tasks",
        help="A task marked done waits for its reviewer (the approval rule's acceptance reviewer, "
        "else the task's Accountable, else the project manager), who accepts it with a quality "
        "rating or requests changes.",
    )
    task_acceptance_final_stage = fields.Boolean(
        string="Move Accepted Tasks to the Last Stage",
        help="Accepted tasks move to the project's last stage (an approval rule on that stage "
        "still applies).",
    )
