#!/usr/bin/env python3
"""Delivery KPIs of all projects, a burndown and a baseline save: the SQL view and the set-based
methods against an ORM loop over the records computing the same KPIs, in the same run.

    python3 benchmarks/bench_kpi.py [--database kpi_gen] [--repeat 5]

Run on a generated database (``benchmarks/generate_data.py --tasks N --database kpi_gen``).
Everything runs in one transaction rolled back at the end.

* **all KPIs, all projects, per month** (``project.task.report.kpi.get_kpis``): one
  ``_read_group`` over the SQL view grouped by month and project, the rates computed by
  ``engine/kpi.py`` from the group sums.
* **ORM loop**: what a script on the ORM would do — for every project, browse its tasks, read each
  task's dates, hours, rating and rework through the record (Odoo's prefetching applies), and
  compute the same sums with ``engine.kpi.kpi_sums`` for every month. Both results are compared.
* **the other KPIs**: by department (``get_kpis`` grouped by ``department_ids``), utilisation of
  every employee per month (``task_mgmt.resource.load.get_utilisation``), approval lead time per
  level and month and priority escalations per rule and month (``_read_group`` of their SQL
  views). When the database has no decided approval level or no logged priority raise, one task
  in ``--synthetic-every`` gets a two-level approval request and a logged raise (inserted in the
  transaction, rolled back), so that the views have rows to read.
* **utilisation report** (``task_mgmt.report.utilisation``, issue #15): the first fill of the stored
  capacity (``task_mgmt.capacity.day._refresh`` on empty tables: every active employee from the
  earliest project timesheet to today), a refresh when nothing changed, and the pivot's
  ``_read_group`` per month and employee of every employee as a project administrator, compared
  with ``get_utilisation`` over the same months (up to today). ``--utilisation-only`` runs only
  these rows.
* **burndown of one project** (``project.project.get_burndown``, hours) and **Save Baseline**
  (``action_save_baseline``: one INSERT ... SELECT), first on the largest generated project, then
  on one project of ``--project-tasks`` tasks (default 5,000: tasks of other projects moved into
  the largest one inside the transaction).

On the 100,000-task database (``TASK_MGMT_DB_HOST=127.0.0.1 TASK_MGMT_DB_PORT=5433``)::

    python3 benchmarks/bench_kpi.py --database kpi3_100k --repeat 5 --loop-repeat 1

Targets (issue 15): all KPIs for all projects < 3 s and >= 10x faster than the ORM loop; burndown of
a 5,000-task project < 0.5 s; baseline of a 5,000-task project < 2 s.
"""

import argparse
import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import bench_database, odoo_env, print_table  # noqa: E402
from bench_roi import timed  # noqa: E402 (the same median timer and query counter)


def months(first, last):
    """First and last day of every month from ``first``'s to ``last``'s."""
    from odoo.addons.task_mgmt_reports.engine.kpi import period_bounds  # noqa: PLC0415

    day = first.replace(day=1)
    while day <= last:
        start, end = period_bounds(day, "month")
        yield start, end
        day = end + timedelta(days=1)


def orm_loop(env, date_from, date_to, today):
    """The same KPI sums per (month, project), reading every task through the ORM."""
    from odoo.addons.task_mgmt_reports.engine.kpi import TaskFact, kpi_sums  # noqa: PLC0415

    result = {}
    Task = env["project.task"]
    for project in env["project.project"].with_context(active_test=False).search([]):
        facts = []
        # (project.task_ids holds only open tasks in Odoo 18: search them all)
        for task in Task.search([("project_id", "=", project.id)]):
            facts.append(TaskFact(
                created=task.create_date.date(),
                planned_end=task.planned_end_date or None,
                deadline=task.date_deadline.date() if task.date_deadline else None,
                assigned=task.date_assign.date() if task.date_assign else None,
                done=task.kpi_done_date.date() if task.kpi_done_date else None,
                cancelled=task.state == "1_canceled",
                allocated_hours=max((task.allocated_hours or 0.0)
                                    - sum(child.allocated_hours for child in task.with_context(
                                        active_test=True).child_ids), 0.0),
                effective_hours=task.effective_hours or 0.0,
                rating=task.quality_rating or 0,
                rework=task.kpi_rework_count or 0,
            ))
        for start, end in months(date_from, date_to):
            sums = kpi_sums(facts, start, end, today)
            # the snapshot of open tasks belongs to the month of today only (as in the view)
            if not start <= today <= end:
                sums["open_count"] = sums["overdue_count"] = 0
            if any(sums.values()):
                result[(start, project.id)] = sums
    return result


