# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def uninstall_hook(env):
    """Drop what the KPI report created outside Odoo's models: the assignee view and the
    working-day function (with the report's view that uses it; Odoo drops the rest)."""
    env.cr.execute(SQL("DROP VIEW IF EXISTS project_task_report_kpi_user_rel CASCADE"))
    env.cr.execute(SQL("DROP FUNCTION IF EXISTS task_mgmt_weekdays(date, date) CASCADE"))
