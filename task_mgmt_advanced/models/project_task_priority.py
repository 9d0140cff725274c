# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.priority import (
    MARK_IMPORTANT,
    MARK_URGENT,
    Q1,
    Q2,
    Q3,
    Q4,
    QUADRANTS,
    LateHistory,
    RuleEffect,
    TaskFacts,
    Weights,
    apply_rules,
    quadrant,
    quadrant_flags,
    suggest,
)
from ..engine.workcalendar import WorkCalendar
from ..internal import InternalFlag
from .project_task_priority_rule import MATCH_RELATION, PRIORITY_LEVELS

_logger = logging.getLogger(__name__)

# the priority machinery's own writes: no pinning, no new evaluation
PRIORITY = InternalFlag("task_mgmt_priority")
PRIORITY_WRITE_CONTEXT = {**PRIORITY.on(), "mail_notrack": True}
# a change of these fields makes every rule evaluate the task again
ALL_RULES_INPUTS = {"state", "active", "priority_pinned"}
# a change of these fields moves the task to another quadrant, hence another priority
QUADRANT_INPUTS = {"is_important", "is_urgent", "urgent_manual", "quadrant", "date_deadline", "project_id"}
DEFAULT_URGENCY_DAYS = 3
SUGGESTION_FIELDS = ["suggested_priority", "priority_score", "priority_reasons", "priority_explanation_legacy"]
# who reads the people's late history in the explanations (names and rates of colleagues)
HISTORY_READERS = "project.group_project_manager"
# a reason of a suggestion naming a person (shown to HISTORY_READERS only)
PERSONAL_REASONS = frozenset({"assignee_late"})
# when the priority rules last changed: the daily run evaluates every open task again
RULES_CHANGED_PARAM = "task_mgmt_advanced.priority_rules_changed_at"
WEIGHT_PARAM = "task_mgmt_advanced.priority_weight_%s"
HISTORY_DAYS = 90
DEFAULT_BATCH = 5000
# colour index of each level (Odoo's colour list): green, yellow, orange, red
PRIORITY_COLORS = {"0": 10, "1": 3, "2": 2, "3": 1}
# task fields only the server writes (facts the rules trust)
SERVER_FIELDS = frozenset({"assigned_by_id", "priority_rule_ids"})
# how far up the manager chain a "manager" is looked for
MAX_CHAIN_DEPTH = 30


# the columns the people-based conditions (departments, manager) read in SQL
PEOPLE_TASK_FIELDS = ["user_ids", "consulted_user_ids", "company_id", "assigned_by_id", "create_uid", "active"]
PEOPLE_EMPLOYEE_FIELDS = ["user_id", "company_id", "active", "department_id", "parent_id"]