def other_kpis(env, date_from, date_to):
    """(label, function) of the KPIs outside the task lines, for every project and employee."""
    admin = env.ref("base.user_admin")  # a project administrator: utilisation of everyone
    start, end = str(date_from), str(date_to)
    Approval, Escalation = env["project.task.report.approval"], env["project.task.report.escalation"]
    return [
        ("KPIs by department, per month (SQL view, _read_group)",
         lambda: env["project.task.report.kpi"].get_kpis("month", start, end, "department_ids")),
        ("utilisation of every employee, per month (capacity from calendars and time off)",
         lambda: env["task_mgmt.resource.load"].with_user(admin).get_utilisation("month", start, end)),
        ("approval lead time per level and month (SQL view, _read_group)",
         lambda: Approval._read_group([], ["level_id", "date:month"],
                                      ["decided_count:sum", "avg_lead_hours:sum", "avg_lead_days:sum"])),
        ("priority escalations per rule and month (SQL view, _read_group)",
         lambda: Escalation._read_group([], ["rule_id", "date:month"], ["escalation_count:sum"])),
    ]


def utilisation_report(env, date_from, today, repeat):
    """Rows of the utilisation report's benchmark: first fill, steady refresh, pivot per month and
    employee, and the differences with get_utilisation on the same months."""
    from odoo.sql_db import db_connect  # noqa: PLC0415

    admin = env.ref("base.user_admin")
    Capacity = env["task_mgmt.capacity.day"]
    # the rows of earlier (rolled back) runs are dead tuples until vacuumed: every run starts clean
    with db_connect(env.cr.dbname).cursor() as maintenance:
        maintenance._cnx.autocommit = True
        maintenance.execute("VACUUM task_mgmt_capacity_day, task_mgmt_capacity_state")

    def first_fill():
        env.cr.execute("SAVEPOINT bench_fill")
        env.cr.execute("DELETE FROM task_mgmt_capacity_state")
        env.cr.execute("DELETE FROM task_mgmt_capacity_day")
        count = Capacity._refresh()
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_fill")  # each fill starts from the same tables
        return count

    rows = []
    t_fill, q_fill, employees = timed(env, first_fill, repeat)
    Capacity._refresh()
    env.cr.execute("SELECT count(*), min(date), max(date) FROM task_mgmt_capacity_day")
    days, first, last = env.cr.fetchone()
    rows.append(("utilisation report: first fill of the stored capacity", f"{t_fill:.3f}", q_fill,
                 f"{employees} employees, {days} employee-days, {first} - {last}"))
    t_steady, q_steady, _ = timed(env, Capacity._refresh, repeat)
    rows.append(("utilisation report: refresh when nothing changed (opening the report)", f"{t_steady:.3f}",
                 q_steady, "fingerprints of every employee compared"))
    Report = env["task_mgmt.report.utilisation"].with_user(admin)
    domain = [("date", ">=", date_from), ("date", "<=", today)]
    measures = ["hours:sum", "capacity_hours:sum", "utilisation:sum"]
    t_pivot, q_pivot, groups = timed(
        env, lambda: Report._read_group(domain, ["date:month", "employee_id"], measures), repeat)
    t_total, q_total, _ = timed(env, lambda: Report._read_group(domain, ["date:month"], measures), repeat)
    t_rpc, q_rpc, expected = timed(env, lambda: env["task_mgmt.resource.load"].with_user(admin).get_utilisation(
        "month", str(date_from), str(today)), repeat)
    got = {(start.isoformat(), employee.id): (hours, capacity) for start, employee, hours, capacity, _u in groups}
    differing = [row for row in expected
                 if abs(got.get((row["period"], row["group"][0]), (0.0, 0.0))[0] - row["hours"]) > 0.01
                 or abs(got.get((row["period"], row["group"][0]), (0.0, 0.0))[1] - row["capacity"]) > 0.01]
    rows.append(("utilisation report: pivot per month and employee, every employee (_read_group)",
                 f"{t_pivot:.3f}", q_pivot,
                 f"{len(groups)} cells; get_utilisation: {len(expected)} rows, {len(differing)} differing"))
    rows.append(("utilisation report: per month, all employees together (_read_group)", f"{t_total:.3f}", q_total,
                 ""))
    rows.append(("same months by get_utilisation (capacity computed on the fly)", f"{t_rpc:.3f}", q_rpc,
                 f"{len(expected)} rows"))
    return rows


def view_way(env, date_from, date_to):
    rows = env["project.task.report.kpi"].get_kpis("month", str(date_from), str(date_to), "project_id")
    return {(date.fromisoformat(row["period"]), row["group"][0]): row["sums"] for row in rows}


