# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the non-stored fields that read the baselines (recomputed after a save or a change of current)
BASELINE_PROJECT_FIELDS = ["baseline_ids", "baseline_count", "current_baseline_id", "baseline_finish_date",
                           "baseline_finish_slip"]
BASELINE_TASK_FIELDS = ["baseline_start_date", "baseline_end_date", "baseline_hours", "baseline_start_slip",
                        "baseline_finish_slip", "baseline_hours_variance", "baseline_slipped"]


class ProjectTaskBaseline(models.Model):
    """A saved copy of a project's plan: every task's planned start, end, duration and hours."""

    _name = "project.task.baseline"
    _description = "Project Plan Baseline"
    _order = "project_id, date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    date = fields.Datetime(string="Saved On", required=True, default=fields.Datetime.now, readonly=True)
    project_id = fields.Many2one("project.project", required=True, ondelete="cascade", index=True,
                                 check_company=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    is_current = fields.Boolean(
        string="Current", default=True,
        help="The baseline the variance fields, the Gantt chart and the burndown compare with "
        "(one per project).")
    user_id = fields.Many2one("res.users", string="Saved By", default=lambda self: self.env.user, readonly=True)
    line_ids = fields.One2many("project.task.baseline.line", "baseline_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_task_count", string="Tasks Saved")
    finish_date = fields.Date(compute="_compute_task_count", string="Baseline Finish")

    def init(self):
        self.env.cr.execute(SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS project_task_baseline_one_current "
            "ON project_task_baseline (project_id) WHERE is_current"))

    def _compute_task_count(self):
        groups = self.env["project.task.baseline.line"]._read_group(
            [("baseline_id", "in", self.ids)], ["baseline_id"], ["__count", "planned_end_date:max"])
        counts = {baseline.id: (count, end) for baseline, count, end in groups}
        for baseline in self:
            baseline.task_count, baseline.finish_date = counts.get(baseline.id, (0, False))

    @api.model_create_multi
    def create(self, vals_list):
        projects = self.env["project.project"].browse(
            [vals["project_id"] for vals in vals_list if vals.get("project_id")])
        projects.check_access("write")
        current = [vals["project_id"] for vals in vals_list if vals.get("is_current", True) and vals.get("project_id")]
        if current:
            previous = self.search([("project_id", "in", current), ("is_current", "=", True)])
            previous.write({"is_current": False})
            previous.flush_recordset(["is_current"])  # before the INSERT (one current per project)
        return super().create(vals_list)

    def write(self, vals):
        if "project_id" in vals:
            raise UserError(self.env._("A baseline cannot be moved to another project."))
        self.project_id.check_access("write")
        if vals.get("is_current"):
            if len(self) > 1:
                raise UserError(self.env._("Only one baseline of a project can be the current one."))
            previous = self.search([("project_id", "=", self.project_id.id), ("is_current", "=", True)]) - self
            previous.write({"is_current": False})
            previous.flush_recordset(["is_current"])  # before this one is set (one current per project)
        result = super().write(vals)
        self.project_id.invalidate_recordset(BASELINE_PROJECT_FIELDS)
        self.env["project.task"].invalidate_model(BASELINE_TASK_FIELDS)
        return result

    def unlink(self):
        self.project_id.check_access("write")
        return super().unlink()

    def action_set_current(self):
        """Make this baseline the one the variances compare with."""
        self.ensure_one()
        self.write({"is_current": True})
        return True

    def _save_lines(self):
        """Copy the plan of every active task of the baselines' projects into their lines: one
        INSERT ... SELECT per call, whatever the number of tasks."""
        if not self:
            return
        self.env["project.task"].flush_model(["planned_start_date", "planned_end_date", "duration_days",
                                              "allocated_hours", "project_id", "active"])
        self.env.cr.execute(SQL(
            """
            INSERT INTO project_task_baseline_line
                   (baseline_id, task_id, project_id, planned_start_date, planned_end_date, duration_days,
                    allocated_hours, create_uid, create_date, write_uid, write_date)
            SELECT b.id, t.id, t.project_id, t.planned_start_date, t.planned_end_date, t.duration_days,
                   t.allocated_hours, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM project_task_baseline b
              JOIN project_task t ON t.project_id = b.project_id AND t.active
             WHERE b.id IN %(ids)s
            """,
            uid=self.env.uid, ids=tuple(self.ids),
        ))
        self.env["project.task.baseline.line"].invalidate_model()
        self.invalidate_recordset(["line_ids", "task_count", "finish_date"])
        self.project_id.invalidate_recordset(BASELINE_PROJECT_FIELDS)
        self.env["project.task"].invalidate_model(BASELINE_TASK_FIELDS)
