# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ProjectTask(models.Model):
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    @api.readonly
    def get_gantt_data(self, domain, groupby=(), date_start=None, date_stop=None, color_by="project"):
        """The Gantt data, with ``baselines``: ``[task id, start, end]`` of the drawn tasks in
        their project's current baseline (drawn as ghost bars under the bars); one query."""
        result = super().get_gantt_data(domain, groupby=groupby, date_start=date_start, date_stop=date_stop,
                                        color_by=color_by)
        ids = [bar[0] for bar in result["bars"]]
        lines = self.env["project.task.baseline.line"].search_fetch(
            [("task_id", "in", ids), ("baseline_id.is_current", "=", True), ("planned_start_date", "!=", False),
             ("planned_end_date", "!=", False)],
            ["task_id", "planned_start_date", "planned_end_date"]) if ids else []
        result["baselines"] = [[line.task_id.id, line.planned_start_date.isoformat(),
                                line.planned_end_date.isoformat()] for line in lines]
        return result
