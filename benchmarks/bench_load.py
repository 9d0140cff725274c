#!/usr/bin/env python3
"""Resource load heatmap (issue #14): our grid against the per-record ORM way, same run.

    python3 benchmarks/bench_load.py [--database load_gen] [--weeks 52] [--repeat 5]
                                     [--naive-employees 0]

Run on a generated database (``generate_data.py --tasks N --database load_gen``) or on a copy of
the 100,000-task one (``createdb -T tm_gen100k load_gen100k``). Everything runs as the
administrator in one transaction rolled back at the end.

* **ours**: ``task_mgmt.resource.load.get_load_grid`` for every employee over ``--weeks`` ISO
  weeks from this week (one query per model, the engine in plain Python), then for the largest
  department alone; and the XLSX of the full grid (constant memory, temporary file).
* **garbage collector running**: the full grid and its XLSX again with Python's cyclic
  collector left running (``paused_gc`` a no-op), as before session 24: the before/after of
  pausing it, same run.
* **previous reads**: the same grid with the reads the code had before they became plain SQL
  rows (tasks through records, each over-allocation's task names by a search and a ``sudo()``
  per task, all tasks named): the before/after of that change, same run, same cells checked.
* **per-record way**: what a script on Odoo alone would do, employee by employee: the week's
  capacity from Odoo's own ``hr.employee._get_work_days_data_batch`` (attendances in the
  employee's time zone minus their leaves and the public holidays), the employee's open tasks
  by ``search``, each task's remaining hours (allocated − timesheets − subtasks' allocated,
  shared among assignees) spread over the task's working hours of each week by
  ``_get_work_days_data_batch`` too. ``--naive-employees N``
  times N employees and extrapolates linearly (0 = all).
* **check**: the per-employee-week load and capacity of both ways on the employees the
  per-record way computed (hours, largest difference).
* ``--engine-only TASKS,EMPLOYEES``: no database; the plain-Python engine alone on a synthetic
  plan (each employee full or part time with a few days off, each task 1 to 20 working days
  with one or two assignees, spread over ``--weeks`` weeks): what the grid costs in Python at
  the issue's volumes (the ORM reads come on top). ``--baseline REV`` also times the engine as
  it was at git revision ``REV`` on the same plan, in the same run (before/after of a change),
  and checks both give the same cells.

Targets (issue #14): 100,000 tasks × 500 employees × 52 weeks < 5 s, one department of 50
people < 1 s; the XLSX of the full grid < 3 s.
"""

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402


def timed(run, repeat):
    """Median seconds of ``run`` over ``repeat`` runs (after one untimed warm-up), its result."""
    result = run()
    timings = []
    for _i in range(repeat):
        start = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


@contextmanager
def previous_reads(Load):  # noqa: N803 (a model class)
    """The grid's reads as they were before they became plain SQL rows (issue #14, session 22):
    the tasks by ``search_fetch`` then their fields through the records, their subtasks' hours
    by a second grouped query, the over-allocations'
    task names by a ``search`` then a ``sudo()`` per task, every task of each over-allocation
    named. Patched in for the side-by-side timing, restored after."""
    cls = type(Load)
    module = sys.modules["odoo.addons.task_mgmt_reports.models.task_mgmt_resource_load"]
    fields = ["allocated_hours", "effective_hours", "planned_start_date", "planned_end_date", "user_ids",
              "company_id", "project_id", "is_critical", "total_float_days"]

    def load_tasks(self, flt, users):
        tasks = self.env["project.task"].sudo().search_fetch(self._load_task_domain(flt, users), fields)
        subtasks = {parent.id: hours for parent, hours in self.env["project.task"].sudo()._read_group(
            [("parent_id", "in", tasks.ids)], ["parent_id"], ["allocated_hours:sum"])}
        return [(t.id, t.allocated_hours, t.effective_hours, t.planned_start_date, t.planned_end_date,
                 t.company_id.id, t.project_id.id, t.is_critical, t.total_float_days, t.user_ids.ids,
                 subtasks.get(t.id, 0.0)) for t in tasks]

    def load_readable(self, task_ids):
        tasks = self.env["project.task"].with_context(active_test=False).search([("id", "in", list(task_ids))])
        tasks.sudo().fetch(["name", "project_id"])
        tasks.sudo().project_id.fetch(["name"])
        return {task.id: (task.name, task.sudo().project_id.display_name) for task in tasks}

    saved = cls._load_tasks, cls._load_readable, module.MAX_OVER_TASKS
    cls._load_tasks, cls._load_readable, module.MAX_OVER_TASKS = load_tasks, load_readable, 10 ** 9
    try:
        yield
    finally:
        cls._load_tasks, cls._load_readable, module.MAX_OVER_TASKS = saved


