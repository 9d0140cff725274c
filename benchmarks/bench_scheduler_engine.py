"""Benchmark of the scheduling engine of ``task_mgmt_advanced`` (no Odoo, no database).

Run it from the repository root::

    python3 benchmarks/bench_scheduler_engine.py
    python3 benchmarks/bench_scheduler_engine.py --sizes 10000 100000 --repeat 5 --seed 7

For every size it builds a random project network: task ids shuffled against a random
topological order, about three predecessors per task among the tasks before it in that order
(mostly nearby ones, a few far ones), link kinds FS/SS/FF/SF mixed about 70/10/10/10, lags from
-3 to +5 working days, durations from 0 (milestone) to 15 working days, 1 % of the tasks pinned
("start no earlier than"), and links listed in an order unrelated to the topology. The calendar
works Monday to Friday, 8 hours a day, with about 12 public holidays a year and some half days
and full-day leaves.

It then measures, with ``time.perf_counter`` and the garbage collector enabled, the median wall
time over ``--repeat`` runs of (the engine pauses the cyclic collector itself while it allocates,
see ``scheduler._gc_paused``; that is part of what is measured)

* the engine: calendar and working-day axis construction + ``schedule()`` + ``to_dates()``;
* "the slower way": a naive fixed-point relaxation of the forward pass only (passes over every
  link until no earliest start changes, Bellman-Ford style), on the same network. Its results
  are checked against the engine's earliest starts. When one naive run of a size is estimated to
  take longer than ``--naive-budget`` seconds (60 by default), that size's naive run is skipped
  and the estimate printed; otherwise it runs ``--repeat`` times, or fewer (at least once) to
  stay within the budget. The first run projects its own total time after every pass (time per
  pass so far x expected passes: at most the longest chain of links plus one, scaled by what a
  smaller size needed) and gives up as soon as the projection exceeds the budget.

Wall times are what a user waits; the engine's median CPU time (``time.process_time``) is printed
next to it because on a shared machine the wall time also counts the time other processes held
the CPU. The peak memory of one engine run is measured separately with ``tracemalloc`` (which slows the
run down, so it is not timed). The engine is loaded by file path, so importing the addon (and
Odoo) is not needed.
"""

import argparse
import gc
import importlib
import importlib.util
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "task_mgmt_advanced" / "engine"
ORIGIN = date(2026, 1, 5)  # a Monday
KINDS = ("FS", "SS", "FF", "SF")
KIND_WEIGHTS = (70, 10, 10, 10)
NEARBY = 1000  # most predecessors are among the NEARBY tasks before, like a real project plan
FAR_SHARE = 0.1  # share of predecessors taken anywhere before


def load_engine_module(name):
    """``engine.<name>`` imported as a submodule of the engine package loaded on its own (its
    relative imports, e.g. ``scheduler`` → ``graph``, resolve without the addon or Odoo)."""
    if "bench_engine" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "bench_engine", ENGINE / "__init__.py", submodule_search_locations=[str(ENGINE)])
        package = importlib.util.module_from_spec(spec)
        sys.modules["bench_engine"] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"bench_engine.{name}")


workcalendar = load_engine_module("workcalendar")
scheduler = load_engine_module("scheduler")


def build_network(size, rng):
    """Tasks (in id order), links (in an order unrelated to the topology) and the hop depth."""
    ids = list(range(1, size + 1))
    rng.shuffle(ids)  # ids[k] is the task at position k of the topological order
    durations = {task_id: rng.randint(0, 15) for task_id in ids}
    tasks = [
        scheduler.SchedTask(
            task_id,
            f"Task {task_id}",
            durations[task_id],
            rng.randint(0, 200) if rng.random() < 0.01 else None,
        )
        for task_id in sorted(ids)
    ]
    raw_links = []
    depth = [0] * size  # longest chain of links ending at each position
    for position in range(1, size):
        wanted = min(position, rng.choice((2, 3, 4)))
        preds = set()
        while len(preds) < wanted:
            if rng.random() < FAR_SHARE:
                preds.add(rng.randrange(position))
            else:
                preds.add(rng.randrange(max(0, position - NEARBY), position))
        kinds = rng.choices(KINDS, KIND_WEIGHTS, k=wanted)
        for pred, kind in zip(sorted(preds), kinds, strict=True):
            raw_links.append((ids[pred], ids[position], kind, rng.randint(-3, 5)))
            depth[position] = max(depth[position], depth[pred] + 1)
    rng.shuffle(raw_links)
    links = [scheduler.SchedLink(*raw) for raw in raw_links]
    return tasks, links, max(depth)


