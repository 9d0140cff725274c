# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter, defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.gantt import link_violated, ms_project_predecessors, outline_numbers, subtask_order
from ..engine.gantt_xlsx import XlsxTask, write_gantt_xlsx

# columns of a bar, in the order of the arrays sent to the web client
GANTT_BAR_COLUMNS = [
    "id", "name", "start", "end", "progress", "critical", "total_float", "late_end", "deadline",
    "late", "milestone", "color", "pinned", "done", "duration", "parent_id", "project_id",
]
GANTT_ARROW_COLUMNS = ["id", "pred", "succ", "type", "lag", "violated"]
GANTT_READ_FIELDS = [
    "name", "planned_start_date", "planned_end_date", "duration_days", "pinned_start_date",
    "late_end_date", "total_float_days", "is_critical", "is_schedule_late", "date_deadline",
    "effective_hours", "allocated_hours", "state", "project_id", "stage_id", "priority", "parent_id",
    "is_milestone",
]
GANTT_SQL_COLUMNS = [
    "id", "name", "planned_start_date", "planned_end_date", "duration_days", "pinned_start_date",
    "late_end_date", "total_float_days", "is_critical", "is_schedule_late", "date_deadline",
    "effective_hours", "allocated_hours", "state", "project_id", "stage_id", "priority", "parent_id",
    "is_milestone",
]
GANTT_COLOR_FIELDS = {"project": "project_id", "stage": "stage_id", "priority": "priority"}
GANTT_EDIT_FIELDS = {"planned_start_date", "planned_end_date", "duration_days", "pinned_start_date"}
GANTT_MAX_WINDOW_DAYS = 3700  # ten years: the year scale of a long programme
GANTT_UNSCHEDULED_LIMIT = 200


