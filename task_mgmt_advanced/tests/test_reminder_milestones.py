# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Milestone notifications: who is told, what they are told, on which trigger, once."""
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import TaskMgmtReminderCase


@tagged("post_install", "-at_install")
class TestReminderMilestones(TaskMgmtReminderCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.follower = new_test_user(cls.env, "tm_rem_follower", groups="project.group_project_user",
                                     name="Fiona Follower", email="fiona@example.com")
        cls.rem_project.message_subscribe(partner_ids=cls.follower.partner_id.ids)
        cls.informed = cls.env["res.partner"].create({"name": "Ivan Informed", "email": "ivan@example.com"})
        cls.accountable = new_test_user(cls.env, "tm_rem_acc", groups="project.group_project_user",
                                        name="Ada Accountable", email="ada@example.com")
        Milestone = cls.env["project.milestone"]
        cls.design = Milestone.create({"name": "Design frozen", "project_id": cls.rem_project.id,
                                       "deadline": date(2026, 1, 9)})
        cls.beta = Milestone.create({"name": "Beta shipped", "project_id": cls.rem_project.id,
                                     "deadline": date(2026, 2, 6)})
        cls.design_tasks = (
            cls._due_task("Sketch screens", datetime(2026, 1, 8, 12), cls.utc_user, milestone_id=cls.design.id,
                          accountable_id=cls.accountable.id, informed_partner_ids=[(6, 0, cls.informed.ids)])
            | cls._due_task("Review sketches", datetime(2026, 1, 9, 12), cls.sh_user, milestone_id=cls.design.id)
        )
        cls.beta_critical = cls._due_task("Build installer", datetime(2026, 2, 5, 12), cls.ny_user,
                                          milestone_id=cls.beta.id)
        cls.beta_other = cls._due_task("Polish icons", datetime(2026, 2, 5, 12), cls.ny_user,
                                       milestone_id=cls.beta.id)
        cls.env.cr.execute("UPDATE project_task SET is_critical = (id = %s) WHERE id IN %s",
                           (cls.beta_critical.id, (cls.beta_critical.id, cls.beta_other.id)))
        cls.env.invalidate_all()

    def _announcements(self, milestone):
        return self.env["mail.message"].search([
            ("model", "=", "project.milestone"), ("res_id", "=", milestone.id),
            ("subject", "ilike", "Milestone reached"),
        ])

    def test_marked_reached_announced_to_followers_accountables_informed(self):
        """Marking the milestone reached tells the project's followers, its tasks' Accountables and
        Informed people: the milestone, its deadline, on time or late, the next milestone and its
        critical tasks."""
        with freeze_time("2026-01-12 10:00:00"):
            self.design.with_user(self.manager).is_reached = True
        message = self._announcements(self.design)
        self.assertEqual(len(message), 1)
        self.assertTrue({self.follower.partner_id, self.accountable.partner_id, self.informed}
                        <= set(message.partner_ids))
        body = str(message.body)
        self.assertIn("Design frozen", body)
        self.assertIn("reached 3 day(s) late", body)
        self.assertIn("Beta shipped", body)
        self.assertIn("Build installer", body)
        self.assertNotIn("Polish icons", body)
        # reached again after being reopened: nobody is told twice
        self.design.is_reached = False
        self.design.is_reached = True
        self.assertEqual(len(self._announcements(self.design)), 1)
        self.assertEqual(len(self.env["project.task.reminder.log"].search([("milestone_id", "=", self.design.id)])),
                         len(message.partner_ids))

    def test_last_task_done_marks_and_announces(self):
        """In a 'Last Task Done' project, closing the milestone's last open task marks it reached and
        announces it; marking it by hand announces nothing, and a caller's context cannot pass for
        the addon."""
        self.rem_project.reminder_milestone_trigger = "tasks_done"
        self.beta.with_context(task_mgmt_milestone_by_tasks=True).is_reached = True
        self.assertFalse(self._announcements(self.beta))
        first, last = self.design_tasks
        first.with_user(self.utc_user).state = "1_done"
        self.assertFalse(self.design.is_reached)
        with freeze_time("2026-01-08 10:00:00"):
            last.with_user(self.sh_user).state = "1_done"
        self.assertTrue(self.design.is_reached)
        message = self._announcements(self.design)
        self.assertEqual(len(message), 1)
        self.assertIn("reached on time", str(message.body))
        self.assertIn(self.accountable.partner_id, message.partner_ids)

    def test_reminders_off_no_announcement(self):
        """A project with reminders off announces no milestone."""
        self.rem_project.reminder_enabled = False
        self.design.is_reached = True
        self.assertFalse(self._announcements(self.design))
