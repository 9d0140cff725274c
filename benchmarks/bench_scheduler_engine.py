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
time over ``--repeat`` runs of

* the engine: calendar and working-day axis construction + ``schedule()`` + ``to_dates()``;
* "the slower way": a naive fixed-point relaxation of the forward pass only (passes over every
  link until no earliest start changes, Bellman-Ford style), on the same network. Its results
  are checked against the engine's earliest starts. When one naive run of a size is estimated to
  take longer than ``--naive-budget`` seconds (60 by default), that size's naive run is skipped
  and the estimate printed; otherwise it runs ``--repeat`` times, or fewer (at least once) to
  stay within the budget. The estimate times one pass and multiplies it by the number of passes,
  bounded by the longest chain of links plus one and scaled by what a smaller size needed.

The peak memory of one engine run is measured separately with ``tracemalloc`` (which slows the
run down, so it is not timed). The engine is loaded by file path, so importing the addon (and
Odoo) is not needed.
"""

import argparse
import gc
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
    spec = importlib.util.spec_from_file_location(f"bench_engine_{name}", ENGINE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


workcalendar = load_engine_module("workcalendar")
scheduler = load_engine_module("scheduler")


def build_network(size, rng):
    """Tasks (in id order), links (in an order unrelated to the topology) and the hop depth."""
    ids = list(range(1, size + 1))
    rng.shuffle(ids)  # ids[k] is the task at position k of the topological order
    durations = {task_id: rng.randint(0, 15) for task_id in ids}
    tasks = [
        scheduler.SchedTask(
            task_id, f"Task {task_id}", durations[task_id], rng.randint(0, 200) if rng.random() < 0.01 else None
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


def naive_forward(tasks, links, start_index=0, max_passes=None):
    """Earliest starts by repeated passes over all links until nothing changes.

    Returns the earliest starts by task id and the number of passes made; ``max_passes`` stops
    early (used to time a single pass).
    """
    es = {}
    duration = {}
    for task_id, _name, task_duration, pinned in tasks:
        es[task_id] = start_index if pinned is None else max(start_index, pinned)
        duration[task_id] = task_duration
    limit = max_passes or len(tasks) + 1
    passes = 0
    changed = True
    while changed and passes < limit:
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
    if changed and not max_passes:
        raise ValueError("the naive relaxation does not converge: the links have a cycle")
    return es, passes


def one_naive_pass_seconds(tasks, links):
    """Time of a single relaxation pass (to estimate a full naive run)."""
    started = time.perf_counter()
    naive_forward(tasks, links, max_passes=1)
    return time.perf_counter() - started


def measure_naive(tasks, links, depth, args, calibration):
    """Median naive time, a note, and the naive earliest starts (None when skipped)."""
    pass_seconds = one_naive_pass_seconds(tasks, links)
    # Bellman-Ford needs at most depth + 1 passes; a smaller size measured before tells how many
    # it really needs in proportion (links in random order usually advance several hops a pass).
    estimated_passes = max(1.0, (depth + 1) * calibration.get("ratio", 1.0))
    estimate = pass_seconds * estimated_passes
    if estimate > args.naive_budget:
        return None, (
            f"skipped: one run estimated at {estimate:,.0f} s "
            f"(~{estimated_passes:,.0f} passes x {pass_seconds:.2f} s a pass, longest chain {depth} links) "
            f"> --naive-budget {args.naive_budget:g} s"
        ), None
    runs = max(1, min(args.repeat, int(args.naive_budget // estimate)))
    timings, passes, es = [], 0, None
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        es, passes = naive_forward(tasks, links)
        timings.append(time.perf_counter() - started)
    calibration["ratio"] = passes / (depth + 1)
    note = f"{passes} passes over all links (longest chain {depth} links), median of {runs} run(s)"
    if runs < args.repeat:
        note += f" (one run estimated at {estimate:.0f} s: fewer runs to stay within --naive-budget)"
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
    timings, phases, results = [], [], None
    for _ in range(args.repeat):
        gc.collect()
        started = time.perf_counter()
        results, phase = run_engine(tasks, links, calendar_data)
        timings.append(time.perf_counter() - started)
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
        "phases": [statistics.median(column) for column in zip(*phases, strict=True)],
        "naive": naive,
        "naive_note": naive_note + ("; earliest starts agree with the engine" if naive_es is not None else ""),
        "peak": peak_memory(tasks, links, calendar_data),
        "critical": sum(result.critical for result in results.values()),
        "finish": finish,
    }


def print_table(rows, args):
    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPU, median of {args.repeat} runs, "
        f"seed {args.seed}, gc enabled"
    )
    header = (
        f"{'size':>8} {'tasks':>8} {'links':>8} {'engine s':>9} {'naive s':>9} {'speed-up':>9} "
        f"{'peak MiB':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        naive = f"{row['naive']:.3f}" if row["naive"] is not None else "skipped"
        speed = f"{row['naive'] / row['engine']:.1f}x" if row["naive"] is not None else "-"
        print(
            f"{row['size']:>8} {row['tasks']:>8} {row['links']:>8} {row['engine']:>9.3f} {naive:>9} "
            f"{speed:>9} {row['peak'] / 2**20:>9.1f}"
        )
    print()
    for row in rows:
        axis, sched, dates = row["phases"]
        print(
            f"size {row['size']}: engine = axis {axis:.3f} s + schedule {sched:.3f} s + to_dates {dates:.3f} s; "
            f"project finish at working day {row['finish']}, {row['critical']} critical tasks"
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
