# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..internal import InternalFlag

# task writes that can close the last open task of a milestone
MILESTONE_TRIGGERS = {"state", "stage_id", "milestone_id", "active"}
# set by the reminders while they create activities whose users they subscribed themselves
REMINDER_SUBSCRIBED = InternalFlag("task_mgmt_reminder_subscribed")


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

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if REMINDER_SUBSCRIBED.is_set(self.env) and not subtype_ids:
            # mail.activity.create subscribes each user once per call: the reminders subscribed
            # all their recipients in one pass before (project.task.reminder.log._task_mgmt_record)
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)
