"""Automatic reminders: the daily scheduled action against the same reminders built as a
per-record automation rule, in the same run.

    python3 benchmarks/bench_reminders.py [--database remind_gen] [--repeat 3] [--sample 2000]
                                          [--slow-repeat N] [--baseline REV] [--skip-per-record]

Run ``python3 benchmarks/generate_data.py --database remind_gen --tasks N`` first, or point
``--database`` at a copy of a generated database (never at the original: the benchmark rolls
back, but a copy keeps the original safe from a crash half way).  Everything happens in one
transaction rolled back at the end; each timed run starts from the same state (a savepoint
rolled back after it), with every project's reminders on (the defaults: 2 working days before,
on the day, the Accountable warned, escalation after 3 working days) and no reminder sent yet:

* **daily run**: ``project.task.reminder.log._task_mgmt_cron_reminders(now=...)`` called as
  ``ir.cron._run_job`` calls it (without its commits between batches): each call with an
  ``ir.cron.progress`` record of the reminders' scheduled action in its context, and no further
  call once a call notified nothing done or nothing remaining (``--loop-until-zero``: called
  until a call returns 0 instead, one more call: the measure of sessions before 23): set-based
  searches, reminder rows inserted with ``ON CONFLICT DO NOTHING``, batched activities, one
  digest ``mail.mail`` per person.  Timed twice: as the **first run** (nothing recorded yet: every
  open task overdue within the last month is chased, the backlog of switching reminders on) and
  in the **steady state** (yesterday's run done first, untimed: only the thresholds crossed
  today are left);
* **second run the same day**: the same call again once the first is done (nothing to send:
  what an hourly or repeated run costs);
* **automation rule (per record)**: a Python-code server action, as an administrator would write
  it for an Odoo automation rule on the task's deadline, run once per task of the same window
  (open tasks of the projects with reminders on, deadline from the overdue horizon to the
  warning threshold) with that task as ``record`` -- what ``base_automation._process`` does
  with the records it selected (``action.with_context(active_id=record.id).run()``).  Per task
  and person: the same working-day arithmetic (the project calendar's plain-Python engine, the
  person's time zone), a look-up of the log, a log row, ``activity_schedule`` and one email
  per task (``message_notify``: a per-record rule cannot write a digest).  Run on ``--sample``
  tasks of the window and extrapolated linearly to the whole window; timed from the same two
  states (nothing recorded; yesterday's daily run recorded).

``--baseline REV`` also times the daily run (first run and steady state) with the reminder
log's methods as they were at git revision ``REV`` (``task_mgmt_advanced/models/
project_task_reminder_log.py`` of that revision, its ``_task_mgmt_*`` methods put in place of
the current ones for those runs only), each right before the current code's run from the same
state: before/after side by side on the same machine load.  ``--skip-per-record`` leaves out
the automation rule (when only the baseline comparison is wanted).

Target (issue #16): daily run over 100,000 tasks < 10 s and >= 10x faster than per record.
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import time as time_module
import types
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table, sql_count  # noqa: E402

CLOSED = ("1_done", "1_canceled")

AUTOMATION_CODE = """
task = record
project = task.project_id
if task.state not in ("1_done", "1_canceled") and task.date_deadline and project.reminder_enabled:
    now = env.context["bench_now"]
    Log = env["project.task.reminder.log"].sudo()
    company = project.company_id or env.company
    calendar = company.resource_calendar_id
    work = calendar._task_mgmt_work_calendar(now.date() - datetime.timedelta(days=240),
                                             now.date() + datetime.timedelta(days=200))
    people = {}
    for user in task.user_ids:
        people[user] = ["before", "overdue"]
    if task.accountable_id:
        kinds = people.setdefault(task.accountable_id, [])
        kinds.extend(["before", "overdue"] if project.reminder_notify_accountable else ["overdue"])
    if project.reminder_escalate and project.user_id:
        people.setdefault(project.user_id, []).append("escalation")
    utc = timezone("UTC")
    for user, kinds in people.items():
        zone = timezone(user.tz or calendar.tz or "UTC")
        today = utc.localize(now).astimezone(zone).date()
        deadline = utc.localize(task.date_deadline).astimezone(zone).date()
        due = []
        if deadline >= today:
            reached = []
            days = project.reminder_before_days
            if days and work.add_working_days(deadline, -days) <= today:
                reached.append(days)
            if project.reminder_on_the_day and deadline <= today:
                reached.append(0)
            if reached:
                due.append(("before", min(reached)))
        else:
            due.append(("overdue", 0))
            late = work.working_days_between(deadline + datetime.timedelta(days=1),
                                             today + datetime.timedelta(days=1))
            if project.reminder_escalate and late >= project.reminder_escalation_days:
                due.append(("escalation", project.reminder_escalation_days))
        for kind, threshold in due:
            if kind not in kinds:
                continue
            if Log.search_count([("task_id", "=", task.id), ("partner_id", "=", user.partner_id.id),
                                 ("kind", "=", kind), ("threshold", "=", threshold),
                                 ("deadline", "=", task.date_deadline)]):
                continue
            Log.create({"task_id": task.id, "project_id": project.id, "company_id": company.id,
                        "partner_id": user.partner_id.id, "user_id": user.id, "kind": kind,
                        "threshold": threshold, "deadline": task.date_deadline, "day": today,
                        "email_state": "skipped" if user.task_mgmt_reminder_email_opt_out else "sent"})
            summary = "Deadline reminder (%s, %s)" % (kind, threshold)
            task.activity_schedule("task_mgmt_advanced.mail_activity_type_deadline_reminder",
                                   date_deadline=deadline if kind == "before" else today,
                                   summary=summary, user_id=user.id)
            if not user.task_mgmt_reminder_email_opt_out:
                task.message_notify(partner_ids=user.partner_id.ids, subject=summary,
                                    body="%s: %s" % (task.name, summary))
