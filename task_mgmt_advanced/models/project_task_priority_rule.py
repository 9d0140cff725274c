# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

from ..engine.priority import AT_LEAST, MARK_IMPORTANT, MARK_URGENT, RAISE, SET_LEVEL
from .rule_filter import RuleFilter, domain_fields

# relation between tasks and the rules whose condition they meet (kept by the rules' runs)
MATCH_RELATION = "project_task_priority_rule_match_rel"
PRIORITY_LEVELS = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Urgent")]
CONDITIONS = [
    ("deadline", "Deadline within N working days"),
    ("departments", "People from at least N departments"),
    ("manager", "Created or assigned by a manager of the assignee"),
    ("filter", "The filter only"),
]
# task fields each condition reads (besides the filter's); "people" fields are added at run time
CONDITION_INPUTS = {
    "deadline": {"date_deadline"},
    "departments": {"user_ids"},
    "manager": {"user_ids", "assigned_by_id"},
    "filter": set(),
}
# fields that decide whether a rule applies to a task at all: every rule reads them
SCOPE_INPUTS = {"project_id", "company_id"}
CRON_XMLID = "task_mgmt_advanced.ir_cron_priority_rules"
RULES_CHANGED_PARAM = "task_mgmt_advanced.priority_rules_changed_at"

RuleSpec = namedtuple("RuleSpec", [
    "id", "name", "company_id", "project_ids", "filter_domain", "condition", "deadline_days",
    "department_count", "manager_scope", "effect", "level", "raise_steps", "stop", "inputs",
])


