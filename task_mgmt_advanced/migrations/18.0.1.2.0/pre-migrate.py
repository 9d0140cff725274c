# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The predecessor's project of a dependency is now stored (the scheduler finds the links
leaving a project through a partial index of the cross-project links). Filled here in one
statement: Odoo would otherwise compute the new column through the ORM, link by link batch."""
from odoo.tools import sql


def migrate(cr, version):
    if not version or sql.column_exists(cr, "project_task_dependency", "predecessor_project_id"):
        return
    sql.create_column(cr, "project_task_dependency", "predecessor_project_id", "int4")
    cr.execute("""
        UPDATE project_task_dependency d
           SET predecessor_project_id = t.project_id
          FROM project_task t
         WHERE t.id = d.predecessor_id AND t.project_id IS NOT NULL
    """)
