# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the largest thresholds a project can ask for (a warning three months ahead is a plan, not a reminder)
MAX_REMINDER_DAYS = 60


class ProjectProject(models.Model):
    # one file per capability (reminders), as the conventions ask
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    reminder_enabled = fields.Boolean(
        string="Automatic Reminders", default=True,
        help="Warn the assignees before their tasks' deadlines, follow overdue tasks up and announce "
        "reached milestones (daily scheduled action).",
    )
    reminder_before_days = fields.Integer(
        string="Warn (working days before)", default=2,
        help="The assignees get an activity and an email this many working days (on the project's "
        "working calendar, holidays excluded) before a task's deadline; 0 for no early warning.",
    )
    reminder_on_the_day = fields.Boolean(
        string="Warn on the Day", default=True, help="A second warning on the deadline's day.",
    )
    reminder_notify_accountable = fields.Boolean(
        string="Warn the Accountable", default=True,
        help="The task's Accountable gets the deadline warnings too (overdue follow-ups always reach them).",
    )
    reminder_escalate = fields.Boolean(
        string="Escalate Overdue Tasks", default=True,
        help="The project manager is told about tasks still open some working days after their deadline.",
    )
    reminder_escalation_days = fields.Integer(
        string="Escalate after (working days)", default=3,
        help="Working days after the deadline before an open task is escalated to the project manager.",
    )
    reminder_milestone_trigger = fields.Selection(
        [("reached", "Marked as Reached"), ("tasks_done", "Last Task Done")],
        string="Milestone Notification", default="reached", required=True,
        help="Marked as Reached: the notification goes out when someone marks the milestone reached.\n"
        "Last Task Done: the milestone is marked reached, and announced, when its last open task is "
        "done or cancelled.",
    )

    @api.constrains("reminder_before_days", "reminder_escalation_days")
    def _check_reminder_days(self):
        for project in self:
            if not 0 <= project.reminder_before_days <= MAX_REMINDER_DAYS:
                raise ValidationError(self.env._(
                    "Project '%(project)s': the deadline warning must come 0 to %(max)s working days before "
                    "the deadline, not %(days)s.",
                    project=project.display_name, max=MAX_REMINDER_DAYS, days=project.reminder_before_days,
                ))
            if not 1 <= project.reminder_escalation_days <= MAX_REMINDER_DAYS:
                raise ValidationError(self.env._(
                    "Project '%(project)s': overdue tasks are escalated 1 to %(max)s working days after "
                    "their deadline, not %(days)s.",
                    project=project.display_name, max=MAX_REMINDER_DAYS, days=project.reminder_escalation_days,
                ))
