# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrEmployeePublic(models.Model):
    """The Load smart button of an employee's public profile: the form project users get."""

    _inherit = "hr.employee.public"

    def action_view_resource_load(self):
        """The resource load heatmap filtered on this employee (same ids as hr.employee)."""
        self.ensure_one()
        self.check_access("read")
        return self.env["task_mgmt.resource.load"]._load_action(
            self.env._("Load of %s", self.name), default_employee_ids=self.ids)
