"""Priority rules: the daily run over the whole database against the per-record way, and the
rules' overhead on creating and writing tasks, in the same run.

    python3 benchmarks/bench_priority.py [--database tm_bench_priority] [--repeat 3]
                                         [--sample 5000] [--crud 1000] [--manager-share 0.1]

Run ``python3 benchmarks/generate_data.py --database tm_bench_priority`` first (100,000 tasks).
Everything below happens in one transaction rolled back at the end; each timed run starts from
the same state (a savepoint rolled back after it):

* **daily run**: tomorrow (deadlines one day closer than at generation time),
  ``project.task._task_mgmt_priority_daily(today=tomorrow)`` evaluates the urgency of every
  open task and the three default rules for the unpinned ones, by batches of 5,000 (set-based: one search per rule
  and batch, grouped writes, one batch of chatter notes), one batch per call as ir.cron
  calls it.  Batches are not committed here (a savepoint rolled back after each run) so that
  the database stays as generated; the cron commits each batch.
* **per-record ways**, on a ``--sample`` of the open tasks (spread over all projects; the
  set-based way is timed on the same sample, and the per-record times are extrapolated linearly
  to the whole database), the same conditions evaluated task by task:

  - **automation rule**: a Python-code server action written as an administrator would for
    an automation rule (rule values as literals; deadline limit on the working calendar, people's
    departments, the assignee's manager), run once per task with that task as ``record`` --
    exactly what an Odoo automation rule does with the records it selected
    (``base_automation._process``: ``action.with_context(active_id=record.id).run()``);
  - **server action looping over records**: one run over all the records, Python evaluating
    each task with the ORM's prefetching and the working-calendar limits memoised; each changed
    task written on its own (``record.write()``, tracked) and given a note
    (``record.message_post()``);
  - **lean loop**: the same loop with untracked writes and bare notes (``_message_log``), the
    cheapest a per-record loop gets.
* **create/write overhead**: ``--crud`` tasks created (batches of 100) and then ``--crud``
  single-task writes (a new deadline, or new assignees), as a project manager with tracking
  on, with the priority rules deactivated and then active (interleaved runs).

Before timing, ``--manager-share`` of the open tasks are marked as assigned by the manager of
their first assignee (generated tasks are assigned by their project manager, seldom the
assignee's own manager), so that the manager rule has something to find.  The CRUD projects
are put in manual scheduling mode (the same in both runs; otherwise rescheduling the project on
each creation weighs on both sides).
Targets (issue #5): daily run < 15 s and >= 10x faster than the per-record way; overhead on
create/write < 20%.
"""

import argparse
import random
import statistics
import sys
import time as time_module
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402

CLOSED = ["1_done", "1_canceled"]


def until_done(run_batch):
    """Call a cron method one batch at a time until nothing is left, as ir.cron does (without
    its commits between batches)."""
    while run_batch():
        pass


def prepare(env, rng, share):
    """Default rules active; a share of the open tasks assigned by their assignee's manager."""
    rules = env["project.task.priority.rule"].with_context(active_test=False).search([])
    rules.filtered(lambda r: r.id in (
        env.ref("task_mgmt_advanced.project_task_priority_rule_manager").id,
        env.ref("task_mgmt_advanced.project_task_priority_rule_departments").id,
        env.ref("task_mgmt_advanced.project_task_priority_rule_deadline").id,
    )).write({"active": True})
    env.flush_all()
    env.cr.execute("""
        SELECT DISTINCT ON (task.id) task.id, boss.user_id
          FROM project_task task
          JOIN project_task_user_rel rel ON rel.task_id = task.id
          JOIN hr_employee emp ON emp.user_id = rel.user_id
          JOIN hr_employee boss ON boss.id = emp.parent_id
         WHERE task.state NOT IN %s AND boss.user_id IS NOT NULL AND boss.user_id != rel.user_id
      ORDER BY task.id, rel.user_id
    """, [tuple(CLOSED)])
    rows = env.cr.fetchall()
    chosen = rng.sample(rows, int(len(rows) * share))
    if chosen:
        env.cr.execute("""
            UPDATE project_task task SET assigned_by_id = v.boss
              FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::int[]) AS boss) v
             WHERE task.id = v.id
        """, [[t for t, _b in chosen], [b for _t, b in chosen]])
    env.invalidate_all()
    return len(chosen)


def tomorrow():
    return datetime.now().date() + timedelta(days=1)


def message_count(env):
    env.cr.execute("SELECT count(*) FROM mail_message WHERE model = 'project.task'")
    return env.cr.fetchone()[0]


