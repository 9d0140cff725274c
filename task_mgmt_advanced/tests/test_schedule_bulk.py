# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client
from datetime import date, datetime
from unittest.mock import patch

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from ..models.project_task import PROJECT_TASK_FILLFACTOR, SCHEDULE_WRITABLE
from .common import TaskMgmtCase

D = {day: date(2026, 1, day) for day in range(1, 32)}
OLD = datetime(2020, 1, 1, 12, 0, 0)


@tagged("post_install", "-at_install")
class TestScheduleWritePath(TaskMgmtCase):
    """The engine's one write path (``_task_mgmt_write_schedule``): a bulk UPDATE that keeps
    the ORM coherent."""

    def _age(self, tasks):
        """Put an old write date on the tasks (to see which rows a schedule writes)."""
        self.env.flush_all()
        self.env.cr.execute("UPDATE project_task SET write_date = %s WHERE id = ANY(%s)", (OLD, tasks.ids))
        tasks.invalidate_recordset(["write_date"])

    def test_cache_invalidated_and_computed_fields_follow(self):
        """After a cascade the cached dates of the successor are the new ones, and the stored
        'Planned After Deadline' flag that depends on them is recomputed."""
        a = self._task("A", duration_days=2)
        b = self._task("B", duration_days=1, date_deadline="2026-01-08 12:00:00")
        self._link(a, b)
        self.assertEqual(b.planned_end_date, D[7])  # in the cache now
        self.assertFalse(b.is_schedule_late)
        a.duration_days = 5
        self.assertEqual((b.planned_start_date, b.planned_end_date), (D[12], D[12]))
        self.assertTrue(b.is_schedule_late)
        self.assertIn(b, self.env["project.task"].search([("is_schedule_late", "=", True)]))
        link = self.env["project.task.dependency"].search([("successor_id", "=", b.id)])
        self.assertEqual(link.predecessor_planned_end_date, D[9])

    def test_only_moved_rows_written_with_writer_and_date(self):
        """A cascade writes the rows that moved, as the user who caused it (write_uid, a fresh
        write_date); tasks that did not move keep their write date."""
        a = self._task("A", duration_days=2)
        b = self._task("B", duration_days=1)
        c = self._task("C (parallel, longer)", duration_days=10)
        self._link(a, b)
        self._age(a | b | c)
        a.with_user(self.user).write({"duration_days": 3})
        self.assertEqual(b.planned_start_date, D[8])
        self.assertEqual(b.write_uid, self.user)
        self.assertGreater(b.write_date, OLD)
        self.assertEqual(c.write_date, OLD, "C did not move: its row is not written")
        self.assertEqual((c.total_float_days, c.is_critical), (0, True))

    def test_refused_when_a_moved_task_is_not_writable(self):
        """A user who may not write one of the tasks the schedule moves gets an error naming
        it, and nothing of the schedule is written."""
        a = self._task("A", duration_days=1)
        b = self._task("Frozen task", duration_days=1)
        c = self._task("C", duration_days=1)
        self._link(a, b)
        self._link(a, c)
        self.env["ir.rule"].create({
            "name": "test: frozen tasks are read-only (global rule)",
            "model_id": self.env["ir.model"]._get_id("project.task"),
            "domain_force": "[('name', 'not like', 'Frozen')]",
            "perm_read": False, "perm_create": False, "perm_unlink": False, "perm_write": True,
        })
        self.project.schedule_mode = "manual"
        a.write({"duration_days": 4})
        with self.assertRaises(AccessError) as error:
            self.project.with_user(self.user).action_schedule_tasks()
        self.assertIn("Frozen task", str(error.exception))
        self.assertEqual(c.planned_start_date, D[6], "nothing written: C did not move either")
        self.project.action_schedule_tasks()  # the manager may
        self.assertEqual(c.planned_start_date, D[9])

    def test_tracked_fields_are_tracked(self):
        """When a field the path writes is tracked, the task's chatter records the change
        (old and new value), as write() does."""
        Task = self.env["project.task"]
        field = Task._fields["planned_end_date"]
        a = self._task("A", duration_days=1)
        b = self._task("B", duration_days=1)
        self._link(a, b)
        self.env.flush_all()
        # as if the tasks had been created in an earlier transaction (Odoo does not track
        # the records created in the current one)
        self.env.cr.precommit.clear()
        with patch.object(field, "tracking", True, create=True):
            self.env.registry.clear_cache()  # _track_get_fields is cached
            tracking_env = self.env(context={})
            tracking_env["project.task"].browse(a.id).write({"duration_days": 3})
            self.env.flush_all()
            self.env.cr.precommit.run()
        self.env.registry.clear_cache()
        values = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", "project.task"), ("mail_message_id.res_id", "=", b.id),
            ("field_id.name", "=", "planned_end_date"),
        ])
        self.assertEqual(len(values), 1)
        self.assertEqual((values.old_value_datetime.date(), values.new_value_datetime.date()), (D[6], D[8]))

    def test_engine_values_checked_before_write(self):
        """The write path refuses values the task constraints would refuse, naming the task,
        before anything is written."""
        a = self._task("Negative", duration_days=1)
        with self.assertRaisesRegex(UserError, "Negative"):
            self.env["project.task"]._task_mgmt_write_schedule({a.id: (-1,)}, ["duration_days"])
        self.assertEqual(a.duration_days, 1)



    def test_schedule_updates_rows_in_place(self):
        """No index covers a column the path writes, and project_task's pages keep room, so
        PostgreSQL can update the moved rows in place (heap-only tuples) instead of adding
        entries to every index of project_task (benchmarks/bench_schedule_orm.py measures it)."""
        self.env.cr.execute("""
            SELECT a.attname FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
             WHERE i.indrelid = 'project_task'::regclass AND a.attname = ANY(%s)""",
            [[*SCHEDULE_WRITABLE, "is_schedule_late", "write_uid", "write_date"]])
        self.assertEqual(self.env.cr.fetchall(), [], "an index on a column the scheduler writes")
        self.env.cr.execute("SELECT reloptions FROM pg_class WHERE oid = 'project_task'::regclass")
        self.assertIn(f"fillfactor={PROJECT_TASK_FILLFACTOR}", self.env.cr.fetchone()[0])


