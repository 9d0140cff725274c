# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProjectProject(models.Model):
    """The ROI smart button of a project (issue 13)."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    def action_view_roi(self):
        """The project's ROI lines; costs only for those who may read them."""
        self.ensure_one()
        self.check_access("read")
        return self.env["crm.lead.report.roi"]._roi_action(
            [("project_id", "=", self.id)], self.env._("ROI of %s", self.name), "line_type")
