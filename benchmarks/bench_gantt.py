"""Gantt chart (issue #12): the data RPC, a drag-move round trip and the XLSX export, each side
by side with the slower way in the same run.

    python3 benchmarks/bench_gantt.py [--tasks 2000,10000] [--drag-tasks 500] [--repeat 5]
                                      [--seed 11] [--database tm_bench] [--parts data,drag,xlsx,rss]

It builds (and at the end rolls back) projects of ``--tasks`` tasks in a random DAG of typed
links (FS/SS/FF/SF, lags and leads) on a Monday–Friday calendar with holidays, scheduled, with
three assignees spread over the tasks, in the benchmark database (``benchmarks/_env.py``), then
times (medians over ``--repeat`` runs, SQL queries of one run):

* **data RPC** ``project.task.get_gantt_data`` for the whole plan (every task drawn), without
  and with a group-by on assignees — against the generic way a timeline view loads the same
  things: ``search_read`` of the tasks with their fields, then ``read`` of their links;
* **drag round trip**: ``gantt_write`` moving the first task of an automatic project of
  ``--drag-tasks`` tasks by a week (the scheduler's cascade runs, the moved bars come back);
* **XLSX** of the largest project: seconds and peak Python memory (tracemalloc) in xlsxwriter's
  constant-memory mode (ours) and in its default mode (the slower way);
* **peak RSS of the XLSX** export, as the operating system sees it: each run in a child process
  forked for it (it shares this transaction, so it sees the generated tasks), which gives the
  heap's free pages back (``malloc_trim``), restarts its peak resident size
  (``/proc/self/clear_refs``), writes the file to a temporary file as the download route does,
  and reports ``VmHWM`` minus its resident size before the export: the memory the export adds
  to an Odoo worker at its peak, median over ``--repeat`` runs per mode, with the process's
  whole peak (this benchmark process holds the generated tasks too) beside it.

Targets (issue #12): data RPC < 0.3 s for 2,000 tasks and < 1.5 s for 10,000; drag < 0.5 s;
XLSX of 10,000 tasks < 5 s and < 100 MB.
"""

import argparse
import ctypes
import gc
import io
import os
import random
import statistics
import sys
import tempfile
import time
import traceback
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402
from bench_schedule_orm import build_project  # noqa: E402


def timed(run, repeat):
    """Median seconds of ``run`` over ``repeat`` runs (after one untimed warm-up) and the SQL
    queries of one run."""
    run()
    timings = []
    for _i in range(repeat):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def queries(env, run):
    env.invalidate_all()
    before = sql_count(env)
    run()
    return sql_count(env) - before


def scheduled_project(env, rng, n_tasks, users):
    project, tasks, n_links = build_project(env, rng, n_tasks, 2)
    project._task_mgmt_schedule()
    # assignments without chatter messages and notification mails (not what is measured)
    tasks = tasks.with_context(tracking_disable=True, mail_notrack=True, mail_auto_subscribe_no_notify=True)
    for index, user in enumerate(users):
        tasks.filtered(lambda t, i=index: t.id % len(users) == i).write({"user_ids": [(6, 0, user.ids)]})
    # a few tasks with two assignees
    tasks[::50].write({"user_ids": [(6, 0, users[:2].ids)]})
    env.flush_all()
    return project, tasks, n_links


def bench_data(env, project, tasks, repeat):
    Task = env["project.task"]
    domain = [("project_id", "=", project.id)]
    first = min(tasks.mapped("planned_start_date"))
    last = min(max(tasks.mapped("planned_end_date")), first + timedelta(days=3600))
    window = (first.isoformat(), last.isoformat())

    def ours():
        env.invalidate_all()
        Task.get_gantt_data(domain, [], *window)

    def ours_grouped():
        env.invalidate_all()
        Task.get_gantt_data(domain, ["user_ids"], *window)

    fields = ["name", "planned_start_date", "planned_end_date", "duration_days", "is_critical",
              "total_float_days", "date_deadline", "effective_hours", "allocated_hours", "state",
              "project_id", "stage_id", "user_ids", "parent_id", "predecessor_link_ids"]

    def generic():
        env.invalidate_all()
        rows = Task.search_read(domain, fields)
        link_ids = [link_id for row in rows for link_id in row["predecessor_link_ids"]]
        env["project.task.dependency"].browse(link_ids).read(
            ["predecessor_id", "successor_id", "dependency_type", "lag_days"])

    drawn = len(Task.get_gantt_data(domain, [], *window)["bars"])
    return [
        (f"data RPC, {len(tasks)} tasks ({drawn} drawn)", timed(ours, repeat), queries(env, ours)),
        (f"data RPC grouped by assignee, {len(tasks)} tasks", timed(ours_grouped, repeat), queries(env, ours_grouped)),
        (f"generic search_read + read of links, {len(tasks)} tasks", timed(generic, repeat), queries(env, generic)),
    ]


