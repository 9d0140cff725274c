# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools
import threading
from collections import defaultdict
from datetime import timedelta
from operator import itemgetter

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.gcpause import paused_gc
from ..engine.scheduler import CycleError, Network, duration_days
from .project_task import SCHEDULE_RESULT_FIELDS, schedule_row_hash

# how far ahead public holidays and leaves are read for one schedule
HORIZON_DAYS = 3 * 366
# projects re-planned per batch of the nightly scheduled action
REPLAN_BATCH = 50
# columns of project_task the scheduler reads
SCHEDULE_READ_FIELDS = ["id", "project_id", "duration_days", "allocated_hours", "pinned_start_date",
                        "state", "is_milestone", *SCHEDULE_RESULT_FIELDS]
# positions in a row of SCHEDULE_READ_FIELDS
R_PROJECT, R_RESULTS = 1, 7
R_START = R_RESULTS  # planned_start_date, the first of SCHEDULE_RESULT_FIELDS
R_HASH = R_RESULTS + len(SCHEDULE_RESULT_FIELDS)  # the row's fingerprint, read after the fields
# the links' columns in a project's fingerprint
LINK_HASHED = [("id", "int"), ("predecessor_id", "int"), ("successor_id", "int"), ("dependency_type", "text"),
               ("lag_days", "int")]
# scheduled networks kept between requests by this process (each Odoo worker has its own):
# {(database, project id, calendar id): _Plan}, the most recently used last.  A plan is used
# only when the database still holds exactly the rows it was computed from (see
# ``_task_mgmt_fingerprint``); 0 turns the cache off (every schedule reads the whole project).
NETWORK_CACHE = {}
NETWORK_CACHE_SIZE = 8
# the threads of one process (threaded server) share NETWORK_CACHE
_NETWORK_CACHE_LOCK = threading.Lock()


class _Plan:
    """A project's schedule in memory: the engine's network, the working-day axis, and the
    task rows (inputs, outputs and fingerprint) as they are in the database."""

    __slots__ = ("axis", "context", "external_ids", "hours_per_day", "inputs", "network", "rows",
                 "start", "task_sum")

    def values(self, task_ids):
        """{task id: tuple of SCHEDULE_RESULT_FIELDS values} the network gives these tasks."""
        network = self.network
        task_ids = list(task_ids)
        positions = list(map(network.position.__getitem__, task_ids))
        es = [network.es[i] for i in positions]
        ls = [network.ls[i] for i in positions]
        durations = [network.durations[i] for i in positions]
        total = [late - early for early, late in zip(es, ls, strict=True)]
        date_of = self.axis.dates
        # last working day: ef - 1 for a task, es for a milestone (ef == es)
        values = zip(date_of(es), date_of([start + max(d - 1, 0) for start, d in zip(es, durations, strict=True)]),
                     date_of(ls), date_of([start + max(d - 1, 0) for start, d in zip(ls, durations, strict=True)]),
                     total, [network.free[i] for i in positions], [t <= 0 for t in total], strict=True)
        return dict(zip(task_ids, values, strict=True))

    def changes(self, task_ids):
        """The values of these tasks that differ from their rows."""
        current = itemgetter(*range(R_RESULTS, R_HASH))
        rows = self.rows
        return {task_id: new for task_id, new in self.values(task_ids).items() if new != current(rows[task_id])}

    def written(self, changes, hashes):
        """Take the rows just written (``changes``, with their new fingerprints) into the plan."""
        rows = self.rows
        for task_id, new in changes.items():
            row = rows[task_id]
            rows[task_id] = (*row[:R_RESULTS], *new, hashes[task_id])
            self.task_sum += hashes[task_id] - row[R_HASH]