def timed_from_savepoint(env, run, repeat):
    """Median seconds of ``run`` over ``repeat`` runs, each from the same state: a savepoint,
    the timed ``run`` (flush included), rollback to the savepoint.
    Returns (median, runs, queries of the first run, notes logged by the first run)."""
    timings, queries, notes = [], None, None
    for _i in range(repeat):
        savepoint = env.cr.savepoint(flush=True)
        try:
            env.invalidate_all()
            before_q, before_m = sql_count(env), message_count(env)
            start = time_module.perf_counter()
            run()
            env.flush_all()
            timings.append(time_module.perf_counter() - start)
            if queries is None:
                queries, notes = sql_count(env) - before_q - 1, message_count(env) - before_m
        finally:
            savepoint.close(rollback=True)
            env.invalidate_all()
            env.registry.clear_cache()
    return statistics.median(timings), timings, queries, notes


def per_record(env, task_ids, lean=False, today=None):
    """The slower way: each task evaluated in Python and written on its own, as a server action
    looping over ``records`` does: ``record.write()`` (tracked) and ``record.message_post()``;
    ``lean``: untracked writes and bare notes (``_message_log``), the cheapest per-record way."""
    from odoo import fields  # noqa: PLC0415 (Odoo is set up by _env)

    from odoo.addons.task_mgmt_advanced.engine.priority import RuleEffect, apply_rules  # noqa: PLC0415

    # task_mgmt_priority: the addon's own machinery stays out of these writes (no pinning, no
    # second evaluation); the writes still go through every write() override and tracking
    Task = env["project.task"].with_context(task_mgmt_priority=True, mail_notrack=lean)
    specs = env["project.task.priority.rule"]._task_mgmt_rule_specs()
    today = today or fields.Date.context_today(Task)
    limits = {}
    labels = dict(Task._fields["priority"]._description_selection(env))
    consulted = "consulted_user_ids" in Task._fields
    for task in Task.browse(task_ids):
        if task.state in CLOSED or task.priority_pinned or not task.project_id:
            continue
        company = task.company_id or env.company
        urgent = task.is_urgent
        if not task.urgent_manual:
            days = task.project_id.urgency_days
            urgent = bool(task.date_deadline) and task.date_deadline < Task._task_mgmt_deadline_limit(
                company, days, today, limits)
            if urgent != task.is_urgent:
                task.write({"is_urgent": urgent})
                env.flush_all()
        effects = []
        for spec in specs:
            if spec.company_id and task.company_id.id not in (spec.company_id, False):
                continue
            if spec.condition == "deadline":
                limit = Task._task_mgmt_deadline_limit(company, spec.deadline_days, today, limits)
                match = bool(task.date_deadline) and task.date_deadline < limit
            elif spec.condition == "departments":
                people = task.user_ids | (task.consulted_user_ids if consulted else env["res.users"])
                employees = people.employee_ids.filtered(
                    lambda e, task=task: e.active and (not task.company_id or e.company_id == task.company_id))
                match = len(employees.department_id) >= spec.department_count
            elif spec.condition == "manager":
                assigner = task.assigned_by_id or task.create_uid
                match = any(emp.parent_id.user_id == assigner and emp.user_id != assigner
                            for emp in task.user_ids.employee_ids)
            else:
                match = True
            if match:
                effects.append(RuleEffect(spec.id, spec.effect, spec.level, max(spec.raise_steps, 1), spec.stop))
        out = apply_rules(task.is_important, urgent, effects)
        vals = {}
        if out.important != task.is_important:
            vals["is_important"] = out.important
        if out.level != task.priority:
            vals["priority"] = out.level
        if vals:
            old = labels[task.priority]
            task.write(vals)
            body = f"Priority {old} → {labels[out.level]} (priority rules)"
            if lean:
                task._message_log(body=body)
            else:
                task.message_post(body=body, subtype_xmlid="mail.mt_note")
            env.flush_all()