def build_calendar_data(rng, years=120):
    """~12 holidays a year, ~20 half days and ~3 full-day leaves (0 h left) a year."""
    closed, reduced = set(), {}
    for year in range(ORIGIN.year - 10, ORIGIN.year + years):
        first = date(year, 1, 1)
        days = [first + timedelta(days=offset) for offset in range(365)]
        weekdays = [day for day in days if day.weekday() < 5]
        closed.update(rng.sample(weekdays, 12))
        for day in rng.sample(weekdays, 23):
            reduced[day] = 4 if len(reduced) % 8 else 0
    return {0: 8, 1: 8, 2: 8, 3: 8, 4: 8}, closed, reduced


def run_engine(tasks, links, calendar_data):
    """Calendar + axis, schedule, dates; returns the results and the three timings."""
    started = time.perf_counter()
    calendar = workcalendar.WorkCalendar(*calendar_data)
    axis = calendar.axis(ORIGIN)
    start_index = axis.index(ORIGIN)
    axis_done = time.perf_counter()
    results = scheduler.schedule(tasks, links, start_index)
    schedule_done = time.perf_counter()
    dates = scheduler.to_dates(results, axis)
    dates_done = time.perf_counter()
    assert len(dates) == len(tasks)
    return results, (axis_done - started, schedule_done - axis_done, dates_done - schedule_done)


def naive_forward(tasks, links, start_index=0, keep_going=None):
    """Earliest starts by repeated passes over all links until nothing changes.

    Returns the earliest starts by task id, the number of passes made and whether they
    converged. ``keep_going(passes)`` is called after each pass; when it returns False the
    relaxation stops early (used to give up on runs that would take too long).
    """
    es = {}
    duration = {}
    for task_id, _name, task_duration, pinned in tasks:
        es[task_id] = start_index if pinned is None else max(start_index, pinned)
        duration[task_id] = task_duration
    passes = 0
    changed = True
    while changed:
        if passes > len(tasks):
            raise ValueError("the naive relaxation does not converge: the links have a cycle")
        changed = False
        passes += 1
        for pred, succ, kind, lag in links:
            if kind == "FS":
                value = es[pred] + duration[pred] + lag
            elif kind == "SS":
                value = es[pred] + lag
            elif kind == "FF":
                value = es[pred] + duration[pred] + lag - duration[succ]
            else:
                value = es[pred] + lag - duration[succ]
            if value > es[succ]:
                es[succ] = value
                changed = True
        if changed and keep_going is not None and not keep_going(passes):
            return es, passes, False
    return es, passes, True


