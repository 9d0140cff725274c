# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Priority escalations by rule: one line per (priority raise, rule that applied), read from the
notes the automatic priority rules of task_mgmt_advanced log on the tasks they change
(``mail.message.task_mgmt_log``, line ``priority_rules`` with the old and new level and the rules
that applied). A raise is a change to a higher level; lowering the priority is not counted.
When several rules applied together, the raise counts once for each of them (the totals by rule
may then exceed the number of raises: ``raise_count`` by task counts each raise once)."""

from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.task_mgmt_advanced.models.project_task_priority_rule import PRIORITY_LEVELS

# at most this many rules are counted per raise (the id of a line is message id x this + rank)
MAX_RULES = 1000


class ProjectTaskReportEscalation(models.Model):
    _name = "project.task.report.escalation"
    _description = "Priority Escalations by Rule"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "task_id"
    _depends = {
        "mail.message": ["model", "res_id", "date", "task_mgmt_log"],
        "project.task": ["project_id", "milestone_id", "company_id"],
        "project.task.priority.rule": ["name"],
    }

    message_id = fields.Many2one("mail.message", string="Note", readonly=True)
    task_id = fields.Many2one("project.task", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    milestone_id = fields.Many2one("project.milestone", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    rule_id = fields.Many2one("project.task.priority.rule", string="Priority Rule", readonly=True)
    rule_name = fields.Char(readonly=True, help="The rule's name when the raise was logged.")
    date = fields.Date(readonly=True)
    old_priority = fields.Selection(PRIORITY_LEVELS, string="From Priority", readonly=True)
    new_priority = fields.Selection(PRIORITY_LEVELS, string="To Priority", readonly=True)
    escalation_count = fields.Integer(string="Escalations", readonly=True)
    raise_count = fields.Integer(string="Raises", readonly=True,
                                 help="1 on the line of the first rule of a raise: counts each raise once.")
    levels_raised = fields.Integer(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                                SQL.identifier(self._table), self._select(), self._from(), self._where()))

    def _select(self):
        return SQL("""
            e.message_id::bigint * %s + e.rank AS id, e.message_id, t.id AS task_id, t.project_id,
            t.milestone_id, t.company_id, rule.id AS rule_id, e.rule_name, e.date,
            e.old::varchar AS old_priority, e.new::varchar AS new_priority, 1 AS escalation_count,
            (e.rank = 1)::int AS raise_count, e.new - e.old AS levels_raised""", MAX_RULES)

    def _from(self):
        # the log lines, their levels and rule ids read defensively (a log is data: never fail on it)
        return SQL("""
            (SELECT m.id AS message_id, m.res_id AS task_id, m.date::date AS date, r.rank,
                    CASE WHEN l.value ->> 'old' ~ '^[0-9]$' THEN (l.value ->> 'old')::int END AS old,
                    CASE WHEN l.value ->> 'new' ~ '^[0-9]$' THEN (l.value ->> 'new')::int END AS new,
                    CASE WHEN r.value ->> 0 ~ '^[0-9]{1,9}$' THEN (r.value ->> 0)::int END AS rule_ref,
                    r.value ->> 1 AS rule_name
               FROM mail_message m
              CROSS JOIN LATERAL jsonb_array_elements(
                    CASE WHEN jsonb_typeof(m.task_mgmt_log::jsonb -> 'lines') = 'array'
                         THEN m.task_mgmt_log::jsonb -> 'lines' ELSE '[]'::jsonb END) l(value)
              CROSS JOIN LATERAL jsonb_array_elements(
                    CASE WHEN jsonb_typeof(l.value -> 'rules') = 'array'
                         THEN l.value -> 'rules' ELSE '[]'::jsonb END) WITH ORDINALITY r(value, rank)
              WHERE m.model = 'project.task' AND m.task_mgmt_log IS NOT NULL
                AND l.value ->> 'code' = 'priority_rules') e
            JOIN project_task t ON t.id = e.task_id
            LEFT JOIN project_task_priority_rule rule ON rule.id = e.rule_ref""")

    def _where(self):
        return SQL("t.project_id IS NOT NULL AND e.new > e.old AND e.rank < %s", MAX_RULES)
