# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.scheduler import CycleError, SchedLink, SchedTask, duration_days, schedule
from .project_task import SCHEDULE_RESULT_FIELDS, SCHEDULING_CONTEXT

# how far ahead public holidays and leaves are read for one schedule
HORIZON_DAYS = 3 * 366
# columns of project_task the scheduler reads
SCHEDULE_READ_FIELDS = ["id", "name", "project_id", "duration_days", "allocated_hours", "pinned_start_date",
                        "state", *SCHEDULE_RESULT_FIELDS]


class ProjectProject(models.Model):
    _inherit = "project.project"

    schedule_mode = fields.Selection(
        [("auto", "Automatic"), ("manual", "Manual")], string="Rescheduling", default="auto", required=True,
        help="Automatic: when a task's dates, duration or dependencies change, its successors "
        "move at once. Manual: dates change only when someone clicks Schedule.",
    )
    dependency_enforcement = fields.Selection(
        [("native", "Waiting Only (Odoo Default)"), ("warn", "Warn"), ("block", "Block")],
        default="native", required=True,
        help="Waiting Only: Odoo's own behaviour, a task whose finish-to-start predecessors are open "
        "shows as Waiting and can still be moved or marked done.\n"
        "Warn: the move happens and a note on the task records the broken dependency.\n"
        "Block: a task cannot start (or finish) before its dependencies allow it; a project "
        "administrator may still force the move with a reason, logged on the task.",
    )
    critical_task_count = fields.Integer(compute="_compute_critical_task_count", string="Critical Tasks")

    def _compute_critical_task_count(self):
        counts = dict(self.env["project.task"]._read_group(
            [("project_id", "in", self.ids), ("is_critical", "=", True)], ["project_id"], ["__count"],
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
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, "search_default_critical": 1}
        return action

    # ------------------------------------------------------------------ scheduling

    def _task_mgmt_autoschedule(self):
        """Reschedule the projects in automatic mode (not while the scheduler itself writes)."""
        if self.env.context.get(SCHEDULING_CONTEXT):
            return
        projects = self.filtered(lambda p: p.schedule_mode == "auto")
        if projects:
            projects._task_mgmt_schedule()

    def _task_mgmt_schedule(self):
        """Schedule the active tasks of these projects: read in batches, compute with the
        plain-Python engine, write only the values that changed (one write per group of
        equal values).  Projects reached through cross-project links follow when they are
        in automatic mode.  Returns the number of tasks written."""
        done, todo, written = set(), set(self.ids), 0
        while todo:
            projects = self.browse(todo)
            done |= todo
            changed_tasks = projects._task_mgmt_schedule_once()
            written += len(changed_tasks)
            # successors in other projects of the tasks that moved
            follow = changed_tasks.successor_link_ids.successor_id.project_id.filtered(
                lambda p: p.schedule_mode == "auto")
            todo = set(follow.ids) - done
        return written

    def _task_mgmt_schedule_once(self):
        """Schedule the active tasks of these projects once; return the tasks written.

        The network is read with two queries (tasks, links) of plain rows, not records: the
        schedule depends on every task and link of the project, also the ones this user cannot
        see, and it is pure computation.  The results are written through the current user's
        own access (``_task_mgmt_write_schedule``)."""
        Task = self.env["project.task"]
        Task.flush_model()
        self.env["project.task.dependency"].flush_model()
        columns = SQL(", ").join(SQL.identifier("t", f) for f in SCHEDULE_READ_FIELDS)
        rows = self.env.execute_query_dict(SQL(
            "SELECT %s FROM project_task t WHERE t.project_id = ANY(%s) AND t.active",
            columns, self.ids,
        ))
        if not rows:
            return Task.browse()
        task_ids = [row["id"] for row in rows]
        links = self.env.execute_query(SQL(
            "SELECT predecessor_id, successor_id, dependency_type, lag_days"
            "  FROM project_task_dependency WHERE successor_id = ANY(%s)",
            task_ids,
        ))
        known = set(task_ids)
        external_ids = list({pred for pred, _succ, _kind, _lag in links} - known)
        external = self.env.execute_query_dict(SQL(
            "SELECT %s FROM project_task t WHERE t.id = ANY(%s) AND t.planned_start_date IS NOT NULL",
            columns, external_ids,
        )) if external_ids else []
        calendars = {
            project.id: project.resource_calendar_id or self.env.company.resource_calendar_id
            for project in self
        }
        by_calendar = defaultdict(list)
        for row in rows:
            by_calendar[calendars[row["project_id"]]].append(row)
        changes = {}
        for calendar, cal_rows in by_calendar.items():
            changes.update(self._task_mgmt_compute(calendar, cal_rows, links, external))
        Task._task_mgmt_write_schedule(changes)
        return Task.browse(list(changes))

    def _task_mgmt_compute(self, calendar, rows, links, external):
        """{task id: tuple of SCHEDULE_RESULT_FIELDS values} for the task rows whose values change.
        ``external``: rows of predecessors in other projects, which stay where they are."""
        today = fields.Date.context_today(self)
        project_start = {
            project.id: project.date_start or (project.create_date.date() if project.create_date else today)
            for project in self.browse({row["project_id"] for row in rows})
        }
        origin = min([*project_start.values(), *(row["planned_start_date"] for row in external)])
        work = calendar._task_mgmt_work_calendar(origin, origin + timedelta(days=HORIZON_DAYS))
        axis = work.axis(origin)
        hours_per_day = work.hours_per_day
        sched_tasks = []
        for row in rows:
            pinned = project_start[row["project_id"]]
            if row["pinned_start_date"]:
                pinned = max(pinned, row["pinned_start_date"])
            if row["state"] in CLOSED_STATES and row["planned_start_date"]:
                pinned = row["planned_start_date"]  # finished work stays where it happened
            sched_tasks.append(SchedTask(
                row["id"], row["name"],
                duration_days(row["allocated_hours"], hours_per_day, row["duration_days"] or None),
                axis.index(pinned),
            ))
        for row in external:
            sched_tasks.append(SchedTask(
                row["id"], row["name"],
                duration_days(row["allocated_hours"], hours_per_day, row["duration_days"] or None),
                axis.index(row["planned_start_date"]),
            ))
        in_network = {task.id for task in sched_tasks}
        in_rows = {row["id"] for row in rows}
        sched_links = [
            SchedLink(pred, succ, kind.upper(), lag)
            for pred, succ, kind, lag in links if pred in in_network and succ in in_rows
        ]
        try:
            results = schedule(sched_tasks, sched_links)
        except CycleError as error:
            raise UserError(self.env._(
                "Cannot schedule: the dependencies form a cycle: %s", " → ".join(map(str, error.cycle)),
            )) from error
        durations = {task.id: task.duration for task in sched_tasks}
        changes = {}
        date_of = axis.date
        for row in rows:
            res = results[row["id"]]
            duration = durations[row["id"]]
            values = (
                date_of(res.es),
                date_of(res.ef - 1) if duration else date_of(res.es),
                date_of(res.ls),
                date_of(res.lf - 1) if duration else date_of(res.ls),
                res.total_float,
                res.free_float,
                res.critical,
            )
            if values != tuple(row[fname] for fname in SCHEDULE_RESULT_FIELDS):
                changes[row["id"]] = values
        return changes