def bench_drag(env, rng, n_tasks, repeat):
    project, tasks, _n_links = build_project(env, rng, n_tasks, 2)
    project._task_mgmt_schedule()
    project.schedule_mode = "auto"
    Task = env["project.task"]
    first = tasks[0]
    start = first.planned_start_date
    drawn = tasks.ids
    moves = []

    def drag():
        target = start + timedelta(days=7) if len(moves) % 2 == 0 else start
        result = Task.gantt_write(first.id, {"planned_start_date": target.isoformat()}, drawn)
        env.flush_all()
        moves.append(len(result["bars"]))

    median = timed(drag, repeat)
    return (f"drag round trip, automatic project of {n_tasks} tasks ({max(moves)} bars back)",
            median, queries(env, drag))


def bench_xlsx(env, project, n_tasks, repeat):
    Task = env["project.task"]
    domain = [("project_id", "=", project.id)]
    rows = []
    for constant_memory, label in ((True, "XLSX constant memory (ours)"), (False, "XLSX default mode")):
        timings, size = [], 0
        for _i in range(max(repeat // 2, 1)):
            env.invalidate_all()
            buffer = io.BytesIO()
            begin = time.perf_counter()
            Task._gantt_write_xlsx(buffer, domain, "week", constant_memory=constant_memory)
            timings.append(time.perf_counter() - begin)
            size = len(buffer.getvalue()) / 2**20
        # memory in a separate run: tracemalloc slows Python down several times
        env.invalidate_all()
        tracemalloc.start()
        Task._gantt_write_xlsx(io.BytesIO(), domain, "week", constant_memory=constant_memory)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rows.append((f"{label}, {n_tasks} tasks ({size:.1f} MB file)", statistics.median(timings),
                     f"peak {peak:.0f} MB (Python heap)"))
    return rows


def _status_kib(key):
    """``VmRSS`` or ``VmHWM`` (peak) of ``/proc/self/status``, in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    raise RuntimeError(f"no {key} in /proc/self/status")


def _release_free_memory():
    """Give the heap's free pages back to the system and restart the peak (``VmHWM``) from
    the resident size now: the child measures what the export itself makes resident, not what
    earlier work of the parent left allocated but free."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # reset the peak resident size (Linux >= 4.0)


def export_rss(env, domain, constant_memory):
    """(KiB the export adds to the resident size at its peak, peak KiB of the process),
    measured in a forked child.

    The child uses this process's database connection while the parent waits (no concurrent
    use), and leaves with ``os._exit`` so that nothing of the connection is closed or flushed."""
    read_end, write_end = os.pipe()
    env.flush_all()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without any cleanup
        code = 1
        try:
            os.close(read_end)
            env.invalidate_all()
            _release_free_memory()
            before = _status_kib("VmRSS")
            with tempfile.TemporaryFile() as target:  # as the download route writes it
                env["project.task"]._gantt_write_xlsx(target, domain, "week", constant_memory=constant_memory)
            os.write(write_end, f"{before} {_status_kib('VmHWM')}".encode())
            code = 0
        except BaseException:  # noqa: BLE001 - reported here: os._exit below skips the usual report
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_end)
    _pid, status, _usage = os.wait4(pid, 0)
    with os.fdopen(read_end) as pipe:
        answer = pipe.read().split()
    if status or len(answer) != 2:
        raise RuntimeError(f"the XLSX child process failed (wait status {status})")
    before, peak = map(int, answer)
    return peak - before, peak


def bench_xlsx_rss(env, project, n_tasks, repeat):
    domain = [("project_id", "=", project.id)]
    rows = []
    for constant_memory, label in ((True, "XLSX peak RSS, constant memory (ours)"),
                                   (False, "XLSX peak RSS, default mode")):
        runs = [export_rss(env, domain, constant_memory) for _i in range(repeat)]
        added = statistics.median(run[0] for run in runs) / 1024
        peak = statistics.median(run[1] for run in runs) / 1024
        rows.append((f"{label}, {n_tasks} tasks", "-",
                     f"+{added:.0f} MB RSS (process peak {peak:.0f} MB)"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="2000,10000")
    parser.add_argument("--drag-tasks", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--database", default="tm_bench")
    parser.add_argument("--parts", default="data,drag,xlsx,rss",
                        help="what to measure, among data, drag, xlsx, rss")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    rng = random.Random(args.seed)
    sizes = [int(size) for size in args.tasks.split(",")]
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        try:
            users = env["res.users"].create([
                {"name": f"Bench planner {i}", "login": f"bench_gantt_{i}"} for i in range(3)
            ])
            rows = []
            project = None
            for size in sizes:
                print(f"Building and scheduling a project of {size} tasks...", flush=True)
                project, _tasks, n_links = scheduled_project(env, rng, size, users)
                print(f"  {n_links} links", flush=True)
                if "data" in parts:
                    rows += bench_data(env, project, _tasks, args.repeat)
            if "drag" in parts:
                print(f"Drag round trip on {args.drag_tasks} tasks...", flush=True)
                rows.append(bench_drag(env, rng, args.drag_tasks, args.repeat))
            if "xlsx" in parts:
                print("XLSX...", flush=True)
                rows += bench_xlsx(env, project, sizes[-1], args.repeat)
            if "rss" in parts:
                print("XLSX peak RSS...", flush=True)
                rows += bench_xlsx_rss(env, project, sizes[-1], args.repeat)
            print_table(rows, ["what", "median s", "queries / memory"])
        finally:
            env.cr.rollback()


if __name__ == "__main__":
    main()