class ProjectTask(models.Model):
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ data of the Gantt view

    @api.model
    @api.readonly
    def get_gantt_data(self, domain, groupby=(), date_start=None, date_stop=None, color_by="project"):
        """Everything the Gantt view draws for the window ``[date_start, date_stop]`` (ISO
        dates, the client adds its margin), as compact arrays:

        * ``rows``: ``["g", key, label, depth, count]`` for a group, ``["t", task id, depth]``
          for a task, in display order (a task with two assignees appears in both groups
          when grouped by ``user_ids``; subtasks follow their parent one level deeper);
        * ``bars``: one array per task drawn, columns ``bar_columns``;
        * ``arrows``: links between drawn tasks, columns ``arrow_columns``;
        * ``milestones``: ``[id, name, deadline, reached, project id]`` of ``project.milestone``;
        * ``nonworking`` / ``holidays``: ISO dates of the window not worked in the working
          calendar of most drawn tasks (holidays: closed days that are normally worked);
        * ``bounds``: first planned start and last planned end of all tasks of ``domain``
          (where to look when the window is empty);
        * ``unscheduled``: ``[id, name, project]`` of tasks without planned dates, and their count.

        Only what the current user may read is returned (the search applies record rules)."""
        self._gantt_check_user()
        start, stop = self._gantt_window(date_start, date_stop)
        domain = list(domain or [])
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        specs = [self._gantt_group_spec(spec) for spec in groupby]
        color_field = GANTT_COLOR_FIELDS.get(color_by, "project_id")
        window = [("planned_start_date", "<=", stop), ("planned_end_date", ">=", start)]
        values = self._gantt_values(expression.AND([domain, window]))
        tasks = self.browse([row["id"] for row in values])
        bars = self._gantt_bars(values, color_field)
        unscheduled_domain = expression.AND([domain, [("planned_start_date", "=", False)]])
        unscheduled = self.search_fetch(unscheduled_domain, ["name", "project_id"],
                                        limit=GANTT_UNSCHEDULED_LIMIT, order="project_id, id")
        [(first_start, last_end)] = self._read_group(
            domain, aggregates=["planned_start_date:min", "planned_end_date:max"])
        calendar = self._gantt_calendar(values)
        work = calendar._task_mgmt_work_calendar(start, stop)
        worked_weekdays = {int(day) for day in calendar.attendance_ids.mapped("dayofweek")}
        nonworking, holidays = [], []
        day = start
        while day <= stop:
            if not work.is_working(day):
                nonworking.append(day.isoformat())
                if day.weekday() in worked_weekdays:
                    holidays.append(day.isoformat())
            day += timedelta(days=1)
        milestones = self.env["project.milestone"].search_fetch(
            [("project_id", "in", list({row["project_id"] for row in values if row["project_id"]})),
             ("deadline", ">=", start), ("deadline", "<=", stop)],
            ["name", "deadline", "is_reached", "project_id"], order="deadline, id",
        )
        return {
            "window": [start.isoformat(), stop.isoformat()],
            "bounds": [first_start and first_start.isoformat(), last_end and last_end.isoformat()],
            "bar_columns": GANTT_BAR_COLUMNS,
            "arrow_columns": GANTT_ARROW_COLUMNS,
            "rows": tasks._gantt_rows(specs, {row["id"]: row["parent_id"] for row in values}),
            "bars": bars,
            "arrows": self._gantt_arrows(values, values, work),
            "milestones": [
                [m.id, m.name, m.deadline.isoformat(), m.is_reached, m.project_id.id] for m in milestones
            ],
            "nonworking": nonworking,
            "holidays": holidays,
            "unscheduled": [[t.id, t.name, t.project_id.display_name or ""] for t in unscheduled],
            "unscheduled_count": len(unscheduled) if len(unscheduled) < GANTT_UNSCHEDULED_LIMIT
            else self.search_count(unscheduled_domain),
        }

    def _gantt_check_user(self):
        if not self.env.user._is_internal():
            raise AccessError(self.env._("The Gantt chart is for internal users only."))

    def _gantt_window(self, date_start, date_stop):
        try:
            start = fields.Date.to_date(date_start) or fields.Date.context_today(self) - timedelta(days=30)
            stop = fields.Date.to_date(date_stop) or start + timedelta(days=120)
        except ValueError as error:
            raise UserError(self.env._("Gantt chart: invalid date window (%s).", error)) from None
        if stop < start:
            raise UserError(self.env._(
                "Gantt chart: the window ends (%(stop)s) before it starts (%(start)s).", start=start, stop=stop,
            ))
        if (stop - start).days > GANTT_MAX_WINDOW_DAYS:
            raise UserError(self.env._(
                "Gantt chart: a window of %(days)s days is too long (at most %(max)s).",
                days=(stop - start).days, max=GANTT_MAX_WINDOW_DAYS,
            ))
        return start, stop

    def _gantt_group_spec(self, spec):
        """``(spec, field name, granularity)`` of one group-by of the search bar."""
        if not isinstance(spec, str):
            raise UserError(self.env._("Gantt chart: invalid group-by %s.", spec))
        fname, _sep, granularity = spec.partition(":")
        field = self._fields.get(fname)
        if not field or not field.store and field.type not in ("many2one", "many2many", "selection"):
            raise UserError(self.env._("Gantt chart: tasks cannot be grouped by '%s'.", spec))
        self.check_field_access_rights("read", [fname])
        return spec, fname, granularity or "month"

    def _gantt_group_keys(self, task, fname, granularity):
        """[(key, label)] of a task for one group-by: several for a many2many."""
        field = self._fields[fname]
        value = task[fname]
        none = self.env._("None")
        if field.type in ("many2one", "many2many", "one2many"):
            # sudo: names of the groups, as read_group shows them, for the tasks the user reads
            return [(rec.id, rec.sudo().display_name) for rec in value] or [(False, none)]
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            return [(value, labels.get(value, none) if value else none)]
        if field.type in ("date", "datetime") and value:
            day = fields.Date.to_date(value) if field.type == "date" else value.date()
            if granularity == "day":
                key = day.isoformat()
            elif granularity == "week":
                year, week, _weekday = day.isocalendar()
                key = f"{year}-W{week:02d}"
            elif granularity == "year":
                key = str(day.year)
            elif granularity == "quarter":
                key = f"{day.year} Q{(day.month - 1) // 3 + 1}"
            else:
                key = f"{day.year}-{day.month:02d}"
            return [(key, key)]
        if field.type == "boolean":
            return [(bool(value), self.env._("Yes") if value else self.env._("No"))]
        return [(value, str(value) if value not in (False, None) else none)]

    def _gantt_rows(self, specs, parents):
        """Group rows and task rows in display order (see ``get_gantt_data``); ``parents``:
        {task id: parent id or None}.  Grouping reads the group-by fields of these tasks in
        batches (the prefetch of ``self``)."""
        leaves = defaultdict(list)  # path of (key, label) -> task rows in order
        if not specs:
            leaves[()] = [(task_id, parents[task_id]) for task_id in self.ids]
        for task in self if specs else ():
            paths = [()]
            for _spec, fname, granularity in specs:
                keys = self._gantt_group_keys(task, fname, granularity)
                paths = [path + (key,) for path in paths for key in keys]
            for path in paths:
                leaves[path].append((task.id, parents[task.id]))

        def sort_key(item):
            key, label = item
            return (key is False, str(label).lower())

        rows = []

        def emit(prefix, depth):
            children = sorted({path[depth] for path in leaves if path[:depth] == prefix}, key=sort_key)
            for child in children:
                path = prefix + (child,)
                count = len({task_id for p, items in leaves.items() if p[:depth + 1] == path
                             for task_id, _parent in items})
                rows.append(["g", "/".join(str(key) for key, _label in path), child[1], depth, count])
                if depth + 1 < len(specs):
                    emit(path, depth + 1)
                else:
                    rows.extend(["t", task_id, depth + 1 + sub] for task_id, sub in subtask_order(leaves[path]))

        if specs:
            emit((), 0)
        else:
            rows.extend(["t", task_id, sub] for task_id, sub in subtask_order(leaves[()]))
        return rows

    @api.model
    def _gantt_values(self, domain):
        """Column values of the tasks of ``domain`` the user may read, ordered by start: one
        SQL query over the ORM's own search query (record rules and active test applied),
        without building records, so that 10,000 bars cost one query and a loop over tuples."""
        self.check_field_access_rights("read", GANTT_SQL_COLUMNS)
        self.flush_model(GANTT_SQL_COLUMNS)
        query = self._search(domain, order="planned_start_date, id")
        columns = [SQL("%s AS %s", SQL.identifier(self._table, column), SQL.identifier(column))
                   for column in GANTT_SQL_COLUMNS]
        return self.env.execute_query_dict(query.select(*columns))

    @api.model
    def _gantt_bars(self, values, color_field="project_id"):
        """Bar arrays (``GANTT_BAR_COLUMNS``) of task value rows from ``_gantt_values``."""
        bars = []
        for row in values:
            done = row["state"] == "1_done"
            if done:
                progress = 1.0
            elif row["allocated_hours"]:
                progress = round(min((row["effective_hours"] or 0.0) / row["allocated_hours"], 1.0), 3)
            else:
                progress = 0.0
            color = row[color_field]
            bars.append([
                row["id"], row["name"], row["planned_start_date"].isoformat(), row["planned_end_date"].isoformat(),
                progress, bool(row["is_critical"]), row["total_float_days"] or 0,
                row["late_end_date"].isoformat() if row["late_end_date"] else False,
                row["date_deadline"].date().isoformat() if row["date_deadline"] else False,
                bool(row["is_schedule_late"]), bool(row["is_milestone"]), int(color or 0),
                row["pinned_start_date"].isoformat() if row["pinned_start_date"] else False,
                done or row["state"] in CLOSED_STATES, row["duration_days"] or 0,
                row["parent_id"] or False, row["project_id"] or False,
            ])
        return bars

    @api.model
    def _gantt_calendar(self, values):
        """The working calendar of the project of most of these task rows (else the company's)."""
        counts = Counter(row["project_id"] for row in values if row["project_id"])
        if counts:
            project = self.env["project.project"].browse(counts.most_common(1)[0][0])
            calendar = project.sudo().resource_calendar_id  # sudo: the working time is not secret
            if calendar:
                return calendar.with_env(self.env)
        return self.env.company.resource_calendar_id

    @api.model
    def _gantt_arrows(self, touching, drawn, work):
        """Links between ``drawn`` task rows (all readable by the user) that touch the
        ``touching`` rows, with the violated flag computed on the working calendar ``work``."""
        if not touching or not drawn:
            return []
        drawn_ids = [row["id"] for row in drawn]
        Link = self.env["project.task.dependency"]
        link_domain = [("predecessor_id", "in", drawn_ids), ("successor_id", "in", drawn_ids)]
        if len(touching) != len(drawn):
            touching_ids = [row["id"] for row in touching]
            link_domain = ["|", ("predecessor_id", "in", touching_ids), ("successor_id", "in", touching_ids),
                           *link_domain]
        Link.check_field_access_rights("read", ["predecessor_id", "successor_id", "dependency_type", "lag_days"])
        Link.flush_model()
        links = self.env.execute_query(Link._search(link_domain, order="id").select(*(
            SQL.identifier(Link._table, column)
            for column in ("predecessor_id", "successor_id", "dependency_type", "lag_days", "id")
        )))
        if not links:
            return []
        axis = work.axis(min(row["planned_start_date"] for row in drawn))
        positions = {}
        for row in drawn:
            first = axis.index(row["planned_start_date"])
            # a milestone is a point (no duration): its successors may start on its day
            duration = 0 if row["is_milestone"] else axis.index(row["planned_end_date"]) - first + 1
            positions[row["id"]] = (first, duration)
        return [
            [link_id, pred, succ, kind, lag, link_violated(kind, lag, *positions[pred], *positions[succ])]
            for pred, succ, kind, lag, link_id in links
        ]

    # ------------------------------------------------------------------ edits from the Gantt view

    @api.model
    def gantt_write(self, task_id, values, drawn_ids=(), color_by="project"):
        """Move or resize one task from the Gantt view: ``values`` may set
        ``planned_start_date`` (pins the start, as in the form), ``planned_end_date``
        (the duration follows), ``duration_days`` and ``pinned_start_date`` (undo).  Written
        through the ORM, so record rules, the approval guard, dependency enforcement and the
        scheduler's cascade apply.  Returns the new bars of every drawn task that changed."""
        self._gantt_check_user()
        unknown = set(values) - GANTT_EDIT_FIELDS
        if unknown:
            raise UserError(self.env._("Gantt chart: these fields cannot be changed here: %s.",
                                       ", ".join(sorted(unknown))))
        task = self.browse(int(task_id)).exists()
        if not task:
            raise UserError(self.env._("Gantt chart: the task no longer exists."))
        task.write(values)
        return self._gantt_changes(drawn_ids, task, color_by)

    @api.model
    def gantt_link(self, operation, values=None, link_id=None, drawn_ids=(), color_by="project"):
        """Create (``values``: predecessor_id, successor_id, dependency_type, lag_days),
        change (``link_id``, ``values``: dependency_type, lag_days) or delete (``link_id``) a
        dependency from the Gantt view, through the ``project.task.dependency`` ORM (access,
        cycle and lag checks, cascade).  Returns the drawn tasks that changed and the arrows
        touching them."""
        self._gantt_check_user()
        Link = self.env["project.task.dependency"]
        values = dict(values or {})
        touched = self.browse()
        if operation == "create":
            values = {key: values[key] for key in ("predecessor_id", "successor_id", "dependency_type",
                                                   "lag_days") if key in values}
            link = Link.create(values)
            touched = link.predecessor_id | link.successor_id
        elif operation in ("write", "unlink"):
            link = Link.browse(int(link_id)).exists()
            if not link:
                raise UserError(self.env._("Gantt chart: the dependency no longer exists."))
            touched = link.predecessor_id | link.successor_id
            if operation == "write":
                link.write({key: values[key] for key in ("dependency_type", "lag_days") if key in values})
            else:
                link.unlink()
        else:
            raise UserError(self.env._("Gantt chart: unknown operation '%s'.", operation))
        return self._gantt_changes(drawn_ids, touched, color_by)

    def _gantt_changes(self, drawn_ids, touched, color_by):
        """Bars of the drawn tasks written in this transaction (the edited task and every
        task the cascade moved: the scheduler stamps what it writes), with all arrows
        between drawn tasks that touch them."""
        self.env.flush_all()
        drawn_ids = [int(i) for i in drawn_ids or ()]
        ids = list(set(drawn_ids) | set(touched.ids))
        now = self.env.cr.now()
        written = set(self._search([("id", "in", ids), ("write_date", "=", now)]))
        values = self._gantt_values([("id", "in", ids), ("planned_start_date", "!=", False)])
        moved = [row for row in values if row["id"] in written or row["id"] in touched.ids]
        scheduled_ids = {row["id"] for row in values}
        bars, arrows = [], []
        if moved:
            first = min(row["planned_start_date"] for row in values)
            last = max(row["planned_end_date"] for row in values)
            work = self._gantt_calendar(values)._task_mgmt_work_calendar(first, last)
            bars = self._gantt_bars(moved, GANTT_COLOR_FIELDS.get(color_by, "project_id"))
            arrows = self._gantt_arrows(moved, values, work)
        return {
            "bars": bars,
            "unscheduled_ids": [task_id for task_id in ids if task_id in written and task_id not in scheduled_ids],
            "arrows": arrows,
            "touched_ids": touched.ids,
        }

    # ------------------------------------------------------------------ exports

    @api.model
    def _gantt_export_tasks(self, domain):
        """Tasks of ``domain`` the user may read, in chart order (by start, subtasks after their
        parent; unscheduled last), as ``[(task, depth)]``, their outline numbers and links."""
        tasks = self.search_fetch(domain, GANTT_READ_FIELDS + ["user_ids"], order="planned_start_date, id")
        order = subtask_order([(task.id, task.parent_id.id or None) for task in tasks])
        by_id = {task.id: task for task in tasks}
        ordered = [(by_id[task_id], depth) for task_id, depth in order]
        outline = outline_numbers([
            (task.id, task.parent_id.id if task.parent_id.id in by_id else None) for task, _depth in ordered
        ])
        links = self.env["project.task.dependency"].search_fetch(
            [("successor_id", "in", tasks.ids), ("predecessor_id", "in", tasks.ids)],
            ["predecessor_id", "successor_id", "dependency_type", "lag_days"],
        )
        return ordered, outline, links

    @api.model
    def _gantt_write_xlsx(self, target, domain, unit="day", constant_memory=True):
        """The XLSX of the chart of ``domain`` into ``target`` (file object); returns the row count."""
        self._gantt_check_user()
        ordered, outline, links = self._gantt_export_tasks(domain)
        numbers = {task.id: index for index, (task, _depth) in enumerate(ordered, start=1)}
        preds = defaultdict(list)
        for link in links:
            preds[link.successor_id.id].append((link.predecessor_id.id, link.dependency_type, link.lag_days))
        tasks = self.browse([task.id for task, _depth in ordered])
        scheduled = tasks.filtered("planned_start_date")
        nonworking = set()
        if scheduled:
            first = min(scheduled.mapped("planned_start_date"))
            last = max(scheduled.mapped("planned_end_date"))
            calendar = self._gantt_calendar([{"project_id": task.project_id.id} for task in scheduled])
            work = calendar._task_mgmt_work_calendar(first, last)
            nonworking = {first + timedelta(days=offset) for offset in range((last - first).days + 1)
                          if not work.is_working(first + timedelta(days=offset))}
        rows = (
            XlsxTask(
                outline=outline[task.id], name=task.name,
                assignees=", ".join(task.user_ids.mapped("name")),
                start=task.planned_start_date or None, end=task.planned_end_date or None,
                duration=task.duration_days or 0, total_float=task.total_float_days or 0,
                critical=task.is_critical,
                predecessors=ms_project_predecessors(preds.get(task.id, ()), numbers), depth=depth,
                milestone=task.is_milestone,
            )
            for task, depth in ordered
        )
        labels = {
            "Task": self.env._("Task"), "Assignees": self.env._("Assignees"), "Start": self.env._("Start"),
            "End": self.env._("End"), "Duration (days)": self.env._("Duration (days)"),
            "Total Float (days)": self.env._("Total Float (days)"), "Critical": self.env._("Critical"),
            "Predecessors": self.env._("Predecessors"), "Yes": self.env._("Yes"),
        }
        return write_gantt_xlsx(target, rows, nonworking, "week" if unit == "week" else "day",
                                title=self.env._("Gantt"), labels=labels, constant_memory=constant_memory)