def measure_naive(tasks, links, depth, args, calibration):
    """Median naive time, a note, and the naive earliest starts (None when skipped).

    The first run watches itself: after each pass it projects its total time (time per pass so
    far x expected passes) and gives up as soon as the projection exceeds ``--naive-budget``.
    The expected passes are at most the longest chain of links + 1 (Bellman-Ford), scaled by the
    share of that bound a smaller size really needed.
    """
    expected = max(1.0, (depth + 1) * calibration.get("ratio", 1.0))
    projection = {}

    def keep_going(passes):
        elapsed = time.perf_counter() - started
        projection.update(passes=passes, elapsed=elapsed, total=elapsed / passes * max(expected, passes + 1))
        return projection["total"] <= args.naive_budget

    gc.collect()
    started = time.perf_counter()
    es, passes, converged = naive_forward(tasks, links, keep_going=keep_going)
    first = time.perf_counter() - started
    if not converged:
        return (
            None,
            (
                f"skipped: gave up after {projection['passes']} passes in {projection['elapsed']:.1f} s, "
                f"one run projected at ~{projection['total']:,.0f} s (~{expected:,.0f} passes, longest chain "
                f"{depth} links) > --naive-budget {args.naive_budget:g} s"
            ),
            None,
        )
    timings = [first]
    runs = max(1, min(args.repeat, int(args.naive_budget // first)))
    for _ in range(runs - 1):
        gc.collect()
        started = time.perf_counter()
        es, passes, _converged = naive_forward(tasks, links)
        timings.append(time.perf_counter() - started)
    calibration["ratio"] = passes / (depth + 1)
    note = f"{passes} passes over all links (longest chain {depth} links), median of {runs} run(s)"
    if runs < args.repeat:
        note += f" (a run takes {first:.0f} s: fewer runs to stay within --naive-budget)"
    return statistics.median(timings), note, es


def peak_memory(tasks, links, calendar_data):
    gc.collect()
    tracemalloc.start()
    try:
        run_engine(tasks, links, calendar_data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_size(size, args, calibration):
    rng = random.Random(args.seed * 1_000_003 + size)
    tasks, links, depth = build_network(size, rng)
    calendar_data = build_calendar_data(rng)
    timings, cpu_timings, phases, results = [], [], [], None
    for _ in range(args.repeat):
        gc.collect()
        cpu_started = time.process_time()
        started = time.perf_counter()
        results, phase = run_engine(tasks, links, calendar_data)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)
        phases.append(phase)
    naive, naive_note, naive_es = measure_naive(tasks, links, depth, args, calibration)
    if naive_es is not None and any(naive_es[task_id] != result.es for task_id, result in results.items()):
        raise SystemExit(f"size {size}: the naive forward pass disagrees with the engine")
    finish = max(result.ef for result in results.values())
    return {
        "size": size,
        "tasks": len(tasks),
        "links": len(links),
        "engine": statistics.median(timings),
        "engine_cpu": statistics.median(cpu_timings),
        "phases": [statistics.median(column) for column in zip(*phases, strict=True)],
        "naive": naive,
        "naive_note": naive_note
        + ("; earliest starts agree with the engine" if naive_es is not None else ""),
        "peak": peak_memory(tasks, links, calendar_data),
        "critical": sum(result.critical for result in results.values()),
        "finish": finish,
    }


def print_table(rows, args):
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPU (load average {load}), "
        f"median of {args.repeat} runs, seed {args.seed}, gc enabled"
    )
    header = (
        f"{'size':>8} {'tasks':>8} {'links':>8} {'engine s':>9} {'(cpu s)':>8} {'naive s':>9} "
        f"{'speed-up':>9} {'peak MiB':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        naive = f"{row['naive']:.3f}" if row["naive"] is not None else "skipped"
        speed = f"{row['naive'] / row['engine']:.1f}x" if row["naive"] is not None else "-"
        print(
            f"{row['size']:>8} {row['tasks']:>8} {row['links']:>8} {row['engine']:>9.3f} "
            f"{row['engine_cpu']:>8.3f} {naive:>9} {speed:>9} {row['peak'] / 2**20:>9.1f}"
        )
    print()
    for row in rows:
        axis, sched, dates = row["phases"]
        print(
            f"size {row['size']}: engine = axis {axis:.3f} s + schedule {sched:.3f} s "
            f"+ to_dates {dates:.3f} s; project finish at working day {row['finish']}, "
            f"{row['critical']} critical tasks"
        )
        print(f"size {row['size']}: naive forward pass {row['naive_note']}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000], help="numbers of tasks")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (median shown)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generated networks")
    parser.add_argument(
        "--naive-budget",
        type=float,
        default=60.0,
        help="skip the naive run of a size when one run is estimated to take longer (seconds)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(size < 2 for size in args.sizes):
        parser.error("--repeat must be >= 1 and every size >= 2")
    calibration = {}
    rows = []
    for size in sorted(args.sizes):
        print(f"size {size}: building the network and running ...", flush=True)
        rows.append(bench_size(size, args, calibration))
    print_table(rows, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