@contextmanager
def collector_running():
    """The grid and its XLSX with Python's cyclic garbage collector running, as before session
    24 (``paused_gc`` replaced by a no-op): the before/after of that change, same run."""
    module = sys.modules["odoo.addons.task_mgmt_reports.models.task_mgmt_resource_load"]
    saved = module.paused_gc
    module.paused_gc = nullcontext
    try:
        yield
    finally:
        module.paused_gc = saved


def naive_load(env, employees, first, last, today):
    """{(employee id, week start): (load, capacity)} the per-record way (see the docstring)."""
    Task = env["project.task"]
    weeks = []
    start = first
    while start <= last:
        weeks.append(start)
        start += timedelta(days=7)
    result = {}
    for employee in employees:
        calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
        tz = employee.tz or calendar.tz or "UTC"

        def hours(day_from, day_to, employee=employee, tz=tz):
            zone = pytz.timezone(tz)
            # Odoo's per-employee working time: attendances in the employee's time zone, minus
            # their leaves and the public holidays
            return employee._get_work_days_data_batch(
                zone.localize(datetime.combine(day_from, dtime.min)),
                zone.localize(datetime.combine(day_to, dtime.max)),
                domain=[("time_type", "=", "leave")])[employee.id]["hours"]
        loads = dict.fromkeys(weeks, 0.0)
        if employee.user_id:
            tasks = Task.search([("user_ids", "in", employee.user_id.id), ("state", "not in", ["1_done", "1_canceled"]),
                                 ("project_id", "!=", False), ("planned_start_date", "<=", last),
                                 ("planned_end_date", "!=", False)])
            for task in tasks:
                subtasks = sum(task.child_ids.mapped("allocated_hours"))
                remaining = max(task.allocated_hours - task.effective_hours - subtasks, 0)
                if not remaining:
                    continue
                share = remaining / len(task.user_ids)
                begin = max(task.planned_start_date, today)
                end = max(task.planned_end_date, today)  # overdue work lands on today
                total = hours(begin, end)
                if not total:
                    continue
                for week in weeks:
                    low, high = max(week, begin), min(week + timedelta(days=6), end)
                    if low <= high:
                        loads[week] += share * hours(low, high) / total
        for week in weeks:
            result[employee.id, week] = (loads[week], hours(week, week + timedelta(days=6)))
    return result


def _engine_module(revision=None):
    """The engine module alone (importing the addon package would need Odoo's loader), from the
    working tree or, with ``revision``, as it was at that git revision."""
    import importlib.util  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    repo = Path(__file__).resolve().parent.parent
    path = repo / "task_mgmt_reports" / "engine" / "load.py"
    if revision:
        source = subprocess.run(["git", "-C", str(repo), "show", f"{revision}:task_mgmt_reports/engine/load.py"],
                                capture_output=True, text=True, check=True).stdout
        path = Path(tempfile.mkdtemp(prefix="bench_load_")) / "load.py"
        path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"task_mgmt_load_engine_{revision or 'now'}", path)
    engine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine)
    return engine


