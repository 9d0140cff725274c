# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectTaskBaselineLine(models.Model):
    """One task's plan as saved in a baseline (written only by *Save Baseline*)."""

    _name = "project.task.baseline.line"
    _description = "Project Plan Baseline Task"
    _order = "baseline_id, planned_start_date, id"

    baseline_id = fields.Many2one("project.task.baseline", required=True, ondelete="cascade", index=True)
    is_current = fields.Boolean(related="baseline_id.is_current")
    task_id = fields.Many2one("project.task", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one("project.project", required=True, ondelete="cascade", index=True)
    planned_start_date = fields.Date(string="Baseline Start", readonly=True)
    planned_end_date = fields.Date(string="Baseline End", readonly=True)
    duration_days = fields.Integer(string="Baseline Duration (days)", readonly=True)
    allocated_hours = fields.Float(string="Baseline Hours", readonly=True)

    _sql_constraints = [
        ("task_once", "unique(baseline_id, task_id)", "A task is saved once per baseline."),
    ]
