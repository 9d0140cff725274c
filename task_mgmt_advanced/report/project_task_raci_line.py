# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools

from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES


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
