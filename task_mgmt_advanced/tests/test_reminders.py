# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic reminders: deadline warnings in working days and local days, overdue follow-ups and
escalation, idempotent batched runs, digests, opt-out, multi-company. January 2026: Monday 5,
Friday 9, Monday 12, Thursday 15."""
from datetime import datetime
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import TaskMgmtReminderCase


@tagged("post_install", "-at_install")
class TestReminders(TaskMgmtReminderCase):
    def test_working_days_over_weekend_and_holiday(self):
        """A Tuesday 13 deadline is warned on Friday 9 (Mon 12, Tue 13 are the two working days);
        with Friday 9 a holiday, on Thursday 8."""
        task = self._due_task("Tuesday deadline", datetime(2026, 1, 13, 12, 0), self.utc_user)
        self.rem_project.reminder_notify_accountable = False
        self._run(datetime(2026, 1, 8, 10, 0))
        self.assertFalse(self._logs(task), "Thursday is three working days before: too early")
        self._run(datetime(2026, 1, 9, 10, 0))
        log = self._logs(task)
        self.assertEqual((log.kind, log.threshold, log.partner_id, log.day),
                         ("before", 2, self.utc_user.partner_id, datetime(2026, 1, 9).date()))
        activity = self._activities(task, self.utc_user)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, datetime(2026, 1, 13).date())
        self.assertIn("2 working day", activity.summary)

        holiday_task = self._due_task("Tuesday deadline, holiday Friday", datetime(2026, 1, 13, 12, 0),
                                      self.utc_user)
        self._holiday(datetime(2026, 1, 9).date())
        self._run(datetime(2026, 1, 8, 10, 0))
        self.assertEqual(self._logs(holiday_task).mapped("threshold"), [2])

    def test_on_the_day_then_overdue_then_escalation(self):
        """After the 2-day warning come the on-the-day warning, the overdue follow-up (assignee and
        Accountable), and three working days later the escalation to the project manager."""
        task = self._due_task("Friday deadline", datetime(2026, 1, 9, 15, 0), self.utc_user)
        self.assertEqual(task.accountable_id, self.manager)
        self._run(datetime(2026, 1, 7, 8, 0))
        self._run(datetime(2026, 1, 9, 8, 0))
        self._run(datetime(2026, 1, 12, 8, 0))
        self.assertEqual(sorted(self._logs(task, partner_id=self.utc_user.partner_id.id).mapped(
            lambda log: (log.kind, log.threshold))), [("before", 0), ("before", 2), ("overdue", 0)])
        self.assertFalse(self._logs(task, kind="escalation"), "one working day late only")
        self._run(datetime(2026, 1, 14, 8, 0))
        escalation = self._logs(task, kind="escalation")
        self.assertEqual((escalation.partner_id, escalation.threshold), (self.manager.partner_id, 3))
        # one activity per task and person: the newest reminder replaced the older ones
        self.assertEqual(len(self._activities(task, self.utc_user)), 1)
        self.assertEqual(len(self._activities(task, self.manager)), 1)

    def test_each_person_warned_on_their_own_day(self):
        """Deadline Thursday 15 noon UTC: Shanghai's Tuesday 13 starts at Monday 16:00 UTC, New
        York's at Tuesday 05:00 UTC; each is warned on their own Tuesday, once."""
        task = self._due_task("Two time zones", datetime(2026, 1, 15, 12, 0), self.sh_user | self.ny_user)
        self.rem_project.reminder_notify_accountable = False
        self._run(datetime(2026, 1, 12, 20, 0))
        self.assertEqual(self._logs(task).partner_id, self.sh_user.partner_id)
        self.assertEqual(self._logs(task).day, datetime(2026, 1, 13).date())
        self._run(datetime(2026, 1, 13, 6, 0))
        self.assertEqual(self._logs(task).partner_id, self.sh_user.partner_id | self.ny_user.partner_id)
        self.assertEqual(set(self._logs(task).mapped("day")), {datetime(2026, 1, 13).date()})
        self.assertEqual(len(self._activities(task)), 2)

    def test_two_runs_warn_once(self):
        """Running the scheduled action twice on one day records and notifies each reminder once."""
        tasks = (self._due_task("A", datetime(2026, 1, 9, 12), self.utc_user)
                 | self._due_task("B", datetime(2026, 1, 9, 12), self.sh_user))
        self._run(datetime(2026, 1, 7, 12))
        logs, activities = self._logs(tasks), self._activities(tasks)
        mails = self._digests(self.utc_user)
        self._run(datetime(2026, 1, 7, 18))
        self.assertEqual(self._logs(tasks), logs)
        self.assertEqual(self._activities(tasks), activities)
        self.assertEqual(self._digests(self.utc_user), mails)
        self.assertEqual(len(mails), 1)

    def test_run_interrupted_after_first_batch(self):
        """A run that committed one batch and crashed in the second resumes without a second
        warning: the first batch's rows keep their activity, the rest are recorded once."""
        tasks = self.env["project.task"]
        for index in range(5):
            tasks |= self._due_task(f"Batch {index}", datetime(2026, 1, 9, 12), self.utc_user)
        self.rem_project.reminder_notify_accountable = False
        Log = self.env["project.task.reminder.log"]
        now = datetime(2026, 1, 8, 12)
        with patch.object(self.registry["ir.cron"], "_notify_progress", autospec=True) as progress:
            self.assertEqual(Log._task_mgmt_cron_reminders(batch_size=2, now=now), 2)
        self.assertEqual(progress.call_args.kwargs, {"done": 2, "remaining": 3 + 1})
        self.assertEqual(len(self._logs(tasks)), 2)
        # the second batch fails half way: its transaction is rolled back
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            Log._task_mgmt_cron_reminders(batch_size=2, now=now)
            raise RuntimeError("worker killed")
        self.env.invalidate_all()
        self.assertEqual(len(self._logs(tasks)), 2)
        self._run(now, batch_size=2)
        self.assertEqual(len(self._logs(tasks)), 5)
        self.assertEqual(len(self._activities(tasks)), 5)
        self.assertEqual(len(self._digests(self.utc_user)), 1)

    def test_digest_groups_a_persons_tasks(self):
        """One email per person and day lists all their tasks (warnings and overdue together),
        however many batches recorded them."""
        soon = [self._due_task(f"Soon {i}", datetime(2026, 1, 9, 12), self.utc_user) for i in range(3)]
        late = self._due_task("Late one", datetime(2026, 1, 6, 12), self.utc_user)
        other = self._due_task("Someone else's", datetime(2026, 1, 9, 12), self.sh_user)
        self.rem_project.reminder_notify_accountable = False
        self._run(datetime(2026, 1, 8, 12), batch_size=2)
        mail = self._digests(self.utc_user)
        self.assertEqual(len(mail), 1)
        for task in [*soon, late]:
            self.assertIn(task.name, mail.body_html)
        self.assertIn("Overdue tasks", mail.body_html)
        self.assertNotIn(other.name, mail.body_html)
        self.assertEqual(len(self._digests(self.sh_user)), 1)
        self.assertFalse(self._logs(late | other | soon[0], email_state="pending"))

    def test_one_batch_over_projects_the_user_follows(self):
        """One batch holding tasks of two projects a person follows gives one activity per task
        and one digest (Odoo's task subscription fails when one call spans such projects)."""
        other = self.env["project.project"].create({"name": "Reminders 2", "type_ids": [(6, 0, self.stages.ids)],
                                                    "user_id": self.manager.id})
        (self.rem_project | other).message_subscribe(partner_ids=self.utc_user.partner_id.ids)
        tasks = (self._due_task("First project", datetime(2026, 1, 9, 12), self.utc_user)
                 | self._due_task("Second project", datetime(2026, 1, 9, 12), self.utc_user, project=other))
        self._run(datetime(2026, 1, 8, 12))
        self.assertEqual(len(self._activities(tasks, self.utc_user)), 2)
        self.assertEqual(len(self._digests(self.utc_user)), 1)
        for task in tasks:
            self.assertIn(self.utc_user.partner_id, task.message_partner_ids, "a reminded person follows the task")

    def test_reminded_person_follows_with_default_subtypes(self):
        """A reminded person who did not follow the task follows it with Odoo's default subtypes
        (as a subscription by Odoo would give); a follower with their own subtypes keeps them."""
        task = self._due_task("Follow me", datetime(2026, 1, 9, 12), self.utc_user | self.sh_user)
        self.rem_project.reminder_notify_accountable = False
        note = self.env.ref("mail.mt_note")
        task.message_subscribe(partner_ids=self.sh_user.partner_id.ids, subtype_ids=note.ids)
        task.message_unsubscribe(partner_ids=self.utc_user.partner_id.ids)
        self._run(datetime(2026, 1, 8, 12))
        followers = {follower.partner_id: follower.subtype_ids for follower in task.message_follower_ids}
        default, _internal, _external = self.env["mail.message.subtype"].default_subtypes("project.task")
        self.assertEqual(followers[self.utc_user.partner_id], default)
        self.assertEqual(followers[self.sh_user.partner_id], note)

    def test_opt_out_keeps_activities(self):
        """A user who opted out of reminder emails gets the activity, no email."""
        self.utc_user.with_user(self.utc_user).task_mgmt_reminder_email_opt_out = True
        task = self._due_task("Quiet", datetime(2026, 1, 9, 12), self.utc_user)
        self._run(datetime(2026, 1, 8, 12))
        self.assertEqual(self._logs(task, partner_id=self.utc_user.partner_id.id).email_state, "skipped")
        self.assertEqual(len(self._activities(task, self.utc_user)), 1)
        self.assertFalse(self._digests(self.utc_user))
        self.assertEqual(len(self._digests(self.manager)), 1, "the Accountable did not opt out")

    def test_settings_off_and_thresholds(self):
        """A project with reminders off warns nobody; one with 1 day and no 'on the day' warns once."""
        task = self._due_task("Off", datetime(2026, 1, 9, 12), self.utc_user)
        self.rem_project.reminder_enabled = False
        self._run(datetime(2026, 1, 9, 8))
        self.assertFalse(self._logs(task))
        self.rem_project.write({"reminder_enabled": True, "reminder_before_days": 1, "reminder_on_the_day": False})
        self._run(datetime(2026, 1, 7, 8))
        self.assertFalse(self._logs(task))
        self._run(datetime(2026, 1, 8, 8))
        self._run(datetime(2026, 1, 9, 8))
        self.assertEqual(set(self._logs(task).mapped("threshold")), {1})

    def test_defaults_on_install(self):
        """A new project has reminders on: 2 working days, on the day, Accountable, escalation after 3."""
        project = self.env["project.project"].create({"name": "Defaults"})
        self.assertEqual(
            (project.reminder_enabled, project.reminder_before_days, project.reminder_on_the_day,
             project.reminder_notify_accountable, project.reminder_escalate, project.reminder_escalation_days,
             project.reminder_milestone_trigger),
            (True, 2, True, True, True, 3, "reached"))

    def test_multi_company_calendar(self):
        """A task of another company counts working days on that company's calendar (its holiday)
        and its reminder rows are hidden from a manager of the first company only."""
        company_b = self.env["res.company"].create({"name": "Reminder Co B"})
        calendar_b = self.calendar.copy({"name": "B calendar", "company_id": company_b.id})
        company_b.resource_calendar_id = calendar_b
        self.env["resource.calendar.leaves"].create({
            "name": "B holiday", "calendar_id": calendar_b.id, "company_id": company_b.id,
            "date_from": datetime(2026, 1, 12, 0, 0), "date_to": datetime(2026, 1, 12, 23, 59, 59),
        })
        self.utc_user.write({"company_ids": [(4, company_b.id)]})
        project_b = self.env["project.project"].create({
            "name": "Reminders B", "company_id": company_b.id, "type_ids": [(6, 0, self.stages.ids)],
            "user_id": False, "reminder_notify_accountable": False,
        })
        task_a = self._due_task("A task", datetime(2026, 1, 13, 12), self.utc_user)
        task_b = self._due_task("B task", datetime(2026, 1, 13, 12), self.utc_user, project=project_b)
        self.rem_project.reminder_notify_accountable = False
        self._run(datetime(2026, 1, 8, 12))
        self.assertFalse(self._logs(task_a))
        self.assertEqual(self._logs(task_b).mapped("company_id"), company_b, "Monday 12 is B's holiday")
        self._run(datetime(2026, 1, 9, 12))
        self.assertEqual(len(self._logs(task_a)), 1)
        manager_a = new_test_user(self.env, "tm_rem_mgr_a", groups="project.group_project_manager",
                                  company_id=self.company.id, company_ids=[(6, 0, self.company.ids)])
        visible = self.env["project.task.reminder.log"].with_user(manager_a).search(
            [("task_id", "in", (task_a | task_b).ids)])
        self.assertEqual(visible.task_id, task_a)

    def test_plain_user_cannot_forge_or_trigger(self):
        """A plain project user cannot read, create, change or delete reminder rows, cannot call the
        scheduled action remotely, nor switch off another user's emails."""
        task = self._due_task("Guarded", datetime(2026, 1, 9, 12), self.utc_user)
        Log = self.env["project.task.reminder.log"].with_user(self.user)
        with self.assertRaises(AccessError):
            Log.create({"task_id": task.id, "partner_id": self.utc_user.partner_id.id, "kind": "before",
                        "threshold": 2, "deadline": task.date_deadline})
        with self.assertRaises(AccessError):
            Log.search([])
        self._run(datetime(2026, 1, 8, 12))
        log = self._logs(task)[:1]
        with self.assertRaises(AccessError):
            log.with_user(self.user).write({"email_state": "pending"})
        with self.assertRaises(AccessError):
            log.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.manager).write({"email_state": "pending"})
        with self.assertRaises(AccessError):
            self.utc_user.with_user(self.user).task_mgmt_reminder_email_opt_out = True
        from odoo.models import check_method_name  # noqa: PLC0415 (the RPC layer's own check)
        with self.assertRaises(AccessError):
            check_method_name("_task_mgmt_cron_reminders")


