# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL

from ..internal import InternalFlag

_logger = logging.getLogger(__name__)

# carries the ids of the steps one approval email is about (only the engine can pass it)
MAIL_BATCH = InternalFlag("task_mgmt_approval_mail_steps")

STEP_STATES = [
    ("waiting", "Not Yet Active"),
    ("pending", "Waiting for Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("skipped", "Skipped"),
    ("cancelled", "Cancelled"),
]


class ProjectTaskApprovalStep(models.Model):
    """One level of a request, with its approvers resolved when the request was made.
    Read-only for users: approve, reject and delegate are methods that check the caller is a
    current approver of the active level, then write as superuser."""

    _name = "project.task.approval.step"
    _description = "Task Approval Level of a Request"
    _order = "request_id desc, sequence, id"
    _check_company_auto = True

    request_id = fields.Many2one("project.task.approval.request", required=True, ondelete="cascade", index=True)
    task_id = fields.Many2one(related="request_id.task_id", store=True, index=True)
    project_id = fields.Many2one(related="request_id.project_id", store=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    request_state = fields.Selection(related="request_id.state", string="Request Status")
    requested_by_id = fields.Many2one(related="request_id.requested_by_id")
    level_id = fields.Many2one("project.task.approval.level", string="Rule Level", ondelete="set null")
    name = fields.Char(string="Level", required=True)
    sequence = fields.Integer()
    state = fields.Selection(STEP_STATES, required=True, default="waiting", index=True)
    mode = fields.Selection(
        [("any", "Any one approver"), ("all", "All approvers (countersign)"), ("min", "At least N approvers")],
        required=True, default="any",
    )
    required_count = fields.Integer(string="Approvals Needed")
    approved_count = fields.Integer(string="Approvals")
    approver_ids = fields.Many2many(
        "res.users", "project_task_approval_step_approver_rel", "step_id", "user_id", string="Approvers",
    )
    decision_ids = fields.One2many("project.task.approval.decision", "step_id", string="Decisions")
    activity_ids = fields.Many2many("mail.activity", string="Activities")
    activated_on = fields.Datetime(string="Active Since")
    deadline = fields.Datetime(string="SLA Deadline", index=True)
    escalated_on = fields.Datetime(
        string="Reminded/Escalated On", copy=False,
        help="Set when the SLA reminder (and escalation) went out: never twice for one level.",
    )
    escalated_to_ids = fields.Many2many(
        "res.users", "project_task_approval_step_escalated_rel", "step_id", "user_id",
    )
    done_date = fields.Datetime(string="Closed On")
    is_current_approver = fields.Boolean(
        compute="_compute_is_current_approver", search="_search_is_current_approver", string="Waiting for Me",
    )
    is_late = fields.Boolean(compute="_compute_is_late", string="Late")
    move_label = fields.Char(
        compute="_compute_move_label", string="Move",
        help="What is approved: the task's stage now and the stage it moves to once approved.",
    )
    due_hours = fields.Float(
        compute="_compute_due_hours", string="Due In (Working Hours)",
        help="Working hours left before the SLA deadline of the active level, on the project's "
        "working calendar (negative: overdue by that many working hours).",
    )
    due_label = fields.Char(compute="_compute_due_hours", string="Due")
    mail_step_ids = fields.Many2many(
        "project.task.approval.step", compute="_compute_mail_step_ids", string="Listed in the Email",
        help="The levels one approval email lists (this one alone outside of an email).",
    )

    @api.depends("request_id", "name")
    def _compute_display_name(self):
        for step in self:
            step.display_name = f"{step.request_id.display_name} ({step.name})"

    @api.depends_context("uid")
    @api.depends("state", "approver_ids", "decision_ids.user_id", "decision_ids.decision")
    def _compute_is_current_approver(self):
        user = self.env.user
        for step in self:
            step.is_current_approver = (
                step.state == "pending" and user in step.approver_ids
                and user not in step.decision_ids.filtered(lambda d: d.decision == "approved").user_id
            )

    def _search_is_current_approver(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Waiting for Me'."))
        domain = [
            ("state", "=", "pending"),
            ("approver_ids", "in", self.env.uid),
            ("decision_ids", "not any", [("user_id", "=", self.env.uid), ("decision", "=", "approved")]),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", *domain]

    @api.depends_context(MAIL_BATCH.key)
    def _compute_mail_step_ids(self):
        # only the engine passes the batch (an InternalFlag): no caller can make an email list
        # other steps
        batch = MAIL_BATCH.value(self.env, frozenset())
        for step in self:
            step.mail_step_ids = self.browse(sorted(batch)) if step.id in batch else step

    def _compute_is_late(self):
        now = fields.Datetime.now()
        for step in self:
            step.is_late = bool(step.state == "pending" and step.deadline and step.deadline < now)

    @api.depends_context("lang")
    @api.depends("request_id.transition", "request_id.target_stage_id", "task_id.stage_id")
    def _compute_move_label(self):
        done = dict(self.env["project.task"]._fields["state"]._description_selection(self.env)).get("1_done")
        for step in self:
            request = step.request_id
            target = request.target_stage_id.name if request.transition == "stage" else done
            step.move_label = self.env._(
                "%(stage)s → %(target)s", stage=step.task_id.stage_id.name or "", target=target or "")

    @api.depends_context("lang")
    @api.depends("state", "deadline", "project_id.resource_calendar_id", "company_id.resource_calendar_id")
    def _compute_due_hours(self):
        """Working hours between now and the SLA deadline of the pending levels: one pass over
        the working intervals of each calendar (no computation per level)."""
        now = fields.Datetime.now()
        by_calendar = defaultdict(list)
        for step in self:
            step.due_hours, step.due_label = 0.0, False
            if step.state == "pending" and step.deadline:
                calendar = step.project_id.resource_calendar_id or step.company_id.resource_calendar_id
                by_calendar[calendar].append(step)
        for calendar, steps in by_calendar.items():
            low = pytz.utc.localize(min(now, *(s.deadline for s in steps)))
            high = pytz.utc.localize(max(now, *(s.deadline for s in steps)))
            intervals = list(calendar._work_intervals_batch(low, high)[False]) if calendar else [(low, high, None)]
            for step in steps:
                start, stop = sorted((pytz.utc.localize(now), pytz.utc.localize(step.deadline)))
                seconds = sum(
                    (min(end, stop) - max(begin, start)).total_seconds()
                    for begin, end, _meta in intervals if begin < stop and end > start
                )
                hours = round(seconds / 3600, 1)
                step.due_hours = hours if step.deadline >= now else -hours
                shown = f"{hours:g}"
                step.due_label = (
                    self.env._("in %(hours)s working hour(s)", hours=shown) if step.deadline >= now
                    else self.env._("overdue by %(hours)s working hour(s)", hours=shown))

    # ------------------------------------------------------------------ actions

    def action_approve(self, comment=False):
        """Approve these levels as the current user (a current approver of each active level).

        Idempotent: the ids name the levels the user decides on. A level the user already
        approved (a double tap, a request sent again by a phone) is left as it is: the call
        says so and never falls on the next level. Returns a notification naming the task, the
        level and the outcome."""
        steps = self._approval_begin(approved_ok=True)
        user = self.env.user
        already = steps.filtered(
            lambda s: user in s.decision_ids.filtered(lambda d: d.decision == "approved").user_id)
        steps -= already
        if not steps:
            return already._approval_notification("warning", {
                step: self.env._("you already approved this level: nothing was changed.") for step in already})
        now = fields.Datetime.now()
        # sudo: decisions are the engine's audit trail; the caller was checked by _approval_begin
        Decision = self.env["project.task.approval.decision"].sudo()
        Decision._approval_record(steps.request_id, "approved", steps=steps, comment=comment)
        self.env.flush_all()
        counts = dict(Decision._read_group(
            [("step_id", "in", steps.ids), ("decision", "=", "approved")], ["step_id"], ["__count"],
        ))
        for step in steps:
            step.approved_count = counts.get(step, 0)
        done = steps.filtered(lambda s: s.approved_count >= s.required_count)
        (steps - done)._approval_drop_activities(user)
        done._approval_drop_activities()
        done.write({"state": "approved", "done_date": now})
        Task = self.env["project.task"]
        Task._task_mgmt_log({
            step.task_id.id: [{"code": "approval_approved", **step._approval_level_data(), "user": user.name,
                               "count": step.approved_count, "required": step.required_count,
                               "comment": comment or ""}]
            for step in steps
        })
        steps.request_id.write({"last_decision_date": now})
        done.request_id._approval_advance(now)
        outcomes = {step: step._approval_approved_outcome() for step in steps}
        outcomes.update({step: self.env._("you already approved this level: nothing was changed.")
                         for step in already})
        return steps._approval_notification("success", outcomes)

    def _approval_approved_outcome(self):
        """What an approval of this level led to, in words (for the confirmation)."""
        self.ensure_one()
        request = self.request_id
        if self.state != "approved":
            return self.env._("approved (%(count)s/%(required)s): the level waits for more approvals.",
                              count=self.approved_count, required=self.required_count)
        if request.state == "approved":
            return self.env._("approved: the request is complete, the task moves to %s.",
                              request._approval_target_label())
        return self.env._("approved: level '%(next)s' decides next (%(users)s).",
                          next=request.current_step_id.name,
                          users=", ".join(request.current_step_id.approver_ids.mapped("name")))

    def _approval_notification(self, kind, outcomes, close=False):
        """A toast for the user who decided: one line per level (task, level, outcome), then a
        reload of the screen. When the user now has to decide another level of the same task,
        the screen is not redrawn: its Approve button would then sit, for the next level, under
        the finger that just approved (the issue of double taps); the toast says so instead.
        ``close``: the decision was confirmed in a dialog, which closes (the screen under it
        reloads)."""
        lines = [self.env._("Task '%(task)s', level '%(level)s': %(outcome)s",
                            task=step.task_id.display_name, level=step.name, outcome=outcome)
                 for step, outcome in outcomes.items()]
        if len(lines) > 3:  # a batch from My Approvals: a toast, not a report
            lines = [*lines[:3], self.env._("… and %s more.", len(lines) - 3)]
        # sudo: the user's own active levels on these tasks
        next_mine = self.sudo().search([
            ("task_id", "in", self.task_id.ids), ("is_current_approver", "=", True), ("id", "not in", self.ids)])
        params = {
            "title": self.env._("Approval"),
            "message": " ".join(lines),
            "type": kind,
            "sticky": False,
        }
        if close:
            params["next"] = {"type": "ir.actions.act_window_close"}
        elif next_mine:
            params["message"] += " " + self.env._(
                "Level '%s' also waits for you: open it again to decide it.", next_mine[0].name)
        elif kind == "success":
            params["next"] = {"type": "ir.actions.act_window_close"}
        return {"type": "ir.actions.client", "tag": "display_notification", "params": params}

    def action_reject(self, reason=False):
        """Reject these levels (and so their requests) as a current approver, with a reason."""
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(self.env._("Give the reason of the rejection."))
        steps = self._approval_begin()
        now = fields.Datetime.now()
        self.env["project.task.approval.decision"]._approval_record(
            steps.request_id, "rejected", steps=steps, comment=reason)
        steps._approval_drop_activities()
        steps.write({"state": "rejected", "done_date": now})
        requests = steps.request_id
        requests.write({"reject_reason": reason})
        requests._approval_close("rejected")
        Task = self.env["project.task"]
        for request in requests:
            # the reason goes back to the task's chatter and to the requester
            level = request.step_ids.filtered(lambda s: s.state == "rejected")[:1]
            request.task_id._task_mgmt_post(
                [Task._approval_log_line(request, "approval_rejected", **level._approval_level_data(),
                                         user=self.env.user.name, reason=reason)],
                partner_ids=request.requested_by_id.partner_id.ids,
                message_type="comment", subtype_xmlid="mail.mt_note",
            )
        return steps.with_env(self.env)._approval_notification("success", dict.fromkeys(
            steps, self.env._("rejected: the task stays where it is.")), close=True)

    def action_delegate(self, user_id=False, comment=False):
        """Hand my approval of these levels to another internal user (audited)."""
        steps = self._approval_begin()
        user = self.env.user
        # sudo: the delegate may be a user of another company the caller cannot read
        delegate = self.env["res.users"].sudo().browse(int(user_id)).exists() if user_id else None
        if not delegate or delegate.share or not delegate.active:
            raise UserError(self.env._("Delegate to an active internal user."))
        for step in steps:
            task = step.task_id
            if delegate == user or delegate in step.approver_ids:
                raise UserError(self.env._("%(user)s is already an approver of level '%(level)s' of task '%(task)s'.",
                                           user=delegate.name, level=step.name, task=task.display_name))
            if step.company_id not in delegate.company_ids or not task.with_user(delegate).has_access("read"):
                raise UserError(self.env._("%(user)s cannot access task '%(task)s'.",
                                           user=delegate.name, task=task.display_name))
        self.env["project.task.approval.decision"]._approval_record(
            steps.request_id, "delegated", steps=steps, comment=comment, users=delegate)
        steps._approval_drop_activities(user)
        steps.write({"approver_ids": [Command.unlink(user.id), Command.link(delegate.id)]})
        steps._approval_notify({step: delegate for step in steps})
        self.env["project.task"]._task_mgmt_log({
            step.task_id.id: [{"code": "approval_delegated", **step._approval_level_data(), "user": user.name,
                               "delegate": delegate.name, "comment": comment or ""}]
            for step in steps
        })
        steps.request_id.write({"last_decision_date": fields.Datetime.now()})
        return steps.with_env(self.env)._approval_notification("success", dict.fromkeys(
            steps, self.env._("delegated to %s.", delegate.name)), close=True)

    def action_open_reject_wizard(self):
        return self._approval_wizard("project.task.approval.reject", self.env._("Reject"))

    def action_open_delegate_wizard(self):
        return self._approval_wizard("project.task.approval.delegate", self.env._("Delegate"))

    def action_open_task(self):
        self.ensure_one()
        self.check_access("read")
        return self.request_id.action_open_task()

    # ------------------------------------------------------------------ engine (superuser, caller checked)

    @api.model
    def _approval_chosen(self, domain, step_id, label):
        """The levels a decision from a task or a request form is about: ``step_id`` when given
        (the form's buttons pass the level they were drawn for in the context key
        ``approval_step_id``: a caller's value that only narrows the decision to one level of
        the record, and the actions check its approver again), else the current user's active
        levels among ``domain``."""
        if step_id is None:
            step_id = self.env.context.get("approval_step_id")
        if step_id:
            if not isinstance(step_id, int) or isinstance(step_id, bool):
                raise UserError(self.env._("Choose the approval level of '%s' to decide.", label))
            # sudo: levels are read-only engine records; the level must be one of the record's
            step = self.sudo().search([*domain, ("id", "=", step_id)])
            if not step:
                raise UserError(self.env._("This approval level does not belong to '%s'.", label))
            return step.with_env(self.env)
        # sudo: the current user's own active levels (decided through their checks)
        steps = self.sudo().search([*domain, ("is_current_approver", "=", True)])
        if not steps:
            raise AccessError(self.env._("'%s' is not waiting for your approval.", label))
        return steps.with_env(self.env)

    def _approval_wizard(self, model, title):
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_step_ids": [Command.set(self.ids)]},
        }

    def _approval_begin(self, approved_ok=False):
        """Lock the requests of these steps and check that the current user is a current
        approver of each (active level, not decided yet; with ``approved_ok``, a level the user
        already approved passes, for the caller to leave alone). Returns the steps as superuser."""
        if not self:
            raise UserError(self.env._("Choose the approvals to decide."))
        steps = self.sudo()  # sudo: approval records are read-only for users; the caller is checked below
        steps.request_id._approval_lock()
        user = self.env.user
        for step in steps:
            task = step.task_id.display_name
            mine = user in step.decision_ids.filtered(lambda d: d.decision == "approved").user_id
            if approved_ok and mine:
                continue
            if user not in step.approver_ids:
                raise AccessError(self.env._(
                    "You are not an approver of level '%(level)s' of task '%(task)s'.", level=step.name, task=task))
            if step.state == "waiting":
                raise UserError(self.env._(
                    "Level '%(level)s' of task '%(task)s' is not active yet: the levels before it decide first.",
                    level=step.name, task=task))
            if step.state != "pending" or step.request_id.state != "pending":
                raise UserError(self.env._(
                    "Level '%(level)s' of task '%(task)s' is not waiting for a decision any more.",
                    level=step.name, task=task))
            if mine:
                raise UserError(self.env._(
                    "You already approved level '%(level)s' of task '%(task)s'.", level=step.name, task=task))
        return steps

    def _approval_activate(self, now):
        """Make these (waiting) steps the active level of their requests: compute the SLA
        deadline, give each approver an activity and an email."""
        deadlines = self._approval_deadlines(now)
        by_deadline = defaultdict(list)
        for step in self:
            by_deadline[deadlines.get(step.id)].append(step.id)
        for deadline, step_ids in by_deadline.items():
            self.browse(step_ids).write({"state": "pending", "activated_on": now, "deadline": deadline})
        for step in self:
            step.request_id.current_step_id = step
        self._approval_notify({step: step.approver_ids for step in self})
        Task = self.env["project.task"]
        Task._task_mgmt_log({
            step.task_id.id: [Task._approval_log_line(
                step.request_id, "approval_waiting", **step._approval_level_data(),
                users=step.approver_ids.mapped("name"))]
            for step in self
        })

    def _approval_deadlines(self, now):
        """{step id: SLA deadline}: the level's working hours on the project's working calendar
        (else the company's), from ``now``; public holidays are not worked."""
        cache = {}
        deadlines = {}
        for step in self:
            hours = step.level_id.sla_hours
            if not hours:
                continue
            calendar = step.project_id.resource_calendar_id or step.company_id.resource_calendar_id
            if not calendar:
                continue
            key = (calendar.id, hours)
            if key not in cache:
                cache[key] = calendar.plan_hours(hours, now, compute_leaves=True) or None
            deadlines[step.id] = cache[key]
        return deadlines

    def _approval_notify(self, users_by_step):
        """An 'Approval' activity on the task for each (step, user) and the approval email to
        the users."""
        activity_type = self.env.ref("task_mgmt_advanced.mail_activity_type_approval", raise_if_not_found=False)
        task_model_id = self.env["ir.model"]._get_id("project.task")
        values, owners = [], []
        for step, users in users_by_step.items():
            for user in users:
                values.append({
                    "res_model_id": task_model_id,
                    "res_id": step.task_id.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": self.env._("Approve: %s", step.request_id._approval_target_label()),
                    "note": self.env._("Level '%s'", step.name),
                    "user_id": user.id,
                    "date_deadline": (step.deadline or fields.Datetime.now()).date(),
                })
                owners.append(step)
        if values:
            # sudo: the engine assigns activities on the approvers' behalf; quick_update: the
            # approval email below replaces the generic "activity assigned" email
            activities = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(values)
            by_step = defaultdict(list)
            for step, activity in zip(owners, activities, strict=True):
                by_step[step].append(activity.id)
            for step, activity_ids in by_step.items():
                step.activity_ids = [Command.link(aid) for aid in activity_ids]
        self._approval_send_mail("task_mgmt_advanced.mail_template_approval_request", users_by_step)

    def _approval_send_mail(self, template_xmlid, users_by_step):
        """One email per user listing all the steps of ``users_by_step`` that user is
        named in (a batch of 500 requests makes one email per approver, not 500)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        steps_of = defaultdict(list)
        for step, users in users_by_step.items():
            for user in users:
                steps_of[user].append(step.id)
        for user, step_ids in steps_of.items():
            if not user.partner_id:
                continue
            # sudo: rendering reads the task and the request, whoever triggered the email
            template.sudo().with_context(**MAIL_BATCH.carrying(frozenset(step_ids))).send_mail(
                step_ids[0], email_values={"recipient_ids": [Command.set(user.partner_id.ids)]})

    def _approval_drop_activities(self, users=None):
        """Remove the approval activities of these steps (of ``users`` only, when given)."""
        activities = self.activity_ids
        if users is not None:
            activities = activities.filtered(lambda a: a.user_id in users)
        activities.sudo().unlink()  # sudo: the activities belong to other approvers

    # ------------------------------------------------------------------ SLA

    @api.model
    def _cron_approval_sla(self, batch_size=100):
        """Remind (and escalate, as the level says) one batch of the active levels past their
        SLA deadline, then tell the cron how many are left: Odoo commits the batch and calls
        again (``ir.cron._notify_progress``). Idempotent: a level is handled once
        (escalated_on); rows are taken with FOR NO KEY UPDATE SKIP LOCKED (a level being
        decided right now waits for the next run). Returns the number of levels handled."""
        now = fields.Datetime.now()
        self.env.flush_all()
        late = SQL(
            """FROM project_task_approval_step step
                 JOIN project_task_approval_request request ON request.id = step.request_id
                WHERE step.state = 'pending' AND request.state = 'pending'
                  AND step.deadline <= %s AND step.escalated_on IS NULL""",
            now,
        )
        rows = self.env.execute_query(SQL(
            "SELECT step.id %s ORDER BY step.deadline, step.id LIMIT %s FOR NO KEY UPDATE OF step, request SKIP LOCKED",
            late, batch_size,
        ))
        if rows:
            for model in ("project.task.approval.request", "project.task.approval.step"):
                self.env[model].invalidate_model()
            # sudo: the cron's user escalates the levels of every company
            steps = self.sudo().browse([row[0] for row in rows])
            steps._approval_escalate(now)
            self.env.flush_all()
            _logger.info("Task approvals: %s late level(s) reminded or escalated.", len(rows))
        [(remaining,)] = self.env.execute_query(SQL("SELECT count(*) %s", late))
        self.env["ir.cron"]._notify_progress(done=len(rows), remaining=remaining)
        return len(rows)

    def _approval_escalate(self, now):
        """Late steps: add the escalation users as approvers (the approvals needed do not
        change: they can stand in for a late approver) and remind every approver still due."""
        escalations = {}
        decided = {step: step.decision_ids.filtered(lambda d: d.decision == "approved").user_id for step in self}
        late_users = {step: step.approver_ids - decided[step] for step in self}
        managers = self._approval_late_managers(late_users)
        for step in self:
            level = step.level_id
            targets = self.env["res.users"]
            if level.escalation == "manager":
                targets = managers.get(step, targets)
            elif level.escalation == "user":
                targets = level.escalation_user_id
            targets = targets.filtered(
                lambda u, step=step: u.active and not u.share and step.company_id in u.company_ids
            ) - step.approver_ids
            escalations[step] = targets
        Decision = self.env["project.task.approval.decision"]
        for step, targets in escalations.items():
            vals = {"escalated_on": now}
            if targets:
                vals.update(approver_ids=[Command.link(u.id) for u in targets],
                            escalated_to_ids=[Command.link(u.id) for u in targets])
            step.write(vals)
            Decision._approval_record(step.request_id, "escalated", steps=step, users=targets,
                                      comment=self.env._("SLA deadline %s passed.", step.deadline))
        self._approval_notify({step: escalations[step] for step in self if escalations[step]})
        self._approval_send_mail("task_mgmt_advanced.mail_template_approval_reminder", late_users)
        self.request_id.write({"last_decision_date": now})
        self.env["project.task"]._task_mgmt_log({
            step.task_id.id: [{"code": "approval_escalated", **step._approval_level_data(),
                               "late": late_users[step].mapped("name"),
                               "escalated": escalations[step].mapped("name")}]
            for step in self
        })

    def _approval_level_data(self):
        """The level of a logged note, as data: the rule's level (its name read in the reader's
        language), and the name the step was given, for a level deleted since."""
        return {"level": self.level_id.id or None, "level_name": self.name or ""}

    def _approval_late_managers(self, late_users):
        """{step: managers (users) of its late approvers' employees in the step's company}."""
        users = self.env["res.users"].union(*late_users.values())
        # sudo: employees (and their managers) are HR data, not readable by every project user
        employees = self.env["hr.employee"].sudo().search_fetch(
            [("user_id", "in", users.ids), ("company_id", "in", self.company_id.ids)],
            ["user_id", "company_id", "parent_id"],
        )
        manager_of = {(e.user_id.id, e.company_id.id): e.parent_id.user_id for e in employees}
        Users = self.env["res.users"]
        return {
            step: Users.union(*(manager_of.get((u.id, step.company_id.id), Users) for u in late_users[step]))
            for step in self
        }
