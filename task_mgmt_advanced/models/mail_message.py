# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    task_mgmt_log = fields.Json(
        string="Task Log Data", readonly=True, copy=False,
        help="The lines of a note logged by Task Management Advanced as data (codes, rule ids, "
        "levels, numbers): the chatter shows them in the reader's language.",
    )

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
