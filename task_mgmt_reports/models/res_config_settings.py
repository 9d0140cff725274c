# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    task_mgmt_go_live_date = fields.Date(
        string="Go-Live Date", config_parameter="task_mgmt_reports.go_live_date",
        help="The delivery cockpit compares every KPI before and after this date (periods of the "
        "same length).")
