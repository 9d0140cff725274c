# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .rule_filter import RuleFilter

APPROVER_TYPES = [
    ("users", "Given users"),
    ("group", "Members of a group"),
    ("project_manager", "Project manager"),
    ("accountable", "Task's Accountable"),
    ("responsible_manager", "Assignees' manager"),
    ("field", "User field of the task"),
]


class ProjectTaskApprovalLevel(models.Model):
    _name = "project.task.approval.level"
    _description = "Task Approval Level"
    _order = "rule_id, sequence, id"
    _check_company_auto = True

    rule_id = fields.Many2one("project.task.approval.rule", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    approver_type = fields.Selection(APPROVER_TYPES, string="Approvers", required=True, default="users")
    approver_user_ids = fields.Many2many(
        "res.users", string="Approver Users", domain=[("share", "=", False)],
    )
    approver_group_id = fields.Many2one("res.groups")
    approver_field_id = fields.Many2one(
        "ir.model.fields", ondelete="cascade",
        domain=[("model", "=", "project.task"), ("ttype", "in", ("many2one", "many2many")),
                ("relation", "=", "res.users")],
        help="A user field of the task (such as Assignees): its users approve.",
    )
    mode = fields.Selection(
        [("any", "Any one approver"), ("all", "All approvers (countersign)"), ("min", "At least N approvers")],
        required=True, default="any",
    )
    min_approvals = fields.Integer(string="N (Approvals Needed)", default=1)
    condition_domain = fields.Char(
        string="Condition", default="[]",
        help="The level only applies to tasks matching this filter; others skip it.",
    )
    sla_hours = fields.Float(
        string="SLA (Working Hours)",
        help="Working hours (project's working calendar) the approvers have. 0: no deadline.",
    )
    escalation = fields.Selection(
        [("none", "Remind only"), ("manager", "Approver's manager"), ("user", "A chosen user")],
        string="When Late", required=True, default="none",
        help="After the SLA, the late approvers are reminded and, unless 'Remind only', the "
        "escalation user becomes an approver of the level too.",
    )
    escalation_user_id = fields.Many2one("res.users", string="Escalate To", domain=[("share", "=", False)])

    @api.constrains("approver_type", "approver_user_ids", "approver_group_id", "approver_field_id",
                    "mode", "min_approvals")
    def _check_approvers(self):
        for level in self:
            kind = level.approver_type
            if kind == "users" and not level.approver_user_ids:
                raise ValidationError(self.env._("Approval level '%s': choose its approvers.", level.name))
            if kind == "group" and not level.approver_group_id:
                raise ValidationError(self.env._("Approval level '%s': choose the approving group.", level.name))
            if kind == "field" and not level.approver_field_id:
                raise ValidationError(self.env._("Approval level '%s': choose the task's user field.", level.name))
            if level.approver_field_id and (level.approver_field_id.model != "project.task"
                                            or level.approver_field_id.relation != "res.users"):
                raise ValidationError(self.env._(
                    "Approval level '%s': the approver field must be a user field of the task.", level.name))
            if level.mode == "min" and level.min_approvals < 1:
                raise ValidationError(self.env._("Approval level '%s': N must be at least 1.", level.name))
            if level.mode == "min" and kind == "users" and level.min_approvals > len(level.approver_user_ids):
                raise ValidationError(self.env._(
                    "Approval level '%(level)s' asks for %(count)s approvals but has %(users)s approvers.",
                    level=level.name, count=level.min_approvals, users=len(level.approver_user_ids),
                ))

    @api.constrains("condition_domain")
    def _check_condition_domain(self):
        for level in self:
            level._approval_filter().check()

    @api.constrains("escalation", "escalation_user_id")
    def _check_escalation(self):
        for level in self:
            if level.escalation == "user" and not level.escalation_user_id:
                raise ValidationError(self.env._("Approval level '%s': choose whom to escalate to.", level.name))

    # ------------------------------------------------------------------ business methods

    def _approval_filter(self):
        self.ensure_one()
        return RuleFilter(self.env, self.condition_domain, self.env._("Approval level '%s'", self.name))

    def _approval_condition_matches(self, tasks):
        """Ids of ``tasks`` this level applies to (one query when it has a condition)."""
        self.ensure_one()
        domain = self._approval_filter().domain()
        if not domain:
            return set(tasks.ids)
        # sudo: the condition is part of the rule, not of what the writer may read
        return set(tasks.sudo().with_context(active_test=False).search([("id", "in", tasks.ids), *domain]).ids)

    def _approval_resolve(self, tasks):
        """{task id: approvers (res.users)} for this level: active internal users allowed in
        the task's company (the rule's for a task without company). Batched over ``tasks``."""
        self.ensure_one()
        Users = self.env["res.users"].sudo()  # sudo: resolving approvers reads users and employees of the company
        tasks = tasks.sudo()  # sudo: approvers follow from the whole task (Accountable, assignees)
        kind = self.approver_type
        result = {}
        if kind == "users":
            result = dict.fromkeys(tasks.ids, self.sudo().approver_user_ids)  # sudo: see Users above
        elif kind == "group":
            result = dict.fromkeys(tasks.ids, self.sudo().approver_group_id.users)  # sudo: group members
        elif kind == "project_manager":
            result = {task.id: task.project_id.user_id for task in tasks}
        elif kind == "accountable":
            result = {task.id: task._approval_accountable() for task in tasks}
        elif kind == "field":
            fname = self.sudo().approver_field_id.name  # sudo: ir.model.fields is for administrators
            result = {task.id: task[fname] if fname in task._fields else Users for task in tasks}
        elif kind == "responsible_manager":
            result = self._approval_managers_of(tasks)
        return {
            task.id: result.get(task.id, Users).filtered(
                lambda u, company=task.company_id or self.company_id: u.active and not u.share
                and company in u.company_ids)
            for task in tasks
        }

    def _approval_managers_of(self, tasks):
        """{task id: managers (users) of the task's assignees' employees in the task's company
        (the rule's for a task without company)}."""
        Users = self.env["res.users"].sudo()  # sudo: managers are read from users and employees
        companies = tasks.company_id | self.company_id
        # sudo: employees (and their managers) are HR data, not readable by every project user
        employees = self.env["hr.employee"].sudo().search_fetch(
            [("user_id", "in", tasks.user_ids.ids), ("company_id", "in", companies.ids)],
            ["user_id", "company_id", "parent_id"],
        )
        managers = defaultdict(lambda: Users)
        for employee in employees:
            managers[employee.user_id.id, employee.company_id.id] |= employee.parent_id.user_id
        return {
            task.id: Users.union(*(managers[user.id, (task.company_id or self.company_id).id]
                                   for user in task.user_ids))
            for task in tasks
        }

    def _approval_required(self, approvers):
        """How many approvals the level needs from ``approvers``."""
        self.ensure_one()
        if self.mode == "all":
            return len(approvers)
        if self.mode == "min":
            return self.min_approvals
        return 1
