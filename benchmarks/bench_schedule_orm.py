"""ORM scheduling of a 5,000-task project, every way side by side in the same run (issue #18).

    python3 benchmarks/bench_schedule_orm.py [--tasks 5000] [--links-per-task 3] [--repeat 5]
                                             [--naive-repeat 3] [--seed 11] [--database tm_bench]
                                             [--portfolio-database DB] [--portfolio-repeat 3]
                                             [--cross-links 2000]

It builds (and at the end rolls back) a project with ``--tasks`` tasks in a random DAG of about
``--links-per-task`` typed links per task (FS/SS/FF/SF, lags and leads), on a Monday–Friday
calendar with public holidays, in the benchmark database (``benchmarks/_env.py``), then times,
as the administrator (a project manager: record rules are checked, not bypassed):

* **full schedule**: ``project._task_mgmt_schedule()`` of an unscheduled project in a process
  that keeps no network of it (cleared before each run, untimed) — a few reads, the plain-Python
  engine, every row written by one bulk ``UPDATE … FROM (VALUES …)``;
* **unscheduled elsewhere**: the same, but the process still keeps the project's network from
  its previous schedule while another process (here: SQL) emptied every task's dates — the
  fingerprint shows only task rows changed, they are re-read and written back without the links
  nor a new network;
* **full schedule, nothing moved**: the same on a scheduled project (reads + engine only);
* **cascade, 10 moved**: lengthening a task whose change moves about 10 tasks, in automatic
  mode (``write`` → the cascade writes only the rows that changed); the project's network is
  kept by the process between requests, so the cascade re-reads the changed task, checks the
  project's fingerprint and recomputes only what the change reaches (the previous request,
  the untimed setup, left the network in memory, as a worker's previous request does);
* **cascade, all moved**: pinning the first task later, which moves every task;
* each of "nothing moved", "10 moved" and "all moved" also **with the whole network read**
  (no network kept: session 22's way, and what a worker that has not scheduled the project
  yet does), side by side;
* **naive cascade**: the slower way, in the same run — walk the tasks in topological order and
  move each one with its own ORM read of its predecessors and its own ``write`` + flush, the
  way a per-record automation would.

With ``--portfolio-database`` (a copy of the generated 100,000-task database, see
``generate_data.py``, whose links all stay inside their project; ``--cross-links N`` first adds
N finish-to-start links between tasks of different automatic projects of one company, always
from a project to one created after it, so the network stays acyclic, inserted in SQL and
committed once; ``0`` adds none;
``generate_data.py``; it is written to and committed), it also times the **portfolio** run:
every project of that database flagged as outdated and unscheduled, then the nightly re-plan
(``project.project._task_mgmt_cron_replan``, called batch after batch with a commit after
each, as ``ir.cron`` does), and the same for every project (manual ones too) through
``_task_mgmt_schedule`` in batches of 50.

Medians over ``--repeat`` runs (``--naive-repeat`` for the naive way, ``--portfolio-repeat``
for the portfolio); the SQL query count and rows written of one run of each are printed too.
Targets (issue #18): full schedule < 0.3 s; cascade moving 10 tasks < 0.1 s, every task
< 0.3 s; naive way >= 50x slower than the full schedule; portfolio < 30 s.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time as time_module
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from unittest.mock import patch

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
        " late_end_date = NULL, total_float_days = NULL, free_float_days = NULL, is_critical = NULL,"
        " pinned_start_date = NULL WHERE project_id = %s", (project.id,))
    env.invalidate_all()


def naive_schedule(env, project, tasks):
    """Per-record way: topological order, each task reads its predecessors and writes itself."""
    calendar = project.resource_calendar_id._task_mgmt_work_calendar(project.date_start,
                                                                    project.date_start + timedelta(days=1100))
    Link = env["project.task.dependency"]
    writer = env["project.task"].with_context(mail_notrack=True)
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
        task.write({"planned_start_date": start, "duration_days": task.duration_days,
                    "planned_end_date": calendar.add_working_days(start, task.duration_days - 1)})
        env.flush_all()


def timed(env, setup, run, repeat):
    """Median seconds of ``run`` over ``repeat`` runs, each after an untimed ``setup``; each
    in its own transaction, as a request is (the commit is not timed)."""
    timings = []
    for _i in range(repeat):
        setup()
        env.cr.commit()
        start = time_module.perf_counter()
        run()
        timings.append(time_module.perf_counter() - start)
        env.cr.commit()
    return statistics.median(timings), timings


def measured(env, setup, run, repeat):
    """(median seconds, timings, queries of one run, what ``run`` returned in that run)."""
    setup()
    env.cr.commit()
    counter = sql_count(env)
    returned = run()
    queries = sql_count(env) - counter
    env.cr.commit()
    median, timings = timed(env, setup, run, repeat)
    return median, timings, queries, returned


def remove_project(env, project, company_calendar):
    """Delete what ``build_project`` created (committed)."""
    calendar = env.company.resource_calendar_id
    stages = project.type_ids
    project.with_context(active_test=False).task_ids.unlink()
    project.unlink()
    env.company.resource_calendar_id = company_calendar
    calendar.leave_ids.unlink()
    env["resource.calendar.leaves"].search([("calendar_id", "=", calendar.id)]).unlink()
    calendar.unlink()
    stages.unlink()
    env.cr.commit()


class _Undo(Exception):
    """Raised to roll a savepoint back."""


@contextmanager
def rows_written(env):
    """Count the task rows the engine's write path writes inside the block: ``counter[0]``."""
    Task = type(env["project.task"])
    original = Task._task_mgmt_write_schedule
    counter = [0]

    def counting(self, changes, *args, **kwargs):
        counter[0] += len(changes)
        return original(self, changes, *args, **kwargs)

    with patch.object(Task, "_task_mgmt_write_schedule", counting):
        yield counter


