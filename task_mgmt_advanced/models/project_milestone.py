# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import format_date

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..internal import InternalFlag

# set by the addon when the last open task of a milestone closes ("Last Task Done" projects)
MILESTONE_BY_TASKS = InternalFlag("task_mgmt_milestone_by_tasks")
MILESTONE_TEMPLATE = "task_mgmt_advanced.reminder_milestone_message"


class ProjectMilestone(models.Model):
    _inherit = "project.milestone"

    def write(self, vals):
        # Odoo's own checks (access first) answer whatever a caller sends as vals
        marks = isinstance(vals, dict) and vals.get("is_reached")
        reaching = self.filtered(lambda milestone: not milestone.is_reached) if marks else self
        result = super().write(vals)
        if marks and reaching:
            # a milestone is announced the way its project chose: when marked reached by someone,
            # or when the addon marks it after its last task (a caller cannot pass for the addon)
            trigger = "tasks_done" if MILESTONE_BY_TASKS.is_set(self.env) else "reached"
            # sudo: the project's reminder settings decide, whoever marks the milestone
            reaching.sudo().filtered(
                lambda m: m.project_id.reminder_enabled and m.project_id.reminder_milestone_trigger == trigger,
            )._task_mgmt_announce_reached()
        return result

    def _task_mgmt_reach_done(self):
        """Mark reached the milestones (among these) of "Last Task Done" projects whose tasks are
        all closed now; their announcement follows (``write``)."""
        # sudo: a milestone follows all its tasks, also the ones the user closing the last cannot see
        milestones = self.sudo().filtered(
            lambda m: not m.is_reached and m.project_id.reminder_enabled
            and m.project_id.reminder_milestone_trigger == "tasks_done")
        if not milestones:
            return
        Task = self.env["project.task"].sudo().with_context(active_test=True)
        open_counts, closed_counts = {}, {}
        for milestone, state, count in Task._read_group(
                [("milestone_id", "in", milestones.ids)], ["milestone_id", "state"], ["__count"]):
            counts = closed_counts if state in CLOSED_STATES else open_counts
            counts[milestone.id] = counts.get(milestone.id, 0) + count
        done = milestones.filtered(lambda m: closed_counts.get(m.id) and not open_counts.get(m.id))
        if done:
            done.with_context(**MILESTONE_BY_TASKS.on()).write({"is_reached": True})

    def _task_mgmt_announce_reached(self):
        """Tell the project's followers, the Accountables of the milestone's tasks and its tasks'
        Informed people that these milestones are reached, once per person (a reminder log row
        is inserted first: a second announcement of the same milestone reaches nobody), in each
        recipient's language."""
        Log = self.env["project.task.reminder.log"].sudo()  # sudo: bookkeeping rows, no user may write them
        today = fields.Date.context_today(self)
        for milestone in self:
            tasks = milestone.task_ids
            partners = (milestone.project_id.message_partner_ids | tasks.accountable_id.partner_id
                        | tasks.informed_partner_ids)
            inserted = Log._task_mgmt_insert([{
                "task_id": None, "milestone_id": milestone.id, "project_id": milestone.project_id.id,
                "company_id": milestone.project_id.company_id.id or None, "partner_id": partner.id,
                "user_id": None, "kind": "milestone", "threshold": 0, "deadline": None,
                "day": milestone.reached_date or today, "email_state": "sent",
            } for partner in partners])
            recipients = self.env["res.partner"].browse(row["partner_id"] for row in inserted)
            for lang, group in recipients.grouped(lambda partner: partner.lang or "en_US").items():
                localized = milestone.with_context(lang=lang)
                localized.message_notify(
                    partner_ids=group.ids, subject=localized._task_mgmt_reached_subject(),
                    body=localized._task_mgmt_reached_body(), email_layout_xmlid="mail.mail_notification_light",
                )
        Log.invalidate_model()

    def _task_mgmt_reached_subject(self):
        return self.env._("Milestone reached: %(milestone)s (%(project)s)",
                          milestone=self.name, project=self.project_id.name)

    def _task_mgmt_next(self):
        """The project's next milestone not reached yet (nearest deadline first, undated last)."""
        return self.search([
            ("project_id", "=", self.project_id.id), ("is_reached", "=", False), ("id", "!=", self.id),
        ], order="deadline asc nulls last, id", limit=1)

    def _task_mgmt_reached_body(self):
        """The announcement in the environment's language: the milestone, its deadline, on time
        or not, and what comes next (the next milestone and its critical open tasks)."""
        self.ensure_one()
        reached = self.reached_date or fields.Date.context_today(self)
        following = self._task_mgmt_next()
        critical = following.task_ids.filtered(lambda t: t.is_critical and t.state not in CLOSED_STATES)
        env = self.env
        lines = [env._("Milestone %(milestone)s of project %(project)s was reached on %(date)s.",
                       milestone=self.name, project=self.project_id.name, date=format_date(env, reached))]
        if not self.deadline:
            lines.append(env._("It had no deadline."))
        elif reached <= self.deadline:
            lines.append(env._("Its deadline was %(deadline)s: reached on time.",
                               deadline=format_date(env, self.deadline)))
        else:
            lines.append(env._("Its deadline was %(deadline)s: reached %(days)s day(s) late.",
                               deadline=format_date(env, self.deadline), days=(reached - self.deadline).days))
        if not following:
            lines.append(env._("This was the project's last open milestone."))
        else:
            if following.deadline:
                lines.append(env._("Next milestone: %(milestone)s (deadline %(deadline)s).",
                                   milestone=following.name, deadline=format_date(env, following.deadline)))
            else:
                lines.append(env._("Next milestone: %(milestone)s.", milestone=following.name))
            lines.append(env._("Its critical tasks:") if critical else env._("It has no critical open task."))
        return self.env["ir.qweb"]._render(MILESTONE_TEMPLATE, {
            "lines": lines,
            "critical": critical.sorted(lambda t: (t.date_deadline or fields.Datetime.now(), t.id)),
        })
