"""Approval guard overhead and the full approval flow, each against the slower way in the same run.

    python3 benchmarks/bench_approval.py [--tasks 1000] [--flow-tasks 500] [--repeat 5]
                                         [--flow-repeat 3] [--database tm_bench_approval]

Everything runs in the benchmark database (``benchmarks/_env.py``) and is rolled back at the end.

1. **Guard overhead** on writes of fields no rule guards (``color`` and ``priority``), over
   ``--tasks`` tasks, as one batch write and as one write per task (each flushed):

   * *plain Odoo*: the addon's approval override of ``project.task.write`` replaced, for the
     measurement, by a plain call to the next override (every other override, Odoo's and the
     other capabilities', still runs): the same write without the guard;
   * *guard, no rule*: the guard installed, no approval rule in the database;
   * *guard, 3 rules*: three active rules (two guarding stages of the project with reset fields,
     one on marking done), so the guard's cached configuration says "rules exist".

   The three ways are interleaved in each repetition. Target (issue #6): under 15 % overhead
   against plain Odoo.

2. **Approval flow** on ``--flow-tasks`` tasks under a 3-level rule (level 1: any of Ann;
   level 2: Ben and Cid countersign; level 3: any of Dee): the project user moves every task
   into the guarded stage (one write: 500 requests, activities, emails), then each approver
   approves their active levels from "My Approvals" in one batch, until the tasks move. The
   slower way, in the same run: the same approvals one request at a time, from each task's
   Approve button (``action_approval_approve``), as a user clicking through the tasks would.

   Target (issue #6): creating and fully approving 3-level requests on 500 tasks under 30 s.

Medians over ``--repeat`` runs (``--flow-repeat`` for the flow); SQL queries of the last run
(guard) or of the first run (flow).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402

QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True, "mail_notrack": True}


def make_users(env, names):
    from odoo.fields import Command  # noqa: PLC0415 (Odoo is importable once _env set it up)

    group = env.ref("project.group_project_user")
    return {
        name: env["res.users"].with_context(no_reset_password=True).create({
            "name": f"Bench {name}", "login": f"bench_approval_{name.lower()}",
            "groups_id": [Command.set([group.id, env.ref("base.group_user").id])],
        })
        for name in names
    }


def make_project(env, name):
    from odoo.fields import Command  # noqa: PLC0415

    stages = env["project.task.type"].create([{"name": f"{name} {s}", "sequence": i}
                                              for i, s in enumerate(["To Do", "Doing", "Review", "Done"])])
    project = env["project.project"].create({
        "name": name, "type_ids": [Command.set(stages.ids)], "schedule_mode": "manual",
        "privacy_visibility": "employees",
    })
    return project, stages


def make_tasks(env, project, stage, count, prefix):
    return env["project.task"].with_context(**QUIET).create([
        {"name": f"{prefix} {i}", "project_id": project.id, "stage_id": stage.id} for i in range(count)
    ])


def timed(env, fn):
    env.flush_all()
    queries = sql_count(env)
    start = time.perf_counter()
    fn()
    env.flush_all()
    return time.perf_counter() - start, sql_count(env) - queries


# ---------------------------------------------------------------------- 1. guard overhead

def bench_guard(env, n_tasks, repeat):
    """Rows (write, way, median s, queries, vs plain). The three ways are interleaved in every
    repetition, so that a slower moment of a shared machine hits them alike."""
    from odoo.fields import Command  # noqa: PLC0415

    from odoo.addons.task_mgmt_advanced.models.project_task_approval import ProjectTask as ApprovalTask  # noqa: PLC0415

    project, stages = make_project(env, "Bench guard")
    tasks = make_tasks(env, project, stages[0], n_tasks, "Guard").with_context(**QUIET)
    env["project.task.approval.rule"].search([]).active = False
    user = env.ref("base.user_admin")
    reset_fields = env["ir.model.fields"]._get("project.task", "allocated_hours") | \
        env["ir.model.fields"]._get("project.task", "date_deadline")
    level = [Command.create({"name": "Lead", "approver_type": "users", "approver_user_ids": [Command.set(user.ids)]})]
    rules = env["project.task.approval.rule"].create([
        {"name": "Review", "project_ids": [Command.set(project.ids)], "stage_id": stages[2].id, "level_ids": level,
         "reset_field_ids": [Command.set(reset_fields.ids)]},
        {"name": "Done stage", "project_ids": [Command.set(project.ids)], "stage_id": stages[3].id,
         "level_ids": level, "reset_field_ids": [Command.set(reset_fields.ids)]},
        {"name": "Marking done", "transition": "done", "project_ids": [Command.set(project.ids)], "level_ids": level},
    ])
    flip = {"value": 0}

    def batch():
        flip["value"] += 1
        tasks.write({"color": flip["value"] % 11, "priority": str(flip["value"] % 2)})

    def one_by_one():
        flip["value"] += 1
        for task in tasks:
            task.write({"color": flip["value"] % 11, "priority": str(flip["value"] % 2)})
            task.env.flush_all()

    guarded_write = ApprovalTask.write

    def plain_write(self, vals):
        return super(ApprovalTask, self).write(vals)  # the guard removed: straight to the next override

    ways = ["plain Odoo (guard removed)", "guard, no rule", "guard, 3 rules"]
    runs = {(way, kind): [] for way in ways for kind in ("batch", "single")}
    try:
        for _run in range(repeat):
            for way in ways:
                ApprovalTask.write = plain_write if way == ways[0] else guarded_write
                rules.active = way == ways[2]
                batch()  # untimed: refills the caches the switch cleared
                env.flush_all()
                runs[way, "batch"].append(timed(env, batch))
                runs[way, "single"].append(timed(env, one_by_one))
    finally:
        ApprovalTask.write = guarded_write
    rows = []
    for kind, what in (("batch", f"batch write, {n_tasks} tasks"), ("single", f"{n_tasks} single-task writes")):
        base = statistics.median(r[0] for r in runs[ways[0], kind])
        for way in ways:
            seconds = statistics.median(r[0] for r in runs[way, kind])
            rows.append((what, way, seconds, runs[way, kind][-1][1], f"{(seconds / base - 1) * 100:+.1f} %"))
    return rows


# ---------------------------------------------------------------------- 2. approval flow

def bench_flow(env, n_tasks, repeat):
    from odoo.fields import Command  # noqa: PLC0415

    users = make_users(env, ["Req", "Ann", "Ben", "Cid", "Dee"])
    project, stages = make_project(env, "Bench flow")
    review = stages[2]
    env["project.task.approval.rule"].create({
        "name": "Three levels", "project_ids": [Command.set(project.ids)], "stage_id": review.id,
        "level_ids": [
            Command.create({"sequence": 1, "name": "Lead", "approver_type": "users",
                            "approver_user_ids": [Command.set(users["Ann"].ids)]}),
            Command.create({"sequence": 2, "name": "Board", "approver_type": "users", "mode": "all",
                            "approver_user_ids": [Command.set((users["Ben"] | users["Cid"]).ids)]}),
            Command.create({"sequence": 3, "name": "Director", "approver_type": "users",
                            "approver_user_ids": [Command.set(users["Dee"].ids)]}),
        ],
    })
    approvers = [users["Ann"], users["Ben"], users["Cid"], users["Dee"]]
    Step = env["project.task.approval.step"]

    def request(tasks):
        tasks.with_user(users["Req"]).write({"stage_id": review.id})

    def approve_batch(tasks):
        for user in approvers:
            mine = Step.with_user(user).search([("task_id", "in", tasks.ids), ("is_current_approver", "=", True)])
            mine.action_approve()

    def approve_one_by_one(tasks):
        for user in approvers:
            for task in tasks.with_user(user):
                task.action_approval_approve()

    results = {"batch": [], "one by one": []}
    for _run in range(repeat):
        for way, approve in (("batch", approve_batch), ("one by one", approve_one_by_one)):
            tasks = make_tasks(env, project, stages[0], n_tasks, f"Flow {way}")
            t_request, q_request = timed(env, lambda tasks=tasks: request(tasks))
            t_approve, q_approve = timed(env, lambda tasks=tasks, approve=approve: approve(tasks))
            moved = tasks.filtered(lambda t: t.stage_id == review)
            if len(moved) != n_tasks:
                raise RuntimeError(f"{way}: only {len(moved)} of {n_tasks} tasks reached the stage")
            results[way].append((t_request, t_approve, q_request, q_approve))
    rows = []
    for way, runs in results.items():
        t_request = statistics.median(r[0] for r in runs)
        t_approve = statistics.median(r[1] for r in runs)
        rows.append((way, n_tasks, t_request, t_approve, t_request + t_approve, runs[0][2] + runs[0][3]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--flow-tasks", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--flow-repeat", type=int, default=3)
    parser.add_argument("--database", default="tm_bench_approval")
    args = parser.parse_args()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        try:
            guard_rows = bench_guard(env, args.tasks, args.repeat)
            print(f"\n1. Guard overhead on writes of unguarded fields (median of {args.repeat}, seconds)")
            print_table(guard_rows, ["write", "way", "median s", "queries", "vs plain"])
            flow_rows = bench_flow(env, args.flow_tasks, args.flow_repeat)
            print(f"\n2. Create and fully approve 3-level requests (median of {args.flow_repeat}, seconds; "
                  "target < 30 s)")
            print_table(flow_rows, ["approvals", "tasks", "request s", "approve s", "total s", "queries"])
        finally:
            env.cr.rollback()  # leave the benchmark database as it was


if __name__ == "__main__":
    main()
