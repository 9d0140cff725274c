# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Priority explanations were stored as English text; they are now rendered from the stored
reasons in the reader's language. The old texts stay readable (to project administrators)
as ``priority_explanation_legacy`` until the next suggestion replaces them."""
from odoo.tools import sql


def migrate(cr, version):
    if not version:
        return
    if sql.column_exists(cr, "project_task", "priority_explanation") and not sql.column_exists(
            cr, "project_task", "priority_explanation_legacy"):
        sql.rename_column(cr, "project_task", "priority_explanation", "priority_explanation_legacy")