def synthetic_approvals_and_raises(env, every):
    """One task in ``every`` gets a decided two-level approval request (level 1 decided after
    3 to 50 hours, level 2 after 1 to 120 hours) and a logged priority raise by two rules, when
    the database has none: plain INSERTs in the benchmark's transaction (rolled back)."""
    from odoo.fields import Command  # noqa: PLC0415

    added = {}
    cr = env.cr
    cr.execute("SELECT count(*) FROM project_task_approval_step WHERE state IN ('approved', 'rejected')")
    if not cr.fetchone()[0]:
        admin = env.ref("base.user_admin")
        rule = env["project.task.approval.rule"].create({
            "name": "Bench sign-off", "transition": "done", "level_ids": [
                Command.create({"sequence": seq, "name": name, "approver_type": "users",
                                "approver_user_ids": [Command.set(admin.ids)]})
                for seq, name in ((1, "Lead"), (2, "Board"))]})
        env.flush_all()
        lead, board = rule.level_ids.sorted("sequence")
        cr.execute("""
            INSERT INTO project_task_approval_request (task_id, project_id, company_id, rule_id, transition, state,
                                                       request_date, done_date, create_uid, write_uid,
                                                       create_date, write_date)
            SELECT t.id, t.project_id, t.company_id, %s, 'done', 'approved',
                   t.create_date, t.create_date + interval '1 hour' * (4 + t.id %% 47 + t.id %% 113), 1, 1,
                   now(), now()
              FROM project_task t WHERE t.project_id IS NOT NULL AND t.id %% %s = 0""", [rule.id, every])
        cr.execute("""
            INSERT INTO project_task_approval_step (request_id, task_id, project_id, company_id, level_id, name,
                                                    sequence, mode, state, activated_on, done_date, create_uid,
                                                    write_uid, create_date, write_date)
            SELECT r.id, r.task_id, r.project_id, r.company_id, l.level_id, l.name, l.seq, 'any',
                   CASE WHEN l.seq = 2 AND r.id %% 9 = 0 THEN 'rejected' ELSE 'approved' END,
                   CASE WHEN l.seq = 1 THEN r.request_date
                        ELSE r.request_date + interval '1 hour' * (3 + r.task_id %% 47) END,
                   CASE WHEN l.seq = 1 THEN r.request_date + interval '1 hour' * (3 + r.task_id %% 47)
                        ELSE r.done_date END, 1, 1, now(), now()
              FROM project_task_approval_request r
             CROSS JOIN (VALUES (1, %s, 'Lead'), (2, %s, 'Board')) l(seq, level_id, name)
             WHERE r.rule_id = %s""", [lead.id, board.id, rule.id])
        added["decided approval levels (synthetic)"] = cr.rowcount
    cr.execute("SELECT count(*) FROM mail_message WHERE model = 'project.task' AND task_mgmt_log IS NOT NULL")
    if not cr.fetchone()[0]:
        cr.execute("SELECT id, name->>'en_US' FROM project_task_priority_rule ORDER BY id LIMIT 2")
        rules = cr.fetchall() or [(0, "Rule A"), (0, "Rule B")]
        cr.execute("""
            INSERT INTO mail_message (model, res_id, message_type, date, body, task_mgmt_log, create_uid,
                                      write_uid, create_date, write_date)
            SELECT 'project.task', t.id, 'notification', t.create_date + interval '1 day', '',
                   jsonb_build_object('lines', jsonb_build_array(jsonb_build_object(
                       'code', 'priority_rules', 'old', '1', 'new', CASE WHEN t.id / %s %% 5 = 0 THEN '0' ELSE '3' END,
                       'rules', CASE WHEN t.id / %s %% 2 = 0 THEN %s::jsonb ELSE %s::jsonb END))), 1, 1, now(), now()
              FROM project_task t WHERE t.project_id IS NOT NULL AND t.id %% %s = 1""",
                   [every, every, json.dumps([list(rules[0])]), json.dumps([list(rule) for rule in rules]), every])
        added["logged priority changes (synthetic)"] = cr.rowcount
    env.invalidate_all()
    return added


