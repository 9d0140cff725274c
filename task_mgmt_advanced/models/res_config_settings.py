# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    task_mgmt_default_schedule_mode = fields.Selection(
        [("auto", "Automatic"), ("manual", "Manual")], string="Rescheduling of New Projects", default="auto",
        config_parameter="task_mgmt_advanced.default_schedule_mode",
        help="Automatic: successors move at once when a task's dates, duration or links change. "
        "Manual: dates change when someone clicks Schedule. Existing projects keep theirs.",
    )
    task_mgmt_default_dependency_enforcement = fields.Selection(
        [("native", "Waiting Only (Odoo Default)"), ("warn", "Warn"), ("block", "Block")],
        string="Dependency Enforcement of New Projects", default="native",
        config_parameter="task_mgmt_advanced.default_dependency_enforcement",
        help="What a new project does when a task moves before its dependencies allow it. "
        "Existing projects keep theirs.",
    )
    task_mgmt_default_raci_require_accountable = fields.Boolean(
        string="New Projects Require an Accountable",
        config_parameter="task_mgmt_advanced.default_raci_require_accountable",
        help="Tasks of new projects can leave the first stage only once they have an Accountable.",
    )

    task_mgmt_priority_weight_deadline = fields.Integer(
        string="Deadline Weight", default=40, config_parameter="task_mgmt_advanced.priority_weight_deadline",
        help="Weight of the deadline's proximity in the suggested priority (due today or overdue: all of it).",
    )
    task_mgmt_priority_weight_blocked = fields.Integer(
        string="Waiting Tasks Weight", default=20, config_parameter="task_mgmt_advanced.priority_weight_blocked",
        help="Weight of the open tasks waiting on the task (five or more: all of it).",
    )
    task_mgmt_priority_weight_critical = fields.Integer(
        string="Critical Path Weight", default=15, config_parameter="task_mgmt_advanced.priority_weight_critical",
        help="Weight of being on the critical path of its project.",
    )
    task_mgmt_priority_weight_effort = fields.Integer(
        string="Work Left Weight", default=10, config_parameter="task_mgmt_advanced.priority_weight_effort",
        help="Weight of the allocated hours not yet spent compared with the working days left.",
    )
    task_mgmt_priority_weight_history = fields.Integer(
        string="Late History Weight", default=15, config_parameter="task_mgmt_advanced.priority_weight_history",
        help="Weight of the share of tasks its assignees or its project finished late in the last 90 days.",
    )
