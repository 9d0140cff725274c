# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SQL helpers shared by the addons (no model here)."""

from odoo.tools import SQL


def execute_without_jit(env, query):
    """``env.execute_query(query)`` with PostgreSQL's JIT compilation off for this one query.

    The planner's cost of a query over thousands of tasks (a list of ids, record rules with
    subqueries, a correlated lookup each) passes ``jit_above_cost``: compiling it can take
    longer than running it (0.86 s of a 1.37 s resource load at 100,000 tasks; 66 ms of the
    107 ms access check of a 5,000-task schedule). The setting is restored at once
    (``SET LOCAL``, then the value it had), so nothing else of the transaction changes."""
    previous = env.execute_query(SQL("SELECT current_setting('jit')"))[0][0]
    env.cr.execute(SQL("SET LOCAL jit = off"))
    rows = env.execute_query(query)
    env.cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))
    return rows
