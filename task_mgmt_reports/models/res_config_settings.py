# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

GO_LIVE_PARAM = "task_mgmt_reports.go_live_date"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Odoo's settings store a config_parameter only for boolean, number, char, selection,
    # many2one and datetime fields: the date is kept as an ISO string by get/set_values
    task_mgmt_go_live_date = fields.Date(
        string="Go-Live Date",
        help="The delivery cockpit compares every KPI before and after this date (periods of the "
        "same length).")

    @api.model
    def get_values(self):
        res = super().get_values()
        # sudo: settings are read by administrators; the parameter is not readable otherwise
        value = self.env["ir.config_parameter"].sudo().get_param(GO_LIVE_PARAM)
        try:
            res["task_mgmt_go_live_date"] = fields.Date.to_date(value) if value else False
        except ValueError:
            res["task_mgmt_go_live_date"] = False
        return res

    def set_values(self):
        res = super().set_values()
        date = self.task_mgmt_go_live_date
        # sudo: as Odoo's own config parameters (set_values runs for administrators only)
        self.env["ir.config_parameter"].sudo().set_param(GO_LIVE_PARAM, fields.Date.to_string(date) if date else False)
        return res
