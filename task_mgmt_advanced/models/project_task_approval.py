# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_list

# context key of the approval engine's own writes; its value must be an ApprovalGrant
APPROVAL_GRANT = "task_mgmt_approval_grant"
GUARD_KEYS = frozenset({"stage_id", "state"})
ACCEPTANCE_FIELDS = frozenset({"acceptance_state", "quality_rating", "acceptance_comment", "accepted_by_id",
                               "accepted_date"})
QUALITY_RATINGS = [("1", "1 - Poor"), ("2", "2 - Fair"), ("3", "3 - Good"), ("4", "4 - Very good"),
                   ("5", "5 - Excellent")]


class ApprovalGrant:
    """Lets the approval engine make the moves it approved: a set of (task id, field, value).

    Only Python code can build one. A context coming over RPC, an import, a server action
    or an automation rule holds JSON values (dicts, lists, strings, numbers), never an
    instance of this class, so ``isinstance`` below cannot be satisfied from outside: no
    context key can bypass the guard."""

    __slots__ = ("entries",)

    def __init__(self, entries):
        self.entries = frozenset(entries)

    def allows(self, task_id, key, value):
        return (task_id, key, value) in self.entries

    def __repr__(self):
        return f"ApprovalGrant({len(self.entries)} entries)"


def _grant(env):
    grant = env.context.get(APPROVAL_GRANT)
    return grant if isinstance(grant, ApprovalGrant) else None