AUTOMATION_CODE = """
task = record
if task.state not in ("1_done", "1_canceled") and not task.priority_pinned and task.project_id:
    today = env.context["bench_today"]
    Task = env["project.task"]
    company = task.company_id or env.company
    urgent = task.is_urgent
    if not task.urgent_manual:
        limit = Task._task_mgmt_deadline_limit(company, task.project_id.urgency_days, today)
        urgent = bool(task.date_deadline) and task.date_deadline < limit
        if urgent != task.is_urgent:
            task.write({"is_urgent": urgent})
    level = {(True, True): 3, (True, False): 2, (False, True): 1, (False, False): 0}[(task.is_important, urgent)]
    assigner = task.assigned_by_id or task.create_uid
    if any(e.parent_id.user_id == assigner and e.user_id != assigner for e in task.user_ids.employee_ids):
        level = 3
    else:
        people = task.user_ids | task.consulted_user_ids
        employees = people.employee_ids.filtered(
            lambda e: e.active and (not task.company_id or e.company_id == task.company_id))
        if len(employees.department_id) >= %(departments)s:
            level = max(level, 2)
        limit = Task._task_mgmt_deadline_limit(company, %(deadline_days)s, today)
        if task.date_deadline and task.date_deadline < limit:
            level = min(level + 1, 3)
    new = str(level)
    if new != task.priority:
        old = task.priority
        task.write({"priority": new})
        task.message_post(body="Priority %%s -> %%s (automation rule)" %% (old, new), subtype_xmlid="mail.mt_note")
"""


def automation_action(env):
    """A server action (Python code) that applies the three default rules to ``record``, as an
    administrator would write it for an automation rule (the rule values as literals)."""
    departments = env.ref("task_mgmt_advanced.project_task_priority_rule_departments")
    deadline = env.ref("task_mgmt_advanced.project_task_priority_rule_deadline")
    return env["ir.actions.server"].create({
        "name": "Bench: priority rules, one task at a time",
        "model_id": env["ir.model"]._get_id("project.task"),
        "state": "code",
        "code": AUTOMATION_CODE % {"departments": departments.department_count,
                                   "deadline_days": deadline.deadline_days},
    })


def per_record_automation(action, task_ids, today):
    """What an automation rule does with the records it selected (base_automation
    ``_process``): run its server action once per record, with that record as ``record``."""
    action = action.with_context(task_mgmt_priority=True, bench_today=today)
    for task_id in task_ids:
        action.with_context(active_model="project.task", active_ids=[task_id], active_id=task_id).run()
    action.env.flush_all()


