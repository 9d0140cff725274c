# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import drop_index

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.scheduler import duration_days
from ..internal import InternalFlag
from ..sql import execute_without_jit
from .project_task_dependency import SYNC

# set only by the Force Move dialog (project administrators): the write passes a Block project's
# dependency rules, with the reason logged on the task
DEPENDENCY_OVERRIDE = InternalFlag("task_mgmt_dependency_override")
# the data of a note posted by ``_task_mgmt_post``, attached to the message before it is notified
LOG_DATA = InternalFlag("task_mgmt_log_data")
# task fields whose change moves the task or its successors
SCHEDULE_INPUTS = {"planned_start_date", "planned_end_date", "duration_days", "pinned_start_date",
                   "allocated_hours", "project_id", "active", "is_milestone"}
NATIVE_DEPENDENCY_FIELDS = {"depend_on_ids", "dependent_ids"}
# the scheduler's outputs, in the order of its result tuples
SCHEDULE_RESULT_FIELDS = [
    "planned_start_date", "planned_end_date", "late_start_date", "late_end_date",
    "total_float_days", "free_float_days", "is_critical",
]
# every column the engine's bulk write path may write, with its SQL type
SCHEDULE_WRITABLE = {
    "planned_start_date": "date", "planned_end_date": "date", "late_start_date": "date",
    "late_end_date": "date", "total_float_days": "int4", "free_float_days": "int4",
    "is_critical": "bool", "duration_days": "int4",
}
# the columns of a task row the scheduler reads (inputs, then its outputs), with their SQL
# kind for the row fingerprint (``schedule_row_hash``)
SCHEDULE_HASHED = (
    ("id", "int"), ("project_id", "int"), ("duration_days", "int"), ("allocated_hours", "float"),
    ("pinned_start_date", "date"), (SQL("%s", list(CLOSED_STATES)), "closed"), ("is_milestone", "bool"),
    ("planned_start_date", "date"), ("planned_end_date", "date"), ("late_start_date", "date"),
    ("late_end_date", "date"), ("total_float_days", "int"), ("free_float_days", "int"), ("is_critical", "bool"),
)
# a value no column of a fingerprinted row can hold: stands for NULL in the fingerprint
_HASH_NULL = -(1 << 40)
# indexes of earlier versions on columns the scheduler writes (dropped by init())
SCHEDULE_COLUMN_INDEXES = [
    "project_task__planned_start_date_index", "project_task__planned_end_date_index",
    "project_task__is_critical_index", "project_task_project_late_end_index",
]
# free space left on project_task's pages for in-place (heap-only) updates of a schedule
PROJECT_TASK_FILLFACTOR = 70
# how many tasks a refusal names before it only counts the rest
REFUSAL_NAMES = 10


def _array_literal(values, kind):
    """The text of a PostgreSQL array of ``values`` of the SQL type ``kind`` (``date``,
    ``int4`` or ``bool``), each value converted to its type first (nothing else can reach
    the literal); None, and False for a date or a number, are NULL."""
    if kind == "bool":
        items = ["t" if value else "f" for value in values]
    elif kind == "date":
        if all(value.__class__ is date for value in values):  # the engine's dates: the fast way
            # a few hundred distinct dates among thousands of values: each formatted once
            text = {value: value.isoformat() for value in set(values)}
            items = map(text.__getitem__, values)
        else:
            items = ["NULL" if not value else fields.Date.to_date(value).isoformat() for value in values]
    elif all(value.__class__ is int for value in values):
        items = map(str, values)
    else:
        items = ["NULL" if value is None or value is False else str(int(value)) for value in values]
    return "{" + ",".join(items) + "}"