def engine_only(n_tasks, n_employees, weeks, repeat, baseline=None):
    """Time the engine on a synthetic plan (see the module docstring)."""
    engines = [(f"engine at {baseline}", _engine_module(baseline))] if baseline else []
    engines.append(("engine now" if baseline else "engine only", _engine_module()))
    rows, cells = [], []
    for label, engine in engines:
        gc.collect()  # the previous engine's grid is gone: each run starts from the same heap
        median, over, load = _engine_run(engine, n_tasks, n_employees, weeks, repeat)
        rows.append((f"{label}: {n_tasks} tasks × {n_employees} employees × {weeks} weeks "
                     f"({over} over-allocated cells)", median, _load_average()))
        cells.append(load)
    print_table(rows, ["what", "median s", "load average"])
    if baseline:
        old, new = cells
        worst = max(abs(old.get(key, 0.0) - new.get(key, 0.0)) for key in set(old) | set(new))
        print(f"{rows[0][1] / rows[1][1]:.2f}× faster; largest difference of a cell's load: {worst:.2e} h")


def _load_average():
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def _engine_run(engine, n_tasks, n_employees, weeks, repeat):
    LoadGrid, WorkSchedule = engine.LoadGrid, engine.WorkSchedule  # noqa: N806
    rng = random.Random(14)
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    last = monday + timedelta(weeks=weeks, days=-1)
    full = {d: [(8, 12), (13, 17)] for d in range(5)}
    part = {0: full[0], 1: full[1], 2: full[2], 3: [(8, 12)]}
    schedules = {}
    for employee in range(n_employees):
        off = [monday + timedelta(days=rng.randrange(weeks * 7)) for _i in range(10)]
        schedules[employee] = WorkSchedule(part if employee % 5 == 0 else full, off)
    tasks = []
    for task in range(n_tasks):
        start = monday + timedelta(days=rng.randrange(-20, weeks * 7))
        end = start + timedelta(days=rng.randrange(0, 28))
        people = rng.sample(range(n_employees), 2 if task % 10 == 0 else 1)
        tasks.append((task, start, end, rng.choice((4, 8, 16, 24, 40)) / len(people), people))

    def run():
        grid = LoadGrid(monday, last, "week", today=today)
        for employee, schedule in schedules.items():
            grid.add_schedule(employee, schedule)
        for task, start, end, hours, people in tasks:
            for employee in people:
                grid.add_task(employee, task, hours, start, end, schedules[employee], hours)
        return len(grid.over_allocations(list(schedules))), grid

    median, (over, grid) = timed(run, repeat)
    return median, over, dict(grid.load)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine-only", help="TASKS,EMPLOYEES: time the engine alone, no database")
    parser.add_argument("--database", default="load_gen")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-employees", type=int, default=0)
    parser.add_argument("--baseline", help="with --engine-only: also time the engine of this git revision")
    args = parser.parse_args()
    if args.engine_only:
        n_tasks, n_employees = (int(v) for v in args.engine_only.split(","))
        engine_only(n_tasks, n_employees, args.weeks, args.repeat, args.baseline)
        return
    with bench_database(args.database, update=False) as conf, odoo_env(conf, args.database) as env:
        try:
            env = env(user=env.ref("base.user_admin").id)
            today = date.today()
            monday = today - timedelta(days=today.weekday())
            last = monday + timedelta(weeks=args.weeks, days=-1)
            flt = {"date_from": str(monday), "date_to": str(last), "scale": "week"}
            Load = env["task_mgmt.resource.load"]
            Employee = env["hr.employee"].sudo()
            employees = Employee.search([("company_id", "in", env.companies.ids)])
            n_tasks = env["project.task"].sudo().search_count([("state", "not in", ["1_done", "1_canceled"])])
            rows = []

            def ours():
                env.invalidate_all()
                return Load.get_load_grid(flt)

            before = sql_count(env)
            ours()
            queries = sql_count(env) - before
            median, grid = timed(ours, args.repeat)
            cells = len(grid["rows"]) * len(grid["periods"])
            rows.append((f"ours: grid, {len(grid['rows'])} employees × {len(grid['periods'])} weeks, "
                         f"{n_tasks} open tasks", median, queries, _load_average()))
            with previous_reads(Load):
                median_before, grid_before = timed(ours, args.repeat)
            rows.append(("  the same with the previous reads (records, every task named)", median_before, "",
                         _load_average()))
            # the sums run in another order: a cell may differ in its last rounded digit
            pairs = [(a, b) for row, before in zip(grid["rows"], grid_before["rows"], strict=True)
                     for a, b in zip(row["cells"], before["cells"], strict=True)]
            same = (max((abs(x - y) for a, b in pairs for x, y in zip(a[:4], b[:4], strict=True)
                         if x is not False), default=0.0), sum(a[4] != b[4] for a, b in pairs))
            groups = env["hr.employee"].sudo()._read_group([("id", "in", employees.ids)], ["department_id"],
                                                          ["__count"], order="__count desc", limit=1)
            department, size = groups[0]
            median_dep, _grid = timed(lambda: (env.invalidate_all(), Load.get_load_grid(
                dict(flt, department_ids=[department.id])))[1], args.repeat)
            rows.append((f"ours: one department ({size} employees)", median_dep, "", _load_average()))

            def xlsx():
                env.invalidate_all()
                with tempfile.TemporaryFile() as handle:
                    Load._load_write_xlsx(handle, flt)
            median_xlsx, _none = timed(xlsx, max(args.repeat // 2, 1))
            rows.append((f"ours: XLSX of the full grid ({cells} cells)", median_xlsx, "", _load_average()))
            with collector_running():
                median_gc, _grid = timed(ours, args.repeat)
                rows.append(("  the grid with the garbage collector running (before session 24)", median_gc, "",
                             _load_average()))
                median_xlsx_gc, _none = timed(xlsx, max(args.repeat // 2, 1))
                rows.append(("  the XLSX with the garbage collector running", median_xlsx_gc, "", _load_average()))

            sample = employees[:args.naive_employees] if args.naive_employees else employees
            env.invalidate_all()
            before = sql_count(env)
            start = time.perf_counter()
            naive = naive_load(env, sample, monday, last, today)
            seconds = time.perf_counter() - start
            naive_queries = sql_count(env) - before
            factor = len(employees) / len(sample)
            label = "" if factor == 1 else f" (timed on {len(sample)}, × {factor:.1f})"
            rows.append((f"per-record ORM way{label}", seconds * factor, int(naive_queries * factor),
                         _load_average()))
            print_table(rows, ["what", "median s", "queries", "load average"])
            print(f"reads as plain rows: {median_before / median:.2f}× faster than the previous reads; "
                  f"largest difference of a cell {same[0]:.3f} h, cells of another colour: {same[1]}")
            print(f"ours is {seconds * factor / median:.1f}× faster than the per-record way (whole grid)")

            by_row = {row["id"]: row for row in grid["rows"]}
            worst_load = worst_capacity = 0.0
            compared = 0
            for (employee_id, week), (load, capacity) in naive.items():
                row = by_row.get(employee_id)
                if not row:
                    continue
                index = (week - monday).days // 7
                cell = row["cells"][index]
                actual = cell[2]  # ours counts this week's logged hours too; the per-record way does not
                worst_load = max(worst_load, abs(cell[0] - actual - load))
                worst_capacity = max(worst_capacity, abs(cell[1] - capacity))
                compared += 1
            print(f"check on {compared} employee-weeks: largest difference of load {worst_load:.3f} h, "
                  f"of capacity {worst_capacity:.3f} h")
        finally:
            env.cr.rollback()


if __name__ == "__main__":
    main()
