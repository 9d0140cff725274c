# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..engine.graph import find_cycle
from ..internal import InternalFlag

DEPENDENCY_TYPES = [
    ("fs", "Finish to Start"),
    ("ss", "Start to Start"),
    ("ff", "Finish to Finish"),
    ("sf", "Start to Finish"),
]
MAX_LAG_DAYS = 365
# set while links and Odoo's native ``depend_on_ids`` are synchronised (no mirror of the mirror)
SYNC = InternalFlag("task_mgmt_dependency_sync")


class ProjectTaskDependency(models.Model):
    """A typed dependency between two tasks, with a lag (or lead, when negative) in
    working days.  Finish-to-start links mirror Odoo's native ``depend_on_ids``."""

    _name = "project.task.dependency"
    _description = "Task Dependency"
    _order = "successor_id, predecessor_id"
    _rec_names_search = ["predecessor_id", "successor_id"]
    _check_company_auto = True

    predecessor_id = fields.Many2one(
        "project.task", required=True, ondelete="cascade", index=True,
        check_company=True,
    )
    successor_id = fields.Many2one(
        "project.task", required=True, ondelete="cascade", index=True,
        check_company=True,
    )
    dependency_type = fields.Selection(
        DEPENDENCY_TYPES, string="Type", required=True, default="fs",
        help="Finish to Start: the successor starts after the predecessor finishes.\n"
        "Start to Start: the successor starts after the predecessor starts.\n"
        "Finish to Finish: the successor finishes after the predecessor finishes.\n"
        "Start to Finish: the successor finishes after the predecessor starts.",
    )
    lag_days = fields.Integer(
        string="Lag (working days)", default=0,
        help="Working days to wait after the linked event; negative values are a lead.",
    )
    company_id = fields.Many2one(
        "res.company", related="successor_id.company_id", store=True, index=True, readonly=True,
    )
    project_id = fields.Many2one(
        "project.project", related="successor_id.project_id", store=True, index=True,
    )
    # stored for the schedule: the links leaving a project for another one are found through a
    # partial index of the cross-project links only (``init``), not among all of the project's
    predecessor_project_id = fields.Many2one(
        "project.project", related="predecessor_id.project_id", string="Predecessor Project", store=True,
    )
    predecessor_stage_id = fields.Many2one(related="predecessor_id.stage_id", string="Predecessor Stage")
    predecessor_state = fields.Selection(related="predecessor_id.state", string="Predecessor Status")
    predecessor_planned_end_date = fields.Date(related="predecessor_id.planned_end_date")
    successor_planned_start_date = fields.Date(related="successor_id.planned_start_date")

    _sql_constraints = [
        ("pair_unique", "unique(predecessor_id, successor_id)",
         "There is already a dependency between these two tasks."),
        ("not_self", "check(predecessor_id != successor_id)", "A task cannot depend on itself."),
        ("lag_range", f"check(lag_days BETWEEN -{MAX_LAG_DAYS} AND {MAX_LAG_DAYS})",
         f"The lag of a dependency must lie between -{MAX_LAG_DAYS} and {MAX_LAG_DAYS} working days."),
    ]

    def init(self):
        result = super().init()
        # the cross-project links, by the predecessor's project: a few rows of the thousands of
        # a project's links (``project.project._task_mgmt_followers``)
        tools.create_index(self.env.cr, "project_task_dependency_cross_project_index", self._table,
                           ["predecessor_project_id"], where="predecessor_project_id <> project_id")
        return result

    # ------------------------------------------------------------------ constraints

    @api.constrains("predecessor_id", "successor_id", "lag_days")
    def _check_link(self):
        for link in self:
            pred, succ = link.predecessor_id, link.successor_id
            if pred == succ:
                raise ValidationError(self.env._("Task '%s' cannot depend on itself.", succ.display_name))
            if abs(link.lag_days) > MAX_LAG_DAYS:
                raise ValidationError(self.env._(
                    "The lag of the dependency '%(pred)s' → '%(succ)s' is %(lag)s working days: "
                    "it must lie between -%(max)s and %(max)s.",
                    pred=pred.display_name, succ=succ.display_name, lag=link.lag_days, max=MAX_LAG_DAYS,
                ))
            if not pred.active or not succ.active:
                archived = pred if not pred.active else succ
                raise ValidationError(self.env._(
                    "Task '%(task)s' is archived: it cannot take part in a dependency "
                    "('%(pred)s' → '%(succ)s').",
                    task=archived.display_name, pred=pred.display_name, succ=succ.display_name,
                ))
            if pred.company_id != succ.company_id:
                raise ValidationError(self.env._(
                    "Tasks '%(pred)s' (%(pred_company)s) and '%(succ)s' (%(succ_company)s) belong to "
                    "different companies: they cannot depend on each other.",
                    pred=pred.display_name, pred_company=pred.company_id.name or "-",
                    succ=succ.display_name, succ_company=succ.company_id.name or "-",
                ))
        self._check_cycles()

    def _check_cycles(self):
        """Refuse links that close a cycle, whatever the mix of types.  A cycle through a new
        link p → s runs from s back to p, so it lies among the links downstream of the new
        links' successors: one recursive query collects them (each link once), the plain-Python
        graph code finds a cycle among them and the error names its tasks in order."""
        if not self:
            return
        self.flush_model(["predecessor_id", "successor_id"])
        rows = self.env.execute_query(SQL(
            """
            WITH RECURSIVE downstream(task_id) AS (
                SELECT successor_id FROM project_task_dependency WHERE id = ANY(%(ids)s)
                UNION
                SELECT d.successor_id
                  FROM downstream n JOIN project_task_dependency d ON d.predecessor_id = n.task_id
            )
            SELECT d.predecessor_id, d.successor_id
              FROM project_task_dependency d JOIN downstream n ON n.task_id = d.predecessor_id
            """,
            ids=self.ids,
        ))
        cycle = find_cycle(rows)
        if cycle:
            tasks = self.env["project.task"].sudo().browse(cycle)  # sudo: names of the tasks on the cycle
            names = dict(zip(tasks.ids, tasks.mapped("display_name"), strict=True))
            raise ValidationError(self.env._(
                "Dependency cycle: %s", " → ".join(names[task_id] for task_id in cycle)
            ))

    # ------------------------------------------------------------------ access

    def _check_access(self, operation):
        """Links follow their tasks: readable when both tasks are readable; created, changed
        or deleted only by users who can write the successor."""
        result = super()._check_access(operation)
        if not self or self.env.su:
            return result
        links = self - result[0] if result else self
        links = links.filtered("id")
        if not links:
            return result
        sudo_links = links.sudo()  # sudo: the access check itself reads both tasks of each link
        tasks = sudo_links.predecessor_id | sudo_links.successor_id
        readable = tasks.with_env(self.env)._filtered_access("read")
        forbidden = sudo_links.filtered(
            lambda link: link.predecessor_id not in readable or link.successor_id not in readable
        )
        if operation != "read":
            successors = (sudo_links - forbidden).successor_id.with_env(self.env)
            writable = successors._filtered_access("write")
            forbidden |= sudo_links.filtered(lambda link: link.successor_id not in writable)
        if not forbidden:
            return result
        forbidden = forbidden.with_env(self.env)
        if result:
            forbidden |= result[0]
        return forbidden, functools.partial(forbidden._make_dependency_access_error, operation)

    def _make_dependency_access_error(self, operation):
        action = {
            "read": self.env._("read"), "write": self.env._("change"),
            "create": self.env._("create"), "unlink": self.env._("delete"),
        }
        names = ", ".join(
            f"'{link.predecessor_id.display_name}' → '{link.successor_id.display_name}'"
            for link in self.sudo()[:5]  # sudo: names in the refusal, of links the user may not read
        )
        return AccessError(self.env._(
            "You cannot %(action)s the dependency %(links)s: you need access to both tasks, and "
            "the right to edit the successor task.",
            action=action.get(operation, operation), links=names,
        ))

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not self.env.su:
            # only links between tasks the user can read (the tasks' own record rules apply)
            domain = expression.AND([domain, [("predecessor_id", "any", []), ("successor_id", "any", [])]])
        return super()._search(domain, *args, **kwargs)

    # ------------------------------------------------------------------ CRUD

    @api.depends("predecessor_id", "successor_id", "dependency_type")
    def _compute_display_name(self):
        labels = dict(DEPENDENCY_TYPES)
        for link in self:
            link.display_name = self.env._(
                "%(pred)s → %(succ)s (%(type)s)",
                pred=link.predecessor_id.display_name or "?", succ=link.successor_id.display_name or "?",
                type=labels.get(link.dependency_type, ""),
            )

    def _precheck(self, vals_list):
        """Refuse self-links and lags out of range before anything is written, with the
        tasks' names (the SQL constraints stay as a safety net)."""
        Task = self.env["project.task"]
        for vals in vals_list:
            pred = Task.browse(vals["predecessor_id"]) if vals.get("predecessor_id") else None
            succ = Task.browse(vals["successor_id"]) if vals.get("successor_id") else None
            for link in self or [self.browse()]:
                p = pred if pred is not None else link.predecessor_id
                s = succ if succ is not None else link.successor_id
                if p and p == s:
                    # sudo: the name of a task the user may not read, in the refusal
                    raise ValidationError(self.env._("Task '%s' cannot depend on itself.", s.sudo().display_name))
                lag = vals.get("lag_days", 0) or 0
                if abs(lag) > MAX_LAG_DAYS:
                    raise ValidationError(self.env._(  # sudo below: names in the refusal
                        "The lag of the dependency '%(pred)s' → '%(succ)s' is %(lag)s working days: "
                        "it must lie between -%(max)s and %(max)s.",
                        pred=p.sudo().display_name, succ=s.sudo().display_name, lag=lag, max=MAX_LAG_DAYS,
                    ))

    def _precheck_duplicates(self, vals_list):
        pairs = [(vals.get("predecessor_id"), vals.get("successor_id")) for vals in vals_list]
        seen = set()
        existing = self.sudo().search_fetch(  # sudo: uniqueness holds whatever the user can see
            [("predecessor_id", "in", [p for p, _s in pairs]), ("successor_id", "in", [s for _p, s in pairs])],
            ["predecessor_id", "successor_id"],
        )
        seen = {(link.predecessor_id.id, link.successor_id.id) for link in existing}
        for pair in pairs:
            if pair in seen:
                tasks = self.env["project.task"].sudo().browse(pair)  # sudo: names in the refusal
                raise ValidationError(self.env._(
                    "There is already a dependency '%(pred)s' → '%(succ)s'.",
                    pred=tasks[0].display_name, succ=tasks[1].display_name,
                ))
            seen.add(pair)

    @api.model_create_multi
    def create(self, vals_list):
        self._precheck(vals_list)
        self._precheck_duplicates(vals_list)
        links = super().create(vals_list)
        links._sync_native_dependencies(add=links.filtered(lambda link: link.dependency_type == "fs"))
        links.successor_id.project_id._task_mgmt_autoschedule()
        return links

    def write(self, vals):
        if {"predecessor_id", "successor_id", "lag_days"} & set(vals):
            self._precheck([vals])
        tracked = {"predecessor_id", "successor_id", "dependency_type"} & set(vals)
        before = self.filtered(lambda link: link.dependency_type == "fs") if tracked else self.browse()
        removed_pairs = [(link.predecessor_id, link.successor_id) for link in before]
        projects = self.successor_id.project_id
        result = super().write(vals)
        if tracked:
            self._sync_native_dependencies(
                add=self.filtered(lambda link: link.dependency_type == "fs"), remove_pairs=removed_pairs
            )
        if tracked or "lag_days" in vals:
            (projects | self.successor_id.project_id)._task_mgmt_autoschedule()
        return result

    def unlink(self):
        pairs = [(link.predecessor_id, link.successor_id) for link in self if link.dependency_type == "fs"]
        projects = self.successor_id.project_id
        result = super().unlink()
        self._sync_native_dependencies(remove_pairs=pairs)
        projects.exists()._task_mgmt_autoschedule()
        return result

    def _task_mgmt_delete_mirrors(self):
        """Delete finish-to-start links whose native ``depend_on_ids`` pair was just removed.

        One ``DELETE`` instead of ``unlink()``: Odoo's ``unlink()`` drops the whole ORM cache
        (``invalidate_all``), which loses the order of x2many values the caller still holds
        (e.g. the sub-tasks of a task being copied, as Odoo's recurrence relies on). Links have
        no dependants of their own; the tasks' link fields are invalidated and the projects
        rescheduled as ``unlink()`` would."""
        if not self:
            return
        projects = self.successor_id.project_id
        tasks = self.predecessor_id | self.successor_id
        self.flush_recordset()
        self.env.execute_query(SQL("DELETE FROM project_task_dependency WHERE id = ANY(%s)", self.ids))
        self.invalidate_recordset()
        tasks.invalidate_recordset(["predecessor_link_ids", "successor_link_ids"])
        tasks.modified(["predecessor_link_ids", "successor_link_ids"])
        projects.exists()._task_mgmt_autoschedule()

    def _sync_native_dependencies(self, add=None, remove_pairs=()):
        """Mirror finish-to-start links in Odoo's native ``depend_on_ids`` relation, set-based,
        so the native Waiting state, widgets and other modules keep working."""
        if SYNC.is_set(self.env):
            return
        add = add or self.browse()
        add_pairs = {(link.predecessor_id.id, link.successor_id.id) for link in add}
        remove = {(pred.id, succ.id) for pred, succ in remove_pairs} - add_pairs
        if not add_pairs and not remove:
            return
        Task = self.env["project.task"]
        Task.flush_model(["depend_on_ids"])
        if add_pairs:
            self.env.cr.execute(SQL(
                """INSERT INTO task_dependencies_rel (task_id, depends_on_id)
                   SELECT succ, pred FROM unnest(%s::int[], %s::int[]) AS t(pred, succ)
                   ON CONFLICT DO NOTHING""",
                [p for p, _s in add_pairs], [s for _p, s in add_pairs],
            ))
        if remove:
            self.env.cr.execute(SQL(
                """DELETE FROM task_dependencies_rel r
                    USING unnest(%s::int[], %s::int[]) AS t(pred, succ)
                    WHERE r.task_id = t.succ AND r.depends_on_id = t.pred""",
                [p for p, _s in remove], [s for _p, s in remove],
            ))
        pairs = add_pairs | remove
        successors = Task.browse({s for _p, s in pairs}).exists()
        predecessors = Task.browse({p for p, _s in pairs}).exists()
        Task.invalidate_model(["depend_on_ids", "dependent_ids"])
        successors.modified(["depend_on_ids"])
        predecessors.modified(["dependent_ids"])