def schedule_row_hash(alias, columns=SCHEDULE_HASHED):
    """SQL: a 64-bit fingerprint of a row's ``columns`` (``[(column, kind)]``; kind ``closed``:
    whether ``state`` is one of the states in ``column``), PostgreSQL's
    own hash functions chained through their seeds (every column and its place counts; NULL
    differs from every value).  Summed over a project's rows, it tells a process whether the
    rows it keeps in memory are still those of the database (``project.project``'s network
    cache): ~2 ms for 5,000 rows, where hashing the rows' text costs 10-25 ms."""
    hashed = SQL("0::int8")
    for column, kind in columns:
        if kind == "closed":
            # the state counts only as closed or not (the scheduler pins closed tasks): the
            # "waiting" state Odoo recomputes on the successors of a closed task changes nothing
            hashed = SQL("hashint8extended(coalesce(%s = ANY(%s), false)::int4::int8, %s)",
                         SQL.identifier(alias, "state"), column, hashed)
            continue
        field = SQL.identifier(alias, column)
        if kind in ("int", "bool"):
            hashed = SQL("hashint8extended(coalesce(%s::int4::int8, %s), %s)", field, _HASH_NULL, hashed)
        elif kind == "date":
            hashed = SQL("hashint8extended(coalesce((%s - date '2000-01-01')::int8, %s), %s)", field, _HASH_NULL,
                         hashed)
        elif kind == "float":
            hashed = SQL("hashfloat8extended(coalesce(%s::float8, 'NaN'::float8), %s)", field, hashed)
        else:
            hashed = SQL("hashtextextended(coalesce(%s::text, %s), %s)", field, "<NULL>", hashed)
    return hashed


