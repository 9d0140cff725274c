"""What the priority rules add to a task creation, side by side in the same run.

Creates tasks one ``create`` at a time (name, project, an assignee, a deadline within a week), as
a project user, in a manually scheduled project of the benchmark database, and times, alternated
task by task:

* the **create** with and without the rules' evaluation (without: the priority machinery's
  internal flag set);
* the **evaluation alone** of a task just created without it, two ways: *on create* (what a
  create does now: only the rules the new tasks can meet — company, projects, what the condition
  needs — checked in memory, no stored match to read) and *every rule, as for a write* (every
  rule searched, stored matches read and compared: how creation evaluated the rules before).

Prints the median milliseconds and queries per task. Everything runs in a savepoint rolled back
at the end: the database stays as it was.

    TASK_MGMT_DB_HOST=127.0.0.1 TASK_MGMT_DB_PORT=5433 python3 benchmarks/bench_create_priority.py \
        --database tm_bench --tasks 150
"""

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="tm_bench")
    parser.add_argument("--tasks", type=int, default=150, help="tasks created each way")
    args = parser.parse_args()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        from odoo.addons.task_mgmt_advanced.models.project_task_priority import PRIORITY  # noqa: PLC0415

        savepoint = env.cr.savepoint(flush=True)
        try:
            run(env, args.tasks, PRIORITY)
        finally:
            savepoint.rollback()
            savepoint.close(rollback=False)


def run(env, count, priority_flag):
    Task = env.registry["project.task"]
    user = env["res.users"].search([("login", "=", "bench_prio_user")]) or env["res.users"].create({
        "name": "Bench Priority User", "login": "bench_prio_user",
        "groups_id": [(6, 0, [env.ref("project.group_project_user").id])],
    })
    # manual scheduling: the scheduler's share of a creation is measured elsewhere
    project = env["project.project"].create({"name": "Bench priority on create", "privacy_visibility": "employees",
                                             "user_id": user.id, "schedule_mode": "manual"})
    as_user = env["project.task"].with_user(user)
    rules = len(env["project.task.priority.rule"]._task_mgmt_rule_specs())
    deadline = datetime.combine(datetime.now().date() + timedelta(days=5), datetime.min.time())

    def new_task(i, evaluate):
        context = {} if evaluate else priority_flag.on()
        return as_user.with_context(**context).create({
            "name": f"Bench create {i}", "project_id": project.id, "user_ids": [(6, 0, user.ids)],
            "date_deadline": deadline})

    def on_create(task):
        task._task_mgmt_priority_refresh(created=True)

    def every_rule(task):
        with patch.object(Task, "_task_mgmt_rule_candidates", lambda tasks, spec: tasks):
            task._task_mgmt_priority_refresh()

    ways = [("evaluation on create (now)", on_create), ("every rule, as for a write (before)", every_rule)]
    timings = {name: [] for name, _fn in ways + [("create with evaluation", None), ("create without", None)]}
    queries = {name: [] for name in timings}

    def measure(name, fn):
        env.flush_all()
        before = sql_count(env)
        start = time.perf_counter()
        result = fn()
        env.flush_all()
        timings[name].append((time.perf_counter() - start) * 1000)
        queries[name].append(sql_count(env) - before)
        return result

    for i in range(count):
        measure("create without", lambda i=i: new_task(i, False))
        measure("create with evaluation", lambda i=i: new_task(i, True))
        for name, fn in ways:
            task = new_task(i, False)
            measure(name, lambda fn=fn, task=task: fn(task))
    rows = [(name, round(statistics.median(timings[name]), 2), statistics.median(queries[name]))
            for name in timings]
    print(f"{count} tasks each way, one create each (an assignee and a deadline within a week), "
          f"{rules} active priority rule(s)")
    print_table(rows, ["what", "median ms", "queries (median)"])


if __name__ == "__main__":
    main()
