"""ORM "Schedule" of a 5,000-task project against a naive cascade, in the same run.

    python3 benchmarks/bench_schedule_orm.py [--tasks 5000] [--links-per-task 3] [--repeat 5]
                                             [--naive-repeat 3] [--seed 11] [--database tm_bench]

It builds (and at the end rolls back) a project with ``--tasks`` tasks in a random DAG of about
``--links-per-task`` typed links per task (FS/SS/FF/SF, lags and leads), on a Monday–Friday
calendar with public holidays, in the benchmark database (``benchmarks/_env.py``), then times:

* **schedule**: ``project._task_mgmt_schedule()`` from an unscheduled project — batched read,
  the plain-Python engine, one write per group of equal values;
* **cascade**: lengthening the first task in automatic mode — the addon's cascade (the same
  batched path);
* **naive cascade**: the slower way, in the same run — walk the tasks in topological order and
  move each one with its own ORM read of its predecessors and its own ``write`` + flush, the
  way a per-record automation would.

Medians over ``--repeat`` runs (``--naive-repeat`` for the naive way); the SQL query count of
one run of each is printed too.  Targets (issue #3): schedule < 10 s, >= 20x the naive way.
"""

import argparse
import random
import statistics
import sys
import time as time_module
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402

KINDS = ["fs"] * 7 + ["ss", "ff", "sf"]


def build_project(env, rng, n_tasks, links_per_task):
    company = env.company
    calendar = env["resource.calendar"].create({
        "name": "Bench Mon-Fri", "tz": "UTC", "company_id": company.id,
        "attendance_ids": [
            (0, 0, {"name": f"d{d}{p}", "dayofweek": str(d), "hour_from": a, "hour_to": b, "day_period": p})
            for d in range(5) for a, b, p in ((8, 12, "morning"), (13, 17, "afternoon"))
        ],
    })
    holidays = [date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 25),
                date(2026, 7, 14), date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11), date(2026, 12, 25),
                date(2027, 1, 1), date(2027, 3, 29)]
    env["resource.calendar.leaves"].create([
        {"name": f"Holiday {d}", "calendar_id": calendar.id,
         "date_from": datetime.combine(d, time.min), "date_to": datetime.combine(d, time(23, 59, 59))}
        for d in holidays
    ])
    company.resource_calendar_id = calendar
    stage = env["project.task.type"].create({"name": "Bench To Do"})
    project = env["project.project"].create({
        "name": "Bench schedule", "date_start": date(2026, 1, 5), "allow_task_dependencies": True,
        "schedule_mode": "manual", "type_ids": [(6, 0, stage.ids)],
    })
    Task = env["project.task"].with_context(tracking_disable=True, mail_create_nolog=True,
                                            mail_create_nosubscribe=True, mail_notrack=True)
    tasks = Task.browse()
    for start in range(0, n_tasks, 1000):
        tasks |= Task.create([
            {"name": f"Bench task {i}", "project_id": project.id, "stage_id": stage.id,
             "duration_days": rng.randint(1, 10)}
            for i in range(start, min(start + 1000, n_tasks))
        ])
    ids = tasks.ids
    pairs = set()
    for position in range(1, len(ids)):
        for _k in range(min(position, rng.choice((links_per_task - 1, links_per_task, links_per_task + 1)))):
            pairs.add((ids[rng.randrange(max(0, position - 200), position)], ids[position]))
    vals = [{"predecessor_id": p, "successor_id": s, "dependency_type": rng.choice(KINDS),
             "lag_days": rng.randint(-2, 4)} for p, s in sorted(pairs)]
    Link = env["project.task.dependency"]
    for start in range(0, len(vals), 5000):
        Link.create(vals[start:start + 5000])
    env.flush_all()
    return project, tasks, len(vals)


