#!/usr/bin/env python3
"""Delivery KPIs of all projects, a burndown and a baseline save: the SQL view and the set-based
methods against an ORM loop over the records computing the same KPIs, in the same run.

    python3 benchmarks/bench_kpi.py [--database kpi_gen] [--repeat 5]

Run on a generated database (``benchmarks/generate_data.py --tasks N --database kpi_gen``).
Everything runs in one transaction rolled back at the end.

* **all KPIs, all projects, per month** (``project.task.report.kpi.get_kpis``): one
  ``_read_group`` over the SQL view grouped by month and project, the rates computed by
  ``engine/kpi.py`` from the group sums.
* **ORM loop**: what a script on the ORM would do — for every project, browse its tasks, read each
  task's dates, hours, rating and rework through the record (Odoo's prefetching applies), and
  compute the same sums with ``engine.kpi.kpi_sums`` for every month. Both results are compared.
* **burndown of one project** (``project.project.get_burndown``, hours) and **Save Baseline**
  (``action_save_baseline``: one INSERT ... SELECT), first on the largest generated project, then
  on one project holding every task of the database (moved into it inside the transaction).

Targets (issue 15): all KPIs for all projects < 3 s and >= 10x faster than the ORM loop; burndown of
a 5,000-task project < 0.5 s; baseline of a 5,000-task project < 2 s.
"""

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table  # noqa: E402
from bench_roi import timed  # noqa: E402 (the same median timer and query counter)


def months(first, last):
    """First and last day of every month from ``first``'s to ``last``'s."""
    from odoo.addons.task_mgmt_reports.engine.kpi import period_bounds  # noqa: PLC0415

    day = first.replace(day=1)
    while day <= last:
        start, end = period_bounds(day, "month")
        yield start, end
        day = end + timedelta(days=1)


def orm_loop(env, date_from, date_to, today):
    """The same KPI sums per (month, project), reading every task through the ORM."""
    from odoo.addons.task_mgmt_reports.engine.kpi import TaskFact, kpi_sums  # noqa: PLC0415

    result = {}
    Task = env["project.task"]
    for project in env["project.project"].with_context(active_test=False).search([]):
        facts = []
        # (project.task_ids holds only open tasks in Odoo 18: search them all)
        for task in Task.search([("project_id", "=", project.id)]):
            facts.append(TaskFact(
                created=task.create_date.date(),
                planned_end=task.planned_end_date or None,
                deadline=task.date_deadline.date() if task.date_deadline else None,
                assigned=task.date_assign.date() if task.date_assign else None,
                done=task.kpi_done_date.date() if task.kpi_done_date else None,
                cancelled=task.state == "1_canceled",
                allocated_hours=max((task.allocated_hours or 0.0)
                                    - sum(child.allocated_hours for child in task.with_context(
                                        active_test=True).child_ids), 0.0),
                effective_hours=task.effective_hours or 0.0,
                rating=task.quality_rating or 0,
                rework=task.kpi_rework_count or 0,
            ))
        for start, end in months(date_from, date_to):
            sums = kpi_sums(facts, start, end, today)
            # the snapshot of open tasks belongs to the month of today only (as in the view)
            if not start <= today <= end:
                sums["open_count"] = sums["overdue_count"] = 0
            if any(sums.values()):
                result[(start, project.id)] = sums
    return result


def view_way(env, date_from, date_to):
    rows = env["project.task.report.kpi"].get_kpis("month", str(date_from), str(date_to), "project_id")
    return {(date.fromisoformat(row["period"]), row["group"][0]): row["sums"] for row in rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="kpi_gen")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        from odoo import fields  # noqa: PLC0415

        today = fields.Date.context_today(env["project.project"])
        date_to = today.replace(day=1) + timedelta(days=62)
        date_from = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
        date_to = date_to.replace(day=1) - timedelta(days=1)
        Task = env["project.task"].with_context(active_test=False)
        counts = {
            "tasks": Task.search_count([]),
            "done tasks": Task.search_count([("state", "=", "1_done")]),
            "projects": env["project.project"].search_count([]),
            "KPI lines (view)": env["project.task.report.kpi"].search_count([]),
        }
        print_table(sorted(counts.items()), ["data", "rows"])
        print(f"period: {date_from} - {date_to} (months), today {today}")
        rows = []
        t_view, q_view, view = timed(env, lambda: view_way(env, date_from, date_to), args.repeat)
        t_loop, q_loop, loop = timed(env, lambda: orm_loop(env, date_from, date_to, today), max(1, args.repeat // 2))
        mismatches = [key for key in set(view) | set(loop)
                      if {k: round(v, 6) for k, v in view.get(key, {}).items() if v}
                      != {k: round(float(v), 6) for k, v in loop.get(key, {}).items() if v}]
        rows.append(("all KPIs, all projects, per month (SQL view, _read_group)", f"{t_view:.3f}", q_view,
                     f"{len(view)} project-months"))
        rows.append(("same KPIs by an ORM loop over every task", f"{t_loop:.3f}", q_loop,
                     f"{t_loop / t_view:.1f}x the view; {len(mismatches)} differing project-months"))

        Project = env["project.project"]
        sizes = dict(Task._read_group([("project_id", "!=", False)], ["project_id"], ["__count"]))
        largest = max(sizes, key=sizes.get)

        def bench_project(project, label):
            t_burn, q_burn, series = timed(env, lambda: project.get_burndown("hours"), args.repeat)
            rows.append((f"burndown in hours, {label}", f"{t_burn:.3f}", q_burn, f"{len(series['days'])} days"))
            t_base, q_base, _ = timed(env, project.action_save_baseline, args.repeat)
            rows.append((f"Save Baseline, {label}", f"{t_base:.3f}", q_base,
                         f"{project.current_baseline_id.task_count} tasks saved"))

        bench_project(largest, f"largest project ({sizes[largest]} tasks)")
        # every task of the database in one project (rolled back at the end)
        everything = Project.browse(largest.id)
        env["project.task"].flush_model()
        env.cr.execute("UPDATE project_task SET project_id = %s WHERE project_id IS NOT NULL", [everything.id])
        env.invalidate_all()
        bench_project(everything, f"one project of {Task.search_count([('project_id', '=', everything.id)])} tasks")
        print_table(rows, ["what", "median s", "queries", "notes"])
        env.cr.rollback()


if __name__ == "__main__":
    main()