@tagged("post_install", "-at_install")
class TestRemindersLanguage(TaskMgmtReminderCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["task_mgmt_advanced"], ["zh_CN"], overwrite=True)
        cls.sh_user.lang = "zh_CN"

    def test_digest_and_activity_in_recipients_language(self):
        """A user whose language is Simplified Chinese gets the activity and the digest in Chinese;
        the English-speaking user of the same task gets them in English."""
        task = self._due_task("双语任务 / Bilingual", datetime(2026, 1, 9, 12), self.sh_user | self.utc_user)
        self.rem_project.reminder_notify_accountable = False
        self._run(datetime(2026, 1, 7, 12))
        self.assertEqual(self._activities(task, self.sh_user).summary, "距截止还有 2 个工作日")
        self.assertEqual(self._activities(task, self.utc_user).summary, "Deadline in 2 working day(s)")
        self.assertFalse(self._digests(self.sh_user), "no English digest for a Chinese speaker")
        chinese = self.env["mail.mail"].search([("recipient_ids", "in", self.sh_user.partner_id.ids),
                                                ("subject", "ilike", "任务提醒")])
        self.assertEqual(len(chinese), 1)
        self.assertIn("即将截止", chinese.body_html)
        self.assertIn("Deadlines coming up", self._digests(self.utc_user).body_html)