class ProjectTaskPriorityRule(models.Model):
    _name = "project.task.priority.rule"
    _description = "Task Priority Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, default=lambda self: self.env.company,
        help="Empty: the rule applies in every company.",
    )
    project_ids = fields.Many2many(
        "project.project", string="Projects", check_company=True,
        help="Empty: the rule applies to the tasks of every project.",
    )
    filter_domain = fields.Char(
        string="Filter", default="[]",
        help="Only the tasks matching this filter are concerned (with the condition below).",
    )
    condition = fields.Selection(CONDITIONS, required=True, default="deadline")
    deadline_days = fields.Integer(
        string="Deadline Within (working days)", default=3,
        help="The task's deadline falls within this many working days of today (or is past).",
    )
    department_count = fields.Integer(
        string="Minimum Departments", default=2,
        help="The assignees (and consulted people, when tasks have them) belong to at least this "
        "many departments (the departments of their employees in the task's company).",
    )
    manager_scope = fields.Selection(
        [("direct", "Direct manager"), ("chain", "Any manager up the chain")],
        string="Manager", default="direct", required=True,
        help="Who counts as a manager of an assignee: the manager of the assignee's employee, or "
        "also that manager's manager and so on.",
    )
    effect = fields.Selection(
        [(MARK_IMPORTANT, "Mark as important"), (MARK_URGENT, "Mark as urgent"),
         (SET_LEVEL, "Set the priority to"), (AT_LEAST, "Raise the priority to at least"),
         (RAISE, "Raise the priority by")],
        required=True, default=RAISE,
    )
    level = fields.Selection(PRIORITY_LEVELS, default="2")
    raise_steps = fields.Integer(string="Levels", default=1, help="Levels to add, capped at Urgent.")
    stop = fields.Boolean(
        string="Stop Here",
        help="When this rule applies to a task, the rules after it are not applied to that task.",
    )
    task_ids = fields.Many2many(
        "project.task", MATCH_RELATION, "rule_id", "task_id", string="Matching Tasks", readonly=True,
        copy=False,
    )
    task_count = fields.Integer(compute="_compute_task_count", string="Matching Task Count")
    summary = fields.Char(compute="_compute_summary", string="Rule")

    # ------------------------------------------------------------------ constraints

    @api.constrains("filter_domain")
    def _check_filter_domain(self):
        for rule in self:
            rule._task_mgmt_domain(check=True)

    @api.constrains("deadline_days", "department_count", "raise_steps", "effect", "level")
    def _check_parameters(self):
        for rule in self:
            if rule.condition == "deadline" and rule.deadline_days < 0:
                raise ValidationError(self.env._(
                    "Rule '%(rule)s': the number of working days cannot be negative.", rule=rule.name))
            if rule.condition == "departments" and rule.department_count < 1:
                raise ValidationError(self.env._(
                    "Rule '%(rule)s': the number of departments must be at least 1.", rule=rule.name))
            if rule.effect == RAISE and not 1 <= rule.raise_steps <= 3:
                raise ValidationError(self.env._(
                    "Rule '%(rule)s': a raise is by 1 to 3 levels, not %(steps)s.",
                    rule=rule.name, steps=rule.raise_steps))
            if rule.effect in (SET_LEVEL, AT_LEAST) and not rule.level:
                raise ValidationError(self.env._("Rule '%(rule)s': choose the priority level.", rule=rule.name))

    # ------------------------------------------------------------------ computes

    def _compute_task_count(self):
        counts = dict(self.env["project.task"]._read_group(
            [("priority_rule_ids", "in", self.ids)], ["priority_rule_ids"], ["__count"]))
        for rule in self:
            rule.task_count = counts.get(rule, 0)

    @api.depends("condition", "deadline_days", "department_count", "manager_scope", "effect", "level",
                 "raise_steps", "stop")
    def _compute_summary(self):
        levels = dict(self._fields["level"]._description_selection(self.env))
        for rule in self:
            if rule.condition == "deadline":
                when = self.env._("deadline within %(days)s working days", days=rule.deadline_days)
            elif rule.condition == "departments":
                when = self.env._("people from %(count)s departments or more", count=rule.department_count)
            elif rule.condition == "manager":
                when = (self.env._("created or assigned by the assignee's manager") if rule.manager_scope == "direct"
                        else self.env._("created or assigned by a manager above the assignee"))
            else:
                when = self.env._("the filter matches")
            if rule.effect == MARK_IMPORTANT:
                then = self.env._("mark important")
            elif rule.effect == MARK_URGENT:
                then = self.env._("mark urgent")
            elif rule.effect == SET_LEVEL:
                then = self.env._("set %(level)s", level=levels.get(rule.level, ""))
            elif rule.effect == AT_LEAST:
                then = self.env._("at least %(level)s", level=levels.get(rule.level, ""))
            else:
                then = self.env._("raise by %(steps)s", steps=rule.raise_steps)
            rule.summary = self.env._("If %(when)s: %(then)s", when=when, then=then) + (
                self.env._(", then stop") if rule.stop else "")

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self._task_mgmt_rules_changed()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self._task_mgmt_rules_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._task_mgmt_rules_changed()
        return result

    def _task_mgmt_rules_changed(self):
        """Forget the cached rules, make the daily run start over (every open task is evaluated
        again with the new rules) and ask the scheduler to run it soon."""
        self.env.registry.clear_cache()
        # sudo: project administrators change rules; the timestamp and the cron are technical
        self.env["ir.config_parameter"].sudo().set_param(RULES_CHANGED_PARAM, fields.Datetime.to_string(
            fields.Datetime.now()))
        cron = self.env.ref(CRON_XMLID, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()  # sudo: crons are technical records

    # ------------------------------------------------------------------ actions

    def action_view_tasks(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("project.action_view_all_task")
        action.update({
            "name": self.env._("Tasks matching %(rule)s", rule=self.name),
            "domain": [("priority_rule_ids", "in", self.ids)],
            "context": {},
        })
        return action

    # ------------------------------------------------------------------ domain

    def _task_mgmt_filter(self):
        self.ensure_one()
        return self._task_mgmt_filter_of(self.filter_domain, self.name)

    @api.model
    def _task_mgmt_filter_of(self, text, rule_name):
        return RuleFilter(self.env, text, self.env._("Priority rule '%s'", rule_name))

    def _task_mgmt_domain(self, check=False):
        """The rule's filter as a domain list (raises a ValidationError naming the rule)."""
        rule_filter = self._task_mgmt_filter()
        return rule_filter.check() if check else rule_filter.domain()

    # ------------------------------------------------------------------ cache of active rules

    @api.model
    @ormcache()
    def _task_mgmt_rule_specs(self):
        """The active rules of every company, in order, as plain tuples (cached until a rule
        changes): the create/write path of tasks asks for them on every write."""
        # sudo: the rules apply to every user's tasks, whoever asks for them first
        rules = self.sudo().search([("active", "=", True)], order="sequence, id")
        people = {"user_ids"}
        if "consulted_user_ids" in self.env["project.task"]._fields:
            people.add("consulted_user_ids")
        specs = []
        for rule in rules:
            inputs = set(SCOPE_INPUTS) | CONDITION_INPUTS[rule.condition]
            if rule.condition == "departments":
                inputs |= people
            try:
                inputs |= domain_fields(rule._task_mgmt_domain())
            except ValidationError:
                inputs.add("*")  # cannot tell: evaluate on every write
            specs.append(RuleSpec(
                rule.id, rule.name, rule.company_id.id, frozenset(rule.project_ids.ids), rule.filter_domain,
                rule.condition, rule.deadline_days, rule.department_count, rule.manager_scope, rule.effect,
                rule.level or "0", rule.raise_steps, rule.stop, frozenset(inputs),
            ))
        return tuple(specs)
