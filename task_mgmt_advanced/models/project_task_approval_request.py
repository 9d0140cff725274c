# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL

from .project_task_approval import APPROVAL_GRANT, ApprovalGrant

REQUEST_STATES = [
    ("pending", "Waiting"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
APPROVAL_MODELS = ("project.task.approval.request", "project.task.approval.step", "project.task.approval.decision")


class ProjectTaskApprovalRequest(models.Model):
    """A task's request to make a guarded move (enter a stage, be marked done). It holds one
    step per level of its rule; the steps are decided in order. All changes go through the
    methods below, which check the caller and then write as superuser: users only read these
    records (see security/ir.model.access.csv)."""

    _name = "project.task.approval.request"
    _description = "Task Approval Request"
    _order = "id desc"
    _check_company_auto = True

    task_id = fields.Many2one("project.task", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="task_id.project_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True,
        help="The task's company; the rule's for a task of a project shared between companies.",
    )
    rule_id = fields.Many2one("project.task.approval.rule", required=True, ondelete="restrict", index=True)
    transition = fields.Selection(
        [("stage", "Entering a stage"), ("done", "Marking the task done")], string="Move", required=True,
    )
    target_stage_id = fields.Many2one("project.task.type", ondelete="restrict")
    state = fields.Selection(REQUEST_STATES, required=True, default="pending", index=True)
    requested_by_id = fields.Many2one("res.users", ondelete="set null")
    request_date = fields.Datetime(string="Requested On")
    done_date = fields.Datetime(string="Closed On")
    step_ids = fields.One2many("project.task.approval.step", "request_id", string="Levels")
    current_step_id = fields.Many2one("project.task.approval.step", string="Current Level")
    current_approver_ids = fields.Many2many(related="current_step_id.approver_ids", string="Current Approvers")
    decision_ids = fields.One2many("project.task.approval.decision", "request_id", string="Decisions")
    reject_reason = fields.Text(string="Rejection Reason")
    last_decision_date = fields.Datetime(
        help="Written by every decision: a concurrent decision on the same request then "
        "serializes on this row.",
    )
    is_current_approver = fields.Boolean(
        compute="_compute_is_current_approver", search="_search_is_current_approver",
        string="Waiting for Me",
    )

    @api.depends("task_id.company_id", "rule_id.company_id")
    def _compute_company_id(self):
        for request in self:
            request.company_id = request.task_id.company_id or request.rule_id.company_id

    @api.depends("task_id", "transition", "target_stage_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "%(task)s → %(target)s", task=request.task_id.display_name, target=request._approval_target_label(),
            )

    @api.depends_context("uid")
    @api.depends("step_ids.state", "step_ids.approver_ids", "step_ids.decision_ids")
    def _compute_is_current_approver(self):
        mine = self.step_ids.filtered("is_current_approver").request_id
        for request in self:
            request.is_current_approver = request in mine

    def _search_is_current_approver(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Waiting for Me'."))
        steps = self.env["project.task.approval.step"]._search([("is_current_approver", "=", True)])
        positive = (operator == "=") == value
        return [("step_ids", "in" if positive else "not in", steps)]

    # ------------------------------------------------------------------ actions

    def action_cancel(self):
        """Withdraw waiting requests: their requester, the project's manager or a project
        administrator only."""
        requests = self.sudo()  # sudo: users only read approvals; the caller is checked below
        requests._approval_lock()
        user = self.env.user
        is_admin = user.has_group("project.group_project_manager")
        for request in requests:
            if not (is_admin or user in (request.requested_by_id | request.project_id.user_id)):
                raise AccessError(self.env._(
                    "Only the requester, the project manager or a project administrator can cancel "
                    "the approval request '%s'.", request.display_name))
            if request.state != "pending":
                raise UserError(self.env._("The approval request '%s' is not waiting any more.",
                                           request.display_name))
        requests._approval_close("cancelled", decision="cancelled")
        Task = self.env["project.task"]
        requests.task_id._task_mgmt_log({
            request.task_id.id: [Task._approval_log_line(request, "approval_cancelled")] for request in requests
        })
        return True

    def action_approval_approve(self, step_id=None):
        """Approve, as the current user, the level ``step_id`` of this request (the level the
        form showed), else its active level waiting for the user."""
        return self._approval_my_steps(step_id).action_approve()

    def action_approval_reject(self, step_id=None):
        return self._approval_my_steps(step_id).action_open_reject_wizard()

    def action_approval_delegate(self, step_id=None):
        return self._approval_my_steps(step_id).action_open_delegate_wizard()

    def _approval_my_steps(self, step_id):
        self.ensure_one()
        self.check_access("read")
        return self.env["project.task.approval.step"]._approval_chosen(
            [("request_id", "=", self.id)], step_id, self.display_name)

    def action_open_task(self):
        self.ensure_one()
        self.check_access("read")
        self.task_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.task",
            "res_id": self.task_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ engine (superuser, caller checked)

    def _approval_target_label(self):
        self.ensure_one()
        if self.transition == "done":
            return self.env._("Done")
        return self.env._("stage '%s'", self.target_stage_id.name)

    def _approval_lock(self):
        """Serialize the deciders of these requests: lock their rows (FOR NO KEY UPDATE, in id
        order), then drop the cached approval data so that every check after the lock reads
        the database. Every decision then writes the request row (last_decision_date): a
        transaction that waited here for a concurrent one gets a serialization failure and is
        retried by Odoo (REPEATABLE READ) instead of deciding on stale counts."""
        if not self.ids:
            return
        for model in APPROVAL_MODELS:
            self.env[model].flush_model()
        self.env.execute_query(SQL(
            "SELECT id FROM project_task_approval_request WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE",
            self.ids,
        ))
        for model in APPROVAL_MODELS:
            self.env[model].invalidate_model()

    @api.model
    def _approval_plan(self, rule, tasks):
        """Steps to create for ``tasks`` under ``rule``: ({task id: [step values]}, {task id:
        error}). A level whose condition does not match the task is skipped; the approvers of
        the other levels are resolved now (a snapshot). An error names a level that would have
        no (or too few) approvers."""
        plans = {task.id: [] for task in tasks}
        errors = {}
        for level in rule.level_ids.sorted(lambda lv: (lv.sequence, lv.id)):
            applies = level._approval_condition_matches(tasks)
            approvers = level._approval_resolve(tasks.filtered(lambda t, applies=applies: t.id in applies))
            for task in tasks:
                values = {"level_id": level.id, "name": level.name, "sequence": level.sequence, "mode": level.mode}
                if task.id not in applies:
                    plans[task.id].append({**values, "state": "skipped", "required_count": 0})
                    continue
                users = approvers[task.id]
                required = level._approval_required(users)
                if not users or len(users) < required:
                    errors.setdefault(task.id, self.env._(
                        "Task '%(task)s' cannot be sent for approval: level '%(level)s' of rule '%(rule)s' "
                        "has %(count)s approver(s) for this task and needs %(required)s. Ask a project "
                        "administrator to fix the rule (or set the missing project manager, Accountable "
                        "or employee manager).",
                        task=task.display_name, level=level.name, rule=rule.name, count=len(users),
                        required=max(required, 1),
                    ))
                plans[task.id].append({
                    **values, "state": "waiting", "required_count": required,
                    "approver_ids": [Command.set(users.ids)],
                })
        return plans, errors

    @api.model
    def _approval_create(self, entries):
        """Create and start one request per (task, rule, transition, stage, step values) of
        ``entries``, requested by the current user. Returns the requests (as superuser)."""
        now = fields.Datetime.now()
        # sudo: requests are engine records, read-only for users
        requests = self.sudo().create([{
            "task_id": task.id,
            "rule_id": rule.id,
            "transition": transition,
            "target_stage_id": stage.id if stage else False,
            "requested_by_id": self.env.uid,
            "request_date": now,
            "last_decision_date": now,
            "step_ids": [Command.create(values) for values in steps],
        } for task, rule, transition, stage, steps in entries])
        self.env["project.task.approval.decision"]._approval_record(requests, "requested")
        Task = self.env["project.task"]
        requests.task_id._task_mgmt_log({
            request.task_id.id: [Task._approval_log_line(
                request, "approval_requested", rule=request.rule_id.name, user=self.env.user.name)]
            for request in requests
        })
        requests._approval_advance(now)
        return requests

    def _approval_advance(self, now):
        """Activate the next waiting level of each request, or complete the request when no
        level is left."""
        next_steps = self.env["project.task.approval.step"]
        finished = self.browse()
        for request in self:
            waiting = request.step_ids.filtered(lambda s: s.state == "waiting").sorted(lambda s: (s.sequence, s.id))
            if waiting:
                next_steps |= waiting[0]
            else:
                finished |= request
        if next_steps:
            next_steps._approval_activate(now)
        if finished:
            finished._approval_complete(now)

    def _approval_complete(self, now):
        """The last level approved: make the guarded move, with the grant only this code path
        creates (see ApprovalGrant)."""
        last_steps = self.env["project.task.approval.step"].union(*(
            r.step_ids.filtered(lambda s: s.state == "approved").sorted(lambda s: (s.sequence, s.id))[-1:]
            for r in self))
        self.env["project.task.approval.decision"]._approval_record(self, "completed", steps=last_steps)
        self.write({"state": "approved", "done_date": now, "current_step_id": False})
        by_move = defaultdict(lambda: self.env["project.task"])
        for request in self:
            by_move[request.transition, request.target_stage_id.id] |= request.task_id
        for (transition, stage_id), tasks in by_move.items():
            vals = {"state": "1_done"} if transition == "done" else {"stage_id": stage_id}
            key = "state" if transition == "done" else "stage_id"
            grant = ApprovalGrant((task.id, key, vals[key]) for task in tasks)
            # sudo: the approvers' decision authorizes the move (the requester could write the
            # task when asking); only this code path holds the grant
            tasks.sudo().with_context(**{APPROVAL_GRANT: grant}).write(vals)
        Task = self.env["project.task"]
        Task._task_mgmt_log({
            request.task_id.id: [Task._approval_log_line(request, "approval_complete")] for request in self
        })

    def _approval_close(self, state, decision=None, comment=False):
        """End waiting requests (rejected, cancelled): their open levels are cancelled and
        the approvers' activities removed."""
        now = fields.Datetime.now()
        steps = self.step_ids.filtered(lambda s: s.state in ("waiting", "pending"))
        steps._approval_drop_activities()
        steps.write({"state": "cancelled", "done_date": now})
        if decision:
            self.env["project.task.approval.decision"]._approval_record(self, decision, comment=comment)
        self.write({"state": state, "done_date": now, "current_step_id": False, "last_decision_date": now})

    def _approval_reset(self, changed):
        """A field listed by the rule changed on the task ({request: [field names]}): restart
        the request from its first level, or cancel it, as the rule says."""
        self._approval_lock()
        requests = self.filtered(lambda r: r.state == "pending")
        now = fields.Datetime.now()
        restart = requests.filtered(lambda r: r.rule_id.reset_action == "restart")
        to_cancel = requests - restart
        logs = {}
        plans = {}
        for rule, rule_requests in restart.grouped("rule_id").items():
            rule_plans, errors = self._approval_plan(rule, rule_requests.task_id)
            for request in rule_requests:
                steps = rule_plans[request.task_id.id]
                if request.task_id.id in errors or not any(s["state"] == "waiting" for s in steps):
                    to_cancel |= request  # the rule cannot route it any more: ask again
                else:
                    plans[request] = steps
        restarted = restart.filtered(lambda r: r in plans)
        Decision = self.env["project.task.approval.decision"]
        Task = self.env["project.task"]
        for request in requests:
            names = changed.get(request, [])
            Decision._approval_record(request, "reset", comment=", ".join(
                Task._fields[name].get_description(self.env)["string"] for name in names))
            code = "approval_restarted" if request in restarted else "approval_reset_cancelled"
            logs[request.task_id.id] = [Task._approval_log_line(request, code, fields=names)]
        if to_cancel:
            to_cancel._approval_close("cancelled")
        if restarted:
            # every level of the old round, approved ones included, gives way to the new round
            # (the decisions keep what happened)
            old = restarted.step_ids.filtered(lambda s: s.state != "cancelled")
            old._approval_drop_activities()
            old.write({"state": "cancelled", "done_date": now})
            for request in restarted:
                request.write({
                    "step_ids": [Command.create(values) for values in plans[request]],
                    "current_step_id": False,
                    "last_decision_date": now,
                })
            restarted._approval_advance(now)
        Task._task_mgmt_log(logs)