@tagged("post_install", "-at_install")
class TestScheduleLock(TaskMgmtCase):
    def test_second_schedule_refused_while_project_locked(self):
        """While another transaction reschedules a project (its row locked), a schedule of the
        same project is refused at once with a 'being rescheduled' message; it runs after."""
        project = self.env.ref("project.project_project_1")
        with self.registry.cursor() as other:
            other.execute("SELECT id FROM project_project WHERE id = %s FOR NO KEY UPDATE", [project.id])
            with self.assertRaisesRegex(UserError, "being rescheduled"):
                project._task_mgmt_schedule()
            other.rollback()
        project._task_mgmt_schedule()  # the lock is gone: it runs


@tagged("post_install", "-at_install")
class TestCreateWithoutReschedule(TaskMgmtCase):
    def _chain(self, count, kind="fs"):
        tasks = self.env["project.task"].create([
            {"name": f"T{i}", "project_id": self.project.id, "duration_days": 1 + i % 3} for i in range(count)
        ])
        self.env["project.task.dependency"].create([
            {"predecessor_id": p.id, "successor_id": s.id, "dependency_type": kind, "lag_days": 1}
            if kind != "fs" else {"predecessor_id": p.id, "successor_id": s.id}
            for p, s in zip(tasks, tasks[1:], strict=False)
        ])
        return tasks

    def _create_queries(self, count=1):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        tasks = self.env["project.task"].create([
            {"name": f"New {i}", "project_id": self.project.id, "duration_days": 2} for i in range(count)
        ])
        self.env.flush_all()
        return tasks, self.env.cr.sql_log_count - before

    def test_new_task_placed_like_a_full_schedule(self):
        """A new task without links gets the dates and floats a full schedule gives it,
        without the project being rescheduled (an existing stale value stays as it is)."""
        chain = self._chain(5)  # 1+2+3+1+2 = 9 working days: ends Thu 15 (finish index 9)
        self.env.cr.execute("UPDATE project_task SET free_float_days = 99 WHERE id = %s", [chain[0].id])
        chain.invalidate_recordset()
        new, _queries = self._create_queries()
        self.assertEqual(chain[0].free_float_days, 99, "the project was not rescheduled")
        placed = [new[fname] for fname in ("planned_start_date", "planned_end_date", "late_start_date",
                                           "late_end_date", "total_float_days", "free_float_days", "is_critical")]
        self.assertEqual(placed, [D[5], D[6], D[14], D[15], 7, 7, False])  # ls = 9 - 2
        self.project.action_schedule_tasks()
        self.assertEqual(chain[0].free_float_days, 0)
        self.assertEqual([new[f] for f in ("planned_start_date", "late_start_date", "total_float_days")],
                         [D[5], D[14], 7])

    def test_creation_cost_does_not_grow_with_the_project(self):
        """Creating one task, or a batch of 20, costs the same number of queries in a project
        of 5 tasks and in one of 150."""
        self._chain(5)
        self._create_queries(2)  # warm the caches
        _tasks, small = self._create_queries()
        _tasks, small_batch = self._create_queries(20)
        self._chain(145, kind="ss")  # (a long finish-to-start chain recurses in Odoo's native 'waiting' state)
        _tasks, big = self._create_queries()
        _tasks, big_batch = self._create_queries(20)
        self.assertEqual(small, big)
        self.assertEqual(small_batch, big_batch)

    def test_import_places_tasks_in_one_pass(self):
        """Tasks imported with ``load`` are placed once for the whole file, not once per task."""
        self._chain(5)
        Project = type(self.env["project.project"])
        with patch.object(Project, "_task_mgmt_place_unlinked", autospec=True,
                          side_effect=Project._task_mgmt_place_unlinked) as place, \
                patch.object(Project, "_task_mgmt_schedule", autospec=True,
                             side_effect=Project._task_mgmt_schedule) as schedule:
            result = self.env["project.task"].load(
                ["name", "project_id/.id", "duration_days"],
                [[f"Imported {i}", str(self.project.id), "2"] for i in range(30)],
            )
        self.assertFalse(result["messages"])
        self.assertEqual(place.call_count, 1)
        self.assertFalse([call for call in schedule.call_args_list if call.args[0]],
                         "the tasks fit before the project's finish: the project is not rescheduled")
        imported = self.env["project.task"].browse(result["ids"])
        self.assertEqual(set(imported.mapped("planned_start_date")), {D[5]})

    def test_new_task_past_the_finish_reschedules_project(self):
        """A new task that ends after the project's finish changes every float: the project
        is scheduled in full."""
        chain = self._chain(3)  # 1+2+3 working days: finish index 6
        self.assertEqual(chain[0].total_float_days, 0)
        new = self._task("Long", duration_days=10)
        self.assertTrue(new.is_critical)
        self.assertEqual(chain[0].total_float_days, 4)