class ProjectProject(models.Model):
    _inherit = "project.project"

    schedule_mode = fields.Selection(
        [("auto", "Automatic"), ("manual", "Manual")], string="Rescheduling", required=True,
        default=lambda self: self._task_mgmt_setting_default("default_schedule_mode", "auto", ("auto", "manual")),
        help="Automatic: when a task's dates, duration or dependencies change, its successors "
        "move at once. Manual: dates change only when someone clicks Schedule.",
    )
    dependency_enforcement = fields.Selection(
        [("native", "Waiting Only (Odoo Default)"), ("warn", "Warn"), ("block", "Block")], required=True,
        default=lambda self: self._task_mgmt_setting_default(
            "default_dependency_enforcement", "native", ("native", "warn", "block")),
        help="Waiting Only: Odoo's own behaviour, a task whose finish-to-start predecessors are open "
        "shows as Waiting and can still be moved or marked done.\n"
        "Warn: the move happens and a note on the task records the broken dependency.\n"
        "Block: a task cannot start (or finish) before its dependencies allow it; a project "
        "administrator may still force the move with a reason, logged on the task.",
    )
    schedule_outdated = fields.Boolean(
        copy=False, index=True, readonly=True,
        help="The working calendar or the time off of this project changed since it was last "
        "scheduled: the nightly re-plan reschedules it.",
    )
    critical_task_count = fields.Integer(
        compute="_compute_critical_task_count", string="Critical Tasks", help="Open tasks on the critical path.")

    @api.model
    def _task_mgmt_setting_default(self, key, fallback, allowed):
        """The default of a new project's setting chosen in Settings (``task_mgmt_advanced.<key>``)."""
        # sudo: a setting's default is no secret; any user creating a project gets it
        value = self.env["ir.config_parameter"].sudo().get_param(f"task_mgmt_advanced.{key}", fallback)
        return value if value in allowed else fallback

    def _compute_critical_task_count(self):
        counts = dict(self.env["project.task"]._read_group(
            [("project_id", "in", self.ids), ("is_critical", "=", True), ("state", "not in", list(CLOSED_STATES))],
            ["project_id"], ["__count"],
        ))
        for project in self:
            project.critical_task_count = counts.get(project, 0)

    # ------------------------------------------------------------------ actions

    def action_schedule_tasks(self):
        """Run the scheduler on these projects and write the dates that changed."""
        self.check_access("read")
        self.env["project.task"].check_access("write")
        changed = self._task_mgmt_schedule()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s task(s) rescheduled.", count=changed),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_critical_tasks(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("task_mgmt_advanced.project_task_action_critical")
        action["name"] = self.env._("Critical Tasks of %(project)s", project=self.name)
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, "search_default_critical": 1}
        return action

    # ------------------------------------------------------------------ scheduling

    def _task_mgmt_autoschedule(self, changed_task_ids=()):
        """Reschedule the projects in automatic mode (``changed_task_ids``: see ``_task_mgmt_schedule``)."""
        projects = self.filtered(lambda p: p.schedule_mode == "auto")
        if projects:
            projects._task_mgmt_schedule(changed_task_ids)

    def _task_mgmt_lock(self):
        """Lock these projects' rows for the schedule (``FOR NO KEY UPDATE NOWAIT``): two
        schedules of one project never interleave; the second is refused at once.  The rows are
        then updated (their schedule is current again: ``schedule_outdated`` off), so that a
        schedule whose snapshot predates this one's commit fails to lock them with a
        serialization error, which Odoo answers by retrying the request: the retry reads what
        this schedule wrote."""
        if not self:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL(
                    "SELECT id FROM project_project WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE NOWAIT",
                    self.ids,
                ))
        except psycopg2.errors.LockNotAvailable:
            raise UserError(self.env._(
                "Project %(projects)s is being rescheduled by someone else: try again in a moment.",
                projects=", ".join(f"'{name}'" for name in self.mapped("display_name")),
            )) from None
        self.env.cr.execute(SQL(
            "UPDATE project_project SET schedule_outdated = false WHERE id = ANY(%s)", self.ids,
        ))
        self.invalidate_recordset(["schedule_outdated"])

    def _task_mgmt_schedule(self, changed_task_ids=()):
        """Schedule the active tasks of these projects: lock the projects, read in a few
        queries, compute with the plain-Python engine, write only the rows whose values
        changed in one bulk statement (``project.task._task_mgmt_write_schedule``).
        ``changed_task_ids``: the tasks whose dates, duration or hours the caller just changed
        (a hint: a project kept in memory then re-reads only them, see
        ``_task_mgmt_schedule_once``).  Projects reached through cross-project links follow
        when they are in automatic mode.  Returns the number of tasks written."""
        done, todo, written = set(), set(self.ids), 0
        # thousands of acyclic rows and engine objects: without the cyclic collector's young and
        # full collections over the Odoo heap (15-65 ms of a 5,000-task schedule, engine/gcpause.py)
        with paused_gc():
            while todo:
                projects = self.browse(sorted(todo))
                done |= todo
                projects._task_mgmt_lock()
                changed_ids = projects._task_mgmt_schedule_once(changed_task_ids)
                written += len(changed_ids)
                todo = set(projects._task_mgmt_followers(changed_ids)) - done
        return written

    def _task_mgmt_followers(self, task_ids):
        """Ids of the other automatic projects holding successors of these tasks, through the
        partial index of the cross-project links (``project.task.dependency.init``: its
        condition is repeated here for the planner): a project's own links are not read, and
        the few links leaving these projects are matched with ``task_ids`` here (not an array
        of thousands of ids to send)."""
        if not task_ids:
            return []
        task_ids = set(task_ids)
        return list({project_id for (predecessor_id, project_id) in self.env.execute_query(SQL(
            """SELECT d.predecessor_id, d.project_id
                 FROM project_task_dependency d
                 JOIN project_task s ON s.id = d.successor_id
                 JOIN project_project p ON p.id = d.project_id
                WHERE d.predecessor_project_id = ANY(%s) AND d.predecessor_project_id <> d.project_id
                  AND NOT d.project_id = ANY(%s) AND s.active AND p.schedule_mode = 'auto'""",
            self.ids, self.ids,
        )) if predecessor_id in task_ids})

    def _task_mgmt_calendar(self):
        """The working calendar of this project (its own, else the company's)."""
        return self.resource_calendar_id or self.env.company.resource_calendar_id

    def _task_mgmt_schedule_once(self, changed_task_ids=()):
        """Schedule the active tasks of these projects once; return the ids of the tasks written.

        One project whose schedule this process keeps in memory (``NETWORK_CACHE``) and whose
        rows in the database are still those it was computed from (``_task_mgmt_fingerprint``,
        after re-reading ``changed_task_ids``) is rescheduled incrementally: the engine
        recomputes what the changed tasks reach (``engine.scheduler.Network.update``).
        Otherwise the whole network is read and scheduled, and kept for the next time.

        The network is read with plain rows, not records: the schedule depends on every task
        and link of the project, also the ones this user cannot see, and it is pure
        computation.  The results are written through the current user's own access
        (``_task_mgmt_write_schedule`` refuses the whole schedule otherwise)."""
        Task = self.env["project.task"]
        Task.flush_model()
        self.env["project.task.dependency"].flush_model()
        cacheable = len(self) == 1 and NETWORK_CACHE_SIZE > 0
        if cacheable:
            calendar = self._task_mgmt_calendar()  # a computed field: read once
            key = (self.env.cr.dbname, self.id, calendar.id)
            # taken out while in use: a thread of this process scheduling the same project at
            # the same time (after this transaction) builds its own
            with _NETWORK_CACHE_LOCK:
                plan = NETWORK_CACHE.pop(key, None)
            if plan is not None:
                changes = self._task_mgmt_update_plan(plan, changed_task_ids, calendar)
                if changes is not None:
                    hashes = {}
                    Task._task_mgmt_write_schedule(changes, hashes=hashes)
                    plan.written(changes, hashes)
                    self._task_mgmt_keep_plan(key, plan)
                    return list(changes)
        # the rows' fingerprints only for a plan to keep (not for the batches of the nightly re-plan)
        rows = self._task_mgmt_task_rows(SQL("t.project_id = ANY(%s) AND t.active", self.ids), hashed=cacheable)
        if not rows:
            return []
        task_ids = [row[0] for row in rows]
        known = set(task_ids)
        # by the links' stored successor project (indexed; no array of every task id to send
        # and match), then only those whose successor is one of the active tasks read above
        link_rows = self.env.execute_query(SQL(
            "SELECT predecessor_id, successor_id, upper(dependency_type), lag_days, %s"
            "  FROM project_task_dependency d WHERE project_id = ANY(%s)",
            schedule_row_hash("d", LINK_HASHED) if cacheable else SQL("0"), self.ids,
        ))
        links = [link[:4] for link in link_rows if link[1] in known]
        external_ids = list({pred for pred, _succ, _kind, _lag in links} - known)
        external = self._task_mgmt_task_rows(
            SQL("t.id = ANY(%s) AND t.planned_start_date IS NOT NULL", external_ids), hashed=cacheable,
        ) if external_ids else []
        calendars = {self.id: calendar} if cacheable else {
            project.id: project._task_mgmt_calendar() for project in self}
        by_calendar = defaultdict(list)
        for row in rows:
            by_calendar[calendars[row[R_PROJECT]]].append(row)
        changes, plans = {}, []
        for calendar, cal_rows in by_calendar.items():
            plan = self._task_mgmt_compute(calendar, cal_rows, links, external)
            plans.append(plan)
            changes.update(plan.changes(plan.rows))
        hashes = {}
        Task._task_mgmt_write_schedule(changes, hashes=hashes if cacheable else None)
        if cacheable:
            plan = plans[0]
            plan.written(changes, hashes)
            # what the next schedule checks: the rows as read (the tasks' as written), then
            # the project and its calendar
            plan.external_ids = external_ids
            plan.context = (len(link_rows), sum(link[4] for link in link_rows),
                            len(external), sum(row[R_HASH] for row in external),
                            *self._task_mgmt_fingerprint(calendar, external_ids, network=False))
            self._task_mgmt_keep_plan(key, plan)
        return list(changes)

    @api.model
    def _task_mgmt_task_rows(self, condition, hashed=True):
        """The task rows (alias ``t``) meeting ``condition``, as plain tuples in
        SCHEDULE_READ_FIELDS order then the row's fingerprint (0 unless ``hashed``): no dict
        or record per row, 5,000 rows per project."""
        return self.env.execute_query(SQL(
            "SELECT %s, %s FROM project_task t WHERE %s",
            SQL(", ").join(SQL.identifier("t", fname) for fname in SCHEDULE_READ_FIELDS),
            schedule_row_hash("t") if hashed else SQL("0"), condition,
        ))

    def _task_mgmt_keep_plan(self, key, plan):
        """Keep ``plan`` for the next schedule of its project (the least recently used plans go)."""
        with _NETWORK_CACHE_LOCK:
            NETWORK_CACHE[key] = plan
            while len(NETWORK_CACHE) > NETWORK_CACHE_SIZE:
                del NETWORK_CACHE[next(iter(NETWORK_CACHE))]

    def _task_mgmt_fingerprint(self, calendar, external_ids, network=True):
        """What the schedule of this project is computed from, in one query, as counts and sums
        of row fingerprints (``project_task.schedule_row_hash``): the active tasks (inputs and
        outputs), the links, the predecessors in other projects (``network=False`` leaves these
        three out), then the project's start and the calendar's working hours and leaves.
        Content, not ``write_date`` (the start of the writing transaction, the same for two
        writes of one transaction) nor a version counter (every writer, SQL ones too, would
        have to bump it): a change by any process, committed or in this transaction, shows; a
        change rolled back does not."""
        self.ensure_one()
        parts = {
            "project": SQL("SELECT %s AS h FROM project_project p WHERE p.id = %s", schedule_row_hash(
                "p", [("date_start", "date"), ("create_date", "text"), ("company_id", "int")]), self.id),
            "cal": SQL("SELECT %s AS h FROM resource_calendar c WHERE c.id = %s", schedule_row_hash(
                "c", [("tz", "text"), ("two_weeks_calendar", "bool"), ("hours_per_day", "float")]), calendar.id or 0),
            "att": SQL("SELECT count(*) AS n, coalesce(sum(%s), 0)::text AS s FROM resource_calendar_attendance a"
                       " WHERE a.calendar_id = %s", schedule_row_hash(
                           "a", [("id", "int"), ("dayofweek", "text"), ("hour_from", "float"), ("hour_to", "float"),
                                 ("day_period", "text"), ("week_type", "text")]), calendar.id or 0),
            "leave": SQL("SELECT count(*) AS n, coalesce(sum(%s), 0)::text AS s FROM resource_calendar_leaves l"
                         " WHERE (l.calendar_id = %s OR l.calendar_id IS NULL) AND l.resource_id IS NULL",
                         schedule_row_hash("l", [("id", "int"), ("date_from", "text"), ("date_to", "text"),
                                                 ("calendar_id", "int")]), calendar.id or 0),
        }
        if network:
            parts = {
                "tasks": SQL("SELECT count(*) AS n, coalesce(sum(%s), 0)::text AS s FROM project_task t"
                             " WHERE t.project_id = %s AND t.active", schedule_row_hash("t"), self.id),
                "links": SQL("SELECT count(*) AS n, coalesce(sum(%s), 0)::text AS s FROM project_task_dependency d"
                             " WHERE d.project_id = %s", schedule_row_hash("d", LINK_HASHED), self.id),
                "ext": SQL("SELECT count(*) AS n, coalesce(sum(%s), 0)::text AS s FROM project_task t"
                           " WHERE t.id = ANY(%s) AND t.planned_start_date IS NOT NULL", schedule_row_hash("t"),
                           external_ids),
                **parts,
            }
        columns = SQL(", ").join(
            SQL.identifier(alias, column) for alias in parts for column in (("h",) if alias in ("project", "cal")
                                                                            else ("n", "s")))
        tables = SQL(", ").join(SQL("(%s) AS %s", query, SQL.identifier(alias)) for alias, query in parts.items())
        # the sums as text: they overflow int8, and Odoo reads numeric columns as floats
        values = self.env.execute_query(SQL("SELECT %s FROM %s", columns, tables))[0]
        return tuple(int(value) if isinstance(value, str) else value for value in values)

    def _task_mgmt_update_plan(self, plan, changed_task_ids, calendar):
        """The changes of an incremental schedule of this project from its ``plan``, or None when
        the database no longer holds the rows the plan was computed from (then the caller
        schedules in full).  Re-reads the tasks the caller changed, checks the fingerprint, and
        lets the engine recompute what their new durations and starts reach."""
        ids = [task_id for task_id in changed_task_ids if task_id in plan.rows]
        fresh = self._task_mgmt_task_rows(
            SQL("t.id = ANY(%s) AND t.project_id = %s AND t.active", ids, self.id)) if ids else []
        rows = plan.rows
        for row in fresh:
            plan.task_sum += row[R_HASH] - rows[row[0]][R_HASH]
            rows[row[0]] = row
        fingerprint = self._task_mgmt_fingerprint(calendar, plan.external_ids)
        if fingerprint[2:] != plan.context:
            return None  # links, predecessors elsewhere, the project or its calendar changed
        if fingerprint[:2] != (len(rows), plan.task_sum):
            # only task rows changed since the plan was kept (another worker's schedule or
            # edit, a change made in SQL): the same tasks? then those whose row changed are
            # re-read with the others and the network recomputes from them
            stale = self._task_mgmt_stale_rows(plan)
            if stale is None:
                return None
            fresh = [*fresh, *stale]
        index = plan.axis.index
        updates = []
        for row in fresh:
            task = self._task_mgmt_sched_task(row, plan.start[self.id], index, plan.hours_per_day)
            if task != plan.inputs[row[0]]:
                plan.inputs[row[0]] = task
                updates.append(task)
        moved = plan.network.update(updates) if updates else []
        candidates = {task_id for task_id in moved if task_id in rows}
        candidates.update(row[0] for row in fresh)
        return plan.changes(candidates)

    def _task_mgmt_stale_rows(self, plan):
        """Re-read every active task row of this project into ``plan``; return the rows that
        differ from the plan's, or None when the project no longer has the same tasks (then
        the caller schedules in full)."""
        current = self._task_mgmt_task_rows(SQL("t.project_id = %s AND t.active", self.id))
        rows = plan.rows
        if len(current) != len(rows) or any(row[0] not in rows for row in current):
            return None
        stale = [row for row in current if row[R_HASH] != rows[row[0]][R_HASH]]
        for row in stale:
            rows[row[0]] = row
        plan.task_sum = sum(row[R_HASH] for row in current)
        return stale

    @staticmethod
    def _task_mgmt_sched_task(row, project_start, index, hours_per_day):
        """The engine's task (SchedTask's fields as a plain tuple: id, label, duration, pinned
        start) of a row of SCHEDULE_READ_FIELDS, in a project starting at ``project_start``."""
        task_id, _project, duration, hours, pinned_start, state, milestone, start = row[:R_RESULTS + 1]
        pinned = project_start
        if pinned_start and pinned_start > pinned:
            pinned = pinned_start
        if start and state in CLOSED_STATES:
            pinned = start  # finished work stays where it happened
        return (task_id, task_id, duration_days(hours, hours_per_day, duration or None, milestone), index(pinned))

    def _task_mgmt_start(self):
        """{project id: the date no task of it starts before}."""
        today = fields.Date.context_today(self)
        return {
            project.id: project.date_start or (project.create_date.date() if project.create_date else today)
            for project in self
        }

    @api.model
    def _task_mgmt_place_unlinked(self, tasks):
        """Schedule new tasks without links in automatic projects without rescheduling the
        projects: such a task starts at its project's start (or its pinned start) and its
        latest dates and floats follow from the project's finish, read with one query
        (the latest late end of the project's other tasks, through the project_id index: no
        index on the schedule's columns, see ``project.task.init``).  No engine run, no write
        to the project's other tasks; the result equals a full schedule's.  When the new tasks would end
        after the project's current finish (every float of the project changes) or the project
        has no schedule yet, the project is scheduled in full, once."""
        if not tasks:
            return
        Task = self.env["project.task"]
        Task.flush_model(["project_id", "active", "late_end_date"])
        projects = tasks.project_id
        finish = dict(self.env.execute_query(SQL(
            """SELECT t.project_id, MAX(t.late_end_date) FROM project_task t
                WHERE t.project_id = ANY(%s) AND t.active AND NOT t.id = ANY(%s)
                GROUP BY t.project_id""",
            projects.ids, tasks.ids,
        )))
        starts = projects._task_mgmt_start()
        full, changes = self.browse(), {}
        for project, project_tasks in tasks.grouped("project_id").items():
            calendar = project.resource_calendar_id or self.env.company.resource_calendar_id
            start = starts[project.id]
            work = calendar._task_mgmt_work_calendar(start, start + timedelta(days=HORIZON_DAYS))
            axis = work.axis(start)
            placed = {}
            for task in project_tasks:
                pinned = max(start, task.pinned_start_date) if task.pinned_start_date else start
                if task.state in CLOSED_STATES and task.planned_start_date:
                    pinned = task.planned_start_date  # finished work stays where it happened
                duration = duration_days(task.allocated_hours, work.hours_per_day, task.duration_days or None,
                                         task.is_milestone)
                placed[task.id] = (max(axis.index(pinned), 0), duration)
            end = finish.get(project.id)
            last = axis.index(end) + 1 if end else None  # the project's finish, a working-day index
            if last is None or any(es + duration > last for es, duration in placed.values()):
                full |= project
                continue
            date_of = axis.date
            for task_id, (es, duration) in placed.items():
                ls = last - duration
                changes[task_id] = (
                    date_of(es), date_of(es + duration - 1) if duration else date_of(es),
                    date_of(ls), date_of(last - 1) if duration else date_of(ls),
                    ls - es, last - es - duration, ls - es <= 0,
                )
        # the tasks were just created by create(), which checked the user's rights on them
        Task._task_mgmt_write_schedule(changes, check_access=False)
        if full:
            full._task_mgmt_schedule()

    # ------------------------------------------------------------------ nightly re-plan

    def _task_mgmt_mark_outdated(self):
        """Flag these projects for the nightly re-plan (bookkeeping, no access check: a
        calendar or time-off change by an HR officer outdates projects they cannot write)."""
        if not self:
            return
        self.env.cr.execute(SQL(
            "UPDATE project_project SET schedule_outdated = true WHERE id = ANY(%s) AND NOT schedule_outdated IS TRUE",
            self.ids,
        ))
        self.invalidate_recordset(["schedule_outdated"])

    @api.model
    def _task_mgmt_cron_replan(self, batch_size=REPLAN_BATCH):
        """Scheduled action: re-plan the automatic projects whose calendar or time off changed,
        ``batch_size`` projects per call.  Each call schedules one batch and reports its
        progress (``ir.cron._notify_progress``); Odoo commits and calls again while projects
        remain, so the run is batched and resumable.  Projects locked by a user's schedule
        are skipped (``SKIP LOCKED``) and stay flagged for the next call.
        Returns the number of projects left."""
        self.env["project.project"].flush_model(["schedule_outdated", "schedule_mode"])
        ids = [project_id for (project_id,) in self.env.execute_query(SQL(
            """SELECT id FROM project_project
                WHERE schedule_outdated AND schedule_mode = 'auto' AND active
                ORDER BY id LIMIT %s FOR NO KEY UPDATE SKIP LOCKED""",
            batch_size,
        ))]
        projects = self.browse(ids)
        if projects:
            projects._task_mgmt_schedule()  # clears their flag (``_task_mgmt_lock``)
        remaining = self.search_count([("schedule_outdated", "=", True), ("schedule_mode", "=", "auto")])
        self.env["ir.cron"]._notify_progress(done=len(projects), remaining=remaining if projects else 0)
        return remaining if projects else 0

    def _task_mgmt_compute(self, calendar, rows, links, external):
        """The :class:`_Plan` of these task rows on one calendar (its ``changes(ids)`` gives the
        values to write).  ``rows``: tuples of SCHEDULE_READ_FIELDS then their fingerprint;
        ``external``: rows of predecessors in other projects, which stay where they are."""
        project_start = self.browse({row[R_PROJECT] for row in rows})._task_mgmt_start()
        origin = min([*project_start.values(), *(row[R_START] for row in external)])
        work = calendar._task_mgmt_work_calendar(origin, origin + timedelta(days=HORIZON_DAYS))
        axis = work.axis(origin)
        # most tasks start at the project's start or share a pinned date: each date's working-day
        # index looked up once
        index = functools.cache(axis.index)
        hours_per_day = work.hours_per_day
        sched_tasks = [self._task_mgmt_sched_task(row, project_start[row[R_PROJECT]], index, hours_per_day)
                       for row in rows]
        in_project = {task[0] for task in sched_tasks}
        for task_id, _project, duration, hours, _pinned, _state, milestone, start, *_rest in external:
            sched_tasks.append((task_id, task_id, duration_days(hours, hours_per_day, duration or None, milestone),
                                index(start)))
        in_network = {task[0] for task in sched_tasks}
        # links as read: (pred, succ, kind in capitals, lag), SchedLink's fields
        sched_links = [link for link in links if link[0] in in_network and link[1] in in_project]
        try:
            network = Network(sched_tasks, sched_links)
        except CycleError as error:
            # sudo: the names of the tasks on the cycle, also in projects the user cannot read
            names = dict(self.env["project.task"].sudo().browse(set(error.cycle_ids)).mapped(
                lambda task: (task.id, task.display_name)))
            raise UserError(self.env._(
                "Cannot schedule: the dependencies form a cycle: %s",
                " → ".join(names.get(task_id, str(task_id)) for task_id in error.cycle_ids),
            )) from error
        plan = _Plan()
        plan.network, plan.axis, plan.hours_per_day, plan.start = network, axis, hours_per_day, project_start
        plan.rows = {row[0]: row for row in rows}
        plan.inputs = {task[0]: task for task in sched_tasks if task[0] in in_project}
        plan.task_sum = sum(row[R_HASH] for row in rows)
        plan.external_ids, plan.context = [], ()
        return plan
