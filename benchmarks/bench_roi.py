#!/usr/bin/env python3
"""ROI per opportunity and per sales team: the SQL view against Odoo's per-project panel, and
the XLSX of all opportunities, in the same run.

    python3 benchmarks/bench_roi.py [--database crm_gen] [--repeat 5] [--sample 0]

Run on a copy of the generated 100,000-task database (``createdb -T tm_gen100k crm_gen``).
Everything runs in one transaction rolled back at the end.

* **ROI per opportunity / per team** (``crm.lead.report.roi``): one ``_read_group`` over the
  SQL view each, grouped by opportunity (revenue, invoiced, weighted revenue, cost, margin,
  ROI, hours, pre-sales cost) or by sales team.
* **per-record way**: what a script on Odoo alone would do — loop over the projects and call
  Odoo's profitability panel, ``project._get_profitability_items(with_action=False)``, for each
  (sale_project + sale_timesheet + project_account, the panel's own code), adding each
  project's revenue and cost to the opportunity of its sales order. ``--sample N`` times N
  projects and extrapolates linearly to all of them (0 = all projects).
* **XLSX**: ``roi_table`` grouped by opportunity, written by ``engine/xlsx.py`` into a temporary
  file (constant memory).

Targets (issue 13): ROI per opportunity and per team < 2 s, >= 10x faster than the per-record
way; XLSX of all opportunities < 3 s.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402

MEASURES = ["revenue:sum", "invoiced:sum", "weighted_revenue:sum", "cost:sum", "margin:sum", "roi:sum",
            "hours:sum", "presales_cost:sum"]


def timed(env, fn, repeat):
    timings, queries, result = [], [], None
    for _ in range(repeat):
        env.invalidate_all()
        before = sql_count(env)
        start = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - start)
        queries.append(sql_count(env) - before)
    return statistics.median(timings), int(statistics.median(queries)), result


def per_record_way(env, projects):
    """Loop over projects, Odoo's panel for each, totals per opportunity of the project's order."""
    totals = defaultdict(lambda: [0.0, 0.0])
    for project in projects:
        items = project._get_profitability_items(with_action=False)
        revenue = items["revenues"]["total"]["invoiced"] + items["revenues"]["total"]["to_invoice"]
        cost = -(items["costs"]["total"]["billed"] + items["costs"]["total"]["to_bill"])
        key = project.sale_order_id.opportunity_id.id or project.task_ids[:1].opportunity_id.id
        totals[key][0] += revenue
        totals[key][1] += cost
    return totals


def xlsx_all_opportunities(env):
    from odoo.addons.task_mgmt_reports.controllers.roi_xlsx import MEASURE_COLUMNS  # noqa: PLC0415
    from odoo.addons.task_mgmt_reports.engine.xlsx import Column, write_table  # noqa: PLC0415

    report = env["crm.lead.report.roi"]
    measures, groups = report.roi_table([("opportunity_id", "!=", False)], "opportunity_id")
    columns = [Column("group", "Opportunity")] + [
        Column(m, report._fields[m].string, *MEASURE_COLUMNS[m]) for m in measures]
    rows = ({"group": g.display_name, **dict(zip(measures, values, strict=True))} for g, *values in groups)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
        count = write_table(tmp.name, "ROI", columns, rows)
        size = os.path.getsize(tmp.name)
    return count, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="crm_gen")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=0, help="projects timed in the per-record way (0: all)")
    args = parser.parse_args()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        report = env["crm.lead.report.roi"]
        counts = {
            "opportunities": env["crm.lead"].with_context(active_test=False).search_count(
                [("type", "=", "opportunity")]),
            "confirmed orders": env["sale.order"].search_count([("state", "=", "sale")]),
            "timesheet lines": env["account.analytic.line"].search_count([("project_id", "!=", False)]),
            "tasks": env["project.task"].with_context(active_test=False).search_count([]),
            "projects": env["project.project"].with_context(active_test=False).search_count([]),
            "ROI lines": report.search_count([]),
        }
        print_table(sorted(counts.items()), ["data", "rows"])
        rows = []
        t_opp, q_opp, groups = timed(env, lambda: report._read_group(
            [("opportunity_id", "!=", False)], ["opportunity_id"], MEASURES), args.repeat)
        t_team, q_team, _ = timed(env, lambda: report._read_group([], ["team_id"], MEASURES), args.repeat)

        projects = env["project.project"].search([])
        sample = projects if not args.sample else projects[:: max(1, len(projects) // args.sample)][: args.sample]
        env.invalidate_all()
        before = sql_count(env)
        start = time.perf_counter()
        per_record_way(env, sample)
        loop_time = (time.perf_counter() - start) * len(projects) / max(1, len(sample))
        loop_queries = (sql_count(env) - before) * len(projects) // max(1, len(sample))
        extrapolated = " (extrapolated)" if len(sample) < len(projects) else ""

        t_xlsx, q_xlsx, (xlsx_rows, xlsx_size) = timed(env, lambda: xlsx_all_opportunities(env),
                                                       max(1, args.repeat // 2))
        rows.append(("ROI per opportunity (SQL view, _read_group)", f"{t_opp:.3f}", q_opp,
                     f"{len(groups)} opportunities"))
        rows.append(("ROI per sales team (SQL view, _read_group)", f"{t_team:.3f}", q_team, ""))
        rows.append((f"per-record: _get_profitability_items on {len(sample)} of {len(projects)} projects"
                     f"{extrapolated}", f"{loop_time:.3f}", loop_queries,
                     f"{loop_time / t_opp:.1f}x the SQL view per opportunity"))
        rows.append(("XLSX of all opportunities (roi_table + engine/xlsx.py)", f"{t_xlsx:.3f}", q_xlsx,
                     f"{xlsx_rows} rows, {xlsx_size // 1024} KiB"))
        print_table(rows, ["what", "median s", "queries", "notes"])
        env.cr.rollback()


if __name__ == "__main__":
    main()
