# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the baseline, KPI and burndown tests: task_mgmt_advanced's Monday-Friday UTC
calendar as the company's, a manually planned project visible to employees, a followers-only
project, and a project administrator, a project user, an outsider user and a portal user."""

from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.task_mgmt_advanced.tests.common import TaskMgmtCase


class KpiCase(TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.schedule_mode = "manual"
        cls.secret = cls.env["project.project"].create({
            "name": "Secret (followers only)", "privacy_visibility": "followers", "schedule_mode": "manual",
            "type_ids": [(6, 0, cls.stages.ids)], "user_id": cls.manager.id,
        })
        cls.portal = new_test_user(cls.env, "kpi_portal", groups="base.group_portal", name="Portal Pia")
        cls.ann = new_test_user(cls.env, "kpi_ann", groups="project.group_project_user", name="Ann Assignee")

    @classmethod
    def _set_dates(cls, task, **columns):
        """Force the dates Odoo stamps itself (create_date, date_assign, kpi_done_date) - the tests
        need them in the past."""
        task.flush_recordset()
        for column, value in columns.items():
            cls.env.cr.execute(SQL("UPDATE project_task SET %s = %s WHERE id = %s",
                                   SQL.identifier(column), value, task.id))
        task.invalidate_recordset()
