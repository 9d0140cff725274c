# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Capacity per employee and working day (issue #15, utilisation report): the hours of the
employee's schedule minus time off and public holidays, computed by the resource load's engine
(``_load_schedules``, the same schedules and fallbacks as ``get_utilisation``) and stored so that
the utilisation report is a SQL view.

Freshness: a fingerprint per employee (:data:`SIGNATURE_QUERY`: md5 of the effective calendar,
its settings and attendances, the employee's time off, the public holidays of their calendar and
company, the time zones, each with its ``write_date``; a deletion drops a line from it) is
compared with the one stored in ``task_mgmt.capacity.state``: employees whose fingerprint changed
(or who are new) are recomputed over the whole range, the others only over the days the range
gained. The range runs from the start of the quarter (and ISO week) of the earliest project
timesheet, at most :data:`MAX_YEARS` back, to today (UTC). :meth:`_refresh` runs when the report is
opened and from a daily cron.
"""

from datetime import date, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..engine.load import daily_capacity

# employees computed per batch (one _load_schedules, one INSERT)
BATCH = 200
# the capacity goes back at most so many years before today
MAX_YEARS = 3
LOCK_KEY = "task_mgmt_capacity_day"

SIGNATURE_QUERY = """
SELECT e.id, md5(concat_ws('|', cal.id, e.company_id, r.tz, cal.tz, cal.write_date, cal.flexible_hours,
                           cal.hours_per_day, cal.two_weeks_calendar,
       (SELECT string_agg(concat_ws(':', a.id, a.write_date), ',' ORDER BY a.id)
          FROM resource_calendar_attendance a WHERE a.calendar_id = cal.id),
       (SELECT string_agg(concat_ws(':', l.id, l.write_date), ',' ORDER BY l.id)
          FROM resource_calendar_leaves l WHERE l.resource_id = e.resource_id),
       (SELECT string_agg(concat_ws(':', l.id, l.write_date), ',' ORDER BY l.id)
          FROM resource_calendar_leaves l
         WHERE l.resource_id IS NULL AND (l.calendar_id IS NULL OR l.calendar_id = cal.id)
           AND (l.company_id IS NULL OR l.company_id = e.company_id))))
  FROM hr_employee e
  JOIN resource_resource r ON r.id = e.resource_id
  LEFT JOIN res_company c ON c.id = e.company_id
  LEFT JOIN resource_calendar cal ON cal.id = COALESCE(e.resource_calendar_id, c.resource_calendar_id)
 WHERE e.active