def pick_ten_mover(env, tasks, user_env):
    """A task whose duration + 1 moves about 10 tasks (tried from the end of the network,
    each try rolled back)."""
    best = None
    for task in tasks[::-1][:600:5]:
        try:
            with env.cr.savepoint(), rows_written(env) as counter:
                task.with_env(user_env).write({"duration_days": task.duration_days + 1})
                env.flush_all()
                raise _Undo
        except _Undo:
            env.invalidate_all()
        if best is None or abs(counter[0] - 10) < abs(best[1] - 10):
            best = (task, counter[0])
        if best[1] == 10:
            break
    return best

@contextmanager
def full_network():
    """Session 22's way, for comparison: no network kept between schedules (every schedule and
    cascade reads and computes the whole project)."""
    from odoo.addons.task_mgmt_advanced.models import project_project  # noqa: PLC0415 (Odoo is loaded by now)

    project_project.NETWORK_CACHE.clear()
    with patch.object(project_project, "NETWORK_CACHE_SIZE", 0):
        yield
    project_project.NETWORK_CACHE.clear()


def load_average():
    """The machine's 1, 5 and 15 minute load averages (the benchmark shares the machine)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def add_cross_links(env, count, seed):
    """Add ``count`` finish-to-start links across automatic projects (see the module's
    docstring) unless the database already has links across projects."""
    env.cr.execute("SELECT count(*) FROM project_task_dependency WHERE predecessor_project_id <> project_id")
    if not count or env.cr.fetchone()[0]:
        return
    env.cr.execute(
        """SELECT t.id, t.project_id, t.company_id FROM project_task t
             JOIN project_project p ON p.id = t.project_id
            WHERE t.active AND p.active AND p.schedule_mode = 'auto' ORDER BY t.id""")
    by_company = {}
    for task_id, project_id, company_id in env.cr.fetchall():
        by_company.setdefault(company_id, {}).setdefault(project_id, []).append(task_id)
    rng = random.Random(seed)
    pairs = set()
    companies = [projects for projects in by_company.values() if len(projects) > 1]
    while len(pairs) < count:
        projects = rng.choice(companies)
        first, second = sorted(rng.sample(sorted(projects), 2))
        pairs.add((rng.choice(projects[first]), rng.choice(projects[second])))
    pairs = sorted(pairs)
    env.cr.execute(
        """INSERT INTO project_task_dependency (predecessor_id, successor_id, dependency_type, lag_days,
                                               company_id, project_id, predecessor_project_id,
                                               create_uid, create_date, write_uid, write_date)
           SELECT v.p, v.s, 'fs', 0, s.company_id, s.project_id, p.project_id, 1, now(), 1, now()
             FROM unnest(%s::int4[], %s::int4[]) AS v(p, s)
             JOIN project_task p ON p.id = v.p JOIN project_task s ON s.id = v.s
               ON CONFLICT DO NOTHING""",
        ([p for p, _s in pairs], [s for _p, s in pairs]))
    added = env.cr.rowcount
    env.cr.commit()
    print(f"Added {added} links across projects (committed).", flush=True)


def portfolio(args):
    """Nightly re-plan of every project of a generated database, batch after batch, committed."""
    with bench_database(args.portfolio_database) as conf, odoo_env(conf, args.portfolio_database) as env:
        Project = env["project.project"]
        projects = Project.with_context(active_test=False).search([])
        add_cross_links(env, args.cross_links, args.seed)
        auto = projects.filtered(lambda p: p.schedule_mode == "auto")
        env.cr.execute("SELECT count(*) FROM project_task WHERE active")
        n_tasks = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM project_task_dependency")
        n_links = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM project_task_dependency d JOIN project_task p ON p.id = d.predecessor_id"
                       " JOIN project_task s ON s.id = d.successor_id WHERE p.project_id <> s.project_id")
        n_cross = env.cr.fetchone()[0]
        print(f"Portfolio: {len(projects)} projects ({len(auto)} automatic), {n_tasks} active tasks,"
              f" {n_links} links ({n_cross} across projects)", flush=True)

        def unschedule():
            env.flush_all()
            env.cr.execute(
                "UPDATE project_task SET planned_start_date = NULL, planned_end_date = NULL, late_start_date = NULL,"
                " late_end_date = NULL, total_float_days = NULL, free_float_days = NULL, is_critical = NULL")
            env.cr.execute("UPDATE project_project SET schedule_outdated = true")
            env.cr.commit()
            env.invalidate_all()

        def cron():
            batches = 0
            while True:
                remaining = Project._task_mgmt_cron_replan()
                env.cr.commit()
                batches += 1
                if not remaining:
                    return batches

        def every_project():
            ids = projects.ids
            written = 0
            for start in range(0, len(ids), 50):
                written += Project.browse(ids[start:start + 50])._task_mgmt_schedule()
                env.cr.commit()
            return written

        cron_median, cron_runs, cron_queries, batches = measured(env, unschedule, cron, args.portfolio_repeat)
        all_median, all_runs, all_queries, written = measured(env, unschedule, every_project, args.portfolio_repeat)
        every_project()  # leave every project scheduled
        env.cr.execute("UPDATE project_project SET schedule_outdated = false")
        rows = [
            (f"nightly re-plan (cron, {len(auto)} automatic projects, {batches} batches)", cron_median,
             cron_queries, ""),
            (f"every project ({len(projects)}), batches of 50", all_median, all_queries, written),
        ]
        print_table(rows, ["portfolio", "median s", "queries (1 run)", "rows written"])
        print(f"runs: cron {[round(t, 2) for t in cron_runs]}, all {[round(t, 2) for t in all_runs]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--links-per-task", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--database", default="tm_bench")
    parser.add_argument("--portfolio-database", default="")
    parser.add_argument("--portfolio-repeat", type=int, default=3)
    parser.add_argument("--cross-links", type=int, default=2000,
                        help="links across projects added to the portfolio database when it has none")
    parser.add_argument("--skip-project", action="store_true", help="only the portfolio run")
    args = parser.parse_args()
    if not args.skip_project:
        project_cases(args)
        if args.portfolio_database:
            # in a process of its own: Odoo's configuration cannot be parsed twice in one
            sys.stdout.flush()
            subprocess.run([sys.executable, __file__, "--skip-project", "--portfolio-database",
                            args.portfolio_database, "--portfolio-repeat", str(args.portfolio_repeat),
                            "--cross-links", str(args.cross_links)], check=True)
    elif args.portfolio_database:
        portfolio(args)


def project_cases(args):
    rng = random.Random(args.seed)
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        company_calendar = env.company.resource_calendar_id
        print(f"Building a project of {args.tasks} tasks...", flush=True)
        project, tasks, n_links = build_project(env, rng, args.tasks, args.links_per_task)
        env.cr.commit()  # the runs below are requests on existing tasks, one transaction each
        print(f"  {len(tasks)} tasks, {n_links} links", flush=True)
        try:
            admin = env.ref("base.user_admin")
            user_env = env(user=admin.id)
            as_user = project.with_env(user_env)

            def full():
                with rows_written(env) as counter:
                    as_user._task_mgmt_schedule()
                    env.flush_all()
                return counter[0]

            from odoo.addons.task_mgmt_advanced.models import project_project  # noqa: PLC0415

            def cold_reset():
                reset(env, project)
                project_project.NETWORK_CACHE.clear()  # a process that has not scheduled it yet

            full_median, full_runs, full_queries, full_written = measured(env, cold_reset, full, args.repeat)
            elsewhere = measured(env, lambda: reset(env, project), full, args.repeat)
            same_median, _runs, same_queries, same_written = measured(env, lambda: None, full, args.repeat)
            with full_network():
                same_full = measured(env, lambda: None, full, args.repeat)

            project.schedule_mode = "auto"
            env.flush_all()
            mover, _count = pick_ten_mover(env, tasks, user_env)
            base = mover.duration_days
            # a record of its own, as an XML-RPC ``write`` gets (``mover`` would prefetch
            # every task of ``tasks`` at its first read: the ORM's work, not the schedule's)
            mover_as_user = env["project.task"].with_env(user_env).browse(mover.id)

            def ten_setup():
                mover_as_user.write({"duration_days": base})
                env.flush_all()

            def ten():
                with rows_written(env) as counter:
                    mover_as_user.write({"duration_days": base + 1})
                    env.flush_all()
                return counter[0]

            ten_median, ten_runs, ten_queries, ten_written = measured(env, ten_setup, ten, args.repeat)
            with full_network():
                ten_full = measured(env, ten_setup, ten, args.repeat)
            ten_setup()

            first = env["project.task"].with_env(user_env).browse(tasks[0].id)

            def all_setup():
                first.write({"pinned_start_date": False})
                env.flush_all()

            def all_moved():
                with rows_written(env) as counter:
                    first.write({"pinned_start_date": date(2026, 3, 2)})
                    env.flush_all()
                return counter[0]

            all_median, all_runs, all_queries, all_written = measured(env, all_setup, all_moved, args.repeat)
            with full_network():
                all_full = measured(env, all_setup, all_moved, args.repeat)
            project.schedule_mode = "manual"
            env.flush_all()

            naive_median, naive_runs, naive_queries, _none = measured(
                env, lambda: reset(env, project), lambda: naive_schedule(env, project, tasks), args.naive_repeat)
            rows = [
                ("full schedule (unscheduled project)", full_median, full_queries, full_written, "1.0x"),
                ("  unscheduled elsewhere, network kept", elsewhere[0], elsewhere[2], elsewhere[3],
                 f"{elsewhere[0] / full_median:.2f}x"),
                ("full schedule, nothing moved", same_median, same_queries, same_written, ""),
                ("  same, whole network read", same_full[0], same_full[2], same_full[3],
                 f"{same_full[0] / same_median:.1f}x the cached"),
                ("cascade: 1 task lengthened, ~10 moved", ten_median, ten_queries, ten_written, ""),
                ("  same, whole network read", ten_full[0], ten_full[2], ten_full[3],
                 f"{ten_full[0] / ten_median:.1f}x the incremental"),
                ("cascade: first task pinned later, all moved", all_median, all_queries, all_written, ""),
                ("  same, whole network read", all_full[0], all_full[2], all_full[3],
                 f"{all_full[0] / all_median:.1f}x the incremental"),
                ("naive cascade, one write per task", naive_median, naive_queries, len(tasks),
                 f"{naive_median / full_median:.1f}x slower"),
            ]
            print_table(rows, ["way", "median s", "queries (1 run)", "rows written", "vs full schedule"])
            print(f"({len(tasks)} tasks, {n_links} links) runs: full {[round(t, 3) for t in full_runs]},"
                  f" 10 moved {[round(t, 3) for t in ten_runs]}, all moved {[round(t, 3) for t in all_runs]},"
                  f" naive {[round(t, 2) for t in naive_runs]}; load average {load_average()}")
        finally:
            env.cr.rollback()
            remove_project(env, project, company_calendar)  # leave the benchmark database as it was


if __name__ == "__main__":
    main()
