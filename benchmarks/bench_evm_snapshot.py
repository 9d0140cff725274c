#!/usr/bin/env python3
"""Weekly earned value snapshots of all projects: the scheduled action (batches of projects, a
handful of queries per batch, one INSERT ... ON CONFLICT) against a loop computing each
project's earned value alone and creating its snapshot through the ORM, in the same run.

    python3 benchmarks/bench_evm_snapshot.py [--database kpi_gen] [--repeat 5]

Run on a generated database (``benchmarks/generate_data.py --tasks N --database kpi_gen``).
Each repetition runs in a savepoint rolled back; everything is rolled back at the end. The two
ways' figures are compared to the cent (the ORM rounds money to the currency and ratios to their
digits when it writes; the cron's INSERT keeps full precision).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table  # noqa: E402
from bench_roi import timed  # noqa: E402 (the same median timer and query counter)

FIELDS = ("bac_hours", "pv_hours", "ev_hours", "ac_hours", "spi", "bac_amount", "ac_amount", "eac_amount")


def cron_way(env, status):
    """The scheduled action, called again while it reports projects remaining (as Odoo does)."""
    Snapshot = env["project.evm.snapshot"]
    with env.cr.savepoint(flush=False) as savepoint:
        calls = 0
        while Snapshot._projects_to_snapshot(status):
            Snapshot._cron_snapshot(today=status + __import__("datetime").timedelta(days=1))
            calls += 1
        result = {s.project_id.id: tuple(round(s[f] or 0.0, 2) for f in FIELDS)
                  for s in Snapshot.search([("status_date", "=", status)])}
        savepoint.rollback()
    return calls, result


def loop_way(env, status):
    """Per project: its earned value alone (``_evm_figures`` of one project), then an ORM create."""
    from odoo.addons.task_mgmt_reports.models.project_evm_snapshot import FIGURES  # noqa: PLC0415

    Snapshot = env["project.evm.snapshot"]
    with env.cr.savepoint(flush=False) as savepoint:
        for project in env["project.project"].search([]):
            if not env["project.task"].search_count([("project_id", "=", project.id)], limit=1):
                continue
            figures = project._evm_figures(status, money=True)[project.id]
            Snapshot.create({
                "project_id": project.id, "status_date": status, "company_id": project.company_id.id,
                "currency_id": project.currency_id.id, "method": figures["method"],
                "baseline": figures["baseline"],
                **{column: figures[unit][key] or 0.0 for column, (key, unit) in FIGURES.items()},
            })
        Snapshot.flush_model()
        result = {s.project_id.id: tuple(round(s[f] or 0.0, 2) for f in FIELDS)
                  for s in Snapshot.search([("status_date", "=", status)])}
        savepoint.rollback()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="kpi_gen")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        from odoo import fields  # noqa: PLC0415

        Snapshot = env["project.evm.snapshot"]
        status = Snapshot._last_status_date(fields.Date.context_today(Snapshot))
        counts = {
            "projects": env["project.project"].search_count([]),
            "tasks": env["project.task"].with_context(active_test=False).search_count([]),
            "timesheet lines": env["account.analytic.line"].search_count([("project_id", "!=", False)]),
        }
        print_table(sorted(counts.items()), ["data", "rows"])
        print(f"status date {status}")
        Snapshot.search([("status_date", "=", status)]).unlink()
        t_cron, q_cron, (calls, cron) = timed(env, lambda: cron_way(env, status), args.repeat)
        t_loop, q_loop, loop = timed(env, lambda: loop_way(env, status), args.repeat)
        differing = [pid for pid in set(cron) | set(loop) if cron.get(pid) != loop.get(pid)]
        print_table([
            ("snapshots of all projects (cron, batched, ON CONFLICT)", f"{t_cron:.3f}", q_cron,
             f"{len(cron)} projects in {calls} call(s)"),
            ("per project: earned value alone + ORM create", f"{t_loop:.3f}", q_loop,
             f"{t_loop / t_cron:.1f}x the cron; {len(differing)} differing projects"),
        ], ["what", "median s", "queries", "notes"])
        for pid in sorted(differing)[:3]:
            print(f"project {pid}: cron {cron.get(pid)} loop {loop.get(pid)} ({', '.join(FIELDS)})")
        env.cr.rollback()


if __name__ == "__main__":
    main()
