# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .ir_ui_view import GANTT_VIEW_TYPE


class IrActionsActWindowView(models.Model):
    _inherit = "ir.actions.act_window.view"

    view_mode = fields.Selection(selection_add=[GANTT_VIEW_TYPE], ondelete={GANTT_VIEW_TYPE[0]: "cascade"})