def reset(env, project):
    env.flush_all()
    env.cr.execute(
        "UPDATE project_task SET planned_start_date = NULL, planned_end_date = NULL, late_start_date = NULL,"
        " late_end_date = NULL, total_float_days = NULL, free_float_days = NULL, is_critical = NULL"
        " WHERE project_id = %s", (project.id,))
    env.invalidate_all()


def naive_schedule(env, project, tasks):
    """Per-record way: topological order, each task reads its predecessors and writes itself."""
    calendar = project.resource_calendar_id._task_mgmt_work_calendar(project.date_start,
                                                                    project.date_start + timedelta(days=1100))
    Link = env["project.task.dependency"]
    writer = env["project.task"].with_context(task_mgmt_scheduling=True, mail_notrack=True)
    for task in writer.browse(tasks.ids):  # ids are in a topological order by construction
        start = calendar.add_working_days(project.date_start, 0)
        for link in Link.search([("successor_id", "=", task.id)]):
            pred = link.predecessor_id
            p_start, p_end = pred.planned_start_date, pred.planned_end_date
            if link.dependency_type == "fs":
                candidate = calendar.add_working_days(p_end, 1 + link.lag_days)
            elif link.dependency_type == "ss":
                candidate = calendar.add_working_days(p_start, link.lag_days)
            elif link.dependency_type == "ff":
                candidate = calendar.add_working_days(p_end, link.lag_days - task.duration_days + 1)
            else:
                candidate = calendar.add_working_days(p_start, link.lag_days - task.duration_days)
            start = max(start, candidate)
        task.write({"planned_start_date": start,
                    "planned_end_date": calendar.add_working_days(start, task.duration_days - 1)})
        env.flush_all()


def timed(setup, run, repeat):
    """Median seconds of ``run`` over ``repeat`` runs, each after an untimed ``setup``."""
    timings = []
    for _i in range(repeat):
        setup()
        start = time_module.perf_counter()
        run()
        timings.append(time_module.perf_counter() - start)
    return statistics.median(timings), timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--links-per-task", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--database", default="tm_bench")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        try:
            print(f"Building a project of {args.tasks} tasks...", flush=True)
            project, tasks, n_links = build_project(env, rng, args.tasks, args.links_per_task)
            print(f"  {len(tasks)} tasks, {n_links} links", flush=True)

            def ours():
                project._task_mgmt_schedule()
                env.flush_all()

            reset(env, project)
            counter = sql_count(env)
            ours()
            ours_queries = sql_count(env) - counter
            ours_median, ours_runs = timed(lambda: reset(env, project), ours, args.repeat)

            first = env["project.task"].browse(tasks[0].id)

            def before_cascade():
                project.schedule_mode = "manual"
                first.with_context(task_mgmt_scheduling=True).write({"duration_days": 3})
                project._task_mgmt_schedule()
                project.schedule_mode = "auto"
                env.flush_all()

            def cascade():
                first.write({"duration_days": 8})  # automatic mode: the successors move
                env.flush_all()

            cascade_median, _runs = timed(before_cascade, cascade, args.repeat)
            project.schedule_mode = "manual"

            def naive():
                naive_schedule(env, project, tasks)

            reset(env, project)
            counter = sql_count(env)
            naive()
            naive_queries = sql_count(env) - counter
            naive_median, naive_runs = timed(lambda: reset(env, project), naive, args.naive_repeat)
            rows = [
                ("ORM Schedule (batched engine)", len(tasks), n_links, ours_median, ours_queries, "1.0x"),
                ("ORM cascade after a change", len(tasks), n_links, cascade_median, "", ""),
                ("naive cascade, one write per task", len(tasks), n_links, naive_median, naive_queries,
                 f"{naive_median / ours_median:.1f}x slower"),
            ]
            print_table(rows, ["way", "tasks", "links", "median s", "queries (1 run)", "vs batched"])
            print(f"runs: ours {[round(t, 2) for t in ours_runs]}, naive {[round(t, 2) for t in naive_runs]}")
        finally:
            env.cr.rollback()  # leave the benchmark database as it was


if __name__ == "__main__":
    main()
