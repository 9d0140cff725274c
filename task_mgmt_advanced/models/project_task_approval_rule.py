# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import namedtuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from .rule_filter import RuleFilter, domain_fields

_logger = logging.getLogger(__name__)

# task fields the approval engine owns: they can neither guard nor reset a request
ENGINE_OWNED_FIELDS = [
    "stage_id", "state", "approval_request_ids", "acceptance_state", "quality_rating",
    "acceptance_comment", "accepted_by_id", "accepted_date", "write_date", "write_uid",
    "date_last_stage_update", "date_end", "message_ids", "activity_ids",
]

# what the task's write() needs to know, cached per registry (see _approval_guard_config)
GuardConfig = namedtuple(
    "GuardConfig",
    "any_rule companies projects stage_ids any_done_rule done_companies done_projects reset_fields watched_fields")
# task fields whose change can put a task under another rule: the guard looks at writes of these
# and of the fields the rules' filters read
PLACE_FIELDS = frozenset({"stage_id", "state", "project_id", "company_id", "parent_id", "display_in_project"})


class ProjectTaskApprovalRule(models.Model):
    _name = "project.task.approval.rule"
    _description = "Task Approval Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10, help="When several rules guard the same move, the first one applies.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    project_ids = fields.Many2many(
        "project.project", string="Projects", check_company=True,
        help="Projects whose tasks the rule guards. Empty: every project of the company.",
    )
    domain = fields.Char(
        string="Filter", default="[]", required=True,
        help="Only tasks matching this filter need the approval (checked on the task as the "
        "write leaves it, before the move).",
    )
    transition = fields.Selection(
        [("stage", "Entering a stage"), ("done", "Marking the task done")],
        string="Guarded Move", required=True, default="stage",
    )
    stage_id = fields.Many2one(
        "project.task.type", ondelete="restrict", index=True,
        help="Moving a task into this stage needs the approval.",
    )
    level_ids = fields.One2many("project.task.approval.level", "rule_id", string="Levels", copy=True)
    reset_field_ids = fields.Many2many(
        "ir.model.fields", string="Fields That Reset",
        domain=[("model", "=", "project.task"), ("store", "=", True), ("name", "not in", ENGINE_OWNED_FIELDS)],
        help="Changing one of these task fields while a request is waiting resets the request.",
    )
    reset_action = fields.Selection(
        [("restart", "Restart from the first level"), ("cancel", "Cancel the request")],
        string="On Reset", required=True, default="restart",
    )
    acceptance_reviewer_id = fields.Many2one(
        "res.users", domain=[("share", "=", False)],
        help="Accepts the done tasks this rule applies to (instead of the task's Accountable "
        "or the project manager).",
    )
    request_ids = fields.One2many("project.task.approval.request", "rule_id", string="Requests")
    request_count = fields.Integer(compute="_compute_request_count")

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            rule._approval_filter().check()

    @api.constrains("transition", "stage_id", "project_ids")
    def _check_stage(self):
        for rule in self:
            if rule.transition != "stage":
                continue
            if not rule.stage_id:
                raise ValidationError(self.env._("Approval rule '%s': choose the stage it guards.", rule.name))
            if rule.project_ids and not rule.project_ids & rule.stage_id.project_ids:
                raise ValidationError(self.env._(
                    "Approval rule '%(rule)s': stage '%(stage)s' is not a stage of %(projects)s.",
                    rule=rule.name, stage=rule.stage_id.name,
                    projects=", ".join(rule.project_ids.mapped("display_name")),
                ))

    @api.constrains("level_ids", "active")
    def _check_levels(self):
        for rule in self:
            if rule.active and not rule.level_ids:
                raise ValidationError(self.env._("Approval rule '%s' needs at least one level.", rule.name))

    def _compute_request_count(self):
        counts = dict(self.env["project.task.approval.request"]._read_group(
            [("rule_id", "in", self.ids)], ["rule_id"], ["__count"],
        ))
        for rule in self:
            rule.request_count = counts.get(rule, 0)

    @api.onchange("transition")
    def _onchange_transition(self):
        if self.transition != "stage":
            self.stage_id = False

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()  # _approval_guard_config
        return rules

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()  # _approval_guard_config
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _approval_guard_config
        return result

    # ------------------------------------------------------------------ actions

    def action_view_requests(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "task_mgmt_advanced.project_task_approval_request_action")
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ business methods

    @api.model
    @tools.ormcache()
    def _approval_guard_config(self):
        """What the task's write() checks before doing any work (cleared when rules change):
        the companies with an active rule, the guarded stages, the companies with a rule on
        marking done, and the names of the task fields that reset a request."""
        # sudo: the guard must see every rule, whoever writes the task
        rules = self.sudo().search_fetch(
            [], ["name", "company_id", "project_ids", "transition", "stage_id", "reset_field_ids", "domain"])
        watched = set(PLACE_FIELDS)
        for rule in rules:
            try:
                watched |= domain_fields(rule._approval_domain())
            except ValidationError:
                _logger.warning("Approval rule %s: its filter cannot be read; it applies to moves only.", rule.id)
        done_rules = rules.filtered(lambda r: r.transition == "done")
        return GuardConfig(
            any_rule=bool(rules),
            any_done_rule=bool(done_rules),
            companies=frozenset(rules.filtered(lambda r: not r.project_ids).company_id.ids),
            projects=frozenset(rules.project_ids.ids),
            stage_ids=frozenset(rules.filtered(lambda r: r.transition == "stage").stage_id.ids),
            done_companies=frozenset(done_rules.filtered(lambda r: not r.project_ids).company_id.ids),
            done_projects=frozenset(done_rules.project_ids.ids),
            reset_fields=frozenset(rules.reset_field_ids.mapped("name")),
            watched_fields=frozenset(watched),
        )

    def _approval_filter(self):
        self.ensure_one()
        return RuleFilter(self.env, self.domain, self.env._("Approval rule '%s'", self.name))

    def _approval_domain(self):
        """The rule's filter as a domain list (validated when saved)."""
        return self._approval_filter().domain()

    def _approval_match(self, tasks, transition=None, stage_ids=None):
        """{task: first rule of ``self`` (in sequence order) that applies to it}: same company
        (or a task without company), one of the rule's projects (or any), the move (``transition``, ``stage_ids`` when
        given) and the rule's filter. One query per rule with a filter."""
        matched = {}
        # sudo: rules apply to the task whatever the writer may read of it
        Task = self.env["project.task"].sudo().with_context(active_test=False)
        for rule in self.sorted(lambda r: (r.sequence, r.id)):
            if transition and rule.transition != transition:
                continue
            if stage_ids is not None and rule.stage_id.id not in stage_ids:
                continue
            # a rule naming projects guards their tasks (whatever their company: a project shared
            # between companies has none); a rule for every project guards the tasks of its company
            # and of the shared projects
            todo = [t for t in tasks if t not in matched and t.project_id and (
                t.project_id in rule.project_ids if rule.project_ids
                else (not t.company_id or t.company_id == rule.company_id))]
            if not todo:
                continue
            domain = rule._approval_domain()
            if domain:
                keep = set(Task.search([("id", "in", [t.id for t in todo]), *domain]).ids)
                todo = [t for t in todo if t.id in keep]
            for task in todo:
                matched[task] = rule
        return matched
