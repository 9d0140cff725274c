# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    digest_enabled = fields.Boolean(
        string="Weekly Digest", default=False,
        help="Every Monday, email the project manager and the Accountables of the open tasks the "
        "week's KPIs, the slipped and overdue tasks and the pending approvals (one email per person "
        "for all their projects).")