"""


def counts(env):
    env.flush_all()
    env.cr.execute("""SELECT (SELECT count(*) FROM project_task_reminder_log),
                             (SELECT count(*) FROM mail_activity WHERE res_model = 'project.task'),
                             (SELECT count(*) FROM mail_mail)""")
    return env.cr.fetchone()


def timed(env, run, repeat, before=None, label="run"):
    """Median seconds of ``run`` over ``repeat`` runs, each from the same state (a savepoint
    rolled back after it; ``before`` runs untimed first).  Returns (median, runs, queries of the
    first run, (log rows, activities, mails) it added)."""
    timings, queries, added = [], None, None
    for _i in range(repeat):
        savepoint = env.cr.savepoint(flush=True)
        try:
            env.invalidate_all()
            if before:
                before()
                env.flush_all()
                env.invalidate_all()
            start_counts, start_q = counts(env), sql_count(env)
            start = time_module.perf_counter()
            run()
            env.flush_all()
            timings.append(time_module.perf_counter() - start)
            print(f"  {label}: {timings[-1]:.2f} s", flush=True)
            if queries is None:
                queries = sql_count(env) - start_q
                added = tuple(b - a for a, b in zip(start_counts, counts(env), strict=True))
        finally:
            savepoint.close(rollback=True)
            env.invalidate_all()
            env.registry.clear_cache()
    return statistics.median(timings), timings, queries, added


def baseline_methods(revision):
    """The ``_task_mgmt_*`` methods of project.task.reminder.log at git revision ``revision``:
    the model file of that revision run as a module of the addon's package (its relative
    imports resolve to the installed addon; its model class is only read, never registered in
    the running registry)."""
    repo = Path(__file__).resolve().parent.parent
    path = "task_mgmt_advanced/models/project_task_reminder_log.py"
    source = subprocess.run(["git", "-C", str(repo), "show", f"{revision}:{path}"],
                            capture_output=True, text=True, check=True).stdout
    package = "odoo.addons.task_mgmt_advanced.models"
    module = types.ModuleType(f"{package}._bench_baseline_{os.getpid()}")
    module.__package__ = package
    exec(compile(source, f"{revision}:{path}", "exec"), module.__dict__)  # noqa: S102 (our own file, from git)
    return {name: value for name, value in vars(module.ProjectTaskReminderLog).items()
            if name.startswith("_task_mgmt") and callable(value)}


@contextlib.contextmanager
def methods_in_place(env, methods):
    """The model's methods replaced by ``methods`` (a dict) inside the block."""
    cls = type(env["project.task.reminder.log"])
    saved = {name: cls.__dict__.get(name) for name in methods}
    try:
        for name, value in methods.items():
            setattr(cls, name, value)
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                delattr(cls, name)
            else:
                setattr(cls, name, value)


