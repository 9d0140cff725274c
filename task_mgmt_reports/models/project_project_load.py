# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProjectProject(models.Model):
    """The Load smart button of a project (issue 14)."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    def action_view_resource_load(self):
        """The resource load heatmap filtered on this project."""
        self.ensure_one()
        self.check_access("read")
        return self.env["task_mgmt.resource.load"]._load_action(
            self.env._("Load of %s", self.name), default_project_ids=self.ids)
