# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import kpi
from ..engine.burndown import MAX_DAYS, BurnItem, burndown
from .project_task_kpi import _work_calendars

SLIPPED_SHOWN = 10
BURNDOWN_COLUMNS = ["id", "create_date", "kpi_done_date", "planned_end_date", "allocated_hours", "parent_id"]


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    baseline_ids = fields.One2many("project.task.baseline", "project_id", string="Baselines")
    baseline_count = fields.Integer(compute="_compute_baseline_finish_slip")
    current_baseline_id = fields.Many2one("project.task.baseline", compute="_compute_baseline_finish_slip")
    baseline_finish_date = fields.Date(compute="_compute_baseline_finish_slip", string="Baseline Finish")
    planned_finish_date = fields.Date(compute="_compute_baseline_finish_slip", string="Planned Finish")
    baseline_finish_slip = fields.Integer(
        compute="_compute_baseline_finish_slip", string="Finish Slip (days)",
        help="Working days between the last planned end of the current baseline and the last planned "
        "end of the tasks now (later > 0).")

    def _compute_baseline_finish_slip(self):
        ids = [pid for pid in self._origin.ids if pid]
        Baseline = self.env["project.task.baseline"]
        counts = dict(Baseline._read_group([("project_id", "in", ids)], ["project_id"], ["__count"]))
        current = {b.project_id: b for b in Baseline.search([("project_id", "in", ids), ("is_current", "=", True)])}
        base_end = dict(self.env["project.task.baseline.line"]._read_group(
            [("project_id", "in", ids), ("baseline_id.is_current", "=", True)], ["project_id"],
            ["planned_end_date:max"]))
        plan_end = dict(self.env["project.task"]._read_group(
            [("project_id", "in", ids)], ["project_id"], ["planned_end_date:max"]))
        for project in self:
            origin = project._origin
            project.baseline_count = counts.get(origin, 0)
            project.current_baseline_id = current.get(origin, False)
            project.baseline_finish_date = base_end.get(origin, False)
            project.planned_finish_date = plan_end.get(origin, False)
            project.baseline_finish_slip = 0
        calendars = _work_calendars(self.filtered(lambda p: p.baseline_finish_date and p.planned_finish_date),
                                    lambda p: (p.baseline_finish_date, p.planned_finish_date), lambda p: p)
        for work, projects in calendars.values():
            for project in projects:
                project.baseline_finish_slip = work.working_days_between(project.baseline_finish_date,
                                                                         project.planned_finish_date)

    def action_save_baseline(self, name=None):
        """Save the plan of every task of the project as its new current baseline."""
        self.ensure_one()
        self.check_access("write")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise UserError(self.env._("Project '%s': give the baseline a name.", self.display_name))
        if not name:
            name = self.env._("Baseline %(number)s", number=self.baseline_count + 1)
        baseline = self.env["project.task.baseline"].create({
            "name": name.strip(), "project_id": self.id, "is_current": True})
        baseline._save_lines()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Baseline '%(name)s' saved with %(count)s tasks.",
                                      name=baseline.name, count=baseline.task_count),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_baselines(self):
        """The project's baselines."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("task_mgmt_reports.project_task_baseline_action")
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_view_slipped_tasks(self):
        """The project's tasks planned to end later than in its current baseline."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Slipped Tasks"),
            "res_model": "project.task",
            "views": [[self.env.ref("task_mgmt_reports.project_task_view_list_baseline").id, "list"],
                      [False, "form"]],
            "domain": [("project_id", "=", self.id), ("baseline_slipped", "=", True)],
            "context": {"default_project_id": self.id},
        }

    def _kpi_demo_history(self):
        """Demo data only: the tasks of these projects entered the plan on the project's start and
        the done ones were done on their planned end (one UPDATE), so the burndown has a history."""
        self.env["project.task"].flush_model()
        self.env.cr.execute(SQL(
            """UPDATE project_task t
                  SET create_date = p.date_start::timestamp + interval '9 hours',
                      date_assign = CASE WHEN t.date_assign IS NOT NULL
                                         THEN p.date_start::timestamp + interval '10 hours' END,
                      kpi_done_date = CASE WHEN t.state = '1_done'
                                           THEN COALESCE(t.planned_end_date, p.date_start)::timestamp
                                                + interval '17 hours' END
                 FROM project_project p
                WHERE p.id = t.project_id AND p.id IN %s AND p.date_start IS NOT NULL""",
            tuple(self.ids)))
        self.env["project.task"].invalidate_model(["create_date", "date_assign", "kpi_done_date"])

    # ------------------------------------------------------------------ cockpit data (RPC)

    def _kpi_one_project(self):
        if len(self) != 1:
            raise UserError(self.env._("Choose one project (got %(count)s).", count=len(self)))
        self.check_access("read")
        return self

    def _kpi_date(self, value, what):
        try:
            return fields.Date.to_date(value) if value else None
        except (ValueError, TypeError) as error:
            raise UserError(self.env._("Project '%(project)s': the %(what)s is not a date: %(value)r.",
                                       project=self.display_name, what=what, value=value)) from error

    def _kpi_rows(self, model, domain, columns):
        """Tuples of ``columns`` of the records of ``domain`` the user may read: one query over the
        ORM's own search query (record rules applied), without building records."""
        Model = self.env[model]
        Model.check_field_access_rights("read", columns)
        Model.flush_model(columns)
        query = Model._search(domain)
        return self.env.execute_query(query.select(*[SQL.identifier(Model._table, column) for column in columns]))

    @api.readonly
    def get_burndown(self, unit="hours", date_from=None, date_to=None, milestone_id=None):
        """Burndown series of the project (or of one of its milestones) in ``hours`` or ``tasks``:
        scope, remaining, the ideal line from the current baseline (the plan when there is none)
        and the forecast from the last two weeks' pace (see ``engine/burndown.py``). Two queries
        as the calling user (record rules apply), no records built."""
        self._kpi_one_project()
        if unit not in ("hours", "tasks"):
            raise UserError(self.env._("The burndown is drawn in 'hours' or 'tasks', not %(unit)r.", unit=unit))
        domain = [("project_id", "=", self.id), ("state", "!=", "1_canceled")]
        if milestone_id:
            if not isinstance(milestone_id, int) or isinstance(milestone_id, bool):
                raise UserError(self.env._("The milestone must be given by its id, not %(value)r.", value=milestone_id))
            domain.append(("milestone_id", "=", milestone_id))
        start, end = self._kpi_date(date_from, self.env._("start")), self._kpi_date(date_to, self.env._("end"))
        if start and end and end < start:
            raise UserError(self.env._(
                "Project '%(project)s': the burndown ends (%(end)s) before it starts (%(start)s).",
                project=self.display_name, end=end, start=start))
        tasks = self._kpi_rows("project.task", domain, BURNDOWN_COLUMNS)
        # a parent's allocated hours include its subtasks': each task burns its own share
        subtask_hours = defaultdict(float)
        for _id, _created, _done, _end, hours, parent_id in tasks:
            if parent_id:
                subtask_hours[parent_id] += hours or 0.0
        baseline_end = {}
        if self.current_baseline_id:
            baseline_end = dict(self._kpi_rows("project.task.baseline.line",
                                               [("baseline_id", "=", self.current_baseline_id.id)],
                                               ["task_id", "planned_end_date"]))
        items = [BurnItem(
            created=created.date(),
            done=done.date() if done else None,
            planned_end=baseline_end.get(task_id) or planned_end or None,
            hours=max((hours or 0.0) - subtask_hours[task_id], 0.0),
        ) for task_id, created, done, planned_end, hours, _parent_id in tasks]
        today = fields.Date.context_today(self)
        if not start:
            start = min(item.created for item in items) if items else (self.date_start or today)
        if not end:
            end = max([item.planned_end for item in items if item.planned_end] + [today, start])
        if (end - start).days >= MAX_DAYS:
            start = end - timedelta(days=MAX_DAYS - 1)
        result = burndown(items, start, end, today, unit=unit)
        result["baseline"] = self.current_baseline_id.name or False
        return result

    def _kpi_before_after(self, today):
        """Every KPI of the project before and after the go-live date of the settings, over two
        periods of the same length (from the go-live date to today, and just before it)."""
        go_live = self.env["ir.config_parameter"].sudo().get_param(  # sudo: a setting every user sees the effect of
            "task_mgmt_reports.go_live_date")
        try:
            go_live = fields.Date.to_date(go_live)
        except ValueError:
            go_live = None
        if not go_live or go_live > today:
            return False
        length = (today - go_live).days
        before = [go_live - timedelta(days=length + 1), go_live - timedelta(days=1)]
        after = [go_live, today]
        return {
            "go_live": fields.Date.to_string(go_live),
            "before": [fields.Date.to_string(d) for d in before],
            "after": [fields.Date.to_string(d) for d in after],
            "kpis": self.env["project.task.report.kpi"].compare_periods(
                [fields.Date.to_string(d) for d in before], [fields.Date.to_string(d) for d in after],
                project_ids=[self.id]),
        }

    @api.readonly
    def get_cockpit_data(self, period="month"):
        """Everything the delivery cockpit draws for one project: the KPIs of the current and the
        previous period (week, month or quarter), the burndown in hours and in tasks, the baseline
        finish slip and the tasks that slipped most."""
        self._kpi_one_project()
        Report = self.env["project.task.report.kpi"]
        Report._kpi_period(period)
        today = fields.Date.context_today(self)
        current = kpi.period_bounds(today, period)
        previous = kpi.previous_period(today, period)
        kpis = {}
        for key, (start, end) in (("current", current), ("previous", previous)):
            kpis[key] = kpi.kpi_rates(Report.get_kpi_totals(
                fields.Date.to_string(start), fields.Date.to_string(end), project_ids=[self.id]))
        slipped = self.env["project.task"].search(
            [("project_id", "=", self.id), ("baseline_slipped", "=", True)], order="planned_end_date desc, id",
            limit=SLIPPED_SHOWN)
        return {
            "project": [self.id, self.display_name],
            "period": period,
            "bounds": {key: [fields.Date.to_string(d) for d in value]
                       for key, value in (("current", current), ("previous", previous))},
            "kpis": kpis,
            "lower_is_better": sorted(kpi.LOWER_IS_BETTER),
            "burndown": {"hours": self.get_burndown("hours"), "tasks": self.get_burndown("tasks")},
            "evm": self.get_earned_value(),
            "evm_trend": self.get_evm_trend(),
            "before_after": self._kpi_before_after(today),
            "baseline": {
                "name": self.current_baseline_id.name or False,
                "finish": fields.Date.to_string(self.baseline_finish_date),
                "planned_finish": fields.Date.to_string(self.planned_finish_date),
                "finish_slip": self.baseline_finish_slip,
            },
            "slipped": [{
                "id": task.id, "name": task.display_name,
                "baseline_end": fields.Date.to_string(task.baseline_end_date),
                "planned_end": fields.Date.to_string(task.planned_end_date),
                "slip": task.baseline_finish_slip,
            } for task in slipped],
        }
