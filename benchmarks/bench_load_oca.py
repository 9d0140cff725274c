#!/usr/bin/env python3
"""Resource load (issue #14) side by side with OCA ``project_forecast_line``, same database, same run.

    python3 benchmarks/bench_load_oca.py OCA_ADDONS_PATH --source load_gen [--database load_gen_oca]
                                         [--weeks 52] [--repeat 3] [--oca-repeat 3] [--sample 8]

OCA ``project_forecast_line`` (AGPL-3, alpha) is never a dependency of ours and is never installed
in the project's test databases or CI: this script copies ``--source`` (a generated database, see
``generate_data.py``) into ``--database`` (default ``<source>_oca``) and installs the OCA module
there only. Get the module from PyPI and unpack its wheel outside the repository::

    pip download --no-deps "odoo-addon-project_forecast_line==18.0.*" -d /tmp/oca
    python3 -m zipfile -e /tmp/oca/odoo_addon_project_forecast_line-*.whl /tmp/oca/wheel
    mkdir -p ~/oca_addons && cp -r /tmp/oca/wheel/odoo/addons/project_forecast_line ~/oca_addons/
    python3 benchmarks/bench_load_oca.py ~/oca_addons --source load_gen

(it depends on ``sale_timesheet``, ``sale_project`` and ``hr_holidays``, which the install pulls in).

Set-up of the OCA side (once, committed in the copy; a user of the module does the same by hand):
the company's forecast granularity is the week and its horizon 12 months; one forecast role
``Benchmark`` is given to every employee (their capacity lines) and to every task with a plan,
whose OCA planned dates are our ``planned_start_date``/``planned_end_date``; every project is put
in the stage *In Progress* (forecast type ``confirmed``: OCA's ``set_forecast_type`` reads the
stage of all the tasks at once and fails when projects are in several stages). Done by SQL so that
the set-up does not already run OCA's recomputation.

Timed, medians:

* **OCA, nightly recomputation**: ``forecast.line._cron_recompute_all()`` (its daily cron: capacity
  lines of every employee, lines of every task with a future end, per week over the horizon) then
  the per-employee-week figures a user reads (``read_group`` of the task lines by employee and
  week). The first run creates the lines (timed apart); the next ones update them, as the cron does
  every night. Each run is committed (the cron commits).
* **OCA, one task**: ``task._update_forecast_lines()`` on a sample of tasks (what a user waits for
  when saving a task).
* **ours**: ``task_mgmt.resource.load.get_load_grid`` for every employee over ``--weeks`` ISO weeks
  from this week (nothing stored, computed on demand).

Then the per-employee-week remaining load of both on ``--sample`` employees (ours: the cell's
load minus the hours logged; OCA: minus the sum of the task lines' hours), with the causes of the
differences (definitions differ, see ``benchmarks/README.md``).
"""

import argparse
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import LOCAL, _connect, _external_db, odoo_env, print_table  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bin"))
import _devlib as dev  # noqa: E402

OCA_MODULE = "project_forecast_line"
CLOSED = ("1_done", "1_canceled")


def load_average():
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def oca_path(value):
    """The folder holding ``project_forecast_line`` (the module folder itself is accepted)."""
    path = Path(value).expanduser().resolve()
    if (path / "__manifest__.py").exists():
        path = path.parent
    if not (path / OCA_MODULE / "__manifest__.py").exists():
        sys.exit(f"{path} holds no {OCA_MODULE} module: see this script's docstring (pip download ...).")
    return path


def copy_database(db, source, name):
    conn = _connect(db, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if cr.fetchone():
                return False
            print(f"Copying {source} into {name} ...", flush=True)
            cr.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')  # names from the command line
    finally:
        conn.close()
    return True


def module_state(db, name):
    conn = _connect(db, name)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (OCA_MODULE,))
            row = cr.fetchone()
            return row and row[0]
    finally:
        conn.close()


def install_oca(conf, name):
    LOCAL.mkdir(exist_ok=True)
    log = LOCAL / f"bench-oca-install-{name}.log"
    print(f"Installing {OCA_MODULE} into {name} (log {log}) ...", flush=True)
    start = time.perf_counter()
    code = subprocess.run(dev.odoo_command(conf, "-d", name, "-i", OCA_MODULE, "--stop-after-init", "--no-http",
                                           "--without-demo=all"),
                          stdout=log.open("w"), stderr=subprocess.STDOUT, check=False).returncode
    if code:
        sys.exit(f"Install of {OCA_MODULE} failed (exit {code}), see {log}")
    print(f"Installed in {time.perf_counter() - start:.0f} s (load average {load_average()}).", flush=True)


