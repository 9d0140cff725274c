# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    task_mgmt_reminder_email_opt_out = fields.Boolean(
        string="No Reminder Emails",
        help="Do not send me the daily email of deadline reminders; the reminders stay as activities "
        "on the tasks.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "task_mgmt_reminder_email_opt_out"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "task_mgmt_reminder_email_opt_out"]
