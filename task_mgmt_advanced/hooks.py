# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def post_init_hook(env):
    """Existing native dependencies become finish-to-start links with no lag (one query).
    Uninstalling leaves Odoo's native ``depend_on_ids`` as it is."""
    env.cr.execute(SQL(
        """
        INSERT INTO project_task_dependency
               (predecessor_id, successor_id, dependency_type, lag_days, company_id, project_id,
                create_uid, write_uid, create_date, write_date)
        SELECT rel.depends_on_id, rel.task_id, 'fs', 0, succ.company_id, succ.project_id,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM task_dependencies_rel rel
          JOIN project_task succ ON succ.id = rel.task_id
        ON CONFLICT DO NOTHING
        """,
        uid=env.uid,
    ))
