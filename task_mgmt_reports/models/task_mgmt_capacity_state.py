# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the stored capacity of one employee was computed from: a fingerprint of the inputs
(calendar, attendances, time off, public holidays, time zone) and the days covered."""

from odoo import fields, models


class TaskMgmtCapacityState(models.Model):
    _name = "task_mgmt.capacity.state"
    _description = "Stored Capacity State"
    _log_access = False

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", readonly=True)
    signature = fields.Char(required=True, readonly=True,
                            help="md5 of the inputs of the employee's capacity when it was computed.")
    date_first = fields.Date(required=True, readonly=True)
    date_last = fields.Date(required=True, readonly=True)

    _sql_constraints = [
        ("employee_unique", "UNIQUE(employee_id)", "One capacity state per employee."),
    ]