def window_task_ids(env, now):
    """The open tasks an automation rule on the deadline would select: the daily run's window
    (from the overdue horizon to the warning threshold, with the time-zone margin)."""
    from odoo.addons.task_mgmt_advanced.models.project_task_reminder_log import (  # noqa: PLC0415
        OVERDUE_HORIZON_DAYS,
    )

    env.cr.execute("""
        SELECT t.id FROM project_task t JOIN project_project p ON p.id = t.project_id
         WHERE p.reminder_enabled AND p.active AND t.active AND t.state NOT IN %s
           AND t.date_deadline >= %s - (%s + 2 * p.reminder_escalation_days) * interval '1 day'
           AND t.date_deadline < %s + (p.reminder_before_days * 7 / 5 + 6) * interval '1 day'
         ORDER BY t.id""", [CLOSED, now.date(), OVERDUE_HORIZON_DAYS, now.date()])
    return [row[0] for row in env.cr.fetchall()]


def daily_runner(env, moment, loop_until_zero=False):
    """The daily run at ``moment``, called as ``ir.cron._run_job`` calls it: a progress record
    per call, no call after one that notified nothing done or nothing left (or, with
    ``loop_until_zero``, until a call returns 0)."""
    Log = env["project.task.reminder.log"]
    cron = env.ref("task_mgmt_advanced.ir_cron_task_reminders")

    def run():
        if loop_until_zero:
            while Log._task_mgmt_cron_reminders(now=moment):
                pass
            return
        while True:
            progress = env["ir.cron.progress"].create({"cron_id": cron.id, "done": 0, "remaining": 0})
            Log.with_context(ir_cron_progress_id=progress.id)._task_mgmt_cron_reminders(now=moment)
            if not progress.done or not progress.remaining:
                return
    return run


def time_daily(env, args, daily, yesterday):
    """(first, steady, second run, {"first"/"steady": the same at --baseline}) of ``timed``."""
    old = {}
    if args.baseline:
        methods = baseline_methods(args.baseline)

        def daily_then():
            with methods_in_place(env, methods):
                daily()

        # each right before the current code's run from the same state (yesterday's run, when
        # there is one, by the current code: the same rows either way)
        old["first"] = timed(env, daily_then, args.repeat, label=f"daily run at {args.baseline}, first")
    first = timed(env, daily, args.repeat, label="daily run, first")
    if args.baseline:
        old["steady"] = timed(env, daily_then, args.repeat, before=yesterday,
                              label=f"daily run at {args.baseline}, steady state")
    steady = timed(env, daily, args.repeat, before=yesterday, label="daily run, steady state")
    again = timed(env, daily, args.repeat, before=daily, label="second run")
    return first, steady, again, old