class ProjectTask(models.Model):
    _inherit = "project.task"

    predecessor_link_ids = fields.One2many(
        "project.task.dependency", "successor_id", string="Predecessors", copy=False,
    )
    successor_link_ids = fields.One2many(
        "project.task.dependency", "predecessor_id", string="Successors", copy=False,
    )
    planned_start_date = fields.Date(
        string="Planned Start", copy=False,
        help="First working day of the task. Set by the scheduler; setting it by hand makes it "
        "the task's 'start no earlier than' date.",
    )
    planned_end_date = fields.Date(
        string="Planned End", copy=False, help="Last working day of the task.",
    )
    duration_days = fields.Integer(
        string="Duration (working days)",
        help="Working days the task takes. Empty: allocated hours divided by the working "
        "calendar's hours per day, rounded up (at least one day).",
    )
    is_milestone = fields.Boolean(
        string="Is a Milestone", copy=True,
        help="A point in the plan, not work: the scheduler gives it no duration (its start is "
        "its end), whatever its hours or duration; the Gantt chart draws it as a diamond.",
    )
    pinned_start_date = fields.Date(
        string="Start No Earlier Than", copy=False,
        help="The scheduler never plans the task to start before this date.",
    )
    late_start_date = fields.Date(string="Latest Start", copy=False, readonly=True)
    late_end_date = fields.Date(string="Latest End", copy=False, readonly=True)
    total_float_days = fields.Integer(
        string="Total Float (days)", copy=False, readonly=True, aggregator="min",
        help="Working days the task can slip without delaying the project.",
    )
    free_float_days = fields.Integer(
        string="Free Float (days)", copy=False, readonly=True, aggregator="min",
        help="Working days the task can slip without delaying any successor.",
    )
    is_critical = fields.Boolean(
        string="Critical", copy=False, readonly=True,
        help="On the critical path: any slip delays the end of the project.",
    )
    is_schedule_late = fields.Boolean(
        string="Planned After Deadline", compute="_compute_is_schedule_late", store=True,
        help="The planned end falls after the task's deadline.",
    )
    schedule_mode = fields.Selection(related="project_id.schedule_mode")
    is_behind_plan = fields.Boolean(
        string="Behind Plan", compute="_compute_is_behind_plan", search="_search_is_behind_plan",
        help="Still open although its planned end has passed.",
    )
    planned_working_days = fields.Integer(
        string="Planned Days", compute="_compute_planned_working_days",
        help="Working days between the planned start and the planned end, on the project's calendar.",
    )
    # the planning calendar's colour: red critical, orange behind plan, blue on track, grey closed
    planning_color = fields.Integer(compute="_compute_planning_color", export_string_translation=False)

    @api.constrains("duration_days", "planned_start_date", "planned_end_date")
    def _check_planned_dates(self):
        for task in self:
            if task.duration_days and task.duration_days < 0:
                raise ValidationError(self.env._(
                    "Task '%(task)s': the duration cannot be negative (%(days)s working days).",
                    task=task.display_name, days=task.duration_days,
                ))
            if task.planned_start_date and task.planned_end_date and task.planned_end_date < task.planned_start_date:
                raise ValidationError(self.env._(
                    "Task '%(task)s': the planned end (%(end)s) is before the planned start (%(start)s).",
                    task=task.display_name, end=task.planned_end_date, start=task.planned_start_date,
                ))

    @api.depends("planned_end_date", "date_deadline")
    def _compute_is_schedule_late(self):
        for task in self:
            task.is_schedule_late = bool(
                task.planned_end_date and task.date_deadline
                and task.planned_end_date > task.date_deadline.date()
            )

    @api.depends_context("tz")
    @api.depends("planned_end_date", "state")
    def _compute_is_behind_plan(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_behind_plan = bool(
                task.planned_end_date and task.planned_end_date < today and task.state not in CLOSED_STATES)

    def _search_is_behind_plan(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Behind Plan can only be searched as set or not set."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("planned_end_date", "<", today), ("state", "not in", list(CLOSED_STATES))]
        return ["|", "|", ("planned_end_date", "=", False), ("planned_end_date", ">=", today),
                ("state", "in", list(CLOSED_STATES))]

    @api.depends("planned_start_date", "planned_end_date", "project_id.resource_calendar_id")
    def _compute_planned_working_days(self):
        planned = self.filtered(lambda t: t.planned_start_date and t.planned_end_date)
        (self - planned).planned_working_days = 0
        default = self.env.company.resource_calendar_id
        for calendar, tasks in planned.grouped(lambda t: t.project_id.resource_calendar_id or default).items():
            if not calendar:  # no working calendar at all: calendar days
                for task in tasks:
                    task.planned_working_days = (task.planned_end_date - task.planned_start_date).days + 1
                continue
            start = min(tasks.mapped("planned_start_date"))
            end = max(tasks.mapped("planned_end_date"))
            # one working calendar per calendar for the whole batch (index = working-day number)
            axis = calendar._task_mgmt_work_calendar(start, end + timedelta(days=1)).axis(start)
            for task in tasks:
                task.planned_working_days = max(
                    axis.index(task.planned_end_date + timedelta(days=1)) - axis.index(task.planned_start_date), 0)

    @api.depends("is_critical", "state", "planned_end_date")
    @api.depends_context("tz")
    def _compute_planning_color(self):
        for task in self:
            if task.state in CLOSED_STATES:
                task.planning_color = 0
            elif task.is_critical:
                task.planning_color = 1
            elif task.is_behind_plan:
                task.planning_color = 2
            else:
                task.planning_color = 4

    # ------------------------------------------------------------------ CRUD

    def init(self):
        result = super().init()
        # No index on a column the scheduler writes (SCHEDULE_WRITABLE): the bulk write of a
        # schedule then updates rows in place (PostgreSQL's heap-only tuples) instead of adding
        # a new entry to each of the ~25 indexes of project_task for every moved task (a full
        # schedule of 5,000 tasks: see benchmarks/bench_schedule_orm.py).  Reads filter by
        # project first (project_id is indexed).  Databases of earlier versions had them.
        for index in SCHEDULE_COLUMN_INDEXES:
            drop_index(self.env.cr, index, self._table)
        # Heap-only updates also need room on the row's page: leave 30 % of each new page free
        # (PostgreSQL's default packs pages full, so every moved task would go to a new page
        # and into every index).  Applies to pages written from now on; the rows of a page
        # updated in place free their old versions for the next schedule.
        self.env.cr.execute(SQL("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", self._table))
        options = self.env.cr.fetchone()[0] or []
        if not any(option.startswith("fillfactor=") for option in options):
            self.env.cr.execute(SQL("ALTER TABLE %s SET (fillfactor = %s)", SQL.identifier(self._table),
                                    PROJECT_TASK_FILLFACTOR))
        return result

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        if not SYNC.is_set(self.env) and any(NATIVE_DEPENDENCY_FIELDS & set(v) for v in vals_list):
            tasks._sync_links_from_native(set(), tasks._native_dependency_pairs())
        if any(SCHEDULE_INPUTS & set(v) for v in vals_list):
            tasks.filtered(lambda t: t.planned_start_date and not t.planned_end_date)._set_end_from_duration()
            tasks._task_mgmt_place_new()
        return tasks

    def write(self, vals):
        if "stage_id" in vals or "state" in vals:
            self._check_dependency_semantics(vals)
        vals = dict(vals)
        if vals.get("planned_start_date") and "pinned_start_date" not in vals:
            # a start set by hand becomes a "start no earlier than" constraint (as in MS Project)
            vals["pinned_start_date"] = vals["planned_start_date"]
        if vals.get("planned_start_date") and "planned_end_date" not in vals:
            vals["planned_end_date"] = False  # derived again below from the duration
        sync = not SYNC.is_set(self.env) and NATIVE_DEPENDENCY_FIELDS & set(vals)
        before = self._native_dependency_pairs() if sync else set()
        projects_before = self.project_id if "project_id" in vals else self.env["project.project"]
        result = super().write(vals)
        if sync:
            self._sync_links_from_native(before, self._native_dependency_pairs())
        if SCHEDULE_INPUTS & set(vals):
            if vals.get("planned_end_date") and "duration_days" not in vals:
                self._set_duration_from_dates()
            self.filtered(lambda t: t.planned_start_date and not t.planned_end_date)._set_end_from_duration()
            (projects_before | self.project_id)._task_mgmt_autoschedule(self.ids)
        return result

    def _task_mgmt_place_new(self):
        """Schedule new tasks of automatic projects without rescheduling their projects when
        they can: a new task without links depends on nothing but its project's start and
        finish, so it is placed on its own (``project.project._task_mgmt_place_unlinked``,
        a cost independent of the project's size). New tasks with links were scheduled with
        their project when the links were created."""
        tasks = self.filtered(lambda t: t.active and t.project_id.schedule_mode == "auto")
        if not tasks:
            return
        linked = tasks.filtered(lambda t: t.predecessor_link_ids or t.successor_link_ids)
        self.env["project.project"]._task_mgmt_place_unlinked(tasks - linked)

    # ------------------------------------------------------------------ chatter notes as data

    def _task_mgmt_post(self, lines, **kwargs):
        """Post (``message_post``: followers and ``partner_ids`` notified) a note on this task
        whose ``lines`` are kept as data on the message, like ``_task_mgmt_log``: the chatter
        renders them in each reader's language; the stored body, for the e-mail notification
        and search, is rendered in the author's language (as a note typed by them would be)."""
        self.ensure_one()
        body = self._task_mgmt_render_logs([{"lines": lines}], personal=False)[0]
        return self.with_context(**LOG_DATA.carrying({"lines": lines})).message_post(body=body, **kwargs)

    def _message_post_after_hook(self, message, msg_vals):
        data = LOG_DATA.value(self.env)
        if data is not None:
            # sudo: the data field is written by the addon only (see mail.message); before the
            # notification, so that the chatters showing it live render it too
            message.sudo().task_mgmt_log = data
        return super()._message_post_after_hook(message, msg_vals)

    @api.model
    def _task_mgmt_render_log_line(self, line, names):
        """One line of a note logged as data (``_task_mgmt_log``) by a capability other than
        the priorities (approvals, RACI override it), in this environment's language;
        ``names``: names read for the notes ({("stage", id): name, ("level", id): name}).
        ValueError for a line no capability knows."""
        code = line["code"]
        if code == "dependency_warning":
            labels = dict(self.env["project.task.dependency"]._fields["dependency_type"]._description_selection(
                self.env))
            blockers = ", ".join(self.env._("'%(task)s' (%(type)s)", task=name, type=labels.get(kind, kind))
                                 for name, kind in line["blockers"])
            return self.env._("Dependency warning: %s", self.env._(
                "Task '%(task)s' is blocked by %(blockers)s.", task=line["task"], blockers=blockers))
        if code == "force_moved":
            return self.env._("%(user)s moved the task past its dependencies: %(reason)s",
                              user=line["user"], reason=line["reason"])
        raise ValueError(code)

    # ------------------------------------------------------------------ native dependencies

    def _native_dependency_pairs(self):
        """(predecessor id, successor id) pairs of the native relation touching these tasks."""
        if not self.ids:
            return set()
        self.flush_model(["depend_on_ids"])
        rows = self.env.execute_query(SQL(
            "SELECT depends_on_id, task_id FROM task_dependencies_rel "
            "WHERE task_id = ANY(%(ids)s) OR depends_on_id = ANY(%(ids)s)",
            ids=self.ids,
        ))
        return set(rows)

    def _sync_links_from_native(self, before, after):
        """Native ``depend_on_ids`` edits become finish-to-start links (added) or remove the
        finish-to-start links they mirrored (removed)."""
        added, removed = after - before, before - after
        if not added and not removed:
            return
        # sudo: the native write already passed Odoo's own access checks on these tasks
        Link = self.env["project.task.dependency"].sudo().with_context(**SYNC.on())
        pairs = added | removed
        existing = Link.search_fetch(
            [("predecessor_id", "in", list({p for p, _s in pairs})),
             ("successor_id", "in", list({s for _p, s in pairs}))],
            ["predecessor_id", "successor_id", "dependency_type"],
        )
        by_pair = {(link.predecessor_id.id, link.successor_id.id): link for link in existing}
        to_unlink = Link.browse([by_pair[p].id for p in removed if p in by_pair and by_pair[p].dependency_type == "fs"])
        to_fs = Link.browse([by_pair[p].id for p in added if p in by_pair and by_pair[p].dependency_type != "fs"])
        if to_unlink:
            to_unlink._task_mgmt_delete_mirrors()
        if to_fs:
            to_fs.write({"dependency_type": "fs"})
        new = [{"predecessor_id": p, "successor_id": s, "dependency_type": "fs", "lag_days": 0}
               for p, s in sorted(added) if (p, s) not in by_pair]
        if new:
            Link.create(new)

    # ------------------------------------------------------------------ link semantics

    def _task_mgmt_first_stages(self):
        """{project id: its first task stage} for the projects of these tasks."""
        projects = self.project_id
        return {project.id: project.type_ids.sorted(lambda s: (s.sequence, s.id))[:1] for project in projects}

    def _check_dependency_semantics(self, vals):
        """Refuse (or, when the project says so, only record) a start before the finish-to-start
        predecessors are done and the start-to-start ones have started, and a completion before
        the finish-to-finish predecessors are done and the start-to-finish ones have started.

        Projects on Odoo's own behaviour (``native``, the default) are left alone: their tasks
        show as Waiting and can be moved.  A project administrator moving a task of a *Block*
        project is offered the *Force Move* dialog, which logs a reason; the forced write
        carries ``DEPENDENCY_OVERRIDE``, which only that dialog can set."""
        if DEPENDENCY_OVERRIDE.is_set(self.env):
            return
        # sudo: the rule reads links and stages the writer may not read (a portal collaborator,
        # a blocker in a project the user cannot see); the writer's own access is Odoo's check
        tasks = self.sudo().filtered(
            lambda t: t.project_id.dependency_enforcement in ("block", "warn") and t.predecessor_link_ids)
        if not tasks:
            return
        Stage = self.env["project.task.type"].sudo()
        new_stage = Stage.browse(vals["stage_id"]) if vals.get("stage_id") else None
        new_state = vals.get("state")
        links = tasks.predecessor_link_ids
        first_stage = (tasks | links.predecessor_id)._task_mgmt_first_stages()

        def started(task, stage=None, state=None):
            stage = stage if stage is not None else task.stage_id
            state = state or task.state
            return state in CLOSED_STATES or (stage and stage != first_stage.get(task.project_id.id))

        labels = dict(self.env["project.task.dependency"]._fields["dependency_type"]._description_selection(self.env))
        blocked = defaultdict(list)
        for task in tasks:
            starts = not started(task) and started(task, new_stage, new_state)
            finishes = new_state == "1_done" and task.state != "1_done"
            for link in links.filtered(lambda link, task=task: link.successor_id == task):
                pred, kind = link.predecessor_id, link.dependency_type
                if (starts and kind == "fs" and pred.state not in CLOSED_STATES) or (
                    starts and kind == "ss" and not started(pred)) or (
                    finishes and kind == "ff" and pred.state not in CLOSED_STATES) or (
                        finishes and kind == "sf" and not started(pred)):
                    blocked[task].append((pred, kind))
        errors, warnings = [], []
        for task, blockers in blocked.items():
            if task.project_id.dependency_enforcement == "warn":
                warnings.append((task, blockers))
                continue
            errors.append((task, self.env._(
                "Task '%(task)s' is blocked by %(blockers)s.", task=task.display_name,
                blockers=", ".join(self.env._("'%(task)s' (%(type)s)", task=pred.display_name, type=labels[kind])
                                   for pred, kind in blockers))))
        if errors:
            message = "\n".join(text for _task, text in errors)
            if not self.env.su and self.env.user.has_group("project.group_project_manager"):
                # an administrator at the screen is offered the Force Move dialog
                raise RedirectWarning(
                    message,
                    self.env["project.task.force.move"]._action_open(
                        self.browse([task.id for task, _text in errors]), vals),
                    self.env._("Force Move…"),
                )
            raise UserError(message)
        for task, blockers in warnings:
            task._task_mgmt_post([{
                "code": "dependency_warning", "task": task.display_name,
                "blockers": [(pred.display_name, kind) for pred, kind in blockers],
            }], subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------ dates

    def _task_mgmt_by_calendar(self):
        """{working calendar: tasks} (the project's calendar, else the company's)."""
        by_calendar = defaultdict(list)
        for task in self:
            by_calendar[task.project_id.resource_calendar_id or self.env.company.resource_calendar_id].append(task.id)
        return {calendar: self.browse(ids) for calendar, ids in by_calendar.items()}

    def _set_end_from_duration(self):
        """Planned end = planned start + duration on the working calendar (the engine's
        write path, ``_task_mgmt_write_schedule``)."""
        changes = {}
        for calendar, cal_tasks in self._task_mgmt_by_calendar().items():
            start = min(cal_tasks.mapped("planned_start_date"))
            work = calendar._task_mgmt_work_calendar(start, start + timedelta(days=3 * 366))
            for task in cal_tasks:
                days = duration_days(task.allocated_hours, work.hours_per_day, task.duration_days or None,
                                     task.is_milestone)
                changes[task.id] = (work.add_working_days(task.planned_start_date, max(days - 1, 0)),)
        self._task_mgmt_write_schedule(changes, ["planned_end_date"])

    def _set_duration_from_dates(self):
        """After a planned end set by hand: the duration becomes the working days from start
        to end, on the project's working calendar (the engine's write path)."""
        tasks = self.filtered(lambda t: t.planned_start_date and t.planned_end_date)
        changes = {}
        for calendar, cal_tasks in tasks._task_mgmt_by_calendar().items():
            start = min(cal_tasks.mapped("planned_start_date"))
            end = max(cal_tasks.mapped("planned_end_date"))
            work = calendar._task_mgmt_work_calendar(start, end)
            for task in cal_tasks:
                days = work.working_days_between(task.planned_start_date, task.planned_end_date + timedelta(days=1))
                changes[task.id] = (max(days, 0),)
        self._task_mgmt_write_schedule(changes, ["duration_days"])

    @api.model
    def _task_mgmt_write_schedule(self, changes, fnames=tuple(SCHEDULE_RESULT_FIELDS), check_access=True,
                                  hashes=None):
        """The one write path of the scheduling engine's results.

        ``changes``: ``{task id: tuple of values of fnames}``, only the tasks whose values
        change. The rows are written with one ``UPDATE … FROM (VALUES …)`` per 5,000 tasks,
        as the current user, keeping Odoo coherent:

        * record rules: the user must be allowed to write every task, otherwise nothing is
          written and the refusal names the tasks;
        * ``write_uid`` / ``write_date`` are set in the same statement;
        * tracked fields among ``fnames`` are tracked as ``write()`` tracks them;
        * the ORM cache of these fields is invalidated and dependent fields (stored computed
          ones such as ``is_schedule_late``, related ones) follow through ``modified``.

        ``write()`` overrides are not called: these are the engine's outputs, and ``write()``
        of these fields is what starts the engine (a loop otherwise).

        ``check_access=False`` only for tasks the current request has just created through
        ``create()`` (which checked the user's rights on them): placing them is part of their
        creation, as a stored computed field would be.

        ``hashes``: a dict filled with ``{task id: schedule_row_hash of the row written}`` (the
        same statement returns them), for the network cache of ``project.project``."""
        if not changes:
            return
        fnames = list(fnames)
        unknown = set(fnames) - set(SCHEDULE_WRITABLE)
        if unknown:
            raise ValueError(f"Not a field of the scheduler's write path: {sorted(unknown)}")
        tasks = self.browse(list(changes))
        if check_access:
            tasks._task_mgmt_check_schedule_access(fnames)
        tasks._task_mgmt_check_schedule_values(changes, fnames)
        self.flush_model([*fnames, "write_uid", "write_date"])
        context = self.env.context
        if not context.get("tracking_disable") and not context.get("mail_notrack"):
            tracked = tasks._track_get_fields().intersection(fnames)
            if tracked:
                tasks._track_prepare(tracked)  # the values before, for the tracking message
        columns = SQL(", ").join(map(SQL.identifier, ["id", *fnames]))
        assignments = SQL(", ").join(SQL("%s = v.%s", SQL.identifier(fname), SQL.identifier(fname)) for fname in fnames)
        if "planned_end_date" in fnames:
            # the stored "Planned After Deadline" flag in the same statement (as its compute)
            assignments = SQL(
                "%s, is_schedule_late = (v.planned_end_date > t.date_deadline::date) IS TRUE", assignments)
        # one array per column, sent as the text of a PostgreSQL array and unnested by the
        # server: psycopg2 quotes 40,000 separate parameters of a 5,000-row VALUES list in
        # ~0.1 s (as long as the UPDATE itself), eight array literals in ~0.02 s
        ids = list(changes)
        arrays = [SQL("%s::int4[]", _array_literal(ids, "int4"))]
        for position, fname in enumerate(fnames):
            kind = SCHEDULE_WRITABLE[fname]
            arrays.append(SQL("%s::%s[]", _array_literal([values[position] for values in changes.values()], kind),
                              SQL(kind)))
        self.env.cr.execute(SQL(
            "UPDATE project_task AS t SET %s, write_uid = %s, write_date = %s"
            "  FROM unnest(%s) AS v(%s) WHERE t.id = v.id%s",
            assignments, self.env.uid, self.env.cr.now(), SQL(", ").join(arrays), columns,
            SQL(" RETURNING t.id, %s", schedule_row_hash("t")) if hashes is not None else SQL(),
        ))
        if hashes is not None:
            hashes.update(self.env.cr.fetchall())
        tasks.invalidate_recordset([*fnames, "is_schedule_late", "write_uid", "write_date"])
        tasks.modified(fnames)
        if "planned_end_date" in fnames:
            late = self._fields["is_schedule_late"]
            tasks.modified([late.name])
            self.env.remove_to_compute(late, tasks)  # written by the UPDATE above

    def _task_mgmt_check_schedule_access(self, fnames):
        """Refuse the whole schedule, naming the tasks, when the user may not write them all:
        the access rights, then the record rules in one query (Odoo's ``_check_access``
        evaluates the rules in Python, task by task: seconds for a 5,000-task project)."""
        if self.env.su:
            return
        self.check_field_access_rights("write", fnames)
        self.browse().check_access("write")  # ir.model.access
        domain = self.env["ir.rule"]._compute_domain(self._name, "write")
        if not domain:
            return
        # sudo: the user's own write rules are in the domain; sudo only stops them twice
        query = self.sudo().with_context(active_test=False)._search(domain)
        # the ids as the text of one array (a domain's ``in`` sends each id as its own literal,
        # a list parameter is quoted item by item)
        query.add_where(SQL("%s = ANY(%s::int4[])", SQL.identifier(query.table, "id"),
                            _array_literal(self.ids, "int4")))
        # how many may be written first (one row back, not thousands of ids); the ids only
        # when some may not. (The rules' subqueries over 5,000 ids pass JIT's cost threshold:
        # compiling costs more than running.)
        counted = SQL("count(DISTINCT %s)", SQL.identifier(query.table, "id"))
        if execute_without_jit(self.env, query.select(counted))[0][0] == len(self):
            return
        allowed = {task_id for (task_id,) in execute_without_jit(self.env, query.select())}
        forbidden = self.browse([task_id for task_id in self.ids if task_id not in allowed])
        visible = forbidden._filtered_access("read")
        names = ", ".join(f"'{name}'" for name in visible[:REFUSAL_NAMES].mapped("display_name"))
        hidden = len(forbidden) - min(len(visible), REFUSAL_NAMES)
        if names and hidden:
            what = self.env._("%(names)s and %(count)s other task(s)", names=names, count=hidden)
        else:
            what = names or self.env._("%(count)s task(s) you cannot see", count=hidden)
        raise AccessError(self.env._(
            "The schedule cannot be saved: it moves tasks you are not allowed to change: %(tasks)s. "
            "Ask their project manager to reschedule.", tasks=what,
        ))

    def _task_mgmt_check_schedule_values(self, changes, fnames):
        """What ``_check_planned_dates`` would refuse, checked on the values before the write."""
        if "duration_days" in fnames:
            position = fnames.index("duration_days")
            negative = [task_id for task_id, values in changes.items() if (values[position] or 0) < 0]
            if negative:
                task = self.browse(negative[0])
                raise ValidationError(self.env._(
                    "Task '%(task)s': the duration cannot be negative (%(days)s working days).",
                    task=task.display_name, days=changes[task.id][position],
                ))
        if "planned_start_date" in fnames and "planned_end_date" in fnames:
            first, last = fnames.index("planned_start_date"), fnames.index("planned_end_date")
            backwards = [task_id for task_id, values in changes.items()
                         if values[first] and values[last] and values[last] < values[first]]
            if backwards:
                task = self.browse(backwards[0])
                raise ValidationError(self.env._(
                    "Task '%(task)s': the planned end (%(end)s) is before the planned start (%(start)s).",
                    task=task.display_name, end=changes[task.id][last], start=changes[task.id][first],
                ))

    # ------------------------------------------------------------------ actions

    def action_schedule(self):
        """Schedule the projects of the selected tasks."""
        self.check_access("write")
        return self.project_id.action_schedule_tasks()
