# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class MailMessage(models.Model):
    _inherit = "mail.message"

    task_mgmt_log = fields.Json(
        string="Task Log Data", readonly=True, copy=False, groups="base.group_system",
        help="The lines of a note logged by Task Management Advanced as data (codes, rule ids, "
        "levels, numbers): the chatter shows them in the reader's language.",
    )
    # (administrators only: the data may hold people's late history, shown to project
    # administrators only, and a note written by a user through RPC would read as the addon's)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("task_mgmt_log" in vals for vals in vals_list):
            raise AccessError(self.env._("Only Task Management Advanced writes the data of its notes."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "task_mgmt_log" in vals:
            raise AccessError(self.env._("Only Task Management Advanced writes the data of its notes."))
        return super().write(vals)

    def _to_store(self, store, /, *, fields=None, **kwargs):
        """The notes logged as data get their body rendered in the reader's language."""
        super()._to_store(store, fields=fields, **kwargs)
        if fields is not None and "body" not in fields:
            return
        # sudo: a field of the messages super() just read for the caller (access checked there)
        logged = self.sudo().filtered(lambda m: m.task_mgmt_log and m.model == "project.task")
        if not logged:
            return
        bodies = self.env["project.task"]._task_mgmt_render_logs([m.task_mgmt_log for m in logged])
        for message, body in zip(logged, bodies, strict=True):
            if body is not None:
                store.add(self.browse(message.id), {"body": body})
