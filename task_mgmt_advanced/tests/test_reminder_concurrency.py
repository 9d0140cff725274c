# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic reminders in real transactions: two runs of the scheduled action at once (two
cursors, committed data), and a run whose worker dies after its first batch.  Everything the
tests commit is removed at the end of each test.  The runs happen in January 2031 (Wednesday
8; the deadlines Thursday 9), far from the demo data's deadlines."""
import threading
import time
import uuid
from datetime import datetime

import psycopg2.errors

from odoo import api
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger

NOW = datetime(2031, 1, 8, 12, 0)
DEADLINE = datetime(2031, 1, 9, 12, 0)


@tagged("post_install", "-at_install")
class TestReminderConcurrency(TransactionCase):
    """Two cursors of the registry, each its own transaction, as two cron workers (or a
    scheduled run and a "Run Manually") have."""

    def setUp(self):
        super().setUp()
        suffix = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            users = [new_test_user(env, f"tm_rem_conc_{name}_{suffix}", groups="project.group_project_user",
                                   name=f"{name} {suffix}", tz="UTC", email=f"{name}.{suffix}@example.com")
                     for name in ("ann", "ben")]
            project = env["project.project"].create({
                "name": f"Reminders concurrency {suffix}", "privacy_visibility": "employees", "user_id": False,
                "reminder_notify_accountable": False, "reminder_escalate": False,
            })
            tasks = env["project.task"].create([{
                "name": f"Contested {index} {suffix}", "project_id": project.id, "date_deadline": DEADLINE,
                "user_ids": [Command.set([users[index % 2].id])],
            } for index in range(5)])
            self.ids = {"users": [u.id for u in users], "partners": [u.partner_id.id for u in users],
                        "project": project.id, "tasks": tasks.ids}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["mail.mail"].search([("recipient_ids", "in", self.ids["partners"])]).unlink()
            # the reminder rows go with their tasks (ondelete cascade), the activities with mail.thread's unlink
            env["project.task"].browse(self.ids["tasks"]).unlink()
            env["project.project"].browse(self.ids["project"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()

    @staticmethod
    def _call(cr, batch_size=None):
        """One call of the scheduled action in the transaction of ``cr`` (what ir.cron does
        between two commits)."""
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        return env["project.task.reminder.log"]._task_mgmt_cron_reminders(batch_size=batch_size, now=NOW)

    def _run_to_the_end(self):
        """The scheduled action until nothing is left, committing after each call (ir.cron)."""
        calls = 0
        with self.registry.cursor() as cr:
            while self._call(cr):
                cr.commit()  # pylint: disable=invalid-commit
                calls += 1
                self.assertLess(calls, 100)
            cr.commit()  # pylint: disable=invalid-commit

    def _state(self):
        """(reminder rows by (task, person, kind, threshold), activities by (task, user), digests by person)."""
        with self.registry.cursor() as cr:
            cr.execute("""SELECT task_id, partner_id, kind, threshold, count(*) FROM project_task_reminder_log
                           WHERE task_id = ANY(%s) GROUP BY 1, 2, 3, 4""", [self.ids["tasks"]])
            logs = {tuple(row[:4]): row[4] for row in cr.fetchall()}
            cr.execute("""SELECT res_id, user_id, count(*) FROM mail_activity
                           WHERE res_model = 'project.task' AND res_id = ANY(%s) GROUP BY 1, 2""",
                       [self.ids["tasks"]])
            activities = {tuple(row[:2]): row[2] for row in cr.fetchall()}
            cr.execute("""SELECT r.res_partner_id, count(*) FROM mail_mail m
                            JOIN mail_mail_res_partner_rel r ON r.mail_mail_id = m.id
                            JOIN mail_message msg ON msg.id = m.mail_message_id
                           WHERE r.res_partner_id = ANY(%s) AND msg.subject ILIKE '%%task reminders%%'
                           GROUP BY 1""", [self.ids["partners"]])
            digests = dict(cr.fetchall())
        return logs, activities, digests

    def _assert_each_once(self):
        logs, activities, digests = self._state()
        tasks, (ann, ben), (ann_partner, ben_partner) = self.ids["tasks"], self.ids["users"], self.ids["partners"]
        self.assertEqual(logs, {(task, (ann_partner, ben_partner)[index % 2], "before", 2): 1
                                for index, task in enumerate(tasks)})
        self.assertEqual(activities, {(task, (ann, ben)[index % 2]): 1 for index, task in enumerate(tasks)})
        self.assertEqual(digests, {ann_partner: 1, ben_partner: 1})

    def _wait_for_lock(self, pid, thread):
        """Wait until the backend ``pid`` waits on a lock; False if it never did (thread ended)."""
        with self.registry.cursor() as cr:
            for _attempt in range(200):
                cr.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
                if (cr.fetchone() or [None])[0] == "Lock":
                    return True
                if not thread.is_alive():
                    return False
                cr.rollback()
                time.sleep(0.05)
        return False

    @mute_logger("odoo.sql_db")
    def test_two_runs_at_once_warn_once(self):
        """Run 1 records the reminders (not committed yet); run 2, started meanwhile on the same
        reminders, waits on the log's unique rows, and once run 1 commits it records nothing (its
        snapshot predates run 1's rows: PostgreSQL refuses it, it rolls back as a failed cron job
        does, and its next call finds nothing due).  The digests: run 2 skips the rows run 1 is
        mailing (SKIP LOCKED).  Each task, person and threshold: one row, one activity; one digest
        per person."""
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        outcome = {}

        def second_run():
            try:
                outcome["recorded"] = self._call(cr2)
            except psycopg2.errors.SerializationFailure as error:
                outcome["refused"] = error
            except Exception as error:  # noqa: BLE001 (reported to the test thread)
                outcome["error"] = repr(error)

        try:
            self.assertEqual(self._call(cr1), 5, "run 1 records the five reminders")
            cr1.flush()
            thread = threading.Thread(target=second_run)
            thread.start()
            waited = self._wait_for_lock(cr2._cnx.get_backend_pid(), thread)
            self.assertTrue(waited, f"run 2 did not wait for run 1's reminder rows: {outcome}")
            cr1.commit()  # pylint: disable=invalid-commit
            thread.join(timeout=30)
            self.assertFalse(thread.is_alive())
            # Odoo's cursors are REPEATABLE READ: run 2 may not skip rows its snapshot cannot see
            self.assertEqual(list(outcome), ["refused"], outcome)
            cr2.rollback()  # the refused call is rolled back, as ir.cron does with a failed job
            # the digests: run 1 writes them and holds its rows; run 2 finds nothing to record and
            # skips the locked rows without waiting
            self.assertEqual(self._call(cr1), 2, "one digest per person")
            cr1.flush()
            started = time.perf_counter()
            self.assertEqual(self._call(cr2), 0)
            self.assertLess(time.perf_counter() - started, 10, "run 2 did not wait for run 1's digests")
            cr2.commit()  # pylint: disable=invalid-commit
            cr1.commit()  # pylint: disable=invalid-commit
        finally:
            cr1.close()
            cr2.close()
        self._run_to_the_end()
        self._assert_each_once()

    @mute_logger("odoo.sql_db")
    def test_two_runs_racing_in_threads(self):
        """Two cron workers run the scheduled action to the end at the same moment, in two threads
        retrying a refused call as ir.cron's next run does: each reminder is recorded, notified and
        mailed once."""
        barrier = threading.Barrier(2)
        errors = []

        def run():
            try:
                for attempt in range(20):
                    with self.registry.cursor() as cr:
                        try:
                            if attempt == 0:
                                barrier.wait(timeout=10)
                            while self._call(cr, batch_size=2):
                                cr.commit()  # pylint: disable=invalid-commit
                            cr.commit()  # pylint: disable=invalid-commit
                            return
                        except psycopg2.errors.SerializationFailure:
                            cr.rollback()
                errors.append("no end after 20 attempts")
            except Exception as error:  # noqa: BLE001 (reported to the test thread)
                errors.append(repr(error))

        threads = [threading.Thread(target=run) for _index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(errors, [])
        self._assert_each_once()

    def test_worker_killed_after_first_batch(self):
        """A worker commits the first batch (two reminders), then dies in the second (its
        transaction is never committed); the next run resumes: the three others are recorded,
        nothing is sent twice, one digest per person lists everything."""
        cr = self.registry.cursor()
        try:
            self.assertEqual(self._call(cr, batch_size=2), 2)
            cr.commit()  # pylint: disable=invalid-commit
            self.assertEqual(self._call(cr, batch_size=2), 2)
            cr.flush()
        finally:
            cr.close()  # the worker dies here: its connection closes without a commit
        logs, activities, digests = self._state()
        self.assertEqual((len(logs), len(activities), digests), (2, 2, {}))
        self._run_to_the_end()
        self._assert_each_once()
