# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# projects whose snapshot is computed and inserted per call of the scheduled action
SNAPSHOT_BATCH = 200
MONEY_GROUPS = "project.group_project_manager,account.group_account_readonly"
# snapshot column: (key of the engine's figures, unit)
FIGURES = {
    "bac_hours": ("bac", "hours"), "pv_hours": ("pv", "hours"), "ev_hours": ("ev", "hours"),
    "ac_hours": ("ac", "hours"), "cv_hours": ("cv", "hours"), "sv_hours": ("sv", "hours"),
    "eac_hours": ("eac", "hours"), "etc_hours": ("etc", "hours"), "cpi_hours": ("cpi", "hours"),
    "spi": ("spi", "hours"),
    "bac_amount": ("bac", "money"), "pv_amount": ("pv", "money"), "ev_amount": ("ev", "money"),
    "ac_amount": ("ac", "money"), "cv_amount": ("cv", "money"), "sv_amount": ("sv", "money"),
    "eac_amount": ("eac", "money"), "etc_amount": ("etc", "money"), "cpi_amount": ("cpi", "money"),
}


class ProjectEvmSnapshot(models.Model):
    _name = "project.evm.snapshot"
    _description = "Earned Value Snapshot"
    _order = "project_id, status_date desc"
    _rec_name = "status_date"

    project_id = fields.Many2one("project.project", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    status_date = fields.Date(required=True, readonly=True)
    method = fields.Selection([("hours", "Timesheet Hours"), ("tasks", "Done Tasks")],
                              string="Earned Value From", readonly=True)
    baseline = fields.Char(readonly=True, help="The project's current baseline when the snapshot was taken.")
    bac_hours = fields.Float("BAC (h)", readonly=True, aggregator="sum")
    pv_hours = fields.Float("PV (h)", readonly=True, aggregator="sum")
    ev_hours = fields.Float("EV (h)", readonly=True, aggregator="sum")
    ac_hours = fields.Float("AC (h)", readonly=True, aggregator="sum")
    cv_hours = fields.Float("CV (h)", readonly=True, aggregator="sum")
    sv_hours = fields.Float("SV (h)", readonly=True, aggregator="sum")
    eac_hours = fields.Float("EAC (h)", readonly=True, aggregator="sum")
    etc_hours = fields.Float("ETC (h)", readonly=True, aggregator="sum")
    cpi_hours = fields.Float("CPI (h)", readonly=True, aggregator="avg", digits=(16, 3),
                             help="EV ÷ AC in hours (empty when no hours were logged).")
    spi = fields.Float("SPI", readonly=True, aggregator="avg", digits=(16, 3),
                       help="EV ÷ PV (the same in hours and in money; empty when nothing was planned yet).")
    currency_id = fields.Many2one("res.currency", readonly=True)
    bac_amount = fields.Monetary("BAC", readonly=True, groups=MONEY_GROUPS)
    pv_amount = fields.Monetary("PV", readonly=True, groups=MONEY_GROUPS)
    ev_amount = fields.Monetary("EV", readonly=True, groups=MONEY_GROUPS)
    ac_amount = fields.Monetary("AC", readonly=True, groups=MONEY_GROUPS)
    cv_amount = fields.Monetary("CV", readonly=True, groups=MONEY_GROUPS)
    sv_amount = fields.Monetary("SV", readonly=True, groups=MONEY_GROUPS)
    eac_amount = fields.Monetary("EAC", readonly=True, groups=MONEY_GROUPS)
    etc_amount = fields.Monetary("ETC", readonly=True, groups=MONEY_GROUPS)
    cpi_amount = fields.Float("CPI", readonly=True, aggregator="avg", digits=(16, 3), groups=MONEY_GROUPS,
                              help="EV ÷ AC in money (empty when no cost was booked).")

    _sql_constraints = [
        # what makes the scheduled action idempotent: one snapshot per project and status date
        ("project_date_unique", "UNIQUE(project_id, status_date)",
         "A project has one earned value snapshot per status date."),
    ]

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _last_status_date(self, today):
        """The status date of the weekly snapshots: the Sunday that ended the last full week, so
        that every run of a week (a retry, a resumed run) snapshots the same date."""
        return today - timedelta(days=today.weekday() + 1)

    @api.model
    def _cron_snapshot(self, batch_size=None, today=None):
        """Scheduled action (weekly): a snapshot of every active project with tasks at the last
        status date, ``batch_size`` projects per call (``ir.cron._notify_progress``: Odoo commits
        and calls again while some remain). The projects still without a snapshot at that date
        are picked by one query and inserted with ``ON CONFLICT DO NOTHING``: a second run, a run
        at the same time or a run after a crash never writes two. Returns the number of
        projects snapshot."""
        status = self._last_status_date(today or fields.Date.context_today(self))
        # sudo: the weekly run covers every project and its cost figures, whoever the cron's user is
        Snapshot = self.sudo()
        todo = Snapshot._projects_to_snapshot(status)
        batch = todo[:batch_size or SNAPSHOT_BATCH]
        if batch:
            Snapshot._insert_snapshots(Snapshot.env["project.project"].browse(batch), status)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(todo) - len(batch))
        return len(batch)

    def _projects_to_snapshot(self, status):
        """Ids of the active projects with tasks and no snapshot at ``status`` (one query)."""
        self.env.flush_all()
        return [pid for (pid,) in self.env.execute_query(SQL(
            """SELECT p.id FROM project_project p
                WHERE p.active
                  AND EXISTS (SELECT 1 FROM project_task t WHERE t.project_id = p.id AND t.active)
                  AND NOT EXISTS (SELECT 1 FROM project_evm_snapshot s
                                   WHERE s.project_id = p.id AND s.status_date = %s)
                ORDER BY p.id""", status))]

    def _insert_snapshots(self, projects, status, replace=False):
        """Compute the earned value of ``projects`` at ``status`` (batched, see
        ``project.project._evm_figures``) and insert one row each in one statement; an existing
        snapshot of the same date is kept (``replace`` false: the cron) or updated (``replace``:
        a snapshot taken now). Returns the number of rows written."""
        figures = projects._evm_figures(status, money=True)
        rows = []
        for project in projects:
            result = figures[project.id]
            row = {"project_id": project.id, "company_id": project.company_id.id or None,
                   "currency_id": project.currency_id.id or None, "method": result["method"],
                   "baseline": result["baseline"] or None}
            for column, (key, unit) in FIGURES.items():
                row[column] = result[unit][key]
            rows.append(row)
        columns = ["project_id", "company_id", "currency_id", "method", "baseline", *FIGURES]
        types = {"project_id": "int", "company_id": "int", "currency_id": "int", "method": "varchar",
                 "baseline": "varchar"}
        names = SQL(", ").join(SQL.identifier(column) for column in columns)
        record = SQL(", ").join(SQL(f"{column} {types.get(column, 'numeric')}") for column in columns)
        if replace:
            conflict = SQL("DO UPDATE SET %s, write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date",
                           SQL(", ").join(SQL("%s = EXCLUDED.%s", SQL.identifier(c), SQL.identifier(c))
                                          for c in columns[1:]))
        else:
            conflict = SQL("DO NOTHING")
        uid, now = self.env.uid, fields.Datetime.now()
        written = self.env.execute_query(SQL(
            """INSERT INTO project_evm_snapshot (%s, status_date, create_uid, create_date, write_uid, write_date)
               SELECT %s, %s, %s, %s, %s, %s FROM jsonb_to_recordset(%s::jsonb) AS r(%s)
               ON CONFLICT (project_id, status_date) %s
               RETURNING id""",
            names, names, status, uid, now, uid, now, json.dumps(rows), record, conflict))
        self.invalidate_model()
        return len(written)