def crud(env, rng, user, projects, people, count, active):
    """Create ``count`` tasks (batches of 100), then write ``count`` of them one by one."""
    Rule = env["project.task.priority.rule"].with_context(active_test=False)
    Rule.search([]).write({"active": active})
    Task = env["project.task"].with_user(user)
    now = datetime.now()
    vals_list = [{
        "name": f"Bench priority task {i}",
        "project_id": rng.choice(projects),
        "user_ids": [(6, 0, rng.sample(people, rng.choice([1, 1, 2, 3])))],
        "date_deadline": now + timedelta(days=rng.randint(-5, 20)) if rng.random() < 0.8 else False,
    } for i in range(count)]
    writes = [({"date_deadline": now + timedelta(days=rng.randint(-2, 10))} if rng.random() < 0.5
               else {"user_ids": [(6, 0, rng.sample(people, rng.choice([1, 2])))]}) for _i in range(count)]
    state = {}

    def create():
        tasks = Task.browse()
        for start in range(0, count, 100):
            tasks |= Task.create(vals_list[start:start + 100])
        state["tasks"] = tasks

    def write():
        for task, vals in zip(state["tasks"], writes, strict=True):
            task.write(vals)

    return create, write


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="tm_bench_priority")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--crud", type=int, default=1000)
    parser.add_argument("--manager-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        try:
            Task = env["project.task"]
            total = Task.search_count([])
            assigned = prepare(env, rng, args.manager_share)
            open_ids = Task.search([("state", "not in", CLOSED), ("priority_pinned", "=", False),
                                    ("project_id", "!=", False)], order="id").ids
            print(f"{total:,} tasks, {len(open_ids):,} open and not pinned; {assigned:,} marked as "
                  "assigned by their assignee's manager", flush=True)

            # -- daily run over everything
            def daily():
                until_done(lambda: Task._task_mgmt_priority_daily(today=tomorrow()))

            daily_median, daily_runs, daily_q, daily_notes = timed_from_savepoint(env, daily, args.repeat)

            # -- the same sample both ways
            step = max(1, len(open_ids) // args.sample)
            sample = open_ids[::step][:args.sample]

            def ours_sample():
                tasks = Task.browse(sample)
                tasks._task_mgmt_priority_refresh_urgency(tomorrow())
                tasks._task_mgmt_priority_refresh(today=tomorrow())

            ours_median, _ours_runs, ours_q, ours_notes = timed_from_savepoint(env, ours_sample, args.repeat)
            slow_median, slow_runs, slow_q, slow_notes = timed_from_savepoint(
                env, lambda: per_record(env, sample, today=tomorrow()), args.repeat)
            lean_median, lean_runs, lean_q, lean_notes = timed_from_savepoint(
                env, lambda: per_record(env, sample, lean=True, today=tomorrow()), args.repeat)
            action = automation_action(env)
            auto_median, auto_runs, auto_q, auto_notes = timed_from_savepoint(
                env, lambda: per_record_automation(action, sample, tomorrow()), args.repeat)
            auto_full = auto_median * len(open_ids) / len(sample)
            slow_full = slow_median * len(open_ids) / len(sample)
            lean_full = lean_median * len(open_ids) / len(sample)
            rows = [
                (f"daily run, set-based ({len(open_ids):,} open tasks)", daily_median, daily_q, daily_notes,
                 "1.0x"),
                (f"automation rule (action per record), extrapolated to {len(open_ids):,}", auto_full, "", "",
                 f"{auto_full / daily_median:.1f}x slower"),
                (f"server action looping over records, extrapolated to {len(open_ids):,}", slow_full, "", "",
                 f"{slow_full / daily_median:.1f}x slower"),
                (f"lean loop (untracked), extrapolated to {len(open_ids):,}", lean_full, "", "",
                 f"{lean_full / daily_median:.1f}x slower"),
                (f"set-based on a sample of {len(sample):,}", ours_median, ours_q, ours_notes, "1.0x"),
                (f"automation rule on the same {len(sample):,}", auto_median, auto_q, auto_notes,
                 f"{auto_median / ours_median:.1f}x slower"),
                (f"server action loop on the same {len(sample):,}", slow_median, slow_q, slow_notes,
                 f"{slow_median / ours_median:.1f}x slower"),
                (f"lean loop on the same {len(sample):,}", lean_median, lean_q, lean_notes,
                 f"{lean_median / ours_median:.1f}x slower"),
            ]
            print()
            print_table(rows, ["daily run of the default rules", "median s", "queries (1 run)",
                               "notes logged", "vs set-based"])
            sugg_median, _sugg_runs, sugg_q, _n = timed_from_savepoint(
                env, lambda: until_done(Task._task_mgmt_suggestions_daily), 1)
            print_table([(f"suggestions, all {len(Task.search([('state', 'not in', CLOSED)])):,} open tasks",
                          sugg_median, sugg_q)], ["nightly suggestions (1 run)", "s", "queries"])
            print(f"runs: daily {[round(t, 2) for t in daily_runs]}, automation {[round(t, 2) for t in auto_runs]}, "
                  "per-record sample "
                  f"{[round(t, 2) for t in slow_runs]}, lean {[round(t, 2) for t in lean_runs]}", flush=True)

            # -- create / write overhead
            pm_group = env.ref("project.group_project_manager")
            user = env["res.users"].search([("groups_id", "in", pm_group.id), ("share", "=", False),
                                            ("id", "!=", env.ref("base.user_admin").id)], limit=1) \
                or env.ref("base.user_admin")
            projects = env["project.project"].search([("privacy_visibility", "=", "employees")], limit=10)
            # manual scheduling: no rescheduling of the project on each creation (the same in
            # both runs, but it would weigh on the "plain" side of the ratio)
            projects.write({"schedule_mode": "manual"})
            projects = projects.ids
            people = env["hr.employee"].search([("user_id", "!=", False)], limit=60).user_id.ids
            results = {}
            for _r in range(args.repeat):
                for active in (False, True):
                    create, write = crud(env, random.Random(args.seed), user, projects, people, args.crud, active)
                    savepoint = env.cr.savepoint(flush=True)
                    try:
                        env.flush_all()
                        start = time_module.perf_counter()
                        create()
                        env.flush_all()
                        middle = time_module.perf_counter()
                        write()
                        env.flush_all()
                        end = time_module.perf_counter()
                        results.setdefault(("create", active), []).append(middle - start)
                        results.setdefault(("write", active), []).append(end - middle)
                    finally:
                        savepoint.close(rollback=True)
                        env.invalidate_all()
                        env.registry.clear_cache()
            rows = []
            for what in ("create", "write"):
                plain = statistics.median(results[(what, False)])
                ruled = statistics.median(results[(what, True)])
                rows.append((f"{what} {args.crud:,} tasks", plain, ruled, f"{100 * (ruled - plain) / plain:+.1f}%"))
            print()
            print_table(rows, ["as a project manager", "rules off: median s", "rules on: median s", "overhead"])
        finally:
            env.cr.rollback()  # leave the benchmark database as generated


if __name__ == "__main__":
    main()