"""


class TaskMgmtCapacityDay(models.Model):
    _name = "task_mgmt.capacity.day"
    _description = "Capacity per Employee and Day"
    _log_access = False
    _order = "date, employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", readonly=True)
    date = fields.Date(required=True, readonly=True)
    hours = fields.Float(required=True, readonly=True)

    _sql_constraints = [
        ("employee_date_unique", "UNIQUE(employee_id, date)", "One capacity per employee and day."),
    ]

    # ------------------------------------------------------------------ refresh

    @api.model
    def _capacity_range(self):
        """``(first, last)``: from the start of the quarter and ISO week of the earliest project
        timesheet (at most MAX_YEARS back) to today in UTC: the same range whoever opens the report
        (with the opener's time zone, users on both sides of midnight would shrink and grow it)."""
        today = fields.Date.today()
        bound = today.replace(year=today.year - MAX_YEARS, day=1)
        earliest = self.env.execute_query(SQL(
            "SELECT MIN(date) FROM account_analytic_line WHERE project_id IS NOT NULL AND employee_id IS NOT NULL"
            " AND date >= %s", bound))[0][0] or today
        earliest = min(earliest, today)
        quarter = date(earliest.year, (earliest.month - 1) // 3 * 3 + 1, 1)
        first = min(quarter, earliest - timedelta(days=earliest.weekday()))
        return max(first, bound - timedelta(days=bound.weekday())), today

    @api.model
    def _refresh(self):
        """Recompute the capacity of the employees whose inputs changed and extend everyone's to
        the current range. Returns the number of employees (re)computed, or None when another
        transaction is refreshing (the report then shows the capacity as it is)."""
        if not self.env.execute_query(SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", LOCK_KEY))[0][0]:
            return None
        self.env.flush_all()  # the fingerprint reads the tables: pending ORM writes first
        first, last = self._capacity_range()
        signatures = dict(self.env.execute_query(SQL(SIGNATURE_QUERY)))
        states = {employee_id: (signature, date_first, date_last) for employee_id, signature, date_first, date_last
                  in self.env.execute_query(SQL(
                      "SELECT employee_id, signature, date_first, date_last FROM task_mgmt_capacity_state"))}
        # what each employee needs: (delete everything first?, ranges to fill)
        work = {}
        for employee_id, signature in signatures.items():
            state = states.get(employee_id)
            if not state or state[0] != signature:
                work.setdefault((True, ((first, last),)), []).append(employee_id)
                continue
            ranges = []
            if state[1] > first:
                ranges.append((first, min(state[1] - timedelta(days=1), last)))
            if state[2] < last:
                ranges.append((max(state[2] + timedelta(days=1), first), last))
            if (state[1], state[2]) != (first, last):  # also a shrunk range: the state follows it
                work.setdefault((False, tuple(ranges)), []).append(employee_id)
        self.env.cr.execute(SQL("DELETE FROM task_mgmt_capacity_day WHERE date < %s OR date > %s", first, last))
        done = 0
        # sudo: the capacity is computed from every employee's schedule and time off (HR data);
        # the report's record rules decide who sees which rows
        Employee = self.env["hr.employee"].sudo()
        for (replace, ranges), employee_ids in work.items():
            for start in range(0, len(employee_ids), BATCH):
                batch = employee_ids[start:start + BATCH]
                employees = Employee.browse(batch)
                if replace:
                    self.env.cr.execute(SQL("DELETE FROM task_mgmt_capacity_day WHERE employee_id = ANY(%s)", batch))
                for low, high in ranges:
                    self._fill(employees, low, high)
                self.env.cr.execute(SQL(
                    """INSERT INTO task_mgmt_capacity_state (employee_id, signature, date_first, date_last)
                       SELECT * FROM unnest(%s::int[], %s::varchar[]) s, (VALUES (%s::date, %s::date)) r
                       ON CONFLICT (employee_id) DO UPDATE
                       SET signature = EXCLUDED.signature, date_first = EXCLUDED.date_first,
                           date_last = EXCLUDED.date_last""",
                    batch, [signatures[employee_id] for employee_id in batch], first, last))
                done += len(batch)
        self.invalidate_model()
        return done

    @api.model
    def _fill(self, employees, first, last):
        """Store the capacity of ``employees`` (sudo) on the days of ``[first, last]``: the
        resource load's schedules, one INSERT of arrays."""
        if last < first:
            return
        employees.fetch(["resource_calendar_id", "company_id", "resource_id", "tz"])
        flt = {"date_from": first, "date_to": last}
        schedules, _fallbacks = self.env["task_mgmt.resource.load"]._load_schedules(employees, flt)
        ids, days, hours = [], [], []
        for employee in employees:
            ordinals, values = daily_capacity(schedules[employee.id], first.toordinal(), last.toordinal())
            ids.extend([employee.id] * len(ordinals))
            days.extend(map(date.fromordinal, ordinals))
            hours.extend(values)
        self.env.cr.execute(SQL(
            "DELETE FROM task_mgmt_capacity_day WHERE employee_id = ANY(%s) AND date BETWEEN %s AND %s",
            employees.ids, first, last))
        if ids:
            self.env.cr.execute(SQL(
                "INSERT INTO task_mgmt_capacity_day (employee_id, date, hours)"
                " SELECT * FROM unnest(%s::int[], %s::date[], %s::float[])"
                # a refresh committed since this transaction's snapshot: PostgreSQL reports a
                # serialization failure here, and Odoo retries the request
                " ON CONFLICT (employee_id, date) DO UPDATE SET hours = EXCLUDED.hours", ids, days, hours))

    @api.model
    def _cron_refresh(self):
        """Daily: the capacity of the new day and of the employees whose inputs changed."""
        self._refresh()