class ProjectTask(models.Model):
    """The approval guard and the acceptance of done tasks.

    Guard: a write (or a create) that would move a task into a stage guarded by an approval
    rule, or mark it done under a rule, does not raise: the guarded value is taken out of the
    write, the rest is written, an approval request is created (or the pending one kept), the
    task's chatter says so and the user gets a notification. The task stays where it was
    until the last level approves; the engine then makes the move itself."""

    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    approval_request_ids = fields.One2many(
        "project.task.approval.request", "task_id", string="Approval Requests",
        groups="project.group_project_user",
    )
    approval_request_count = fields.Integer(
        compute="_compute_approval_request_count", groups="project.group_project_user",
    )
    approval_pending = fields.Boolean(
        compute="_compute_approval_pending", search="_search_approval_pending", string="Waiting for Approval",
    )
    approval_pending_label = fields.Char(compute="_compute_approval_pending", string="Approval Status")
    approval_can_act = fields.Boolean(compute="_compute_approval_can_act", string="Can Decide Approval")
    approval_step_id = fields.Many2one(
        "project.task.approval.step", compute="_compute_approval_can_act", string="My Approval Level",
        groups="base.group_user", help="The level of this task waiting for the current user's decision.",
    )
    acceptance_state = fields.Selection(
        [("to_accept", "To Accept"), ("accepted", "Accepted"), ("changes_requested", "Changes Requested")],
        string="Acceptance", copy=False, readonly=True, index=True, tracking=True,
    )
    quality_rating = fields.Integer(
        copy=False, readonly=True, aggregator="avg",
        help="1 (poor) to 5 (excellent), given by the reviewer who accepted the task (0: not rated).",
    )
    acceptance_comment = fields.Text(copy=False, readonly=True)
    accepted_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    accepted_date = fields.Datetime(string="Accepted On", copy=False, readonly=True)
    acceptance_can_act = fields.Boolean(compute="_compute_acceptance_can_act", string="Can Accept")

    def _approval_check_company_of_project(self, vals=None):
        """A task belongs to the company of its project (the approval rules are per company: a
        task of company B in a project of company A would escape A's rules).

        Checked after create(), and before a write() that gives ``company_id`` (``vals``: what
        the write gives) so that nothing is written. Not an ``@api.constrains``: a constraint on
        these computed, recursive fields runs in the middle of their recomputation and reads the
        task's company while its project is still being computed, which makes sale_project
        compute partners and sales order items of half-updated tasks (Odoo's
        test_linking_on_parent_with_multiple_tasks). A computed company follows the project by
        construction; only a company given by the writer needs the check."""
        Company, Project = self.env["res.company"].sudo(), self.env["project.project"].sudo()
        # sudo: the project's company, whatever the writer may read
        for task in self.sudo():
            project = Project.browse(vals["project_id"]) if vals and "project_id" in vals else task.project_id
            company = Company.browse(vals["company_id"]) if vals else task.company_id
            project_company = project.company_id
            if project_company and company != project_company:
                raise ValidationError(self.env._(
                    "Task '%(task)s' cannot belong to company %(company)s: its project '%(project)s' "
                    "belongs to company %(project_company)s.",
                    task=task.display_name, company=company.name or self.env._("none"),
                    project=project.display_name, project_company=project_company.name,
                ))

    def _compute_approval_request_count(self):
        counts = dict(self.env["project.task.approval.request"]._read_group(
            [("task_id", "in", self.ids)], ["task_id"], ["__count"],
        ))
        for task in self:
            task.approval_request_count = counts.get(task, 0)

    def _compute_approval_pending(self):
        # sudo: the status of a task's approval is part of the task, whatever the reader
        requests = self.env["project.task.approval.request"].sudo().search_fetch(
            [("task_id", "in", self.ids), ("state", "=", "pending")], ["task_id", "current_step_id"],
        )
        by_task = requests.grouped("task_id")
        for task in self:
            pending = by_task.get(task._origin)
            task.approval_pending = bool(pending)
            task.approval_pending_label = "; ".join(
                self.env._("Waiting for approval to move to %(target)s (level '%(level)s': %(users)s)",
                           target=request._approval_target_label(), level=request.current_step_id.name,
                           users=", ".join(request.current_step_id.approver_ids.mapped("name")))
                for request in pending
            ) if pending else False

    def _search_approval_pending(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Waiting for Approval'."))
        positive = (operator == "=") == value
        return [("approval_request_ids", "any" if positive else "not any", [("state", "=", "pending")])]

    @api.depends_context("uid")
    def _compute_approval_can_act(self):
        # sudo: looks up the current user's own pending approvals only
        steps = self.env["project.task.approval.step"].sudo().search_fetch(
            [("task_id", "in", self._origin.ids), ("is_current_approver", "=", True)], ["task_id"],
        )
        by_task = steps.grouped("task_id")
        for task in self:
            mine = by_task.get(task._origin)
            task.approval_can_act = bool(mine)
            # the first one (the request's order): the banner decides one level per tap
            task.approval_step_id = mine[:1].with_env(self.env) if mine else False

    @api.depends_context("uid")
    @api.depends("acceptance_state")
    def _compute_acceptance_can_act(self):
        to_accept = self.filtered(lambda t: t.acceptance_state == "to_accept" and t.state == "1_done")
        allowed = to_accept._approval_acceptance_allowed(self.env.user) if to_accept else self.browse()
        for task in self:
            task.acceptance_can_act = task in allowed

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        grant = _grant(self.env)
        if not grant and any(ACCEPTANCE_FIELDS & vals.keys() for vals in vals_list):
            raise AccessError(self.env._("The acceptance of a task is set with the Accept action only."))
        config = self.env["project.task.approval.rule"]._approval_guard_config()
        deferred = [{} for _vals in vals_list]
        if config.any_rule:
            vals_list = [dict(vals) for vals in vals_list]
            self._approval_defer_guarded(vals_list, deferred, config)
        tasks = super().create(vals_list)
        tasks._approval_check_company_of_project()
        groups = defaultdict(list)
        for task, moves in zip(tasks, deferred, strict=True):
            if moves:
                groups[tuple(sorted(moves.items()))].append(task.id)
        for moves, task_ids in groups.items():
            # the guarded part of the creation goes through the guard of write()
            self.browse(task_ids).write(dict(moves))
        if config.any_rule:
            # what the prediction above could not see (a stage given by the context, a project
            # taken from the parent, a stage shared between projects...) is held as well
            tasks._approval_hold_created(grant, config)
        done = tasks.filtered(lambda t: t.state == "1_done" and not t.acceptance_state)
        if done:
            done._approval_acceptance_start()
        return tasks

    def write(self, vals):
        grant = _grant(self.env)
        keys = vals.keys()
        if "company_id" in vals:
            self._approval_check_company_of_project(vals)
        if ACCEPTANCE_FIELDS & keys and not (grant and all(grant.allows(tid, "acceptance", True) for tid in self.ids)):
            raise AccessError(self.env._("The acceptance of a task is set with the Accept action only."))
        config = self.env["project.task.approval.rule"]._approval_guard_config()
        reset_keys = config.reset_fields & keys
        # the guard follows the task: a change of stage or state, and also of what decides which
        # rules apply (project, company, parent, the fields the rules' filters read)
        guarded = config.any_rule and bool(keys & config.watched_fields)
        if not guarded and not reset_keys and "state" not in vals:
            return super().write(vals)  # the cheap path: nothing an approval rule cares about
        was_done = set(self.filtered(lambda t: t.state == "1_done").ids) if "state" in vals else set()
        snapshot = self._approval_reset_snapshot(reset_keys) if reset_keys else None
        if guarded:
            result = self._approval_guarded_write(
                vals, grant, config, lambda records, values: super(ProjectTask, records).write(values))
        else:
            result = super().write(vals)
        if snapshot:
            self._approval_apply_resets(snapshot, reset_keys)
        if "state" in vals:
            self._approval_after_state(vals["state"], was_done)
        return result

    # ------------------------------------------------------------------ actions: approval

    def action_approval_approve(self, step_id=None):
        """Approve, as the current user, the level ``step_id`` of this task's approval requests
        (the level the screen showed: a second tap on a level already approved does nothing and
        says so); without it, the active levels waiting for the user."""
        self.ensure_one()
        return self._approval_my_steps(step_id).action_approve()

    def action_approval_reject(self, step_id=None):
        self.ensure_one()
        return self._approval_my_steps(step_id).action_open_reject_wizard()

    def action_approval_delegate(self, step_id=None):
        self.ensure_one()
        return self._approval_my_steps(step_id).action_open_delegate_wizard()

    def action_view_approval_requests(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "task_mgmt_advanced.project_task_approval_request_action")
        action["domain"] = [("task_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ actions: acceptance

    def action_acceptance_accept(self):
        return self._approval_acceptance_wizard("accept")

    def action_acceptance_request_changes(self):
        return self._approval_acceptance_wizard("changes")

    def _approval_acceptance_wizard(self, decision):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Accept Task") if decision == "accept" else self.env._("Request Changes"),
            "res_model": "project.task.accept",
            "view_mode": "form",
            "target": "new",
            "context": {"default_task_id": self.id, "default_decision": decision},
        }

    def _approval_acceptance_notification(self, kind, outcome):
        """The toast confirming an acceptance decision (task, step, outcome); a success closes
        the dialog and reloads the screen under it."""
        self.ensure_one()
        params = {
            "title": self.env._("Acceptance"),
            "message": self.env._("Task '%(task)s', acceptance: %(outcome)s", task=self.display_name, outcome=outcome),
            "type": kind,
            "sticky": False,
            "next": {"type": "ir.actions.act_window_close"},
        }
        return {"type": "ir.actions.client", "tag": "display_notification", "params": params}

    # ------------------------------------------------------------------ guard

    def _approval_my_steps(self, step_id=None):
        """The levels of this task the current user decides on (see ``_approval_chosen``)."""
        self.check_access("read")
        return self.env["project.task.approval.step"]._approval_chosen(
            [("task_id", "=", self.id)], step_id, self.display_name)

    def _approval_accountable(self):
        """Who is accountable for the task: its Accountable when the field exists and is set,
        else the project manager."""
        self.ensure_one()
        if "accountable_id" in self._fields and self.accountable_id:
            accountable = self.accountable_id
            return accountable.user_id if accountable._name == "hr.employee" else accountable
        return self.project_id.user_id

    def _approval_defer_guarded(self, vals_list, deferred, config):
        """Creation in a guarded stage or done: create the task in the project's first
        unguarded stage (or open) and remember the move, made through write() afterwards."""
        default_stage, fallback = {}, {}
        Project = self.env["project.project"]
        for vals, moves in zip(vals_list, deferred, strict=True):
            project_id = vals.get("project_id") or self.env.context.get("default_project_id")
            if not project_id:
                continue
            if config.stage_ids:
                if "stage_id" in vals:
                    stage_id = vals["stage_id"]
                else:
                    if project_id not in default_stage:
                        default_stage[project_id] = self.with_context(default_project_id=project_id).default_get(
                            ["stage_id"]).get("stage_id")
                    stage_id = default_stage[project_id]
                if stage_id in config.stage_ids:
                    if project_id not in fallback:
                        stages = Project.browse(project_id).type_ids.sorted(lambda s: (s.sequence, s.id))
                        fallback[project_id] = next((s.id for s in stages if s.id not in config.stage_ids), False)
                    vals["stage_id"] = fallback[project_id]
                    moves["stage_id"] = stage_id
            if vals.get("state") == "1_done" and config.any_done_rule:
                del vals["state"]
                moves["state"] = "1_done"

    def _approval_guarded_write(self, vals, grant, config, write):
        """Write ``vals`` except the guarded moves that need an approval; create the requests.
        The other values are written first: the rules then judge the task as the write leaves
        it (its new project, company, priority...), so a move cannot slip through by changing
        in the same write what the rules look at. A task the write leaves sitting in a guarded
        stage (or done) that the rules of its old project, company or values did not guard is
        moved out (to its project's first unguarded stage, or back in progress) until the
        request is approved. ``write(records, values)`` is the next write() override (the
        guard's super)."""
        Request = self.env["project.task.approval.request"]
        rest = {key: value for key, value in vals.items() if key not in GUARD_KEYS}
        moves = {key: value for key, value in vals.items() if key in GUARD_KEYS}
        if not (moves.get("stage_id") in config.stage_ids or (moves.get("state") == "1_done" and config.any_done_rule)):
            # no move into a guarded place: one write, as Odoo expects (a project change and its
            # stage go together); where the task then sits is checked below like any other
            rest, moves = dict(vals), {}
        before = self._approval_positions(config)
        result = write(self, rest) if rest else True
        blocked, entries, waiting = self._approval_hold(moves, grant, config, before)
        if entries and hasattr(self, "_check_dependency_semantics"):
            # a move the dependencies forbid is refused now, not after the approvals
            for key in ("stage_id", "state"):
                tasks = self.browse([task.id for task, keys in blocked.items() if key in keys and key in moves])
                if tasks:
                    tasks._check_dependency_semantics({key: moves[key]})
        groups = defaultdict(list)
        for task in self:
            groups[frozenset(blocked.get(task, ()))].append(task.id)
        for keys, task_ids in groups.items():
            part = {key: value for key, value in moves.items() if key not in keys}
            if part:
                result = write(self.browse(task_ids), part) and result
        self._approval_evict(blocked, moves, config, write)
        requests = Request._approval_create(entries) if entries else Request
        if requests or waiting:
            self._approval_tell_blocked(requests, Request.union(*waiting))
        return result

    def _approval_hold_created(self, grant, config):
        """New tasks that sit in a guarded place are moved out of it until it is approved."""
        Request = self.env["project.task.approval.request"]
        blocked, entries, waiting = self._approval_hold({}, grant, config, before={})
        if not blocked:
            return
        self._approval_evict(blocked, {}, config, lambda records, values: super(ProjectTask, records).write(values))
        requests = Request._approval_create(entries) if entries else Request
        self._approval_tell_blocked(requests, Request.union(*waiting))

    def _approval_concerned(self, config, done=False):
        """Whether a rule can concern this task at all: it is in a project named by a rule, or
        in a company with rules (or in none: a project shared between companies)."""
        self.ensure_one()
        if not self.project_id:
            return False
        projects, companies = (config.done_projects, config.done_companies) if done else (
            config.projects, config.companies)
        return self.project_id.id in projects or not self.company_id or self.company_id.id in companies

    def _approval_positions(self, config):
        """{task: {(transition, value): rule}}: the guarded places these tasks sit in now (a
        guarded stage, done under a rule on completion) and the rule guarding each."""
        Rule = self.env["project.task.approval.rule"]
        positions = defaultdict(dict)
        sitting = self.filtered(lambda t: (t.stage_id.id in config.stage_ids and t._approval_concerned(config))
                                or (t.state == "1_done" and t._approval_concerned(config, done=True)))
        if not sitting:
            return positions
        # sudo: the rules apply to every writer
        rules = Rule.sudo().search([("active", "=", True)])
        for stage, tasks in sitting.filtered(lambda t: t.stage_id.id in config.stage_ids).grouped("stage_id").items():
            for task, rule in rules._approval_match(tasks, "stage", {stage.id}).items():
                positions[task][("stage", stage.id)] = rule
        done = sitting.filtered(lambda t: t.state == "1_done" and t._approval_concerned(config, done=True))
        for task, rule in (rules._approval_match(done, "done") if done else {}).items():
            positions[task][("done", "1_done")] = rule
        return positions

    def _approval_moves(self, vals, grant, config):
        """[(transition, field, value, tasks)]: the guarded places the write leaves these tasks
        in (the values of ``vals``, else where they are), with the tasks not granted by the
        engine."""
        candidates = self.filtered(lambda t: t._approval_concerned(config))
        by_stage = defaultdict(lambda: self.browse())
        done = self.browse()
        for task in candidates:
            stage_id = vals["stage_id"] if "stage_id" in vals else task.stage_id.id
            if stage_id in config.stage_ids and not (grant and grant.allows(task.id, "stage_id", stage_id)):
                by_stage[stage_id] |= task
            is_done = vals["state"] == "1_done" if "state" in vals else task.state == "1_done"
            if is_done and task._approval_concerned(config, done=True) and not (
                    grant and grant.allows(task.id, "state", "1_done")):
                done |= task
        moves = [("stage", "stage_id", stage_id, tasks) for stage_id, tasks in by_stage.items()]
        if done:
            moves.append(("done", "state", "1_done", done))
        return moves

    def _approval_hold(self, vals, grant, config, before=None):
        """Which places ``vals`` leaves these tasks in need an approval: ({task: fields to hold
        back}, [request values to create], [pending requests that already ask for the same
        move]). A task already in a place under the same rule (``before``, see
        ``_approval_positions``; the current places when not given) keeps it."""
        Request = self.env["project.task.approval.request"]
        if before is None:
            before = self._approval_positions(config)
        moves = self._approval_moves(vals, grant, config)
        blocked, entries, waiting = defaultdict(set), [], []
        if not moves:
            return blocked, entries, waiting
        movers = self.browse().union(*(move[3] for move in moves))
        # sudo: the rules apply to every writer; the requests are engine records
        rules = self.env["project.task.approval.rule"].sudo().search([("active", "=", True)])
        # one decision at a time per task: two users moving the same task queue here
        self.env.execute_query(SQL(
            "SELECT id FROM project_task WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE", movers.ids))
        for transition, key, value, tasks in moves:
            # a task already there under the same rule keeps its place; any other needs the rule's approval
            found = rules._approval_match(tasks, transition, {value} if transition == "stage" else None)
            place = (transition, value)
            matched = {task: rule for task, rule in found.items() if before.get(task, {}).get(place) != rule}
            if not matched:
                continue
            # sudo: requests are engine records, read-only for users
            pending = Request.sudo().search([
                ("task_id", "in", [t.id for t in matched]), ("state", "=", "pending"),
                ("transition", "=", transition), ("target_stage_id", "=", value if transition == "stage" else False),
            ]).grouped("task_id")
            by_rule = defaultdict(lambda: self.browse())
            for task, rule in matched.items():
                if task in pending:
                    blocked[task].add(key)
                    waiting.append(pending[task][0])
                else:
                    by_rule[rule] |= task
            stage = self.env["project.task.type"].browse(value) if transition == "stage" else None
            for rule, rule_tasks in by_rule.items():
                # sudo: the approvers are resolved from the whole task, whatever the writer may read
                plans, errors = Request._approval_plan(rule, rule_tasks.sudo())
                if errors:
                    raise UserError("\n".join(errors.values()))
                for task in rule_tasks:
                    if any(step["state"] == "waiting" for step in plans[task.id]):
                        blocked[task].add(key)
                        entries.append((task, rule, transition, stage, plans[task.id]))
        return blocked, entries, waiting

    def _approval_evict(self, blocked, moves, config, write):
        """Move the held tasks that the write left sitting in a guarded place (a change of
        project, company, parent or values, not of ``moves``) out of it: to the first stage of
        their project that no rule guards, or back in progress."""
        to_stage = defaultdict(list)
        reopen = []
        fallback = {}
        for task, keys in blocked.items():
            if "stage_id" in keys and "stage_id" not in moves and task.stage_id.id in config.stage_ids:
                project = task.project_id
                if project not in fallback:
                    stages = project.type_ids.sorted(lambda s: (s.sequence, s.id))
                    fallback[project] = next((s.id for s in stages if s.id not in config.stage_ids), False)
                if not fallback[project]:
                    raise UserError(self.env._(
                        "Task '%(task)s' cannot stay in stage '%(stage)s' of project '%(project)s' without an "
                        "approval, and the project has no stage without approval to wait in.",
                        task=task.display_name, stage=task.stage_id.display_name, project=project.display_name,
                    ))
                to_stage[fallback[project]].append(task.id)
            if "state" in keys and "state" not in moves and task.state == "1_done":
                reopen.append(task.id)
        for stage_id, task_ids in to_stage.items():
            write(self.browse(task_ids), {"stage_id": stage_id})
        if reopen:
            write(self.browse(reopen), {"state": "01_in_progress"})

    def _approval_tell_blocked(self, created, waiting):
        """A chatter note on the tasks that already had a request, and one notification to the
        writer (the new requests logged theirs)."""
        self._task_mgmt_log({
            request.task_id.id: [self._approval_log_line(
                request, "approval_already_waiting", **request.current_step_id._approval_level_data(),
                user=self.env.user.name)]
            for request in waiting
        })
        held = created | waiting
        if len(held) == 1:
            message = self.env._(
                "'%(task)s' stays where it is: moving it to %(target)s needs approval (waiting for %(users)s).",
                task=held.task_id.display_name, target=held._approval_target_label(),
                users=", ".join(held.current_step_id.approver_ids.mapped("name")))
        else:
            message = self.env._("%s tasks stay where they are until their approval requests are approved.",
                                 len(held.task_id))
        self.env.user._bus_send("simple_notification", {
            "type": "warning", "title": self.env._("Approval required"), "message": message, "sticky": False,
        })

    def _approval_reset_snapshot(self, keys):
        """Pending requests of these tasks whose rule resets on one of ``keys``, with the
        tasks' current values of those fields."""
        # sudo: the engine's records; the comparison is the rule's, not the writer's
        requests = self.env["project.task.approval.request"].sudo().search([
            ("task_id", "in", self.ids), ("state", "=", "pending"),
            ("rule_id.reset_field_ids.name", "in", list(keys)),
        ])
        if not requests:
            return None
        old = {task.id: {fname: task[fname] for fname in keys} for task in requests.task_id}
        return requests, old

    def _approval_apply_resets(self, snapshot, keys):
        requests, old = snapshot
        changed = {}
        for request in requests:
            task = request.task_id
            names = [f for f in request.rule_id.reset_field_ids.mapped("name")
                     if f in keys and task[f] != old[task.id][f]]
            if names:
                changed[request] = names
        if changed:
            requests.browse([r.id for r in changed])._approval_reset(changed)

    def _approval_after_state(self, state, was_done):
        """After a state write: cancelled tasks drop their waiting requests; tasks just done in
        a project that wants acceptance wait for it; reopened ones do not any more."""
        if state == "1_canceled":
            # sudo: cancelling the task withdraws its requests, whoever cancels it
            requests = self.env["project.task.approval.request"].sudo().search(
                [("task_id", "in", self.ids), ("state", "=", "pending")])
            if requests:
                requests._approval_lock()
                requests._approval_close("cancelled", decision="cancelled",
                                         comment=self.env._("The task was cancelled."))
                requests.task_id._task_mgmt_log(
                    {task_id: [{"code": "approval_task_cancelled"}] for task_id in requests.task_id.ids})
        newly_done = self.filtered(lambda t: t.state == "1_done" and t.id not in was_done)
        if newly_done:
            newly_done._approval_acceptance_start()
        reopened = self.filtered(lambda t: t.state != "1_done" and t.id in was_done
                                 and t.acceptance_state == "to_accept")
        if reopened:
            reopened._approval_acceptance_write({"acceptance_state": False})
            reopened._approval_acceptance_drop_activities()

    @api.model
    def _task_mgmt_render_log_line(self, line, names):
        """The approval notes logged as data, in this environment's language."""
        code = line["code"]
        if code == "approval_requested":
            return self.env._(
                "Moving to %(target)s needs approval (rule '%(rule)s'): request sent by %(user)s. The task "
                "stays where it is until the request is approved.",
                target=self._approval_target_text(line, names), rule=line["rule"], user=line["user"])
        if code == "approval_cancelled":
            return self.env._("Approval request cancelled: %s.", self._approval_target_text(line, names))
        if code == "approval_task_cancelled":
            return self.env._("The task was cancelled: its approval requests are withdrawn.")
        text = self._approval_render_decision(line, names)
        if text is not None:
            return text
        return super()._task_mgmt_render_log_line(line, names)

    @api.model
    def _approval_render_decision(self, line, names):
        """The notes of the levels' decisions, the request's end and the acceptance (None for
        another code)."""
        code = line["code"]
        level = names.get(("level", line.get("level")), line.get("level_name"))
        comment = line.get("comment")
        if code == "approval_approved":
            values = {"level": level, "user": line["user"], "count": line["count"], "required": line["required"]}
            if comment:
                return self.env._("Level '%(level)s' approved by %(user)s (%(count)s/%(required)s): %(comment)s",
                                  comment=comment, **values)
            return self.env._("Level '%(level)s' approved by %(user)s (%(count)s/%(required)s).", **values)
        if code == "approval_rejected":
            return self.env._("Approval rejected by %(user)s (level '%(level)s') for %(target)s: %(reason)s",
                              user=line["user"], level=level, target=self._approval_target_text(line, names),
                              reason=line["reason"])
        if code == "approval_delegated":
            values = {"user": line["user"], "level": level, "delegate": line["delegate"]}
            if comment:
                return self.env._("%(user)s delegated level '%(level)s' to %(delegate)s: %(comment)s",
                                  comment=comment, **values)
            return self.env._("%(user)s delegated level '%(level)s' to %(delegate)s.", **values)
        if code == "approval_waiting":
            return self.env._("Approval for %(target)s: level '%(level)s' waits for %(users)s.",
                              target=self._approval_target_text(line, names), level=level,
                              users=format_list(self.env, line["users"]))
        if code == "approval_escalated":
            return self.env._(
                "Level '%(level)s' is past its SLA: %(late)s reminded%(escalated)s.",
                level=level, late=format_list(self.env, line["late"]) or "-",
                escalated=self.env._("; escalated to %s", format_list(self.env, line["escalated"]))
                if line["escalated"] else "")
        if code == "approval_already_waiting":
            return self.env._(
                "%(user)s tried to move the task to %(target)s: an approval request is already waiting "
                "(level '%(level)s').", user=line["user"], target=self._approval_target_text(line, names), level=level)
        if code == "approval_complete":
            return self.env._("Approval complete: the task moved to %s.", self._approval_target_text(line, names))
        if code in ("approval_restarted", "approval_reset_cancelled"):
            fields_text = format_list(self.env, [
                self._fields[name].get_description(self.env)["string"] if name in self._fields else name
                for name in line["fields"]])
            target = self._approval_target_text(line, names)
            if code == "approval_restarted":
                return self.env._("Approval request for %(target)s restarted from the first level: %(fields)s changed.",
                                  target=target, fields=fields_text)
            return self.env._("Approval request for %(target)s cancelled: %(fields)s changed. Move the task "
                              "again to ask for a new approval.", target=target, fields=fields_text)
        if code == "acceptance_accepted":
            if comment:
                return self.env._("Accepted by %(user)s, quality %(rating)s/5: %(comment)s", user=line["user"],
                                  rating=line["rating"], comment=comment)
            return self.env._("Accepted by %(user)s, quality %(rating)s/5.", user=line["user"], rating=line["rating"])
        if code == "acceptance_changes":
            return self.env._("Changes requested by %(user)s%(rating)s: %(comment)s", user=line["user"],
                              rating=self.env._(" (quality %s/5)", line["rating"]) if line["rating"] else "",
                              comment=line["comment"])
        return None

    @api.model
    def _approval_target_text(self, line, names):
        """Where a logged request was to move the task: Done, or the stage (by its name now)."""
        if line["transition"] == "done":
            return self.env._("Done")
        return self.env._("stage '%s'", names.get(("stage", line["stage"]), line["stage_name"]))

    @api.model
    def _approval_log_line(self, request, code, **values):
        """A line of an approval note, as data: the request's move and ``values``."""
        return {"code": code, "transition": request.transition, "stage": request.target_stage_id.id,
                "stage_name": request.target_stage_id.name or "", **values}

    # ------------------------------------------------------------------ acceptance

    def _approval_acceptance_reviewers(self):
        """{task: reviewer}: the acceptance reviewer of the first rule applying to the task,
        else its Accountable, else the project manager."""
        # sudo: the reviewer comes from the rules and the task, whatever the caller may read
        rules = self.env["project.task.approval.rule"].sudo().search([("acceptance_reviewer_id", "!=", False)])
        matched = rules._approval_match(self.sudo()) if rules else {}
        return {task: (matched[task].acceptance_reviewer_id if task in matched
                       else task.sudo()._approval_accountable())  # sudo: as above
                for task in self}

    def _approval_acceptance_allowed(self, user):
        """The tasks of ``self`` that ``user`` may accept: their reviewer, or a project
        administrator when a task has no reviewer."""
        reviewers = self._approval_acceptance_reviewers()
        is_admin = user.has_group("project.group_project_manager")
        return self.filtered(lambda t: reviewers[t] == user or (not reviewers[t] and is_admin))

    def _approval_acceptance_write(self, vals):
        grant = ApprovalGrant((task.id, "acceptance", True) for task in self)
        # sudo: acceptance fields are written by the engine only, after checking the reviewer
        self.sudo().with_context(**{APPROVAL_GRANT: grant}).write(vals)

    def _approval_acceptance_start(self):
        """Done tasks of projects that want acceptance wait for their reviewer."""
        tasks = self.filtered(lambda t: t.project_id.task_acceptance_required)
        if not tasks:
            return
        tasks._approval_acceptance_write({"acceptance_state": "to_accept"})
        activity_type = self.env.ref("task_mgmt_advanced.mail_activity_type_acceptance", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id("project.task")
        reviewers = tasks._approval_acceptance_reviewers()
        values = [{
            "res_model_id": model_id,
            "res_id": task.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": self.env._("Accept the task or request changes"),
            "user_id": reviewers[task].id,
        } for task in tasks if reviewers[task]]
        if values:
            # sudo: the engine assigns the reviewer's activity, whoever marked the task done
            self.env["mail.activity"].sudo().create(values)

    def _approval_acceptance_drop_activities(self):
        activity_type = self.env.ref("task_mgmt_advanced.mail_activity_type_acceptance", raise_if_not_found=False)
        if activity_type:
            # sudo: the reviewer's activities, removed by the engine
            self.env["mail.activity"].sudo().search([
                ("res_model", "=", "project.task"), ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]).unlink()

    def _approval_accept(self, decision, rating, comment):
        """Accept these done tasks (rating 1 to 5) or send them back with changes requested,
        as their reviewer. Accepted tasks move to the project's final stage when the project
        says so (through the approval guard like any other move)."""
        user = self.env.user
        for task in self:
            if task.state != "1_done" or task.acceptance_state != "to_accept":
                raise UserError(self.env._("Task '%s' is not waiting for acceptance.", task.display_name))
        allowed = self._approval_acceptance_allowed(user)
        if allowed != self:
            raise AccessError(self.env._(
                "Only the reviewer of task '%s' can accept it or request changes.", (self - allowed)[0].display_name))
        rating = int(rating or 0)
        if decision == "accept" and not 1 <= rating <= 5:
            raise UserError(self.env._("Rate the quality of the work from 1 to 5."))
        if decision == "changes" and not (comment or "").strip():
            raise UserError(self.env._("Say which changes are needed."))
        now = fields.Datetime.now()
        if decision == "accept":
            self._approval_acceptance_write({
                "acceptance_state": "accepted", "quality_rating": rating, "acceptance_comment": comment or False,
                "accepted_by_id": user.id, "accepted_date": now,
            })
        else:
            self._approval_acceptance_write({
                "acceptance_state": "changes_requested", "quality_rating": rating,
                "acceptance_comment": comment, "accepted_by_id": False, "accepted_date": False,
            })
            # sudo: the reviewer sends the task back, whatever their own rights on it
            self.sudo().write({"state": "02_changes_requested"})
        self._approval_acceptance_drop_activities()
        code = "acceptance_accepted" if decision == "accept" else "acceptance_changes"
        for task in self.sudo():
            task._task_mgmt_post([{"code": code, "user": user.name, "rating": rating, "comment": comment or ""}],
                                 partner_ids=task.user_ids.partner_id.ids,
                                 message_type="comment", subtype_xmlid="mail.mt_note")
        if decision == "accept":
            to_move = defaultdict(lambda: self.browse())
            # sudo: the project's settings and stages, whatever the reviewer may read
            for task in self.sudo().filtered(lambda t: t.project_id.task_acceptance_final_stage):
                final = task.project_id.type_ids.sorted(lambda s: (s.sequence, s.id))[-1:]
                if final and task.stage_id != final:
                    to_move[final.id] |= task
            for stage_id, tasks in to_move.items():
                # sudo: the reviewer may not write the task; the approval guard still applies
                tasks.sudo().write({"stage_id": stage_id})
        return True
