# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# task writes that can close the last open task of a milestone
MILESTONE_TRIGGERS = {"state", "stage_id", "milestone_id", "active"}


class ProjectTask(models.Model):
    # one file per capability (reminders), as the conventions ask
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        if not MILESTONE_TRIGGERS & set(vals):
            return super().write(vals)
        # sudo: the milestones the tasks leave count too, whoever moves them
        milestones = self.sudo().milestone_id
        result = super().write(vals)
        (milestones | self.sudo().milestone_id)._task_mgmt_reach_done()
        return result