def set_up(env):
    """OCA's configuration for the same plan (see the docstring); idempotent."""
    cr = env.cr
    role = env["forecast.role"].search([("name", "=", "Benchmark")], limit=1) or env["forecast.role"].create(
        {"name": "Benchmark"})
    stage = env.ref("project.project_project_stage_1")
    # by SQL: an ORM write of the stage would make OCA recompute the lines of all its tasks here
    cr.execute("UPDATE project_project_stage SET forecast_line_type = 'confirmed' WHERE id = %s", (stage.id,))
    cr.execute("UPDATE res_company SET forecast_line_granularity = 'week', forecast_line_horizon = 12")
    cr.execute("UPDATE project_project SET stage_id = %s", (stage.id,))
    cr.execute("""
        INSERT INTO hr_employee_forecast_role (employee_id, role_id, date_start, rate, sequence, company_id,
                                               create_uid, write_uid, create_date, write_date)
        SELECT e.id, %s, %s, 100, 0, e.company_id, 1, 1, now(), now()
          FROM hr_employee e
         WHERE e.active AND NOT EXISTS (SELECT 1 FROM hr_employee_forecast_role r WHERE r.employee_id = e.id)
    """, (role.id, date.today() - timedelta(days=365)))
    cr.execute("""
        UPDATE project_task SET forecast_role_id = %s, forecast_date_planned_start = planned_start_date,
                                forecast_date_planned_end = planned_end_date
         WHERE planned_start_date IS NOT NULL AND planned_end_date IS NOT NULL
    """, (role.id,))
    env.invalidate_all()
    cr.commit()


def oca_figures(env, first, last):
    """{(employee id, week start): remaining hours} of OCA's task lines, and the part of closed tasks."""
    env.flush_all()
    env.cr.execute("""
        SELECT l.employee_id, l.date_from, -sum(l.forecast_hours),
               -sum(l.forecast_hours) FILTER (WHERE t.state IN %s)
          FROM forecast_line l JOIN project_task t ON t.id = l.task_id
         WHERE l.res_model = 'project.task' AND l.employee_id IS NOT NULL AND l.date_from BETWEEN %s AND %s
         GROUP BY 1, 2
    """, (CLOSED, first, last))
    figures, closed = {}, {}
    for employee_id, week, hours, closed_hours in env.cr.fetchall():
        figures[employee_id, week] = hours
        closed[employee_id, week] = closed_hours or 0.0
    return figures, closed


def median_of(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oca_addons", help="folder holding the unpacked project_forecast_line module")
    parser.add_argument("--source", required=True, help="generated database to copy (left untouched)")
    parser.add_argument("--database", help="the benchmark copy with the OCA module (default <source>_oca)")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of ours")
    parser.add_argument("--oca-repeat", type=int, default=3,
                        help="timed nightly runs of OCA's recomputation (0: only the first run)")
    parser.add_argument("--task-sample", type=int, default=20, help="tasks timed one by one on the OCA side")
    parser.add_argument("--sample", type=int, default=8, help="employees whose weeks are compared")
    parser.add_argument("--compare-only", action="store_true",
                        help="no timing: compare the lines a previous run left with our grid")
    args = parser.parse_args()
    dev.require_odoo()
    addons = oca_path(args.oca_addons)
    name = args.database or f"{args.source}_oca"
    if name == args.source:
        sys.exit("--database must be a copy, not the source database.")
    db = _external_db()
    if db is None:
        sys.exit("Set TASK_MGMT_DB_HOST (and TASK_MGMT_DB_PORT) to the server holding --source.")
    LOCAL.mkdir(exist_ok=True)
    conf = LOCAL / "odoo-bench-oca.conf"
    dev.write_odoo_conf(conf, db, LOCAL / "bench-data", {"max_cron_threads": 0, "workers": 0, "log_level": "warn"})
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text.replace(f"addons_path = {dev.odoo_addons_path()}",
                                 f"addons_path = {dev.odoo_addons_path()},{addons}"), encoding="utf-8")
    copy_database(db, args.source, name)
    if module_state(db, name) != "installed":
        install_oca(conf, name)

    rows = []
    with odoo_env(conf, name) as env:
        set_up(env)
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        last = monday + timedelta(weeks=args.weeks, days=-1)
        Line = env["forecast.line"]
        n_tasks = env["project.task"].search_count([("forecast_role_id", "!=", False)])
        n_employees = env["hr.employee"].search_count([])

        if args.compare_only:  # one recomputation from scratch (the lines as OCA's cron leaves them), untimed
            Line._cron_recompute_all(force_delete=True)
            env.cr.commit()
            admin = env(user=env.ref("base.user_admin").id)
            grid = admin["task_mgmt.resource.load"].get_load_grid(
                {"date_from": str(monday), "date_to": str(last), "scale": "week"})
            compare(env, grid, *oca_figures(env, monday, last), monday, args.sample)
            return

        def oca_run():
            Line._cron_recompute_all()
            env.cr.commit()
            return oca_figures(env, monday, last)

        start = time.perf_counter()
        figures, closed = oca_run()
        first_run = time.perf_counter() - start
        rows.append((f"OCA: first recomputation (creates the lines), {n_employees} employees, {n_tasks} tasks "
                     "with a role and dates", first_run, load_average()))
        timings = []
        for _i in range(args.oca_repeat):
            env.invalidate_all()
            start = time.perf_counter()
            figures, closed = oca_run()
            timings.append(time.perf_counter() - start)
        n_lines = Line.search_count([("res_model", "=", "project.task")])
        if timings:
            oca_median = median_of(timings)
            rows.append((f"OCA: nightly recomputation + per-employee-week read ({n_lines} task lines), "
                         f"{args.oca_repeat} runs", oca_median, load_average()))
        else:  # --oca-repeat 0 (a large database): the first run is the figure
            oca_median = first_run

        tasks = env["project.task"].search([("forecast_role_id", "!=", False), ("user_ids", "!=", False),
                                            ("forecast_date_planned_end", ">=", today)], limit=args.task_sample)
        one = []
        for task in tasks:
            env.invalidate_all()
            start = time.perf_counter()
            task._update_forecast_lines()
            env.flush_all()
            one.append(time.perf_counter() - start)
        env.cr.commit()
        rows.append((f"OCA: one task saved (_update_forecast_lines, {len(one)} tasks)", median_of(one),
                     load_average()))

        admin = env(user=env.ref("base.user_admin").id)
        Load = admin["task_mgmt.resource.load"]
        flt = {"date_from": str(monday), "date_to": str(last), "scale": "week"}
        grid = None
        ours = []
        for _i in range(args.repeat + 1):  # the first run warms the caches, untimed
            admin.invalidate_all()
            start = time.perf_counter()
            grid = Load.get_load_grid(flt)
            ours.append(time.perf_counter() - start)
        ours_median = median_of(ours[1:])
        rows.append((f"ours: get_load_grid, {len(grid['rows'])} employees × {len(grid['periods'])} weeks, "
                     f"{args.repeat} runs", ours_median, load_average()))
        print_table(rows, ["what", "median s", "load average"])
        print(f"ours is {oca_median / ours_median:.0f}× faster than OCA's recomputation (target ≥ 10×); "
              f"OCA also costs {median_of(one):.3f} s on every saved task")

        compare(env, grid, figures, closed, monday, args.sample)
        env.cr.commit()