class ProjectTask(models.Model):
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    priority = fields.Selection(
        selection_add=[("1", "Medium"), ("2", "High"), ("3", "Urgent")],
        ondelete={"2": "set 1", "3": "set 1"},
    )
    priority_pinned = fields.Boolean(
        string="Priority Set by Hand",
        help="The priority was set by hand: neither the quadrant nor the priority rules change it "
        "until someone unpins it.",
    )
    is_important = fields.Boolean(
        string="Important", help="Set by hand or by a priority rule; with Urgent, gives the quadrant.",
    )
    is_urgent = fields.Boolean(
        string="Urgent", compute="_compute_is_urgent", store=True, readonly=False, precompute=True,
        help="The deadline falls within the project's urgency window; or set by hand.",
    )
    urgent_manual = fields.Boolean(
        string="Urgency Set by Hand", help="Urgent no longer follows the deadline.",
    )
    quadrant = fields.Selection(
        [(Q1, "Do First"), (Q2, "Schedule"), (Q3, "Delegate"), (Q4, "Drop")],
        compute="_compute_quadrant", inverse="_inverse_quadrant", store=True,
        readonly=False, precompute=True, index=True, group_expand=True,
        help="Eisenhower quadrant: important and urgent: do first; important: schedule; urgent: "
        "delegate; neither: drop.",
    )
    priority_color = fields.Integer(compute="_compute_priority_color", string="Priority Colour")
    # the priority as a labelled badge in lists (Odoo's star widget shows one star for all levels)
    priority_level = fields.Selection(related="priority", string="Priority Level")
    assigned_by_id = fields.Many2one(
        "res.users", copy=False, readonly=True,
        help="The user who last changed the assignees (empty: the creator).",
    )
    priority_rule_ids = fields.Many2many(
        "project.task.priority.rule", MATCH_RELATION, "task_id", "rule_id", string="Matching Priority Rules",
        copy=False, readonly=True,
    )
    suggested_priority = fields.Selection(PRIORITY_LEVELS, copy=False, readonly=True)
    priority_score = fields.Integer(copy=False, readonly=True, aggregator="avg")
    # the reasons as data (codes, numbers, names), rendered in the reader's language
    priority_reasons = fields.Json(
        string="Suggestion Reasons", copy=False, readonly=True, groups=HISTORY_READERS,
        help="Each reason of the suggestion: its code, the points it adds and its numbers.",
    )
    priority_explanation = fields.Text(
        string="Why This Priority", compute="_compute_priority_explanation",
        help="The reasons of the suggestion, in your language. The people's late history is "
        "shown to project administrators only.",
    )
    # explanations stored as text before the reasons were stored as data (shown until the
    # next suggestion replaces them; project administrators only: they may name people)
    priority_explanation_legacy = fields.Text(copy=False, readonly=True, groups=HISTORY_READERS)
    priority_suggestion_dismissed = fields.Selection(
        PRIORITY_LEVELS, string="Dismissed Suggestion", copy=False,
        help="The suggestion someone dismissed: it is not shown again while it stays the same.",
    )
    priority_rules_checked_at = fields.Datetime(
        copy=False, readonly=True, index=True, help="Last evaluation of the priority rules by the daily run.",
    )
    priority_suggested_at = fields.Datetime(
        copy=False, readonly=True, index=True, help="Last priority suggestion of the nightly run.",
    )
    has_priority_suggestion = fields.Boolean(
        compute="_compute_has_priority_suggestion", store=True, index=True, string="Suggestion Differs",
    )

    # ------------------------------------------------------------------ computes

    @api.depends("date_deadline", "urgent_manual", "project_id.urgency_days")
    def _compute_is_urgent(self):
        # a task whose urgency was set by hand keeps it
        automatic = self.filtered(lambda t: not t.urgent_manual)
        expected = automatic._task_mgmt_expected_urgency()
        for task in automatic:
            task.is_urgent = expected[task]

    @api.depends("is_important", "is_urgent")
    def _compute_quadrant(self):
        for task in self:
            task.quadrant = quadrant(task.is_important, task.is_urgent)

    def _inverse_quadrant(self):
        """A task moved to another quadrant gets its flags; an urgency that changes this way is
        set by hand."""
        groups = defaultdict(list)
        for task in self:
            if not task.quadrant:
                continue
            important, urgent = quadrant_flags(task.quadrant)
            vals = {}
            if task.is_important != important:
                vals["is_important"] = important
            if task.is_urgent != urgent:
                vals.update(is_urgent=urgent, urgent_manual=True)
            if vals:
                groups[tuple(sorted(vals.items()))].append(task.id)
        for key, ids in groups.items():
            self.browse(ids).with_context(**PRIORITY.on()).write(dict(key))

    @api.depends("priority")
    def _compute_priority_color(self):
        for task in self:
            task.priority_color = PRIORITY_COLORS.get(task.priority or "0", 0)

    @api.depends("priority_reasons", "priority_explanation_legacy", "suggested_priority")
    @api.depends_context("lang", "uid")
    def _compute_priority_explanation(self):
        """The stored reasons as one line in the reader's language; the people's late history
        only for project administrators (left out here, server-side, for everyone else)."""
        personal = self.env.su or self.env.user.has_group(HISTORY_READERS)
        # sudo: the reasons hold the people's history; the lines naming people are dropped
        # below for readers who may not see them
        for task, stored in zip(self, self.sudo(), strict=True):
            if stored.priority_reasons:
                task.priority_explanation = task._task_mgmt_explain(stored.priority_reasons, personal)
            elif stored.priority_explanation_legacy:
                task.priority_explanation = stored.priority_explanation_legacy if personal else False
            elif task.suggested_priority:
                task.priority_explanation = task._task_mgmt_explain([], personal)
            else:
                task.priority_explanation = False

    @api.depends("suggested_priority", "priority", "priority_suggestion_dismissed", "state")
    def _compute_has_priority_suggestion(self):
        for task in self:
            task.has_priority_suggestion = bool(
                task.suggested_priority
                and task.suggested_priority != task.priority
                and task.suggested_priority != task.priority_suggestion_dismissed
                and task.state not in CLOSED_STATES
            )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if PRIORITY.is_set(self.env):
            return super().create(vals_list)
        self._task_mgmt_refuse_server_fields(vals_list)
        vals_list = [self._task_mgmt_priority_prepare(dict(vals), create=True) for vals in vals_list]
        tasks = super().create(vals_list)
        urgent_given = [task.id for task, vals in zip(tasks, vals_list, strict=True)
                        if "is_urgent" in vals and "urgent_manual" not in vals]
        self.browse(urgent_given)._task_mgmt_mark_manual_urgency()
        if self.env.registry.ready:
            # (tasks of modules' data files, loaded before the registry is ready: the post-init
            # pass and the nightly run see them)
            tasks._task_mgmt_priority_refresh(created=True)
        return tasks

    def write(self, vals):
        if PRIORITY.is_set(self.env) or not self:
            return super().write(vals)
        self._task_mgmt_refuse_server_fields([vals])
        vals = self._task_mgmt_priority_prepare(dict(vals))
        result = super().write(vals)
        if "is_urgent" in vals and "urgent_manual" not in vals:
            self._task_mgmt_mark_manual_urgency()
        if self.env.registry.ready:
            self._task_mgmt_priority_after_write(set(vals))
        return result

    @api.model
    def _task_mgmt_refuse_server_fields(self, vals_list):
        """Who assigned a task, and which rules it meets, are facts the priority rules trust:
        the server records them, no caller writes them (over RPC, an import or a server action
        alike). Module data files loaded by the system may, as Odoo lets them set ``create_uid``."""
        if self._task_mgmt_loading_data():
            return
        for vals in vals_list:
            forged = SERVER_FIELDS & vals.keys()
            if forged:
                labels = [self._fields[fname].get_description(self.env)["string"] for fname in sorted(forged)]
                # AccessError (a UserError): what Odoo raises for a field the caller may not write
                raise AccessError(self.env._(
                    "%(fields)s cannot be written: the server records who assigns a task and which "
                    "priority rules it meets.",
                    fields=", ".join(labels),
                ))

    def _task_mgmt_loading_data(self):
        """Module data files being loaded by the system (the registry is not ready yet)."""
        return self.env.uid == SUPERUSER_ID and not self.env.registry.ready

    def _task_mgmt_priority_prepare(self, vals, create=False):
        """A priority written by a person pins it (on create: one other than the default Low);
        who changes the assignees is recorded (a manager assigning a report)."""
        by_hand = "priority" in vals and (not create or vals["priority"] not in ("0", False))
        if by_hand and "priority_pinned" not in vals:
            vals["priority_pinned"] = True
        if "user_ids" in vals and not ("assigned_by_id" in vals and self._task_mgmt_loading_data()):
            vals["assigned_by_id"] = self.env.uid
        return vals

    def _task_mgmt_mark_manual_urgency(self):
        """Urgent written with a value the deadline does not give is a choice: it stays."""
        if not self:
            return
        expected = self._task_mgmt_expected_urgency()
        chosen = self.filtered(lambda t: not t.urgent_manual and t.is_urgent != expected[t])
        if chosen:
            chosen.with_context(**PRIORITY.on()).write({"urgent_manual": True})

    # ------------------------------------------------------------------ actions

    def action_priority_unpin(self):
        """Let the quadrant and the rules set the priority again."""
        self.check_access("write")
        self.filtered("priority_pinned").write({"priority_pinned": False})
        return True

    def action_priority_set_quadrant(self, quadrant_key):
        """Move these tasks to the Eisenhower quadrant ``quadrant_key`` (the matrix's and the
        task cards' quick action: no drag and drop on a phone). Same write as a drag between
        the matrix's columns; a toast names the task and its new quadrant."""
        if quadrant_key not in QUADRANTS:
            raise UserError(self.env._("Unknown Eisenhower quadrant %(value)r: expected one of %(keys)s.",
                                       value=quadrant_key, keys=", ".join(QUADRANTS)))
        self.check_access("write")
        self.filtered(lambda t: t.quadrant != quadrant_key).write({"quadrant": quadrant_key})
        label = dict(self._fields["quadrant"]._description_selection(self.env))[quadrant_key]
        message = (self.env._("Task '%(task)s' moved to %(quadrant)s.", task=self.display_name, quadrant=label)
                   if len(self) == 1 else
                   self.env._("%(count)s tasks moved to %(quadrant)s.", count=len(self), quadrant=label))
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "title": self.env._("Eisenhower Matrix"), "message": message, "type": "success", "sticky": False,
            "next": {"type": "ir.actions.act_window_close"},
        }}

    def action_priority_urgency_auto(self):
        """Urgent follows the deadline again."""
        self.check_access("write")
        self.filtered("urgent_manual").write({"urgent_manual": False})
        return True

    def action_priority_accept_suggestion(self):
        """Take the suggested priority (a choice made by hand: it pins the priority); the
        acceptance is logged on each task with its score and explanation."""
        self.check_access("write")
        tasks = self.filtered(lambda t: t.suggested_priority and t.suggested_priority != t.priority)
        groups, logs = defaultdict(list), {}
        for task, stored in zip(tasks, tasks.sudo(), strict=True):  # sudo: the reasons, logged as data
            groups[task.suggested_priority].append(task.id)
            logs[task.id] = [{
                "code": "suggestion_used", "old": task.priority, "new": task.suggested_priority,
                "score": task.priority_score, "reasons": stored.priority_reasons or [],
            }]
        for level, ids in groups.items():
            self.browse(ids).write({"priority": level})
        tasks._task_mgmt_log(logs)
        return True

    def action_priority_dismiss_suggestion(self):
        """Hide the current suggestion of these tasks (a different suggestion shows again)."""
        self.check_access("write")
        groups = defaultdict(list)
        for task in self.filtered("suggested_priority"):
            groups[task.suggested_priority].append(task.id)
        for level, ids in groups.items():
            self.browse(ids).write({"priority_suggestion_dismissed": level})
        return True

    def action_priority_refresh_suggestions(self):
        """Compute the suggestions of these tasks now."""
        self.check_access("write")
        self._task_mgmt_priority_suggest()
        return True

    # ------------------------------------------------------------------ urgency

    def _task_mgmt_deadline_limit(self, company, days, today, limits=None):
        """The moment from which a deadline is no longer within ``days`` working days of
        ``today`` on the company's working calendar (Monday to Friday without one)."""
        key = (company.id, days, today)
        if limits is not None and key in limits:
            return limits[key]
        calendar = company.resource_calendar_id
        if calendar:
            work = calendar._task_mgmt_work_calendar(today, today + timedelta(days=2 * days + 31))
        else:
            work = WorkCalendar(dict.fromkeys(range(5), 8.0))
        limit = datetime.combine(work.add_working_days(today, days) + timedelta(days=1), time.min)
        if limits is not None:
            limits[key] = limit
        return limit

    def _task_mgmt_expected_urgency(self, today=None):
        """{task: urgent by its deadline}: due within its project's urgency window (3 working
        days without project), overdue included."""
        today = today or fields.Date.context_today(self)
        limits, result = {}, {}
        for task in self:
            if not task.date_deadline:
                result[task] = False
                continue
            company = task.project_id.company_id or task.company_id or self.env.company
            days = task.project_id.urgency_days if task.project_id else DEFAULT_URGENCY_DAYS
            result[task] = task.date_deadline < self._task_mgmt_deadline_limit(company, days, today, limits)
        return result

    def _task_mgmt_priority_refresh_urgency(self, today=None):
        """The deadline-based urgency of these tasks on ``today`` (the daily run: time passes):
        two searches (tasks becoming urgent, tasks no longer urgent) and one write each."""
        today = today or fields.Date.context_today(self)
        # sudo: urgency is an output of the deadline, written for whoever triggers the run
        Task = self.sudo().with_context(**PRIORITY_WRITE_CONTEXT)
        # (the projects and companies give the urgency windows; the flags are searched below)
        tasks = Task.search_fetch(self._task_mgmt_ids_domain() + [("urgent_manual", "=", False)],
                                  ["project_id", "company_id"])
        if not tasks:
            return
        within = expression.normalize_domain(tasks._task_mgmt_urgency_domain(today))
        scope = tasks._task_mgmt_ids_domain()
        become = Task.search(expression.AND([scope, [("is_urgent", "=", False)], within]))
        cease = Task.search(expression.AND([scope, [("is_urgent", "=", True)], ["!", *within]]))
        if become:
            become.write({"is_urgent": True})
        if cease:
            cease.write({"is_urgent": False})

    def _task_mgmt_urgency_domain(self, today):
        """Domain of the tasks (among these) due within the urgency window of their project (3
        working days without project), on the working calendar of its company."""
        limits, parts = {}, []
        # sudo: the urgency windows of the tasks' projects, whoever triggers the evaluation
        projects = self.env["project.project"].sudo().with_context(active_test=False).search_fetch(
            [("id", "in", self.project_id.ids)], ["company_id", "urgency_days"])
        groups = defaultdict(list)
        for project in projects:
            groups[(project.company_id or self.env.company, project.urgency_days)].append(project.id)
        for (company, days), project_ids in groups.items():
            parts.append([("project_id", "in", project_ids),
                          ("date_deadline", "<", self._task_mgmt_deadline_limit(company, days, today, limits))])
        for company in {task.company_id for task in self if not task.project_id}:
            limit = self._task_mgmt_deadline_limit(company or self.env.company, DEFAULT_URGENCY_DAYS, today, limits)
            parts.append([("project_id", "=", False), ("company_id", "=", company.id or False),
                          ("date_deadline", "<", limit)])
        return expression.AND([[("date_deadline", "!=", False)], expression.OR(parts or [expression.FALSE_DOMAIN])])

    # ------------------------------------------------------------------ rules: evaluation

    def _task_mgmt_priority_after_write(self, fnames):
        """After a write: evaluate again the rules that read a changed field (all of them when
        the task is reopened, unpinned, (un)archived), then set the priority; nothing when no
        rule reads the changed fields and the quadrant cannot have moved."""
        specs = self.env["project.task.priority.rule"]._task_mgmt_rule_specs()
        if fnames & ALL_RULES_INPUTS:
            rule_ids = None
        else:
            rule_ids = frozenset(s.id for s in specs if "*" in s.inputs or s.inputs & fnames)
            if not rule_ids and not fnames & QUADRANT_INPUTS:
                return
        self._task_mgmt_priority_refresh(rule_ids)

    def _task_mgmt_apply_priority_rules(self):
        """Apply the priority rules to these tasks now (for server actions and automation rules:
        ``records._task_mgmt_apply_priority_rules()``).  Returns the tasks whose priority changed."""
        tasks = self.browse(self.ids)  # records of an automation rule may come with any context
        tasks._task_mgmt_priority_refresh_urgency()
        return tasks._task_mgmt_priority_refresh()

    def _task_mgmt_priority_refresh(self, rule_ids=None, today=None, created=False):
        """Evaluate the rules ``rule_ids`` (None: every active rule; an empty set: none) on
        these tasks, set-based, and store which ones match; then give the open, unpinned tasks
        the flags and priority of their quadrant and matching rules (engine.apply_rules),
        writing only what changed (one write per value) and logging each change on the task.
        ``created``: the tasks were just created (no stored match to read or compare).
        Returns the tasks whose priority changed."""
        if not self.ids:
            return self.browse()
        specs = self.env["project.task.priority.rule"]._task_mgmt_rule_specs()
        # sudo: the rules are the project administrators'; they act on tasks the user just
        # created or changed (or the daily run's), whatever fields the user's groups may write
        # (a portal collaborator's change may raise a priority)
        Task = self.sudo().with_context(**PRIORITY_WRITE_CONTEXT)
        tasks = Task.browse(self.ids)
        # only the fields needed (a plain read would fetch every column); none after a write
        tasks.fetch(["active", "state", "priority_pinned", "is_important", "is_urgent", "priority", "project_id",
                     "company_id"])
        tasks = tasks.filtered(lambda t: t.active and t.state not in CLOSED_STATES and not t.priority_pinned)
        if not tasks:
            return self.browse()
        today = today or fields.Date.context_today(self)
        evaluate = [s for s in specs if rule_ids is None or s.id in rule_ids]
        matches = {}
        if evaluate:
            in_projects = tasks.filtered("project_id")
            limits = {}
            for spec in evaluate:
                candidates = in_projects._task_mgmt_rule_candidates(spec)
                matches[spec.id] = candidates._task_mgmt_rule_matches(spec, today, limits) if candidates else set()
            if created:
                tasks._task_mgmt_store_matches(matches, stored=set())
            else:
                tasks._task_mgmt_store_matches(matches)
        others = [s.id for s in specs if s.id not in matches]
        for rule_id in others:
            matches[rule_id] = set()
        if others and not created:
            for task_id, rule_id in self.env.execute_query(SQL(
                "SELECT task_id, rule_id FROM %s WHERE task_id = ANY(%s) AND rule_id = ANY(%s)",
                SQL.identifier(MATCH_RELATION), tasks.ids, others,
            )):
                matches[rule_id].add(task_id)
        effects = defaultdict(list)
        for spec in specs:
            effect = RuleEffect(spec.id, spec.effect, spec.level, max(spec.raise_steps, 1), spec.stop)
            for task_id in matches[spec.id]:
                effects[task_id].append(effect)
        return tasks._task_mgmt_priority_apply(effects, {s.id: s.name for s in specs})

    def _task_mgmt_rule_scope(self, spec):
        """Whether rule ``spec`` applies to this task's company and project."""
        return (not spec.company_id or self.company_id.id in (spec.company_id, False)) and (
            not spec.project_ids or self.project_id.id in spec.project_ids)

    def _task_mgmt_rule_candidates(self, spec):
        """The tasks (among these, read from the cache) that rule ``spec`` can match at all: in
        its company and projects, and holding what its condition needs (a deadline, enough
        people, an assignee other than the one who assigned it). No query: on creation, most
        rules stop here."""
        people = "consulted_user_ids" in self._fields

        def possible(task):
            if not task._task_mgmt_rule_scope(spec):
                return False
            if spec.condition == "deadline":
                return bool(task.date_deadline)
            if spec.condition == "departments":
                involved = task.user_ids | (task.consulted_user_ids if people else task.user_ids)
                return len(involved) >= spec.department_count
            if spec.condition == "manager":
                # someone else than whoever assigned the task (or created it) must be assigned
                return bool(task.user_ids - (task.assigned_by_id or task.create_uid))
            return True

        return self.filtered(possible)

    def _task_mgmt_priority_apply(self, effects, rule_names):
        """Write the outcome of ``effects`` ({task id: [RuleEffect] in rule order}) on these
        tasks, grouped by value, and log one note per changed task."""
        important, urgent, levels = [], [], defaultdict(list)
        logs = {}
        for task in self:
            task_effects = effects.get(task.id, ())
            out = apply_rules(task.is_important, task.is_urgent, task_effects)
            lines = []
            for kind, flag, ids, name in (
                (MARK_IMPORTANT, task.is_important, important, "important"),
                (MARK_URGENT, task.is_urgent, urgent, "urgent"),
            ):
                if not flag and (out.important if kind == MARK_IMPORTANT else out.urgent):
                    ids.append(task.id)
                    rule = next(e.rule_id for e in task_effects if e.kind == kind and e.rule_id in out.applied)
                    lines.append({"code": "marked", "flag": name, "rule": rule, "rule_name": rule_names[rule]})
            if out.level != task.priority:
                levels[out.level].append(task.id)
                if out.applied:
                    lines.append({"code": "priority_rules", "old": task.priority, "new": out.level,
                                  "rules": [[r, rule_names[r]] for r in out.applied]})
                else:
                    lines.append({"code": "priority_quadrant", "old": task.priority, "new": out.level,
                                  "quadrant": quadrant(out.important, out.urgent)})
            if lines:
                logs[task.id] = lines
        if important:
            self.browse(important).write({"is_important": True})
        if urgent:
            self.browse(urgent).write({"is_urgent": True, "urgent_manual": True})
        changed = []
        for level, ids in levels.items():
            self.browse(ids).write({"priority": level})
            changed += ids
        self._task_mgmt_log(logs)
        return self.browse(changed)

    def _task_mgmt_rule_matches(self, spec, today, limits):
        """Ids of these tasks that meet rule ``spec``: one search with the rule's scope, filter
        and condition (a domain, or an SQL subquery over these tasks)."""
        Rule = self.env["project.task.priority.rule"]
        try:
            filter_domain = Rule._task_mgmt_filter_of(spec.filter_domain, spec.name).domain(today)
        except ValidationError as error:
            _logger.warning("Priority rule %s skipped: %s", spec.id, error)
            return set()
        if not filter_domain and spec.condition in ("filter", "deadline"):
            # nothing to ask the database: the scope and a deadline condition read cached values
            def meets(task):
                if not task._task_mgmt_rule_scope(spec):
                    return False
                if spec.condition == "filter":
                    return True
                limit = self._task_mgmt_deadline_limit(
                    task.company_id or self.env.company, spec.deadline_days, today, limits)
                return bool(task.date_deadline) and task.date_deadline < limit

            return {task.id for task in self if meets(task)}
        condition = self._task_mgmt_condition_domain(spec, today, limits)
        ids = self.ids
        if spec.condition in ("departments", "manager") and self._task_mgmt_ids_dense():
            # the subquery reads the id range of these tasks; the few other tasks of the range
            # are dropped below (a list of ids next to a subquery makes PostgreSQL probe the
            # whole list for every row)
            domain = [("id", ">=", min(ids)), ("id", "<=", max(ids))]
        else:
            domain = self._task_mgmt_ids_domain()
        if spec.company_id:
            domain.append(("company_id", "in", [spec.company_id, False]))
        if spec.project_ids:
            domain.append(("project_id", "in", list(spec.project_ids)))
        return set(self.search(expression.AND([domain, filter_domain, condition]), order="id").ids) & set(ids)

    def _task_mgmt_condition_domain(self, spec, today, limits):
        if spec.condition == "deadline":
            # tasks without company (shared projects) use the current company's calendar
            by_company = [
                [("company_id", "=", company.id or False),
                 ("date_deadline", "<", self._task_mgmt_deadline_limit(
                     company or self.env.company, spec.deadline_days, today, limits))]
                for company in {task.company_id for task in self}
            ]
            return expression.AND([[("date_deadline", "!=", False)], expression.OR(by_company)])
        if spec.condition in ("departments", "manager"):
            # the subqueries read these columns: their pending writes first (only theirs: a
            # full flush would run every pending computation of tasks being created here)
            self.env["project.task"].flush_model(
                [fname for fname in PEOPLE_TASK_FIELDS if fname in self._fields])
            self.env["hr.employee"].flush_model(PEOPLE_EMPLOYEE_FIELDS)
        if spec.condition == "departments":
            return [("id", "in", self._task_mgmt_departments_sql(spec.department_count))]
        if spec.condition == "manager":
            return [("id", "in", self._task_mgmt_manager_sql(spec.manager_scope))]
        return []

    def _task_mgmt_ids_domain(self):
        """These tasks as a domain; with their id range too, which lets PostgreSQL read a
        batch of consecutive ids through the primary key instead of scanning the table."""
        ids = self.ids
        if len(ids) < 100:
            return [("id", "in", ids)]
        return [("id", ">=", min(ids)), ("id", "<=", max(ids)), ("id", "in", ids)]

    def _task_mgmt_ids_dense(self):
        """Whether these ids fill most of their range (a batch of the daily run)."""
        ids = self.ids
        return max(ids) - min(ids) < 4 * len(ids)

    def _task_mgmt_ids_sql(self, column):
        """SQL condition on ``column`` for these tasks: their id range, with the list of ids
        unless they fill most of the range."""
        ids = self.ids
        scope = SQL("%s BETWEEN %s AND %s", column, min(ids), max(ids))
        if self._task_mgmt_ids_dense():
            return scope
        return SQL("%s AND %s = ANY(%s)", scope, column, ids)

    def _task_mgmt_people_sql(self):
        """(task_id, user_id) rows of the people involved in the tasks of the id range of these
        tasks: the assignees, and the consulted users when tasks have them."""
        parts = []
        for fname in ("user_ids", "consulted_user_ids"):
            field = self._fields.get(fname)
            if field and field.type == "many2many" and field.store and field.comodel_name == "res.users":
                parts.append(SQL(
                    "SELECT %(task)s AS task_id, %(user)s AS user_id FROM %(table)s WHERE %(scope)s",
                    task=SQL.identifier(field.column1), user=SQL.identifier(field.column2),
                    table=SQL.identifier(field.relation), scope=self._task_mgmt_ids_sql(SQL.identifier(field.column1)),
                ))
        return SQL(" UNION ").join(parts)

    def _task_mgmt_departments_sql(self, count):
        """Subquery: the tasks (of the id range of these tasks) whose people are employees of
        ``count`` departments or more (in the task's company)."""
        return SQL(
            """(SELECT people.task_id
                  FROM (%(people)s) AS people
                  JOIN project_task task ON task.id = people.task_id
                  JOIN hr_employee emp ON emp.user_id = people.user_id AND (task.company_id IS NULL
                                                     OR emp.company_id = task.company_id)
                 WHERE emp.active AND emp.department_id IS NOT NULL
              GROUP BY people.task_id
                HAVING count(DISTINCT emp.department_id) >= %(count)s)""",
            people=self._task_mgmt_people_sql(), count=count,
        )

    def _task_mgmt_manager_sql(self, scope):
        """Subquery: the tasks (of the id range of these tasks) created or last assigned by a
        manager of one of their
        assignees: the manager (``parent_id``) of the assignee's employee, or (scope "chain")
        anyone up that chain."""
        field = self._fields["user_ids"]
        rel = SQL("SELECT %(task)s AS task_id, %(user)s AS user_id FROM %(table)s WHERE %(scope)s",
                  task=SQL.identifier(field.column1), user=SQL.identifier(field.column2),
                  table=SQL.identifier(field.relation), scope=self._task_mgmt_ids_sql(SQL.identifier(field.column1)))
        if scope == "direct":
            return SQL(
                """(SELECT rel.task_id
                      FROM (%(rel)s) AS rel
                      JOIN project_task task ON task.id = rel.task_id
                      JOIN hr_employee emp ON emp.user_id = rel.user_id AND (task.company_id IS NULL
                                                     OR emp.company_id = task.company_id)
                      JOIN hr_employee boss ON boss.id = emp.parent_id
                     WHERE emp.active
                       AND boss.user_id = COALESCE(task.assigned_by_id, task.create_uid)
                       AND boss.user_id != rel.user_id)""",
                rel=rel,
            )
        return SQL(
            """(WITH RECURSIVE rel AS (%(rel)s),
                chain(employee_id, manager_id, depth) AS (
                    SELECT emp.id, emp.parent_id, 1
                      FROM hr_employee emp
                     WHERE emp.parent_id IS NOT NULL AND emp.user_id IN (SELECT user_id FROM rel)
                 UNION ALL
                    SELECT chain.employee_id, up.parent_id, chain.depth + 1
                      FROM chain JOIN hr_employee up ON up.id = chain.manager_id
                     WHERE up.parent_id IS NOT NULL AND chain.depth < %(depth)s
                )
                SELECT rel.task_id
                  FROM rel
                  JOIN project_task task ON task.id = rel.task_id
                  JOIN hr_employee emp ON emp.user_id = rel.user_id AND (task.company_id IS NULL
                                                     OR emp.company_id = task.company_id)
                  JOIN chain ON chain.employee_id = emp.id
                  JOIN hr_employee boss ON boss.id = chain.manager_id
                 WHERE emp.active
                   AND boss.user_id = COALESCE(task.assigned_by_id, task.create_uid)
                   AND boss.user_id != rel.user_id)""",
            rel=rel, depth=MAX_CHAIN_DEPTH,
        )

    def _task_mgmt_store_matches(self, matches, stored=None):
        """Record ``matches`` ({rule id: ids of these tasks meeting it}) in the relation of
        matching rules: rows added and removed in one query each. ``stored``: the rows already
        there when the caller knows them (none for new tasks)."""
        if stored is None:
            stored = set(self.env.execute_query(SQL(
                "SELECT task_id, rule_id FROM %s WHERE task_id = ANY(%s) AND rule_id = ANY(%s)",
                SQL.identifier(MATCH_RELATION), self.ids, list(matches),
            )))
        wanted = {(task_id, rule_id) for rule_id, ids in matches.items() for task_id in ids}
        removed, added = stored - wanted, wanted - stored
        if removed:
            self.env.cr.execute(SQL(
                "DELETE FROM %s WHERE (task_id, rule_id) IN (SELECT * FROM unnest(%s::int[], %s::int[]))",
                SQL.identifier(MATCH_RELATION), [t for t, _r in removed], [r for _t, r in removed],
            ))
        if added:
            self.env.cr.execute(SQL(
                "INSERT INTO %s (task_id, rule_id) SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING",
                SQL.identifier(MATCH_RELATION), [t for t, _r in added], [r for _t, r in added],
            ))
        if removed or added:
            self.env["project.task"].invalidate_model(["priority_rule_ids"])
            self.env["project.task.priority.rule"].invalidate_model(["task_ids"])

    # ------------------------------------------------------------------ daily runs

    @api.model
    def _task_mgmt_run_batch(self, marker, domain, process, since, batch_size=None):
        """One batch of a daily run, the way Odoo's crons batch (``ir.cron._notify_progress``,
        as mail's queue): the tasks of ``domain`` not handled since ``since`` (their ``marker``
        is empty or older), by increasing id, ``batch_size`` at a time; each one handled gets
        ``marker``; the cron is told how many remain, commits, and calls again. A run that
        stops half way resumes after the last committed batch; a batch run twice changes
        nothing the second time. Returns the number of tasks handled."""
        Task = self.sudo()  # sudo: the daily runs concern every task, whoever the cron's user
        todo = expression.AND([domain, ["|", (marker, "=", False), (marker, "<", since)]])
        tasks = Task.search(todo, order="id", limit=batch_size or DEFAULT_BATCH)
        remaining = 0
        if tasks:
            process(tasks)
            self.env.flush_all()
            # the marker is bookkeeping of the run: no write() (no tracking, no write_date)
            self.env.cr.execute(SQL(
                "UPDATE project_task SET %s = %s WHERE id = ANY(%s)",
                SQL.identifier(marker), max(fields.Datetime.now(), since), tasks.ids,
            ))
            Task.invalidate_model([marker])
            remaining = Task.search_count(todo)
        self.env["ir.cron"]._notify_progress(done=len(tasks), remaining=remaining)
        return len(tasks)

    @api.model
    def _task_mgmt_run_since(self, today):
        """The moment a daily run starts over from: the start of ``today``, or the last change
        of the priority rules when later (every open task is evaluated again with them)."""
        since = datetime.combine(today, time.min)
        # sudo: a technical timestamp written when administrators change the rules
        changed = self.env["ir.config_parameter"].sudo().get_param(RULES_CHANGED_PARAM)
        return max(since, fields.Datetime.to_datetime(changed)) if changed else since

    @api.model
    def _task_mgmt_priority_daily(self, batch_size=None, domain=None, today=None):
        """Cron: on a new day, deadlines come closer: the urgency of every open task and the
        rules of the unpinned ones (``domain``: of these tasks only) are evaluated again, one
        batch per call (see ``_task_mgmt_run_batch``).  Idempotent: the outcome only depends
        on the flags and the rules.  ``today``: the day to evaluate for (default: today)."""
        domain = expression.AND([[("state", "not in", list(CLOSED_STATES))], domain or []])
        today = today or fields.Date.context_today(self)

        def process(tasks):
            tasks._task_mgmt_priority_refresh_urgency(today)
            tasks._task_mgmt_priority_refresh(today=today)

        return self._task_mgmt_run_batch(
            "priority_rules_checked_at", domain, process, self._task_mgmt_run_since(today), batch_size)

    @api.model
    def _task_mgmt_suggestions_daily(self, batch_size=None, domain=None, today=None):
        """Cron: the suggested priority of every open task (``domain``: of these only), one
        batch per call (see ``_task_mgmt_run_batch``)."""
        today = today or fields.Date.context_today(self)
        history = self._task_mgmt_late_history(today=today)

        def process(tasks):
            tasks._task_mgmt_priority_suggest(history, today)

        return self._task_mgmt_run_batch(
            "priority_suggested_at", expression.AND([[("state", "not in", list(CLOSED_STATES))], domain or []]),
            process, datetime.combine(today, time.min), batch_size)

    # ------------------------------------------------------------------ suggestions

    @api.model
    def _task_mgmt_priority_weights(self):
        ICP = self.env["ir.config_parameter"].sudo()  # sudo: settings read by every user's suggestions
        defaults = Weights()
        values = {}
        for name in ("deadline", "blocked", "critical", "effort", "history"):
            raw = ICP.get_param(WEIGHT_PARAM % name)
            try:
                values[name] = max(float(raw), 0.0) if raw not in (None, False, "") else getattr(defaults, name)
            except ValueError:
                values[name] = getattr(defaults, name)
        return Weights(**values)

    @api.model
    def _task_mgmt_late_history(self, user_ids=None, project_ids=None, today=None):
        """Tasks finished (done) in the last 90 days with a deadline, and how many of them late
        (finished after the deadline), per assignee and per project: one query each.
        ``{"users": {user id: (late, done)}, "projects": {project id: (late, done)}}``."""
        today = today or fields.Date.context_today(self)
        since = datetime.combine(today - timedelta(days=HISTORY_DAYS), time.min)
        self.env["project.task"].flush_model(["state", "date_end", "date_deadline", "user_ids", "project_id"])
        finished = SQL("COALESCE(task.date_end, task.date_last_stage_update, task.write_date)")
        users_filter = SQL("AND rel.user_id = ANY(%s)", list(user_ids)) if user_ids is not None else SQL()
        projects_filter = SQL("AND task.project_id = ANY(%s)", list(project_ids)) if project_ids is not None else SQL()
        users = self.env.execute_query(SQL(
            """SELECT rel.user_id, count(*) FILTER (WHERE %(finished)s > task.date_deadline), count(*)
                 FROM project_task task JOIN project_task_user_rel rel ON rel.task_id = task.id
                WHERE task.state = '1_done' AND task.date_deadline IS NOT NULL AND %(finished)s >= %(since)s
                      %(filter)s
             GROUP BY rel.user_id""",
            finished=finished, since=since, filter=users_filter,
        ))
        projects = self.env.execute_query(SQL(
            """SELECT task.project_id, count(*) FILTER (WHERE %(finished)s > task.date_deadline), count(*)
                 FROM project_task task
                WHERE task.state = '1_done' AND task.date_deadline IS NOT NULL AND task.project_id IS NOT NULL
                      AND %(finished)s >= %(since)s %(filter)s
             GROUP BY task.project_id""",
            finished=finished, since=since, filter=projects_filter,
        ))
        return {"users": {u: (late, done) for u, late, done in users},
                "projects": {p: (late, done) for p, late, done in projects}}

    def _task_mgmt_priority_suggest(self, history=None, today=None):
        """Compute and store the suggested priority, score and explanation of these open tasks
        (engine.suggest), writing only the values that changed."""
        Task = self.sudo().with_context(**PRIORITY_WRITE_CONTEXT)  # sudo: outputs of the suggestion engine
        spent_field = "effective_hours" if "effective_hours" in self._fields else None
        tasks = Task.search_fetch(
            self._task_mgmt_ids_domain() + [("state", "not in", list(CLOSED_STATES))],
            ["date_deadline", "company_id", "project_id", "user_ids", "allocated_hours", "is_critical",
             *([spent_field] if spent_field else []), *SUGGESTION_FIELDS], order="id",
        )
        if not tasks:
            return
        today = today or fields.Date.context_today(self)
        if history is None:
            history = self._task_mgmt_late_history(tasks.user_ids.ids, tasks.project_id.ids, today)
        # sudo: how many tasks wait on each one counts the links the user cannot see too
        blocked = dict(self.env["project.task.dependency"].sudo()._read_group(
            [("predecessor_id", "in", tasks.ids), ("successor_id.state", "not in", list(CLOSED_STATES))],
            ["predecessor_id"], ["__count"],
        ))
        weights = self._task_mgmt_priority_weights()
        calendars = {}
        changes = {}
        for task in tasks:
            facts = tasks._task_mgmt_suggestion_facts(task, today, calendars, blocked, history, spent_field)
            result = suggest(facts, weights)
            values = (result.level, result.score, tasks._task_mgmt_reasons_data(result), False)
            if values != (task.suggested_priority, task.priority_score, task.priority_reasons or None,
                          task.priority_explanation_legacy or False):
                changes[task.id] = values
        self._task_mgmt_write_suggestions(changes)

    def _task_mgmt_suggestion_facts(self, task, today, calendars, blocked, history, spent_field):
        company = task.company_id or self.env.company
        if company.id not in calendars:
            calendar = company.resource_calendar_id
            work = (calendar._task_mgmt_work_calendar(today - timedelta(days=366), today + timedelta(days=366))
                    if calendar else WorkCalendar(dict.fromkeys(range(5), 8.0)))
            calendars[company.id] = (work, work.axis(today))
        work, axis = calendars[company.id]
        days = axis.index(task.date_deadline.date()) if task.date_deadline else None
        remaining = None
        if task.allocated_hours:
            remaining = task.allocated_hours - (task[spent_field] if spent_field else 0.0)
        users = history["users"]
        project = history["projects"].get(task.project_id.id)
        return TaskFacts(
            days_to_deadline=days,
            blocked_count=blocked.get(task, 0),
            critical=bool(task.is_critical),
            remaining_hours=remaining,
            hours_per_day=work.hours_per_day,
            assignee_history=tuple(LateHistory(*users[u.id], u.name) for u in task.user_ids if u.id in users),
            project_history=LateHistory(*project, task.project_id.name) if project else None,
        )

    @api.model
    def _task_mgmt_reasons_data(self, result):
        """The reasons of a suggestion (engine.Reason) as stored data: code, points, numbers."""
        reasons = []
        for reason in result.reasons:
            values = dict(reason.values)
            if "hours" in values:
                values["hours"] = round(values["hours"] or 0.0, 1)
            reasons.append({"code": reason.code, "points": round(reason.points), "values": values})
        return reasons or None

    def _task_mgmt_explain(self, reasons, personal):
        """Stored ``reasons`` as one readable line in this environment's language (the
        reader's, else their user's); the reasons naming people only when ``personal``."""
        env = self.with_context(lang=self.env.lang or self.env.user.lang).env
        texts = {
            "overdue": lambda v: env._("deadline passed %(days)s working day(s) ago", **v),
            "due_today": lambda v: env._("due today"),
            "deadline": lambda v: env._("deadline in %(days)s working day(s)", **v),
            "blocked": lambda v: env._("%(count)s task(s) wait on it", **v),
            "critical": lambda v: env._("on the critical path"),
            "effort": lambda v: env._("%(hours)s hours of work left for %(days)s working day(s)", **v),
            "assignee_late": lambda v: env._(
                "its assignee %(name)s finished %(percent)s%% of their tasks late in the last 90 days "
                "(%(late)s of %(done)s)", **v),
            "project_late": lambda v: env._(
                "its project finished %(percent)s%% of its tasks late in the last 90 days (%(late)s of %(done)s)",
                **v),
        }
        parts, hidden = [], False
        for reason in reasons:
            if reason["code"] in PERSONAL_REASONS and not personal:
                hidden = True
            elif reason["code"] in texts:
                parts.append(f"{texts[reason['code']](reason.get('values') or {})} (+{reason['points']})")
        if parts or hidden:
            return "; ".join(parts)
        return env._("nothing makes it pressing")

    # ------------------------------------------------------------------ chatter logs as data

    def _task_mgmt_log(self, logs):
        """Log a note on each task of ``logs`` ({task id: [line, ...]}), its lines kept as data
        (codes, levels, rule ids, numbers) on the message: the chatter renders them in each
        reader's language (mail.message ``_to_store``). The stored body, for e-mail and
        search, is the English rendering without the people's history."""
        if not logs:
            return
        tasks = self.browse(list(logs))
        rendered = self.with_context(lang="en_US")._task_mgmt_render_logs(
            [{"lines": lines} for lines in logs.values()], personal=False)
        bodies = dict(zip(logs, rendered, strict=True))
        messages = tasks._message_log_batch(bodies=bodies)
        # one query for the data of every message (each differs: one write() each would cost
        # a query each)
        self.env["mail.message"].flush_model(["task_mgmt_log"])
        self.env.cr.execute(SQL(
            """UPDATE mail_message SET task_mgmt_log = data.log
                 FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::jsonb[]) AS log) AS data
                WHERE mail_message.id = data.id""",
            messages.ids, [json.dumps({"lines": logs[message.res_id]}) for message in messages],
        ))
        messages.invalidate_recordset(["task_mgmt_log"])

    @api.model
    def _task_mgmt_render_logs(self, payloads, personal=None):
        """Bodies of logged notes from their data ([payload, ...] as ``_task_mgmt_log`` stores
        them), in this environment's language (else the user's): [Markup, or None for data it
        does not know]. ``personal``: show the people's late history (default: to project
        administrators)."""
        if personal is None:
            personal = self.env.su or self.env.user.has_group(HISTORY_READERS)
        model = self.with_context(lang=self.env.lang or self.env.user.lang)
        rule_ids = {line.get("rule") for payload in payloads for line in payload.get("lines", ())}
        rule_ids |= {rule for payload in payloads for line in payload.get("lines", ())
                     for rule, _name in line.get("rules", ())}
        # sudo: names of the rules a note cites (rules of other companies, archived ones)
        rules = model.env["project.task.priority.rule"].sudo().with_context(active_test=False).browse(
            [r for r in rule_ids if type(r) is int]).exists()  # (not False: a bool is an int)
        names = {rule.id: rule.name for rule in rules}
        # sudo: names of the stages a note cites, in the reader's language
        stage_ids = {line.get("stage") for payload in payloads for line in payload.get("lines", ())}
        stages = model.env["project.task.type"].sudo().browse([s for s in stage_ids if type(s) is int]).exists()
        names.update({("stage", stage.id): stage.name for stage in stages})
        # sudo: names of the approval levels a note cites, in the reader's language
        level_ids = {line.get("level") for payload in payloads for line in payload.get("lines", ())}
        levels = model.env["project.task.approval.level"].sudo().with_context(active_test=False).browse(
            [level for level in level_ids if type(level) is int]).exists()
        names.update({("level", level.id): level.name for level in levels})
        result = []
        for payload in payloads:
            try:
                result.append(model._task_mgmt_render_log(payload["lines"], personal, names))
            except (KeyError, TypeError, ValueError):
                result.append(None)
        return result

    @api.model
    def _task_mgmt_render_log(self, lines, personal, rule_names):
        """One logged note from its ``lines`` of data, in this environment's language."""
        labels = dict(self._fields["priority"]._description_selection(self.env))
        quadrants = dict(self._fields["quadrant"]._description_selection(self.env))

        def rule(rule_id, name):
            return f"'{rule_names.get(rule_id, name)}'"

        texts = []
        for line in lines:
            code = line["code"]
            if code == "marked":
                text = (self.env._("Marked important by rule %(rule)s.") if line["flag"] == "important"
                        else self.env._("Marked urgent by rule %(rule)s."))
                texts.append(text % {"rule": rule(line["rule"], line["rule_name"])})
            elif code == "priority_rules":
                texts.append(self.env._(
                    "Priority %(old)s → %(new)s by rule(s) %(rules)s.",
                    old=labels.get(line["old"]), new=labels.get(line["new"]),
                    rules=", ".join(rule(rule_id, name) for rule_id, name in line["rules"]),
                ))
            elif code == "priority_quadrant":
                texts.append(self.env._(
                    "Priority %(old)s → %(new)s from the quadrant %(quadrant)s.",
                    old=labels.get(line["old"]), new=labels.get(line["new"]), quadrant=quadrants[line["quadrant"]],
                ))
            elif code == "suggestion_used":
                texts.append(self.env._(
                    "Priority suggestion accepted: %(old)s → %(new)s (score %(score)s).",
                    old=labels.get(line["old"]), new=labels.get(line["new"]), score=line["score"],
                ))
                explanation = self._task_mgmt_explain(line["reasons"], personal) if line["reasons"] else ""
                if explanation:
                    texts.append(explanation)
            else:
                texts.append(self._task_mgmt_render_log_line(line, rule_names))
        return Markup("<br/>").join(texts)


    def _task_mgmt_write_suggestions(self, changes):
        """Write {task id: (level, score, reasons, legacy explanation)}: each field's values by
        group of equal values into the cache, flushed by Odoo as batched updates (the reasons
        differ from task to task: one write() each would cost a query each)."""
        if not changes:
            return
        tasks = self.browse(list(changes))
        for index, fname in enumerate(SUGGESTION_FIELDS):
            groups = defaultdict(list)
            for task_id, values in changes.items():
                groups[json.dumps(values[index], sort_keys=True)].append(task_id)
            field = self._fields[fname]
            for value, ids in groups.items():
                field.write(self.browse(ids), json.loads(value))
        tasks.modified(SUGGESTION_FIELDS)
        tasks.flush_recordset()

