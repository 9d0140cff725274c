# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.scheduler import CycleError, SchedLink, SchedTask, duration_days, schedule
from .project_task import SCHEDULE_RESULT_FIELDS, SCHEDULING_CONTEXT

# how far ahead public holidays and leaves are read for one schedule
HORIZON_DAYS = 3 * 366


class ProjectProject(models.Model):
    _inherit = "project.project"

    schedule_mode = fields.Selection(
        [("auto", "Automatic"), ("manual", "Manual")], string="Rescheduling", default="auto", required=True,
        help="Automatic: when a task's dates, duration or dependencies change, its successors "
        "move at once. Manual: dates change only when someone clicks Schedule.",
    )
    dependency_enforcement = fields.Selection(
        [("block", "Block"), ("warn", "Warn")], default="block",
        required=True,
        help="Block: a task cannot start (or finish) before its dependencies allow it. "
        "Warn: it can, and a note on the task records the broken dependency.",
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
        # sudo for reading: the schedule depends on every task and link of the project, also
        # the ones this user cannot see; the writes below go through the user's own access
        Task = self.env["project.task"].sudo()
        fnames = ["name", "project_id", "duration_days", "allocated_hours", "pinned_start_date", "state",
                  *SCHEDULE_RESULT_FIELDS]
        tasks = Task.search_fetch([("project_id", "in", self.ids)], fnames)
        if not tasks:
            return Task.browse()
        links = self.env["project.task.dependency"].sudo().search_fetch(
            [("successor_id", "in", tasks.ids)], ["predecessor_id", "successor_id", "dependency_type", "lag_days"],
        )
        external = links.predecessor_id - tasks
        external.fetch(["name", "planned_start_date", "planned_end_date", "duration_days", "allocated_hours"])

        changes = {}
        for calendar, cal_tasks in tasks._task_mgmt_by_calendar().items():
            changes.update(self._task_mgmt_compute(calendar, cal_tasks, links, external))
        self.env["project.task"]._task_mgmt_write_schedule(changes)
        return Task.browse(list(changes))

    def _task_mgmt_compute(self, calendar, tasks, links, external):
        """{task id: tuple of SCHEDULE_RESULT_FIELDS values} for the tasks whose values change."""
        today = fields.Date.context_today(self)
        project_start = {p.id: p.date_start or (p.create_date.date() if p.create_date else today)
                         for p in tasks.project_id}
        origin = min([*project_start.values(), *(d for d in external.mapped("planned_start_date") if d)])
        work = calendar._task_mgmt_work_calendar(origin, origin + timedelta(days=HORIZON_DAYS))
        axis = work.axis(origin)
        hours_per_day = work.hours_per_day
        sched_tasks, fixed = [], {}
        for task in tasks:
            pinned = project_start[task.project_id.id]
            if task.pinned_start_date:
                pinned = max(pinned, task.pinned_start_date)
            if task.state in CLOSED_STATES and task.planned_start_date:
                pinned = task.planned_start_date  # finished work stays where it happened
            sched_tasks.append(SchedTask(
                task.id, task.name, duration_days(task.allocated_hours, hours_per_day, task.duration_days or None),
                axis.index(pinned),
            ))
        for task in external:  # predecessors in other projects stay where they are
            if task.planned_start_date:
                fixed[task.id] = True
                sched_tasks.append(SchedTask(
                    task.id, task.name,
                    duration_days(task.allocated_hours, hours_per_day, task.duration_days or None),
                    axis.index(task.planned_start_date),
                ))
        ids = {t.id for t in sched_tasks}
        sched_links = [
            SchedLink(link.predecessor_id.id, link.successor_id.id, link.dependency_type.upper(), link.lag_days)
            for link in links if link.predecessor_id.id in ids and link.successor_id.id in tasks._ids
        ]
        try:
            results = schedule(sched_tasks, sched_links)
        except CycleError as error:
            raise UserError(self.env._("Cannot schedule: %s", error)) from error
        durations = {t.id: t.duration for t in sched_tasks}
        changes = {}
        for task in tasks:
            res = results[task.id]
            duration = durations[task.id]
            values = (
                axis.date(res.es),
                axis.date(res.ef - 1) if duration else axis.date(res.es),
                axis.date(res.ls),
                axis.date(res.lf - 1) if duration else axis.date(res.ls),
                res.total_float,
                res.free_float,
                res.critical,
            )
            current = tuple(task[f] for f in SCHEDULE_RESULT_FIELDS)
            if values != current:
                changes[task.id] = values
        return changes
