# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery KPI lines: up to three rows per task, each dated for the KPIs it feeds.

* ``planned`` dated on the planned end: planned completion (done on or before the planned end);
* ``done``    dated on the done date: throughput, on-time (against the deadline), cycle and lead
              time in working days (Monday-Friday), hours against the estimate, quality, rework;
* ``open``    dated today: overdue (open past its deadline) - a snapshot, whatever the period.

Active, not cancelled tasks of a project only. The rates are ratios of the group's sums
(``_read_group_select``), so that a pivot cell, a period or a project total is exact; the
definitions are those of ``engine/kpi.py`` (the tests compare both on the same tasks).
"""

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import kpi

KIND_CODES = {"planned": 0, "done": 1, "open": 2}
# what get_kpis may group by (besides the period)
KPI_GROUPBY = (None, False, "project_id", "user_ids", "milestone_id", "team_id", "partner_id", "department_ids")
# rate measures: (numerator, denominator, scale) summed over the group
RATIOS = {
    "planned_completion_rate": ("planned_done_count", "planned_count", 100),
    "on_time_rate": ("on_time_count", "deadline_count", 100),
    "overdue_rate": ("overdue_count", "open_count", 100),
    "cycle_time": ("cycle_days", "cycle_count", 1),
    "lead_time": ("lead_days", "done_count", 1),
    "estimate_deviation": ("effective_hours", "allocated_hours", 1),
    "quality": ("rating_sum", "rated_count", 1),
}
# weekdays (Monday-Friday) in [a, b): the formula of engine.kpi.weekdays_between, for a <= b
WEEKDAYS_FUNCTION = """
CREATE OR REPLACE FUNCTION task_mgmt_weekdays(a date, b date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL
                WHEN b < a THEN -task_mgmt_weekdays(b, a)
                ELSE ((b - a) / 7) * 5
                     + GREATEST(0, LEAST(extract(isodow FROM a)::int - 1 + mod(b - a, 7), 5)
                                   - LEAST(extract(isodow FROM a)::int - 1, 5))
                     + GREATEST(0, LEAST(extract(isodow FROM a)::int - 1 + mod(b - a, 7), 12) - 7)
           END
$$
"""


def ratio_select(model, select, aggregate_spec, query, ratios):
    """The aggregate of ``aggregate_spec`` for ``_read_group_select`` of a report ``model``: for a
    measure of ``ratios`` (``{name: (numerator, denominator, scale)}``) the ratio of the group's
    sums, else ``select`` (the super method) does it."""
    name = aggregate_spec.split(":")[0]
    if name not in ratios:
        return select(aggregate_spec, query)
    select(aggregate_spec, query)  # field access checks
    numerator, denominator, scale = ratios[name]
    return SQL("(SUM(%s)::float * %s / NULLIF(SUM(%s), 0))", model._field_to_sql(model._table, numerator, query),
               scale, model._field_to_sql(model._table, denominator, query))


class ProjectTaskReportKpi(models.Model):
    _name = "project.task.report.kpi"
    _description = "Delivery KPI Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "task_id"
    _depends = {
        "project.task": ["active", "project_id", "milestone_id", "company_id", "partner_id", "sale_order_id",
                         "stage_id", "create_date", "date_assign", "kpi_done_date", "planned_end_date",
                         "date_deadline", "state", "allocated_hours", "effective_hours", "quality_rating",
                         "kpi_rework_count", "user_ids", "parent_id"],
        "sale.order": ["team_id"],
        "hr.employee": ["user_id", "company_id", "department_id", "active"],
    }

    kind = fields.Selection(
        [("planned", "Planned End"), ("done", "Done"), ("open", "Open Today")], string="Counted As",
        readonly=True)
    date = fields.Date(readonly=True, help="Planned end, done date or today, depending on what the line counts.")
    task_id = fields.Many2one("project.task", readonly=True)
    parent_id = fields.Many2one("project.task", string="Parent Task", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    milestone_id = fields.Many2one("project.milestone", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    stage_id = fields.Many2one("project.task.type", readonly=True)
    user_ids = fields.Many2many(
        "res.users", relation="project_task_report_kpi_user_rel", column1="kpi_id", column2="user_id",
        string="Assignees", readonly=True)
    department_ids = fields.Many2many(
        "hr.department", relation="project_task_report_kpi_department_rel", column1="kpi_id",
        column2="department_id", string="Departments", readonly=True,
        help="The departments of the assignees' employees in the task's company.")

    planned_count = fields.Integer(string="Planned to End", readonly=True)
    planned_done_count = fields.Integer(string="Done by Planned End", readonly=True)
    done_count = fields.Integer(string="Throughput (Done)", readonly=True)
    deadline_count = fields.Integer(string="Done with Deadline", readonly=True)
    on_time_count = fields.Integer(string="Done on Time", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    cycle_count = fields.Integer(string="Done and Assigned", readonly=True)
    cycle_days = fields.Integer(string="Cycle Days (total)", readonly=True)
    lead_days = fields.Integer(string="Lead Days (total)", readonly=True)
    estimated_count = fields.Integer(string="Done with Estimate", readonly=True)
    allocated_hours = fields.Float(string="Allocated Hours (done)", readonly=True)
    effective_hours = fields.Float(string="Timesheet Hours (done)", readonly=True)
    rated_count = fields.Integer(string="Rated", readonly=True)
    rating_sum = fields.Integer(string="Ratings (total)", readonly=True)
    rework_count = fields.Integer(string="Rework", readonly=True)

    planned_completion_rate = fields.Float(string="Planned Completion (%)", readonly=True, digits=(16, 1))
    on_time_rate = fields.Float(string="On Time (%)", readonly=True, digits=(16, 1))
    overdue_rate = fields.Float(string="Overdue (%)", readonly=True, digits=(16, 1))
    cycle_time = fields.Float(string="Cycle Time (days)", readonly=True, digits=(16, 1))
    lead_time = fields.Float(string="Lead Time (days)", readonly=True, digits=(16, 1))
    estimate_deviation = fields.Float(string="Hours / Estimate", readonly=True, digits=(16, 2))
    quality = fields.Float(string="Quality (1-5)", readonly=True, digits=(16, 2))

    # ------------------------------------------------------------------ view

    def init(self):
        cr = self.env.cr
        cr.execute(SQL(WEEKDAYS_FUNCTION))
        tools.drop_view_if_exists(cr, "project_task_report_kpi_user_rel")
        tools.drop_view_if_exists(cr, "project_task_report_kpi_department_rel")
        tools.drop_view_if_exists(cr, self._table)
        cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
        # the assignees of every line: the task's, for each of its three kinds of line
        cr.execute(SQL(
            """CREATE OR REPLACE VIEW project_task_report_kpi_user_rel AS (
                   SELECT r.task_id * 3 + k.code AS kpi_id, r.user_id
                     FROM project_task_user_rel r CROSS JOIN (VALUES (0), (1), (2)) k(code))"""))
        # the departments of every line: those of the assignees' active employees - for a user
        # with employees in several companies, the one in the task's company (any for a task
        # without company, as task_mgmt_advanced's department rule). Only those users' rows
        # read the task (by its key): the view does not scan project_task a second time. A task
        # of two assignees of one department counts once for it.
        cr.execute(SQL(
            """CREATE OR REPLACE VIEW project_task_report_kpi_department_rel AS (
                   WITH e AS (SELECT user_id, company_id, department_id,
                                     count(*) OVER (PARTITION BY user_id) AS employees
                                FROM hr_employee WHERE active AND user_id IS NOT NULL)
                   SELECT d.task_id * 3 + k.code AS kpi_id, d.department_id
                     FROM (SELECT r.task_id, e.department_id
                             FROM project_task_user_rel r
                             JOIN e ON e.user_id = r.user_id AND e.employees = 1 AND e.department_id IS NOT NULL
                            UNION
                           SELECT r.task_id, e.department_id
                             FROM project_task_user_rel r
                             JOIN e ON e.user_id = r.user_id AND e.employees > 1 AND e.department_id IS NOT NULL
                             JOIN project_task t ON t.id = r.task_id
                                                AND (t.company_id IS NULL OR t.company_id = e.company_id)) d
                    CROSS JOIN (VALUES (0), (1), (2)) k(code))"""))

    def _base(self):
        """One row of facts per counted task (dates in UTC); a task's own allocated hours are its
        allocated hours minus its subtasks' (Odoo's allocated time of a parent includes them)."""
        return SQL("""
            SELECT t.id AS task_id, t.parent_id, t.project_id, t.milestone_id, t.company_id, t.partner_id,
                   so.team_id, t.stage_id, t.create_date::date AS created, t.date_assign::date AS assigned,
                   t.kpi_done_date::date AS done, t.planned_end_date AS planned_end,
                   t.date_deadline::date AS deadline,
                   GREATEST(COALESCE(t.allocated_hours, 0) - COALESCE(sub.allocated_hours, 0), 0) AS allocated_hours,
                   COALESCE(t.effective_hours, 0) AS effective_hours, NULLIF(t.quality_rating, 0) AS rating,
                   COALESCE(t.kpi_rework_count, 0) AS rework
              FROM project_task t
              LEFT JOIN sale_order so ON so.id = t.sale_order_id
              LEFT JOIN (SELECT parent_id, SUM(allocated_hours) AS allocated_hours
                           FROM project_task WHERE parent_id IS NOT NULL AND active GROUP BY parent_id
                        ) sub ON sub.parent_id = t.id
             WHERE t.active AND t.project_id IS NOT NULL AND t.state <> '1_canceled'
        """)

    def _select(self, kind):
        """The columns of one kind of line: every measure, 0 where the kind does not count it."""
        zero = dict.fromkeys(kpi.SUM_KEYS, SQL("0"))
        measures = {
            "planned": {
                "planned_count": SQL("1"),
                "planned_done_count": SQL("(b.done IS NOT NULL AND b.done <= b.planned_end)::int"),
            },
            "done": {
                "done_count": SQL("1"),
                "deadline_count": SQL("(b.deadline IS NOT NULL)::int"),
                "on_time_count": SQL("(b.deadline IS NOT NULL AND b.done <= b.deadline)::int"),
                "cycle_count": SQL("(b.assigned IS NOT NULL)::int"),
                "cycle_days": SQL("COALESCE(task_mgmt_weekdays(b.assigned, b.done), 0)"),
                "lead_days": SQL("task_mgmt_weekdays(b.created, b.done)"),
                "estimated_count": SQL("(b.allocated_hours > 0)::int"),
                "allocated_hours": SQL("b.allocated_hours"),
                "effective_hours": SQL("CASE WHEN b.allocated_hours > 0 THEN b.effective_hours ELSE 0 END"),
                "rated_count": SQL("(b.rating IS NOT NULL)::int"),
                "rating_sum": SQL("COALESCE(b.rating, 0)"),
                "rework_count": SQL("b.rework"),
            },
            "open": {
                "open_count": SQL("1"),
                "overdue_count": SQL("(b.deadline IS NOT NULL AND b.deadline < CURRENT_DATE)::int"),
            },
        }[kind]
        columns = {**zero, **measures}
        date = {"planned": SQL("b.planned_end"), "done": SQL("b.done"), "open": SQL("CURRENT_DATE")}[kind]
        rates = [SQL("NULL::float AS %s", SQL.identifier(name)) for name in RATIOS]
        return SQL(
            "b.task_id * 3 + %s AS id, %s AS kind, %s AS date, b.task_id, b.parent_id, b.project_id, "
            "b.milestone_id, b.company_id, b.partner_id, b.team_id, b.stage_id, %s, %s",
            KIND_CODES[kind], kind, date,
            SQL(", ").join(SQL("%s AS %s", value, SQL.identifier(name)) for name, value in columns.items()),
            SQL(", ").join(rates),
        )

    def _where(self, kind):
        return {
            "planned": SQL("b.planned_end IS NOT NULL"),
            "done": SQL("b.done IS NOT NULL"),
            "open": SQL("b.done IS NULL"),
        }[kind]

    def _query(self):
        return SQL("WITH b AS (%s) %s", self._base(), SQL(" UNION ALL ").join(
            SQL("SELECT %s FROM b WHERE %s", self._select(kind), self._where(kind)) for kind in KIND_CODES))

    # ------------------------------------------------------------------ aggregation

    def _read_group_select(self, aggregate_spec, query):
        """A rate of a group is the ratio of the group's sums, not a sum or mean of rows."""
        return ratio_select(self, super()._read_group_select, aggregate_spec, query, RATIOS)

    @api.model
    def _kpi_domain(self, project_ids=None, user_ids=None, milestone_ids=None, department_ids=None):
        """Domain of the lines of these projects / assignees / milestones / departments, the ids
        checked."""
        domain = []
        for field, ids, what in (("project_id", project_ids, self.env._("projects")),
                                 ("user_ids", user_ids, self.env._("assignees")),
                                 ("milestone_id", milestone_ids, self.env._("milestones")),
                                 ("department_ids", department_ids, self.env._("departments"))):
            if ids is None or ids is False:
                continue
            if not isinstance(ids, (list, tuple)) or not all(isinstance(i, int) and not isinstance(i, bool)
                                                              for i in ids):
                raise UserError(self.env._("The %(what)s must be a list of record ids, not %(value)r.",
                                           what=what, value=ids))
            domain.append((field, "in", list(ids)))
        return domain

    @api.model
    def _kpi_period(self, period):
        if period not in kpi.PERIODS:
            raise UserError(self.env._("Unknown period %(period)r: use week, month or quarter.", period=period))
        return period

    @api.model
    @api.readonly
    def get_kpis(self, period="month", date_from=None, date_to=None, groupby=None, project_ids=None,
                 user_ids=None, milestone_ids=None, department_ids=None):
        """The KPIs per period (week, month, quarter) and optionally per ``groupby`` (project_id,
        user_ids, milestone_id, team_id, partner_id, department_ids): one ``_read_group`` as the
        calling user (record rules apply), the rates computed by the engine from the group sums.

        :returns: list of ``{"period": first day, "group": [id, name] or None, "sums", "kpis"}``
        """
        self.check_access("read")
        self._kpi_period(period)
        if groupby not in KPI_GROUPBY:
            raise UserError(self.env._("The KPIs cannot be grouped by %(field)r.", field=groupby))
        domain = self._kpi_domain(project_ids, user_ids, milestone_ids, department_ids)
        for op, value, what in ((">=", date_from, self.env._("start")), ("<=", date_to, self.env._("end"))):
            if value:
                try:
                    domain.append(("date", op, fields.Date.to_date(value)))
                except ValueError as error:
                    raise UserError(self.env._("The %(what)s of the period is not a date: %(value)r.",
                                               what=what, value=value)) from error
        groups = [f"date:{period}"] + ([groupby] if groupby else [])
        rows = self._read_group(domain, groups, [f"{key}:sum" for key in kpi.SUM_KEYS], order=f"date:{period}")
        result = []
        for start, *rest in rows:
            group = rest.pop(0) if groupby else None
            sums = {key: float(value or 0) for key, value in zip(kpi.SUM_KEYS, rest, strict=True)}
            result.append({
                "period": fields.Date.to_string(start),
                "group": [group.id, group.display_name] if group else None,
                "sums": sums,
                "kpis": kpi.kpi_rates(sums),
            })
        return result

    @api.model
    @api.readonly
    def get_kpi_totals(self, date_from, date_to, project_ids=None, user_ids=None, milestone_ids=None,
                       department_ids=None):
        """The KPIs over one period ``[date_from, date_to]`` (the open-task snapshot included when
        the period contains today): one ``_read_group``."""
        self.check_access("read")
        try:
            start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        except ValueError as error:
            raise UserError(self.env._("The period must be given as two dates.")) from error
        if not start or not end or end < start:
            raise UserError(self.env._("The period %(start)s - %(end)s is empty.", start=date_from, end=date_to))
        domain = self._kpi_domain(project_ids, user_ids, milestone_ids, department_ids) + [
            ("date", ">=", start), ("date", "<=", end)]
        values = self._read_group(domain, [], [f"{key}:sum" for key in kpi.SUM_KEYS])[0]
        return {key: float(value or 0) for key, value in zip(kpi.SUM_KEYS, values, strict=True)}

    @api.model
    @api.readonly
    def compare_periods(self, before, after, project_ids=None):
        """Before/after: every KPI over two periods (each ``[date_from, date_to]``) side by side with
        the change in %."""
        for value, what in ((before, self.env._("before")), (after, self.env._("after"))):
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise UserError(self.env._("The %(what)s period must be [date_from, date_to].", what=what))
        return kpi.compare(self.get_kpi_totals(*before, project_ids=project_ids),
                           self.get_kpi_totals(*after, project_ids=project_ids))
