# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Utilisation analysis (issue #15): project timesheet hours ÷ capacity per employee,
department, company and day, week, month or quarter, as a pivot and a graph.

Two kinds of rows in one SQL view (UNION ALL, so that days with hours and no capacity and
days with capacity and no hours both count): every project timesheet line (its hours, the
drill-down's records) and every stored capacity day (``task_mgmt.capacity.day``, computed by the
resource load's engine: the numbers of ``get_utilisation``). The employee's current department
and company, active employees only (as ``get_utilisation``). The utilisation of a pivot cell or
total is the ratio of its sums (``ratio_select``).
"""

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .project_task_report_kpi import ratio_select

RATIOS = {"utilisation": ("hours", "capacity_hours", 100)}


class TaskMgmtReportUtilisation(models.Model):
    _name = "task_mgmt.report.utilisation"
    _description = "Utilisation Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "employee_id"
    _depends = {
        "account.analytic.line": ["employee_id", "date", "unit_amount", "project_id", "task_id"],
        "task_mgmt.capacity.day": ["employee_id", "date", "hours"],
        "hr.employee": ["active", "company_id", "department_id", "user_id"],
    }

    kind = fields.Selection([("timesheet", "Timesheet"), ("capacity", "Capacity")], string="Row", readonly=True)
    date = fields.Date(readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    timesheet_id = fields.Many2one("account.analytic.line", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    task_id = fields.Many2one("project.task", readonly=True)
    hours = fields.Float(string="Timesheet Hours", readonly=True, digits=(16, 2))
    capacity_hours = fields.Float(readonly=True, digits=(16, 2),
                          help="Hours of the employee's working schedule minus time off and public holidays.")
    utilisation = fields.Float(string="Utilisation (%)", readonly=True, digits=(16, 1),
                               help="Timesheet hours ÷ capacity hours of the group.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))

    def _select(self):
        return SQL("""
            x.id, x.kind, x.date, x.employee_id, e.department_id, e.company_id, x.timesheet_id, x.project_id,
            x.task_id, x.hours, x.capacity_hours, NULL::float AS utilisation""")

    def _from(self):
        """Timesheet lines (even ids) and capacity days (odd ids) of active employees."""
        return SQL("""
            (SELECT l.id * 2 AS id, 'timesheet' AS kind, l.date, l.employee_id, l.id AS timesheet_id,
                    l.project_id, l.task_id, l.unit_amount AS hours, 0.0::float AS capacity_hours
               FROM account_analytic_line l
              WHERE l.project_id IS NOT NULL AND l.employee_id IS NOT NULL
              UNION ALL
             SELECT c.id * 2 + 1, 'capacity', c.date, c.employee_id, NULL, NULL, NULL, 0.0, c.hours
               FROM task_mgmt_capacity_day c) x
            JOIN hr_employee e ON e.id = x.employee_id AND e.active""")

    def _query(self):
        return SQL("SELECT %s FROM %s", self._select(), self._from())

    def _read_group_select(self, aggregate_spec, query):
        """The utilisation of a group is the ratio of its sums, not a sum of rows."""
        return ratio_select(self, super()._read_group_select, aggregate_spec, query, RATIOS)

    @api.model
    def action_open_utilisation(self):
        """The report, its capacity brought up to date first (new days, changed calendars or
        time off). Refused to those who may not read it."""
        self.check_access("read")
        # sudo: the capacity table is a cache of every employee's schedule (HR data) that no
        # user writes; the record rules of this report decide which rows the caller sees
        self.env["task_mgmt.capacity.day"].sudo()._refresh()
        return self.env["ir.actions.act_window"]._for_xml_id("task_mgmt_reports.task_mgmt_report_utilisation_action")
