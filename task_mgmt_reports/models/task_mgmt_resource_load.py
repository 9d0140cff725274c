# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resource load (issue #14): the data of the heatmap, its drill-down, its XLSX and the
levelling suggestions, computed on demand from the scheduler's plan.

The ORM layer reads everything in batches (one query per model: employees, calendars'
attendances, leaves, tasks, subtasks' hours, timesheets) and hands plain values to
:mod:`..engine.load`, which computes.
"""

from collections import defaultdict
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES
from odoo.addons.task_mgmt_advanced.engine.gcpause import paused_gc
from odoo.addons.task_mgmt_advanced.sql import execute_without_jit as _execute_without_jit

from ..engine.levelling import MAX_SHIFT_DAYS, PlannedTask, suggest
from ..engine.load import (
    SCALES,
    LoadGrid,
    WorkSchedule,
    flexible_attendance,
    period_label,
    period_start,
    remaining_hours,
    split,
)
from ..engine.load_xlsx import write_load_xlsx

# most columns one grid may have, per scale
MAX_COLUMNS = {"day": 400, "week": 270, "month": 120}
# tasks named per over-allocation in the grid (the largest; the others summed in one line)
MAX_OVER_TASKS = 10
# what _load_tasks reads of a task (then its assignees' user ids)
TASK_COLUMNS = ("id", "allocated_hours", "effective_hours", "planned_start_date", "planned_end_date", "company_id",
                "project_id", "is_critical", "total_float_days")
# rows: employees grouped by department, or by project (one row per employee and project)
GROUP_BY = ("department", "project")
DEFAULT_WEEKS = 12


class LoadData:
    """What one computation read and built: the grid, the employees as rows, the schedules and
    the tasks' plan (used by the drill-down, the export and the levelling)."""

    def __init__(self, grid, employees, schedules, fallbacks, tasks, shares):
        self.grid = grid
        self.employees = employees  # hr.employee records (sudo), in row order
        self.schedules = schedules  # employee id -> WorkSchedule
        self.fallbacks = fallbacks  # employee id -> "flexible" | "none"
        self.tasks = tasks  # task id -> engine.levelling.PlannedTask
        self.shares = shares  # (employee id, task id) -> remaining hours of that assignee


class TaskMgmtResourceLoad(models.AbstractModel):
    _name = "task_mgmt.resource.load"
    _description = "Resource Load"

    # ------------------------------------------------------------------ access

    def _load_access(self):
        """``"manager"`` (Project Administrator or HR officer: every detail), ``"user"`` (project
        user: load of everyone, capacity details of themselves only); anyone else is refused."""
        user = self.env.user
        if user.has_group("project.group_project_manager") or user.has_group("hr.group_hr_user"):
            return "manager"
        if user.has_group("project.group_project_user"):
            return "user"
        raise AccessError(self.env._("Only project users can see the resource load."))

    def _load_action(self, name, **defaults):
        """The heatmap's client action, opened with ``defaults`` as its filters; refused to
        those who may not see the load."""
        self._load_access()
        return {"type": "ir.actions.client", "tag": "task_mgmt_reports.resource_load", "name": name,
                "context": defaults}

    # ------------------------------------------------------------------ filters

    def _load_filters(self, filters):
        """Validated filters: dates, scale and the companies (those selected in the company
        switcher, which Odoo checks against the user's companies, narrowed by the filter)."""
        filters = dict(filters or {})
        scale = filters.get("scale") or "week"
        if scale not in SCALES:
            raise UserError(self.env._("Unknown scale '%(scale)s': use day, week or month.", scale=scale))
        today = fields.Date.context_today(self)
        try:
            date_from = fields.Date.to_date(filters.get("date_from")) or today - timedelta(days=today.weekday())
            date_to = fields.Date.to_date(filters.get("date_to")) or date_from + timedelta(weeks=DEFAULT_WEEKS, days=-1)
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("Invalid date in the resource load filters: %s", error)) from None
        if date_to < date_from:
            raise UserError(self.env._("The resource load period ends (%(end)s) before it starts (%(start)s).",
                                       end=date_to, start=date_from))
        grid = LoadGrid(date_from, date_to, scale)
        if len(grid.periods) > MAX_COLUMNS[scale]:
            raise UserError(self.env._(
                "The resource load shows at most %(max)s columns by %(scale)s: shorten the period or "
                "choose a larger scale.", max=MAX_COLUMNS[scale], scale=scale))
        group_by = filters.get("group_by") or "department"
        if group_by not in GROUP_BY:
            raise UserError(self.env._("Unknown grouping '%(group_by)s' of the resource load: use department or "
                                       "project.", group_by=group_by))
        companies = self.env.companies  # raises AccessError on companies the user may not select
        wanted = self._load_ids(filters.get("company_ids"), "company_ids")
        if wanted:
            companies = companies.filtered(lambda c: c.id in wanted)
        return {
            "scale": scale, "date_from": date_from, "date_to": date_to, "today": today, "group_by": group_by,
            "companies": companies,
            "department_ids": self._load_ids(filters.get("department_ids"), "department_ids"),
            "project_ids": self._load_ids(filters.get("project_ids"), "project_ids"),
            "employee_ids": self._load_ids(filters.get("employee_ids"), "employee_ids"),
        }

    def _load_ids(self, value, name):
        if not value:
            return []
        if not isinstance(value, list | tuple) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise UserError(self.env._("Resource load filter '%(name)s' must be a list of ids, got %(value)r.",
                                       name=name, value=value))
        return list(value)

    # ------------------------------------------------------------------ batched reads

    def _load_employees(self, flt):
        domain = [("company_id", "in", flt["companies"].ids)]
        if flt["department_ids"]:
            domain.append(("department_id", "child_of", flt["department_ids"]))
        if flt["employee_ids"]:
            domain.append(("id", "in", flt["employee_ids"]))
        # sudo: employees' working schedules are HR data; the caller gets back only what
        # _load_access allows (capacity details of others are hidden for project users)
        return self.env["hr.employee"].sudo().search_fetch(
            domain, ["name", "department_id", "user_id", "company_id", "resource_calendar_id", "resource_id", "tz"],
            order="department_id, name, id")

    def _load_schedules(self, employees, flt):
        """WorkSchedule of each employee: attendances and leaves read once for all calendars."""
        calendars = employees.resource_calendar_id | employees.company_id.resource_calendar_id
        calendars.fetch(["two_weeks_calendar", "flexible_hours", "hours_per_day", "tz"])
        attendance = defaultdict(lambda: ({}, {}))  # calendar id -> (week 0, week 1) weekday -> intervals
        for row in self.env["resource.calendar.attendance"].sudo().search_read(  # sudo: working hours are not secret
                [("calendar_id", "in", calendars.ids), ("display_type", "=", False), ("day_period", "!=", "lunch")],
                ["calendar_id", "dayofweek", "hour_from", "hour_to", "week_type"]):
            weeks = attendance[row["calendar_id"][0]]
            week = weeks[1] if row["week_type"] == "1" else weeks[0]
            week.setdefault(int(row["dayofweek"]), []).append((row["hour_from"], row["hour_to"]))
        start = datetime.combine(flt["date_from"] - timedelta(days=2), datetime.min.time())
        stop = datetime.combine(flt["date_to"] + timedelta(days=2), datetime.min.time())
        resources = employees.resource_id
        # sudo: time off is private; it only lowers the capacity and is never named to the caller
        leaves = self.env["resource.calendar.leaves"].sudo().search_read(
            [("date_from", "<", stop), ("date_to", ">", start), ("time_type", "=", "leave"),
             "|", ("resource_id", "in", resources.ids),
             "&", ("resource_id", "=", False), ("calendar_id", "in", [*calendars.ids, False])],
            ["date_from", "date_to", "resource_id", "calendar_id", "company_id"])
        by_resource, by_calendar = defaultdict(list), defaultdict(list)
        for leave in leaves:
            if leave["resource_id"]:
                by_resource[leave["resource_id"][0]].append(leave)
            else:
                by_calendar[leave["calendar_id"] and leave["calendar_id"][0]].append(leave)
        schedules, fallbacks = {}, {}
        for employee in employees:
            calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
            if not calendar:
                fallbacks[employee.id] = "none"
                week0, week1 = flexible_attendance(), None
            elif calendar.flexible_hours:
                fallbacks[employee.id] = "flexible"
                week0, week1 = flexible_attendance(calendar.hours_per_day), None
            else:
                week0, week1 = attendance[calendar.id]
                week1 = week1 if calendar.two_weeks_calendar else None
            tz = pytz.timezone(employee.tz or calendar.tz or "UTC")
            own = by_resource[employee.resource_id.id]
            public = [leave for leave in by_calendar[False] + (by_calendar[calendar.id] if calendar else [])
                      if not leave["company_id"] or leave["company_id"][0] == employee.company_id.id]
            time_off = [(_local(leave["date_from"], tz), _local(leave["date_to"], tz)) for leave in own + public]
            schedules[employee.id] = WorkSchedule(week0, time_off, week1)
        return schedules, fallbacks

    def _load_tasks(self, flt, users):
        """Open tasks of ``users`` touching the period (or unscheduled), read in one query:
        ``[(id, allocated, logged, start, end, company, project, critical, float, [user ids],
        subtasks' allocated hours)]``."""
        # sudo: an employee's load counts every task assigned to them, also in projects the
        # caller cannot open; those tasks are never named to the caller (_load_task_lines)
        Task = self.env["project.task"].sudo()
        field = Task._fields["user_ids"]
        task, user, rel = (SQL.identifier(name) for name in (field.column1, field.column2, field.relation))
        whole = not (flt["project_ids"] or flt["department_ids"] or flt["employee_ids"])
        query = Task._search(self._load_task_domain(flt, users, assignees=not whole))
        if whole:
            # everyone's grid: one hash aggregate over the whole assignment table selects the
            # tasks and gives their user ids (0.2-0.3 s less than an EXISTS then an ARRAY(...)
            # per task at 100,000 tasks); for a selection (a department, people, projects) the
            # per-task lookups on the indexes are the faster way (0.11 s against 0.48 s for 19
            # people)
            query.add_join("JOIN", "task_mgmt_assignees", SQL(
                "(SELECT %(task)s AS task_id, array_agg(%(user)s ORDER BY %(user)s) AS user_ids FROM %(rel)s"
                " GROUP BY %(task)s HAVING bool_or(%(user)s = ANY(%(users)s)))",
                task=task, user=user, rel=rel, users=users.ids,
            ), SQL("%s = %s", SQL.identifier("task_mgmt_assignees", "task_id"), SQL.identifier(Task._table, "id")))
            assignees = SQL.identifier("task_mgmt_assignees", "user_ids")
        else:
            assignees = SQL("ARRAY(SELECT %s FROM %s WHERE %s = %s ORDER BY 1)",
                            user, rel, task, SQL.identifier(Task._table, "id"))
        columns = [Task._field_to_sql(Task._table, name, query) for name in TASK_COLUMNS]
        # plain rows, not records: at 100,000 tasks reading fields through records costs seconds
        # hours of the active subtasks (any state): counted on the subtasks, not twice on
        # their parent; a correlated sum on the parent_id index, not a second query over
        # tens of thousands of ids
        subtasks = SQL("(SELECT COALESCE(SUM(child.allocated_hours), 0) FROM %s child"
                       " WHERE child.parent_id = %s AND child.active)",
                       SQL.identifier(Task._table), SQL.identifier(Task._table, "id"))
        return _execute_without_jit(self.env, query.select(*columns, assignees, subtasks))

    def _load_task_domain(self, flt, users, assignees=True):
        """Domain of the open tasks of ``users`` that touch the period of ``flt`` or have no plan
        (without ``assignees``: of anyone, the caller joins the assignees itself)."""
        # remaining work goes from today on: when today is shown, overdue tasks land on it
        today_shown = flt["date_from"] <= flt["today"] <= flt["date_to"]
        domain = [
            ("state", "not in", list(CLOSED_STATES)), ("project_id", "!=", False),
            ("company_id", "in", [*flt["companies"].ids, False]),
            "|", "|", ("planned_start_date", "=", False), ("planned_end_date", "=", False),
            "&", ("planned_start_date", "<=", flt["date_to"]),
            ("planned_end_date", ">=", flt["date_from"]) if not today_shown else ("planned_end_date", "!=", False),
        ]
        if flt["project_ids"]:
            domain.append(("project_id", "in", flt["project_ids"]))
        if assignees:
            domain.append(("user_ids", "in", users.ids))
        return domain

    def _load_compute(self, flt, plan=True):
        """Read in batches and fill a :class:`..engine.load.LoadGrid`; with ``plan``, also each
        task's plan and shares (for the levelling; the heatmap does not need them)."""
        employees = self._load_employees(flt)
        grid = LoadGrid(flt["date_from"], flt["date_to"], flt["scale"], today=flt["today"])
        schedules, fallbacks = self._load_schedules(employees, flt)
        for employee in employees:
            grid.add_schedule(employee.id, schedules[employee.id])
        by_user = {}
        for employee in employees:
            if employee.user_id:
                by_user.setdefault(employee.user_id.id, {})[employee.company_id.id] = employee.id
        tasks = self._load_tasks(flt, employees.user_id) if by_user else []
        tasks_plan, shares = {}, {}
        group = None
        by_project = flt["group_by"] == "project"
        add_task, add_unscheduled = grid.add_task, grid.add_unscheduled
        for (task_id, allocated, effective, start, end, company_id, project_id, critical, float_days, users,
             subtasks) in tasks:
            remaining = remaining_hours(allocated, effective, subtasks)
            if plan:
                tasks_plan[task_id] = PlannedTask(task_id, start, end, float_days or 0, bool(critical))
            if not remaining or not users:
                continue
            share = split(remaining, len(users))
            planned = split(remaining_hours(allocated, 0.0, subtasks), len(users))
            if by_project:
                group = project_id
            for user_id in users:
                companies = by_user.get(user_id)
                if not companies:
                    continue
                employee_id = companies.get(company_id) or next(iter(companies.values()))
                if plan:
                    shares[employee_id, task_id] = share
                    tasks_plan[task_id].shares[employee_id] = share
                if start and end:
                    add_task(employee_id, task_id, share, start, end, schedules[employee_id], planned, group)
                else:
                    add_unscheduled(employee_id, task_id, share, group)
        self._load_actuals(flt, employees, grid)
        return LoadData(grid, employees, schedules, fallbacks, tasks_plan, shares)

    def _load_actuals(self, flt, employees, grid):
        """Hours logged in the period (timesheets on projects), one grouped query."""
        if flt["date_from"] > flt["today"] or not employees:
            return
        domain = [("employee_id", "in", employees.ids), ("project_id", "!=", False),
                  ("date", ">=", flt["date_from"]), ("date", "<=", min(flt["date_to"], flt["today"]))]
        if flt["project_ids"]:
            domain.append(("project_id", "in", flt["project_ids"]))
        by_project = flt["group_by"] == "project"
        # sudo: logged hours count in everyone's load, as the tasks (see _load_tasks)
        Line = self.env["account.analytic.line"].sudo()
        query = Line._search(domain)
        columns = [Line._field_to_sql(Line._table, name, query)
                   for name in ("employee_id", "task_id", "project_id", "date")]
        # plain ids in one grouped query, JIT off (its planned cost over the timesheets passes
        # jit_above_cost and compiling took longer than the query)
        for employee_id, task_id, project_id, day, hours in _execute_without_jit(self.env, SQL(
                "SELECT %s, SUM(%s) FROM %s WHERE %s GROUP BY 1, 2, 3, 4", SQL(", ").join(columns),
                Line._field_to_sql(Line._table, "unit_amount", query), query.from_clause, query.where_clause)):
            grid.add_actual(employee_id, day, hours or 0.0, task_id, project_id if by_project else None)

    # ------------------------------------------------------------------ public API

    @api.model
    @api.readonly
    def get_load_grid(self, filters=None):
        """The heatmap: periods, employees grouped by department with one cell per period,
        unscheduled hours, totals and the over-allocations. See the README (Resource load, API).

        A cell is ``[load, capacity, actual, planned, level]``: ``load`` counts the hours logged
        and the remaining work spread from today; ``capacity`` and ``planned`` are hidden on the
        rows whose details the caller may not see (``detail`` false: False, XML-RPC has no
        None), where ``level`` says
        only ``off`` (unavailable) or how loaded the person is."""
        access = self._load_access()
        flt = self._load_filters(filters)
        with paused_gc():  # hundreds of thousands of acyclic tuples: see engine/gcpause.py
            return self._load_grid(flt, access)

    def _load_grid(self, flt, access):
        data = self._load_compute(flt, plan=False)
        grid = data.grid
        periods = range(len(grid.periods))
        details, employee_cells, raw_rows = {}, {}, {}
        for employee in data.employees:
            details[employee.id] = detail = access == "manager" or employee.user_id == self.env.user
            raw_rows[employee.id] = cells = grid.row(employee.id)
            employee_cells[employee.id] = [_load_cell(cell, detail) for cell in cells]
        if flt["group_by"] == "project":
            groups, rows = self._load_project_rows(data, details, periods)
        else:
            groups, rows = [], []
            for employee in data.employees:
                department = employee.department_id
                if not groups or groups[-1][0] != department.id:
                    groups.append([department.id, department.name or self.env._("No department"), []])
                groups[-1][2].append(len(rows))
                rows.append(_load_row(employee, details[employee.id], data.fallbacks, employee_cells[employee.id],
                                      grid.unscheduled.get(employee.id, 0.0)))
        index_of = {}  # an employee's first row on screen (by project: in their first project)
        for _id, _name, members in groups:
            for index in members:
                index_of.setdefault(rows[index]["id"], index)
        over = []
        overloads = []  # the largest tasks of each over-allocation (a click on it lists them all)
        for employee_id, index, excess, tasks in grid.over_allocations(data.employees.ids, raw_rows):
            ordered = sorted(tasks.items(), key=lambda item: (-item[1], item[0]))  # ties by id: stable
            rest = ordered[MAX_OVER_TASKS:]
            overloads.append((employee_id, index, excess, dict(ordered[:MAX_OVER_TASKS]), len(rest),
                              sum(hours for _task, hours in rest)))
        readable = self._load_readable({task_id for *_rest, tasks, _n, _h in overloads for task_id in tasks})
        for employee_id, index, excess, tasks, more, more_hours in overloads:
            lines = self._load_task_lines(tasks, readable)
            if more:
                lines.append([False, self.env._("%(count)s more tasks", count=more), "", round(more_hours, 2)])
            over.append([index_of[employee_id], index, round(excess, 2) if details[employee_id] else False, lines])
        return {
            "scale": flt["scale"], "date_from": flt["date_from"].isoformat(), "date_to": flt["date_to"].isoformat(),
            "today": flt["today"].isoformat(), "group_by": flt["group_by"],
            "periods": [[s.isoformat(), e.isoformat(), period_label(s, flt["scale"]), e < flt["today"]]
                        for s, e in grid.periods],
            "groups": groups, "rows": rows, "over": over, "manager": access == "manager",
            "totals": [[round(sum(cells[i][0] for cells in employee_cells.values()), 2),
                        round(sum(cells[i][1] for cells in employee_cells.values()), 2)
                        if access == "manager" else False]
                       for i in periods],
        }

    def _load_project_rows(self, data, details, periods):
        """Groups and rows by project: one row per employee and project they have hours on
        (tasks, logged hours or unscheduled work), projects by name; the projects the caller
        cannot read are summed in one group without a name; employees without project work
        come last, with their whole capacity."""
        grid = data.grid
        project_ids = {project for groups in grid.groups.values() for project in groups}
        # a search applies the record rules: project names only of the projects the caller reads
        projects = self.env["project.project"].with_context(active_test=False).search(
            [("id", "in", list(project_ids))], order="name, id")
        key_of = dict.fromkeys(project_ids, 0) | {project.id: project.id for project in projects}
        groups = [[project.id, project.display_name, []] for project in projects]
        if 0 in key_of.values():
            groups.append([0, self.env._("Other projects (not visible to you)"), []])
        position = {group[0]: group for group in groups}
        rows = []
        for employee in data.employees:
            merged = defaultdict(list)
            for project in grid.groups.get(employee.id, ()):
                merged[key_of[project]].append(project)
            for key, members in merged.items():
                cells = []
                for index in periods:
                    parts = [grid.group_cell(employee.id, project, index) for project in members]
                    first = parts[0]
                    cells.append(_load_cell((sum(p[0] for p in parts), first[1], first[2], sum(p[3] for p in parts),
                                             sum(p[4] for p in parts), first[5]), details[employee.id]))
                unscheduled = sum(grid.group_unscheduled.get((employee.id, project, None), 0.0) for project in members)
                position[key][2].append(len(rows))
                rows.append(dict(_load_row(employee, details[employee.id], data.fallbacks, cells, unscheduled),
                                 project_id=key or False))
        idle = [employee for employee in data.employees if not grid.groups.get(employee.id)]
        if idle:
            groups.append([False, self.env._("No project work"), []])
            for employee in idle:
                groups[-1][2].append(len(rows))
                cells = [_load_cell(grid.cell(employee.id, index), details[employee.id]) for index in periods]
                rows.append(dict(_load_row(employee, details[employee.id], data.fallbacks, cells, 0.0),
                                 project_id=False))
        return [group for group in groups if group[2]], rows

    @api.model
    @api.readonly
    def get_load_cell_tasks(self, filters, employee_id, period_start=None, period_end=None):
        """The tasks making one cell: ``[[task id or False, name, project, hours]]``, largest
        first; tasks the caller cannot open are summed in one line without a name. Without
        dates: the employee's unscheduled tasks."""
        self._load_access()
        flt = self._load_filters(dict(filters or {}, employee_ids=[employee_id], scale="day",
                                      date_from=period_start, date_to=period_end or period_start))
        with paused_gc():
            data = self._load_compute(flt, plan=False)
        if employee_id not in data.employees.ids:
            return []
        contributions = defaultdict(float)
        keys = [None] if not period_start else range(len(data.grid.periods))
        for index in keys:
            for task_id, hours in data.grid.contributions.get((employee_id, index), {}).items():
                contributions[task_id] += hours
        return self._load_task_lines(contributions)

    def _load_readable(self, task_ids):
        """{task id: (name, project name)} of the tasks the caller may read: one query (the
        record rules applied in SQL, as a search does), plain rows, then the projects' names."""
        if not task_ids:
            return {}
        Task = self.env["project.task"].with_context(active_test=False)
        query = Task._search([("id", "in", list(task_ids))])
        rows = _execute_without_jit(self.env, query.select(
            *(Task._field_to_sql(Task._table, name, query) for name in ("id", "name", "project_id"))))
        # sudo: the names of the projects of tasks the caller reads
        projects = self.env["project.project"].sudo().with_context(active_test=False).browse(
            {project_id for _id, _name, project_id in rows if project_id})
        names = {project.id: project.display_name for project in projects}
        return {task_id: (name, names.get(project_id, "")) for task_id, name, project_id in rows}

    def _load_task_lines(self, contributions, readable=None):
        if readable is None:
            readable = self._load_readable(contributions)
        lines, hidden = [], 0.0
        for task_id, hours in contributions.items():
            if task_id in readable:
                name, project = readable[task_id]
                lines.append([task_id, name, project, round(hours, 2)])
            else:
                hidden += hours
        lines.sort(key=lambda line: (-line[3], line[0]))
        if hidden > 0.005:
            lines.append([False, self.env._("Other tasks (not visible to you)"), "", round(hidden, 2)])
        return lines


    def _load_write_xlsx(self, target, filters):
        """The grid of ``filters`` as XLSX into ``target`` (same access as the heatmap)."""
        with paused_gc():
            return self._load_write_xlsx_paused(target, filters)

    def _load_write_xlsx_paused(self, target, filters):
        grid = self.get_load_grid(filters)
        texts = ["Resource Load", "Department", "Employee", "Unscheduled (h)", "Total (h)", "Unavailable",
                 "Over-allocations", "Period", "Excess (h)", "Tasks"]
        labels = dict(zip(texts, [
            self.env._("Resource Load"), self.env._("Department"), self.env._("Employee"),
            self.env._("Unscheduled (h)"), self.env._("Total (h)"), self.env._("Unavailable"),
            self.env._("Over-allocations"), self.env._("Period"), self.env._("Excess (h)"), self.env._("Tasks"),
        ], strict=True))
        if grid["group_by"] == "project":
            labels["Department"] = self.env._("Project")
        return write_load_xlsx(target, grid, labels)

    # ------------------------------------------------------------------ levelling

    @api.model
    @api.readonly
    def get_load_suggestions(self, filters=None):
        """Levelling suggestions for the over-allocations of the grid of ``filters``: shift a
        non-critical task within its total float, or give an assignee's share to a colleague of
        the same department with the capacity. Each: ``{kind, task_id, task, employee_id,
        employee, period, days, new_start, colleague_id, colleague, effects}`` where ``effects``
        is ``[[name, hours before, hours after, % before, % after]]`` (percent False when the
        caller may not see that person's capacity)."""
        access = self._load_access()
        flt = self._load_filters(filters)
        with paused_gc():
            data = self._load_compute(flt)
            span = self._load_span(flt, data)
        employees = {employee.id: employee for employee in data.employees}
        colleagues = defaultdict(list)
        for employee in data.employees:
            if employee.department_id and employee.user_id:
                colleagues[employee.department_id.id].append(employee.id)
        peers = {e.id: [c for c in colleagues[e.department_id.id] if c != e.id] for e in data.employees}
        # only the tasks making an over-allocation can be proposed: only their names are read
        candidates = {task_id for *_rest, tasks in data.grid.over_allocations(data.employees.ids) for task_id in tasks}
        names = {task_id: name for task_id, (name, _project) in self._load_readable(candidates).items()}
        calendar_of = self._load_project_calendars(flt)

        def shift_dates(task, days):
            calendar = calendar_of(task.id)
            return calendar.add_working_days(task.start, days), calendar.add_working_days(task.end, days)

        result = []
        for item in suggest(data.grid, span.tasks, span.schedules, peers, shift_dates, span=span.grid):
            if item.task not in names:
                continue  # a task the caller cannot open is not proposed to them
            effects = []
            for employee_id, before, after, capacity in item.effects:
                detail = access == "manager" or employees[employee_id].user_id == self.env.user
                effects.append([employees[employee_id].name, round(before, 2), round(after, 2),
                                round(before / capacity * 100) if detail and capacity else False,
                                round(after / capacity * 100) if detail and capacity else False])
            start, _end = data.grid.periods[item.period]
            result.append({
                "kind": item.kind, "task_id": item.task, "task": names[item.task],
                "employee_id": item.employee, "employee": employees[item.employee].name,
                "period": period_label(start, flt["scale"]), "days": item.days,
                "new_start": bool(item.new_start) and item.new_start.isoformat(),
                "new_end": bool(item.new_end) and item.new_end.isoformat(),
                "colleague_id": item.colleague or False,
                "colleague": bool(item.colleague) and employees[item.colleague].name,
                "effects": effects,
            })
        return result

    def _load_span(self, flt, data):
        """The load over the whole window of the tasks making an over-allocation, shifted by up
        to the longest levelling shift (periods aligned with the grid's): a change is checked
        there, also in the periods the grid does not show. ``data`` itself when it covers it."""
        starts, ends = [], []
        for *_rest, contributions in data.grid.over_allocations(data.employees.ids):
            for task_id in contributions:
                task = data.tasks.get(task_id)
                if task and task.start and task.end and not task.critical:
                    starts.append(max(task.start, flt["today"]))
                    ends.append(max(task.end, flt["today"]))
        if not starts:
            return data
        # MAX_SHIFT_DAYS working days, with room for weekends and holidays
        first = min(period_start(min(starts), flt["scale"]), flt["date_from"])
        last = max(max(ends) + timedelta(days=MAX_SHIFT_DAYS * 2), flt["date_to"])
        if first == flt["date_from"] and last == flt["date_to"]:
            return data
        return self._load_compute(dict(flt, date_from=first, date_to=last))

    def _load_project_calendars(self, flt):
        """A function task id -> the working calendar (the scheduler's engine) of its project,
        built once per calendar, for the few tasks levelling tries to shift."""
        first = flt["date_from"] - timedelta(days=60)
        last = flt["date_to"] + timedelta(days=120)
        calendars = {}

        def calendar_of(task_id):
            task = self.env["project.task"].sudo().browse(task_id)  # sudo: as _load_tasks
            calendar = (task.project_id.resource_calendar_id or task.company_id.resource_calendar_id
                        or self.env.company.resource_calendar_id)
            if calendar.id not in calendars:
                calendars[calendar.id] = calendar._task_mgmt_work_calendar(first, last)
            return calendars[calendar.id]
        return calendar_of

    @api.model
    def action_apply_load_suggestion(self, suggestion):
        """Apply one suggestion of :meth:`get_load_suggestions` as the caller (Odoo's access
        rules, the scheduler's cascade and the approval guard apply). A shift must keep the task
        within its latest start (its float); a reassignment goes to an employee of the same
        department. Returns True."""
        self._load_access()
        suggestion = dict(suggestion or {})
        task = self.env["project.task"].browse(suggestion.get("task_id")).exists() \
            if isinstance(suggestion.get("task_id"), int) else None
        if not task:
            raise UserError(self.env._("The suggestion names no existing task."))
        task.check_access("write")
        if task.is_critical:
            raise ValidationError(self.env._(
                "Task '%(task)s' is critical: moving it or its people would delay the project.", task=task.name))
        kind = suggestion.get("kind")
        if kind == "shift":
            try:
                new_start = fields.Date.to_date(suggestion.get("new_start"))
                new_end = fields.Date.to_date(suggestion.get("new_end")) or None
            except (TypeError, ValueError):
                new_start = new_end = None
            if not new_start or not task.planned_start_date or new_start <= task.planned_start_date or (
                    task.late_start_date and new_start > task.late_start_date) or (
                    new_end and (new_end < new_start or (task.late_end_date and new_end > task.late_end_date))):
                raise ValidationError(self.env._(
                    "Task '%(task)s' cannot start on %(date)s: a levelling shift starts it later, no later "
                    "than its latest start (%(late)s).", task=task.name, date=suggestion.get("new_start"),
                    late=task.late_start_date or "-"))
            vals = {"planned_start_date": new_start, "pinned_start_date": new_start}
            if new_end:
                vals["planned_end_date"] = new_end
            task.write(vals)
            return True
        if kind == "reassign":
            # sudo: employees are HR records; the department check below is the rule applied
            Employee = self.env["hr.employee"].sudo()
            employee = Employee.browse(suggestion.get("employee_id")).exists() \
                if isinstance(suggestion.get("employee_id"), int) else Employee
            colleague = Employee.browse(suggestion.get("colleague_id")).exists() \
                if isinstance(suggestion.get("colleague_id"), int) else Employee
            if (not employee or not colleague or not employee.user_id or not colleague.user_id
                    or employee.user_id not in task.user_ids or not employee.department_id
                    or colleague.department_id != employee.department_id
                    or colleague.company_id not in self.env.companies):
                raise ValidationError(self.env._(
                    "Task '%(task)s' cannot be handed over: the new assignee must be a colleague of the same "
                    "department as the assignee replaced.", task=task.name))
            task.write({"user_ids": [Command.unlink(employee.user_id.id), Command.link(colleague.user_id.id)]})
            return True
        raise UserError(self.env._("Unknown kind of levelling suggestion: %s", kind))


def _load_cell(cell, detail):
    """A cell of :meth:`LoadGrid.cell` as sent: ``[load, capacity, actual, planned, level]``
    rounded, capacity and planned False when the caller may not see the person's details."""
    load, capacity, _nominal, actual, planned, level = cell
    return [round(load, 2), round(capacity, 2) if detail else False, round(actual, 2),
            round(planned, 2) if detail else False, level]


def _load_row(employee, detail, fallbacks, cells, unscheduled):
    return {
        "id": employee.id, "name": employee.name, "detail": detail,
        "fallback": fallbacks.get(employee.id, False) if detail else False,
        "cells": cells, "unscheduled": round(unscheduled, 2),
        "load": round(sum(c[0] for c in cells), 2),
        "capacity": round(sum(c[1] for c in cells), 2) if detail else False,
    }


def _local(value, tz):
    """A UTC datetime of the database as naive local time of ``tz``."""
    return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)
