# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.task_mgmt_advanced.tests.common import activate_chinese

from ..engine.digest import digest_week
from .kpi_common import KpiCase

MONDAY = date(2027, 3, 8)


@tagged("post_install", "-at_install")
@freeze_time("2027-03-08 08:00:00")
class TestWeeklyDigest(KpiCase):
    """Monday March 8th 2027, 08:00 UTC. The project (digest on, managed by Mia) has a task done last
    week, an overdue task and a slipped one whose Accountable is Ann (Chinese, Shanghai), and a task
    waiting for approval; the followers-only project (digest on, Mia) has an overdue task; Ugo is
    Accountable only in a project without the digest and of a done task."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_chinese(cls.env)
        cls.env["ir.module.module"]._load_module_terms(["task_mgmt_reports"], ["zh_CN"], overwrite=True)
        cls.ann.partner_id.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.manager.partner_id.write({"lang": "en_US", "tz": "Europe/Paris"})
        (cls.project | cls.secret).write({"digest_enabled": True, "user_id": cls.manager.id})
        cls.quiet = cls.env["project.project"].create({"name": "Quiet (no digest)", "user_id": cls.user.id})
        cls._task("Quiet task", project=cls.quiet, accountable_id=cls.user.id)
        cls.done = cls._task("Shipped last week", accountable_id=cls.user.id, planned_end_date=date(2027, 3, 5),
                             allocated_hours=4)
        cls.done.state = "1_done"
        cls._set_dates(cls.done, kpi_done_date=datetime(2027, 3, 4, 15, 0), date_assign=datetime(2027, 3, 1, 9, 0))
        cls.late = cls._task("Late report", accountable_id=cls.ann.id, date_deadline=datetime(2027, 3, 5, 10, 0))
        cls.slip = cls._task("Slipping build", accountable_id=cls.ann.id, planned_start_date=date(2027, 3, 8),
                             planned_end_date=date(2027, 3, 10), allocated_hours=8)
        cls.project.action_save_baseline("Plan")
        cls.slip.planned_end_date = date(2027, 3, 12)
        cls.review = cls.stages[2]
        cls.env["project.task.approval.rule"].create({
            "name": "Sign-off", "project_ids": [Command.set(cls.project.ids)], "transition": "stage",
            "stage_id": cls.review.id,
            "level_ids": [Command.create({"name": "Lead", "approver_type": "users",
                                          "approver_user_ids": [Command.set(cls.manager.ids)]})]})
        cls.waiting = cls._task("Waiting sign-off", accountable_id=cls.manager.id)
        cls.waiting.with_user(cls.user).write({"stage_id": cls.review.id})
        cls.hidden = cls._task("Secret overdue", project=cls.secret, accountable_id=cls.ann.id,
                               date_deadline=datetime(2027, 3, 1, 12, 0))
        cls.secret.message_subscribe(partner_ids=cls.manager.partner_id.ids)

    def _digests(self, user):
        return self.env["mail.mail"].search([("recipient_ids", "in", user.partner_id.ids),
                                             ("body_html", "ilike", "o_weekly_digest")])

    def _run(self, **kwargs):
        return self.env["project.digest.log"]._cron_send_digests(**kwargs)

    def test_recipients_and_content(self):
        """Mia gets one digest for both her projects with last week's KPIs, the slipped, overdue and
        waiting tasks; Ann one for the project only (she does not follow the followers-only one);
        Ugo, Accountable only of a done task and in a project without the digest, none."""
        self._run()
        mia = self._digests(self.manager)
        self.assertEqual(len(mia), 1)
        self.assertIn("2 project(s)", mia.subject)
        body = str(mia.body_html)
        for text in ("Dependencies", "Secret (followers only)", "Late report", "Slipping build",
                     "Waiting sign-off", "Secret overdue", "Tasks done", "Manager Mia"):
            self.assertIn(text, body)
        self.assertIn("2 working day(s) late", body)
        ann = self._digests(self.ann)
        self.assertEqual(len(ann), 1)
        self.assertNotIn("Secret overdue", str(ann.body_html))
        self.assertFalse(self._digests(self.user))
        logs = self.env["project.digest.log"].search([])
        self.assertEqual(set(logs.user_id.ids), {self.manager.id, self.ann.id})
        self.assertEqual(set(logs.mapped("week")), {MONDAY})

    def test_language_and_time_zone(self):
        """Ann's digest is in Chinese, the deadline of 10:00 UTC shown at 18:00 Shanghai time; Mia's
        in English, at 11:00 Paris time."""
        self._run()
        ann = self._digests(self.ann)
        self.assertIn("每周摘要", ann.subject)
        self.assertIn("逾期任务", str(ann.body_html))
        self.assertIn("18:00", str(ann.body_html))
        mia = str(self._digests(self.manager).body_html)
        self.assertIn("Overdue tasks", mia)
        self.assertIn("11:00", mia)

    def test_idempotent_runs(self):
        """A second run, a run racing the first (same rows inserted) and a run after a crash never
        send two digests to a person for a week; the next week sends again."""
        self.assertEqual(self._run(), 2)
        self.assertEqual(self._run(), 0)
        Log = self.env["project.digest.log"].sudo()
        due = Log._digest_due(datetime(2027, 3, 8, 8, 0))
        self.assertFalse(due, "nobody is due once they got this week's digest")
        self.assertFalse(Log._digest_insert([{"user_id": self.ann.id, "partner_id": self.ann.partner_id.id,
                                              "week": MONDAY, "project_ids": [self.project.id]}]))
        self.assertEqual(len(self._digests(self.manager)), 1)
        self.assertEqual(len(self._digests(self.ann)), 1)
        with freeze_time("2027-03-15 08:00:00"):
            self.assertEqual(self._run(), 2)
        self.assertEqual(len(self._digests(self.ann)), 2)

    def test_run_after_an_interruption(self):
        """Batches of one person: the second batch crashes while writing its email, its log row rolls
        back with it; the next run sends that digest only, once."""
        Log = type(self.env["project.digest.log"])
        original = Log._digest_send
        calls = []

        def crash_second(records, people, now):
            calls.append(people)
            if len(calls) == 2:
                raise RuntimeError("SMTP gateway down")
            return original(records, people, now)

        with patch.object(Log, "_digest_send", crash_second), patch.object(
                type(self.env["ir.cron"]), "_notify_progress", autospec=True) as progress:
            self.assertEqual(self._run(batch_size=1), 1)
            self.assertEqual(progress.call_args.kwargs, {"done": 1, "remaining": 1})
            with self.assertRaises(RuntimeError), self.env.cr.savepoint():
                self._run(batch_size=1)
        self.assertEqual(self.env["project.digest.log"].search_count([]), 1)
        self.assertEqual(self._run(), 1)
        self.assertEqual(self._run(), 0)
        self.assertEqual(len(self._digests(self.manager)), 1)
        self.assertEqual(len(self._digests(self.ann)), 1)

    def test_opt_in_per_project(self):
        """Off by default; with the digest off on both projects nobody gets one; on for the
        followers-only project only, Mia gets a digest of that project alone."""
        self.assertFalse(self.env["project.project"].create({"name": "New"}).digest_enabled)
        (self.project | self.secret).digest_enabled = False
        self.assertEqual(self._run(), 0)
        self.secret.digest_enabled = True
        self.assertEqual(self._run(), 1)
        self.assertIn("1 project(s)", self._digests(self.manager).subject)
        self.assertNotIn("Late report", str(self._digests(self.manager).body_html))

    def test_other_company_projects(self):
        """A project of a company Mia does not belong to stays out of her digest, though she
        manages it; once she is in that company, it is in."""
        other = self.env["res.company"].create({"name": "Digest Other Co"})
        foreign = self.env["project.project"].create({"name": "Foreign works", "company_id": other.id,
                                                      "user_id": self.manager.id, "digest_enabled": True})
        self._task("Foreign task", project=foreign, accountable_id=self.manager.id)
        self._run()
        self.assertNotIn("Foreign works", str(self._digests(self.manager).body_html))
        self.manager.company_ids = [Command.link(other.id)]
        with freeze_time("2027-03-15 08:00:00"):
            self._run()
        self.assertIn("Foreign works", str(self._digests(self.manager)[:1].body_html))

    def test_monday_morning_in_each_time_zone(self):
        """At 03:00 UTC on Monday it is 11:00 in Shanghai (Ann is due) and 04:00 in Paris (Mia waits
        for 07:00); the digest week follows each person's clock."""
        with freeze_time("2027-03-08 03:00:00"):
            self._run()
        self.assertTrue(self._digests(self.ann))
        self.assertFalse(self._digests(self.manager))
        self.assertIsNone(digest_week(datetime(2027, 3, 8, 3, 0), "Europe/Paris"))
        with freeze_time("2027-03-08 06:00:00"):
            self._run()
        self.assertEqual(len(self._digests(self.manager)), 1)
        self.assertEqual(len(self._digests(self.ann)), 1)

    def test_setting_and_access(self):
        """The project manager switches the digest on in the project's form; the log is for project
        administrators to read, nobody writes it by hand."""
        with Form(self.quiet.with_user(self.manager)) as form:
            form.digest_enabled = True
        self.assertTrue(self.quiet.digest_enabled)
        self._run()
        with self.assertRaises(AccessError):
            self.env["project.digest.log"].with_user(self.user).search([])
        with self.assertRaises(AccessError):
            self.env["project.digest.log"].with_user(self.manager).create(
                {"user_id": self.manager.id, "week": MONDAY})
        self.assertTrue(self.env["project.digest.log"].with_user(self.manager).search([]))
