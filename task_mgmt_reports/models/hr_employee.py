# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrEmployee(models.Model):
    """The Load smart button of an employee (issue 14)."""

    _inherit = "hr.employee"

    def action_view_resource_load(self):
        """The resource load heatmap filtered on this employee."""
        self.ensure_one()
        self.check_access("read")
        return self.env["task_mgmt.resource.load"]._load_action(
            self.env._("Load of %s", self.name), default_employee_ids=self.ids)