@tagged("post_install", "-at_install")
class TestNightlyReplan(TaskMgmtCase):
    def test_holiday_outdates_and_cron_replans(self):
        """A public holiday added to the calendar flags the automatic project; the nightly
        re-plan moves its tasks and clears the flag."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        self._link(a, b)
        self.assertEqual(b.planned_start_date, D[8])
        self.assertFalse(self.project.schedule_outdated)
        self._holiday(D[6])
        self.assertTrue(self.project.schedule_outdated)
        self.assertEqual(b.planned_start_date, D[8], "nothing moves before the re-plan")
        with patch.object(type(self.env["ir.cron"]), "_notify_progress", autospec=True) as progress:
            while self.env["project.project"]._task_mgmt_cron_replan(batch_size=1):
                pass
        self.assertTrue(progress.called)
        self.assertEqual(b.planned_start_date, D[9])
        self.assertFalse(self.project.schedule_outdated)


@tagged("post_install", "-at_install")
class TestForgedSchedulingKey(HttpCase):
    """The old scheduler context key, sent by an XML-RPC client, changes nothing."""

    def test_forged_key_over_xmlrpc(self):
        """As a plain project user over XML-RPC, ``task_mgmt_scheduling: True`` neither lets a
        blocked task start nor stops the cascade of a duration change."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        user = new_test_user(env, "tm_rpc_sched", groups="project.group_project_user", name="RPC Planner")
        stages = env["project.task.type"].create([{"name": "RPC To Do", "sequence": 1},
                                                  {"name": "RPC Doing", "sequence": 2}])
        project = env["project.project"].create({
            "name": "RPC forged key", "date_start": D[5], "allow_task_dependencies": True,
            "type_ids": [(6, 0, stages.ids)], "privacy_visibility": "employees", "dependency_enforcement": "block",
        })
        a, b = env["project.task"].create([
            {"name": name, "project_id": project.id, "stage_id": stages[0].id, "duration_days": 2}
            for name in ("RPC design", "RPC build")
        ])
        env["project.task.dependency"].create({"predecessor_id": a.id, "successor_id": b.id})
        self.assertEqual(b.planned_start_date, D[7])
        url = f"http://127.0.0.1:{odoo.tools.config['http_port']}/xmlrpc/2/"
        uid = xmlrpc.client.ServerProxy(url + "common").authenticate(self.env.cr.dbname, user.login, user.login, {})
        models = xmlrpc.client.ServerProxy(url + "object", allow_none=True)
        forged = {"context": {"task_mgmt_scheduling": True}}

        def call(method, ids, vals):
            return models.execute_kw(self.env.cr.dbname, uid, user.login, "project.task", method, [ids, vals], forged)

        with self.assertRaises(xmlrpc.client.Fault) as error:
            call("write", [b.id], {"stage_id": stages[1].id})
        self.assertIn("RPC design", error.exception.faultString)
        call("write", [a.id], {"duration_days": 4})
        env.invalidate_all()
        self.assertEqual(b.stage_id, stages[0])
        self.assertEqual((b.planned_start_date, b.write_uid), (D[9], user))
