# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from .models.project_task import PROJECT_TASK_FILLFACTOR


def post_init_hook(env):
    """Existing native dependencies become finish-to-start links with no lag (one query).
    Uninstalling leaves Odoo's native ``depend_on_ids`` as it is."""
    env.cr.execute(SQL(
        """
        INSERT INTO project_task_dependency
               (predecessor_id, successor_id, dependency_type, lag_days, company_id, project_id,
                predecessor_project_id, create_uid, write_uid, create_date, write_date)
        SELECT rel.depends_on_id, rel.task_id, 'fs', 0, succ.company_id, succ.project_id, pred.project_id,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM task_dependencies_rel rel
          JOIN project_task succ ON succ.id = rel.task_id
          JOIN project_task pred ON pred.id = rel.depends_on_id
        ON CONFLICT DO NOTHING
        """,
        uid=env.uid,
    ))
    _enable_task_dependencies(env)
    _priority_post_init(env)


def _enable_task_dependencies(env):
    """Odoo's *Task Dependencies* setting follows the addon, whose subject they are: on for
    internal users (as ticking it in Settings does: new projects allow dependencies, the
    "Waiting" subtypes are shown). Existing projects keep their own choice."""
    group = env.ref("project.group_project_task_dependencies")
    internal = env.ref("base.group_user")
    if group not in internal.implied_ids:
        internal.write({"implied_ids": [(4, group.id)]})
    for xmlid in ("project.mt_task_waiting", "project.mt_project_task_waiting"):
        subtype = env.ref(xmlid, raise_if_not_found=False)
        if subtype and subtype.hidden:
            subtype.hidden = False


def _priority_post_init(env):
    """Priorities take Odoo 19's four keys ('0' Low, '1' Medium, '2' High, '3' Urgent).  Odoo 18's
    only level above Low, '1' (the star), meant "important": those tasks become High ('2') and
    Important, their quadrant Schedule (or Do first when urgent), in one query.  Then the
    quadrants and the priority rules set the priority of the open tasks not set by hand."""
    env.cr.execute(SQL(
        """
        UPDATE project_task
           SET priority = '2', is_important = TRUE, quadrant = CASE WHEN is_urgent THEN 'q1' ELSE 'q2' END
         WHERE priority = '1'
        """
    ))
    Task = env["project.task"]
    Task.invalidate_model(["priority", "is_important", "quadrant"])
    tasks = Task.search([("state", "not in", ["1_done", "1_canceled"]), ("priority_pinned", "=", False)], order="id")
    for start in range(0, len(tasks), 5000):
        tasks[start:start + 5000]._task_mgmt_priority_refresh()


def uninstall_hook(env):
    """Back to Odoo 18's two priorities, the inverse of the installation: High and Urgent become
    the star ('1'), Medium becomes Low ('0'), in one query.  ``project_task`` gets PostgreSQL's
    default fillfactor back when it has the one the addon set (``project.task.init``)."""
    env.cr.execute(SQL("SELECT reloptions FROM pg_class WHERE oid = 'project_task'::regclass"))
    if f"fillfactor={PROJECT_TASK_FILLFACTOR}" in (env.cr.fetchone()[0] or []):
        env.cr.execute(SQL("ALTER TABLE project_task RESET (fillfactor)"))
    env.cr.execute(SQL(
        """
        UPDATE project_task
           SET priority = CASE WHEN priority IN ('2', '3') THEN '1' ELSE '0' END
         WHERE priority IN ('1', '2', '3')
        """
    ))