def time_per_record(env, args, now, window, yesterday):
    """(sample, first, steady) of the automation rule run on a sample of the window."""
    step = max(1, len(window) // args.sample)
    sample = window[::step][:args.sample]
    action = env["ir.actions.server"].create({
        "name": "Bench: deadline reminders, one task at a time",
        "model_id": env["ir.model"]._get_id("project.task"),
        "state": "code",
        "code": AUTOMATION_CODE,
    })

    def per_record():
        run = action.with_context(bench_now=now)
        for task_id in sample:
            run.with_context(active_model="project.task", active_ids=[task_id], active_id=task_id).run()

    slow_repeat = args.slow_repeat or args.repeat
    slow_first = timed(env, per_record, slow_repeat, label="per record, first")
    slow_steady = timed(env, per_record, slow_repeat, before=yesterday, label="per record, steady state")
    return sample, slow_first, slow_steady


def report(args, window, daily_results, slow_results=None):
    first, steady, again, old = daily_results
    rows, runs = [], [("first", first), ("steady", steady), ("second", again)]
    for key, label, ours in (("first", "first run (a month of overdue tasks to chase)", first),
                             ("steady", "a day after the previous run (steady state)", steady)):
        if key in old:
            rows.append((f"{label}: daily run at {args.baseline}", old[key][0], old[key][2], *old[key][3],
                         f"{old[key][0] / ours[0]:.1f}x slower"))
            runs.append((f"{key} at {args.baseline}", old[key]))
        rows.append((f"{label}: daily run, set-based", ours[0], ours[2], *ours[3], "1.0x"))
        if slow_results:
            sample, slow = slow_results[0], slow_results[1 if key == "first" else 2]
            scale = len(window) / max(len(sample), 1)
            rows.append((f"{label}: automation rule on {len(sample):,} tasks", slow[0], slow[2], *slow[3],
                         "" if scale != 1 else f"{slow[0] / ours[0]:.1f}x slower"))
            if scale != 1:
                rows.append((f"{label}: automation rule, extrapolated to {len(window):,}", slow[0] * scale,
                             "", "", "", "", f"{slow[0] * scale / ours[0]:.1f}x slower"))
            runs.append((f"per record {key}", slow))
    rows.append(("second run the same day (nothing left to send)", again[0], again[2], *again[3], ""))
    print()
    print_table(rows, ["deadline reminders", "median s", "queries (1 run)", "log rows", "activities",
                       "mails", "vs daily run"])
    print("runs: " + "; ".join(f"{name} {[round(t, 2) for t in result[1]]}" for name, result in runs), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="remind_gen")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--slow-repeat", type=int, help="runs of the per-record way (default: --repeat)")
    parser.add_argument("--baseline", help="also time the daily run with the reminder log's methods of this git "
                        "revision, side by side")
    parser.add_argument("--skip-per-record", action="store_true", help="leave out the automation rule")
    parser.add_argument("--loop-until-zero", action="store_true",
                        help="call the daily run until it returns 0 (one call more than ir.cron makes)")
    args = parser.parse_args()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        try:
            now = datetime.now().replace(microsecond=0)
            env["project.project"].with_context(active_test=False).search([]).write({
                "reminder_enabled": True, "reminder_before_days": 2, "reminder_on_the_day": True,
                "reminder_notify_accountable": True, "reminder_escalate": True, "reminder_escalation_days": 3,
            })
            env.cr.execute("DELETE FROM project_task_reminder_log")
            env.cr.execute("DELETE FROM mail_activity WHERE activity_type_id = %s",
                           [env.ref("task_mgmt_advanced.mail_activity_type_deadline_reminder").id])
            env.flush_all()
            total = env["project.task"].search_count([])
            window = window_task_ids(env, now)
            print(f"{total:,} tasks; {len(window):,} open tasks in the reminders' window on {now} (UTC)", flush=True)
            daily = daily_runner(env, now, args.loop_until_zero)
            yesterday = daily_runner(env, now - timedelta(days=1), args.loop_until_zero)
            daily_results = time_daily(env, args, daily, yesterday)
            slow_results = None if args.skip_per_record else time_per_record(env, args, now, window, yesterday)
            report(args, window, daily_results, slow_results)
        finally:
            env.cr.rollback()  # leave the benchmark database as generated


if __name__ == "__main__":
    main()