def project_of(env, project, size):
    """Make ``project`` hold exactly ``size`` tasks (moving tasks from or to other projects, in
    the transaction); returns its task count."""
    cr = env.cr
    env["project.task"].flush_model()
    cr.execute("SELECT count(*) FROM project_task WHERE project_id = %s", [project.id])
    missing = size - cr.fetchone()[0]
    if missing > 0:
        cr.execute("""UPDATE project_task SET project_id = %s WHERE id IN (
                          SELECT id FROM project_task WHERE project_id IS NOT NULL AND project_id != %s
                           ORDER BY id LIMIT %s)""", [project.id, project.id, missing])
    elif missing < 0:
        cr.execute("SELECT id FROM project_project WHERE id != %s ORDER BY id LIMIT 1", [project.id])
        other = cr.fetchone()[0]
        cr.execute("""UPDATE project_task SET project_id = %s WHERE id IN (
                          SELECT id FROM project_task WHERE project_id = %s ORDER BY id DESC LIMIT %s)""",
                   [other, project.id, -missing])
    env.invalidate_all()
    cr.execute("SELECT count(*) FROM project_task WHERE project_id = %s", [project.id])
    return cr.fetchone()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="kpi_gen")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loop-repeat", type=int, default=None,
                        help="runs of the ORM loop (default: half of --repeat; 1 on 100,000 tasks)")
    parser.add_argument("--project-tasks", type=int, default=5000,
                        help="size of the project of the burndown and baseline rows (default 5,000)")
    parser.add_argument("--synthetic-every", type=int, default=10)
    parser.add_argument("--utilisation-only", action="store_true", help="only the utilisation report's rows")
    args = parser.parse_args()
    started = time.perf_counter()
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        from odoo import fields  # noqa: PLC0415

        today = fields.Date.context_today(env["project.project"])
        date_to = today.replace(day=1) + timedelta(days=62)
        date_from = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
        date_to = date_to.replace(day=1) - timedelta(days=1)
        if args.utilisation_only:
            before = os.getloadavg()
            rows = utilisation_report(env, date_from, today, args.repeat)
            print_table(rows, ["what", "median s", "queries", "notes"])
            print(f"load average before {before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
            env.cr.rollback()
            return
        Task = env["project.task"].with_context(active_test=False)
        counts = {
            "tasks": Task.search_count([]),
            "done tasks": Task.search_count([("state", "=", "1_done")]),
            "projects": env["project.project"].search_count([]),
            "KPI lines (view)": env["project.task.report.kpi"].search_count([]),
        }
        counts.update(synthetic_approvals_and_raises(env, args.synthetic_every))
        counts["decided approval levels (view)"] = env["project.task.report.approval"].search_count([])
        counts["priority raises by rule (view)"] = env["project.task.report.escalation"].search_count([])
        print_table(sorted(counts.items()), ["data", "rows"])
        print(f"period: {date_from} - {date_to} (months), today {today}")
        rows = []
        t_view, q_view, view = timed(env, lambda: view_way(env, date_from, date_to), args.repeat)
        loop_repeat = args.loop_repeat or max(1, args.repeat // 2)
        t_loop, q_loop, loop = timed(env, lambda: orm_loop(env, date_from, date_to, today), loop_repeat)
        mismatches = [key for key in set(view) | set(loop)
                      if {k: round(v, 6) for k, v in view.get(key, {}).items() if v}
                      != {k: round(float(v), 6) for k, v in loop.get(key, {}).items() if v}]
        rows.append(("all KPIs, all projects, per month (SQL view, _read_group)", f"{t_view:.3f}", q_view,
                     f"{len(view)} project-months"))
        rows.append(("same KPIs by an ORM loop over every task", f"{t_loop:.3f}", q_loop,
                     f"{t_loop / t_view:.1f}x the view; {len(mismatches)} differing project-months"))

        others = []
        for label, fn in other_kpis(env, date_from, date_to):
            t_other, q_other, result = timed(env, fn, args.repeat)
            if not label.startswith("KPIs by department"):  # a second grouping of the same KPIs
                others.append(t_other)
            rows.append((label, f"{t_other:.3f}", q_other, f"{len(result)} rows"))
        rows.append(("every KPI, all projects per month: task KPIs, utilisation, approvals, escalations "
                     "(sum of the medians)", f"{t_view + sum(others):.3f}", "",
                     f"target < 3 s; ORM loop of the task KPIs alone {t_loop / (t_view + sum(others)):.1f}x"))

        rows.extend(utilisation_report(env, date_from, today, args.repeat))

        Project = env["project.project"]
        sizes = dict(Task._read_group([("project_id", "!=", False)], ["project_id"], ["__count"]))
        largest = max(sizes, key=sizes.get)

        def bench_project(project, label):
            t_burn, q_burn, series = timed(env, lambda: project.get_burndown("hours"), args.repeat)
            rows.append((f"burndown in hours, {label}", f"{t_burn:.3f}", q_burn, f"{len(series['days'])} days"))
            t_base, q_base, _ = timed(env, project.action_save_baseline, args.repeat)
            rows.append((f"Save Baseline, {label}", f"{t_base:.3f}", q_base,
                         f"{project.current_baseline_id.task_count} tasks saved"))

        bench_project(largest, f"largest project ({sizes[largest]} tasks)")
        # a project of --project-tasks tasks (rolled back at the end)
        sized = Project.browse(largest.id)
        bench_project(sized, f"one project of {project_of(env, sized, args.project_tasks)} tasks")
        print_table(rows, ["what", "median s", "queries", "notes"])
        print(f"benchmark runtime {time.perf_counter() - started:.0f} s")
        env.cr.rollback()


if __name__ == "__main__":
    main()