def compare(env, grid, figures, closed, monday, sample):
    """Per-employee-week remaining hours of both on ``sample`` employees, and the causes of the
    differences: this week (overdue work), closed tasks, parents of subtasks."""
    by_employee = defaultdict(float)
    for (employee_id, _week), hours in figures.items():
        by_employee[employee_id] += hours
    rows_by_id = {row["id"]: row for row in grid["rows"]}
    chosen = [e for e, _h in sorted(by_employee.items(), key=lambda item: -item[1]) if e in rows_by_id][:sample]
    lines = []
    totals = defaultdict(float)  # (this week or later, what) -> hours
    for employee_id in chosen:
        row = rows_by_id[employee_id]
        for index, period in enumerate(grid["periods"]):
            week = date.fromisoformat(period[0])
            week -= timedelta(days=week.weekday())
            cell = row["cells"][index]
            ours, oca = cell[0] - cell[2], figures.get((employee_id, week), 0.0)
            shut = closed.get((employee_id, week), 0.0)
            when = "this week" if index == 0 else "later weeks"
            totals[when, "ours"] += ours
            totals[when, "oca"] += oca
            totals[when, "closed"] += shut
            if index < 3:
                lines.append((row["name"], period[2], ours, oca, shut))
    print(f"\nPer-employee-week remaining hours on {len(chosen)} employees (the most loaded on OCA's side), "
          "first 3 weeks each:")
    print_table(lines, ["employee", "week", "ours h", "OCA h", "of which OCA closed tasks h"])
    print_table([(when, totals[when, "ours"], totals[when, "oca"], totals[when, "closed"],
                  totals[when, "oca"] - totals[when, "closed"] - totals[when, "ours"])
                 for when in ("this week", "later weeks")],
                ["weeks", "ours h", "OCA h", "OCA closed tasks h", "OCA open − ours h"])
    # causes, on the sample's tasks
    users = env["hr.employee"].browse(chosen).user_id
    today = date.today()
    Task = env["project.task"].with_context(active_test=False)
    overdue = Task.search([("user_ids", "in", users.ids), ("state", "not in", CLOSED), ("project_id", "!=", False),
                           ("planned_end_date", "<", today)])
    mine = {user.id for user in users}

    def share(task, hours):
        return hours * len(mine & set(task.user_ids.ids)) / len(task.user_ids) if task.user_ids else 0.0

    late = sum(share(t, max(t.allocated_hours - sum(t.child_ids.mapped("allocated_hours")) - t.effective_hours, 0))
               for t in overdue)
    parents = Task.search([("user_ids", "in", users.ids), ("state", "not in", CLOSED), ("child_ids", "!=", False),
                           ("forecast_date_planned_end", ">=", today)])
    double = sum(share(t, max(t.remaining_hours, 0) - max(
        t.allocated_hours - sum(t.child_ids.mapped("allocated_hours")) - t.effective_hours, 0)) for t in parents)
    print(f"causes on the sample: overdue open tasks (planned end before today): {len(overdue)}, {late:.1f} h of "
          "remaining work that ours puts on today and OCA drops (its recomputation takes tasks ending today or "
          f"later); parents of subtasks with a future end: {len(parents)}, {double:.1f} h that OCA counts in the "
          "parent too (Odoo's remaining_hours deducts the subtasks' logged hours, not their allocated hours)")


if __name__ == "__main__":
    main()
