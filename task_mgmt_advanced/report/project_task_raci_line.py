# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

ROLE_ORDER = "RACI"
MATRIX_TASK_LIMIT = 1000  # rows of one matrix screen; the XLSX has them all


class ProjectTaskRaciLine(models.Model):
    """One line per task × person × RACI role: the rows of the RACI matrix."""

    _name = "project.task.raci.line"
    _description = "RACI Matrix Line"
    _auto = False
    _order = "project_id, task_id, role, partner_id"
    _rec_name = "task_id"

    task_id = fields.Many2one("project.task", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    stage_id = fields.Many2one("project.task.type", readonly=True)
    is_closed = fields.Boolean(string="Closed Task", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    role = fields.Selection(
        [("R", "Responsible (R)"), ("A", "Accountable (A)"), ("C", "Consulted (C)"), ("I", "Informed (I)")],
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(view)s AS
            WITH raci AS (
                SELECT rel.task_id, rel.user_id, u.partner_id, 'R' AS role
                  FROM project_task_user_rel rel
                  JOIN res_users u ON u.id = rel.user_id
                 WHERE rel.user_id IS NOT NULL
                UNION ALL
                SELECT t.id, t.accountable_id, u.partner_id, 'A'
                  FROM project_task t
                  JOIN res_users u ON u.id = t.accountable_id
                UNION ALL
                SELECT rel.task_id, rel.user_id, u.partner_id, 'C'
                  FROM project_task_raci_consulted_rel rel
                  JOIN res_users u ON u.id = rel.user_id
                UNION ALL
                SELECT rel.task_id, pu.user_id, rel.partner_id, 'I'
                  FROM project_task_raci_informed_rel rel
             LEFT JOIN LATERAL (
                        SELECT u.id AS user_id
                          FROM res_users u
                         WHERE u.partner_id = rel.partner_id AND u.active
                      ORDER BY u.share, u.id
                         LIMIT 1
                       ) pu ON TRUE
            )
            SELECT ROW_NUMBER() OVER (ORDER BY raci.task_id, raci.role, raci.partner_id) AS id,
                   raci.task_id,
                   t.project_id,
                   t.stage_id,
                   t.state = ANY(%(closed)s) AS is_closed,
                   raci.user_id,
                   raci.partner_id,
                   raci.role,
                   t.company_id
              FROM raci
              JOIN project_task t ON t.id = raci.task_id
             WHERE t.active AND t.project_id IS NOT NULL
            """,
            view=SQL.identifier(self._table),
            closed=list(CLOSED_STATES),
        ))

    # ------------------------------------------------------------------ access: the lines of readable tasks

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            # project.task's own record rules apply to this subquery
            readable_tasks = self.env["project.task"]._search([])
            domain = expression.AND([domain, [("task_id", "in", readable_tasks)]])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not self._ids:
            return result
        # sudo: which task each line belongs to; access is then checked on the tasks themselves
        lines = self.sudo()
        tasks = self.env["project.task"].browse(lines.task_id.ids)
        forbidden_tasks = tasks - tasks._filtered_access("read")
        if not forbidden_tasks:
            return None
        forbidden = self.browse([line.id for line in lines if line.task_id in forbidden_tasks])
        return forbidden, functools.partial(self.env["ir.rule"]._make_access_error, operation, forbidden)

    # ------------------------------------------------------------------ the matrix (tasks x people)

    @api.model
    @api.readonly
    def get_matrix(self, project_id, open_only=True, mine=False, missing_accountable=False, limit=MATRIX_TASK_LIMIT):
        """The RACI matrix of one project: tasks down the side, people across the top, the
        letters R / A / C / I in the cells (several when a person has several roles).

        Only the tasks the user may read; ``open_only``: tasks not done or cancelled; ``mine``:
        tasks where the user has a role; ``missing_accountable``: tasks without an Accountable.
        Returns ``{project, total, tasks: [{id, name, stage, parent, missing_accountable}],
        people: [{id, name, user_id, roles}], cells: {task id: {partner id: letters}}}``; people
        are ordered by how many roles they hold (then by name)."""
        project = self.env["project.project"].browse(int(project_id)).exists()
        if not project:
            raise UserError(self.env._("The RACI matrix cannot be shown: project %s does not exist.", project_id))
        project.check_access("read")
        domain = [("project_id", "=", project.id)]
        if open_only:
            domain.append(("state", "not in", list(CLOSED_STATES)))
        if missing_accountable:
            domain.append(("accountable_id", "=", False))
        if mine:
            user = self.env.user
            domain = expression.AND([domain, [
                "|", "|", "|", ("user_ids", "in", user.ids), ("accountable_id", "=", user.id),
                ("consulted_user_ids", "in", user.ids), ("informed_partner_ids", "in", user.partner_id.ids),
            ]])
        Task = self.env["project.task"]
        total = Task.search_count(domain)
        tasks = Task.search_fetch(domain, ["name", "stage_id", "parent_id", "accountable_id"],
                                  limit=limit and int(limit) or None)
        lines = self.search_fetch([("task_id", "in", tasks.ids)], ["task_id", "partner_id", "role", "user_id"])
        letters = defaultdict(lambda: defaultdict(set))
        roles = defaultdict(int)
        user_of = {}
        for line in lines:
            letters[line.task_id.id][line.partner_id.id].add(line.role)
            roles[line.partner_id.id] += 1
            user_of.setdefault(line.partner_id.id, line.user_id.id or False)
        # sudo: the names of the people who hold a role on tasks the user may read (their own
        # name, without their company's: "Mitchell Admin", not "YourCompany, Mitchell Admin")
        partners = self.env["res.partner"].sudo().browse(list(roles))
        names = {partner.id: partner.name or partner.display_name for partner in partners}
        people = sorted(roles, key=lambda pid: (-roles[pid], names[pid].lower()))
        return {
            "project": {"id": project.id, "name": project.display_name},
            "total": total,
            "tasks": [{
                "id": task.id, "name": task.name, "stage": task.stage_id.display_name or "",
                "parent": task.parent_id.display_name or "",
                "missing_accountable": not task.accountable_id,
            } for task in tasks],
            "people": [{"id": pid, "name": names[pid], "user_id": user_of[pid], "roles": roles[pid]}
                       for pid in people],
            "cells": {
                task_id: {pid: "".join(sorted(found, key=ROLE_ORDER.index)) for pid, found in by_person.items()}
                for task_id, by_person in letters.items()
            },
        }
