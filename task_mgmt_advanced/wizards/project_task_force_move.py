# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.project_task import DEPENDENCY_OVERRIDE


class ProjectTaskForceMove(models.TransientModel):
    """A project administrator moves tasks that their Block project's dependencies hold back,
    with a reason logged on each task."""

    _name = "project.task.force.move"
    _description = "Force a Task Move Past Its Dependencies"

    task_ids = fields.Many2many("project.task", string="Tasks", required=True, readonly=True)
    stage_id = fields.Many2one("project.task.type", string="Move to Stage", readonly=True)
    state = fields.Selection(
        lambda self: self.env["project.task"]._fields["state"]._description_selection(self.env),
        string="Set Status", readonly=True,
    )
    reason = fields.Text(required=True, help="Why the move cannot wait: written on each task's chatter.")

    @api.model
    def _action_open(self, tasks, vals):
        """The window action of the dialog for ``tasks`` and the refused ``vals``."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Force Move"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_task_ids": tasks.ids,
                "default_stage_id": vals.get("stage_id") or False,
                "default_state": vals.get("state") or False,
            },
        }

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("project.group_project_manager"):
            raise AccessError(self.env._("Only a project administrator can force a move past the dependencies."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the move cannot wait for the dependencies."))
        vals = {}
        if self.stage_id:
            vals["stage_id"] = self.stage_id.id
        if self.state:
            vals["state"] = self.state
        if not vals:
            raise UserError(self.env._("Nothing to move: choose a stage or a status."))
        tasks = self.task_ids
        tasks.check_access("write")
        # the move itself goes through write(): access, the approval guard and RACI still apply
        tasks.with_context(**DEPENDENCY_OVERRIDE.on()).write(vals)
        for task in tasks:
            task._task_mgmt_post([{"code": "force_moved", "user": self.env.user.name, "reason": reason}],
                                 subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}
