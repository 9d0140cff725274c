# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests.common import TransactionCase, new_test_user


class TaskMgmtCase(TransactionCase):
    """A Monday–Friday, 8 hours a day calendar in UTC as the company's, a project starting on
    Monday 5 January 2026 with four stages, and users of each kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Mon-Fri 8h (test)",
            "tz": "UTC",
            "company_id": cls.company.id,
            "attendance_ids": [
                (0, 0, {"name": f"Day {d} {period}", "dayofweek": str(d), "hour_from": start,
                        "hour_to": end, "day_period": period})
                for d in range(5)
                for start, end, period in ((8, 12, "morning"), (13, 17, "afternoon"))
            ],
        })
        cls.company.resource_calendar_id = cls.calendar
        cls.stages = cls.env["project.task.type"].create([
            {"name": name, "sequence": seq} for seq, name in enumerate(["To Do", "Doing", "Review", "Done"])
        ])
        cls.manager = new_test_user(cls.env, "tm_manager", groups="project.group_project_manager",
                                    name="Manager Mia")
        cls.user = new_test_user(cls.env, "tm_user", groups="project.group_project_user", name="User Ugo")
        cls.project = cls.env["project.project"].create({
            "name": "Dependencies",
            "date_start": date(2026, 1, 5),
            "allow_task_dependencies": True,
            "type_ids": [(6, 0, cls.stages.ids)],
            "dependency_enforcement": "block",
            "raci_require_accountable": True,
            "user_id": cls.manager.id,
            "privacy_visibility": "employees",
        })

    @classmethod
    def _task(cls, name, project=None, **vals):
        project = project or cls.project
        return cls.env["project.task"].create({
            "name": name, "project_id": project.id, "stage_id": project.type_ids[:1].id, **vals,
        })

    def _link(self, pred, succ, kind="fs", lag=0):
        return self.env["project.task.dependency"].create({
            "predecessor_id": pred.id, "successor_id": succ.id, "dependency_type": kind, "lag_days": lag,
        })

    def _holiday(self, day):
        return self.env["resource.calendar.leaves"].create({
            "name": f"Holiday {day}", "calendar_id": self.calendar.id,
            "date_from": datetime.combine(day, datetime.min.time()),
            "date_to": datetime.combine(day, datetime.max.time()).replace(microsecond=0),
        })


class TaskMgmtReminderCase(TaskMgmtCase):
    """Reminders: a project with the default reminder settings (2 working days before, on the
    day, escalation after 3 working days), managed by Manager Mia, and assignees in three time
    zones (UTC, Asia/Shanghai, America/New_York)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the other projects of the database keep their reminders out of these tests
        cls.env["project.project"].search([]).reminder_enabled = False
        cls.utc_user = new_test_user(cls.env, "tm_rem_utc", groups="project.group_project_user",
                                     name="Una Utc", tz="UTC", email="una@example.com")
        cls.sh_user = new_test_user(cls.env, "tm_rem_sh", groups="project.group_project_user",
                                    name="Shen Shanghai", tz="Asia/Shanghai", email="shen@example.com")
        cls.ny_user = new_test_user(cls.env, "tm_rem_ny", groups="project.group_project_user",
                                    name="Nora NewYork", tz="America/New_York", email="nora@example.com")
        cls.manager.write({"tz": "UTC", "email": "mia@example.com"})
        cls.rem_project = cls.env["project.project"].create({
            "name": "Reminders",
            "type_ids": [(6, 0, cls.stages.ids)],
            "user_id": cls.manager.id,
            "privacy_visibility": "employees",
            "allow_milestones": True,
        })

    @classmethod
    def _due_task(cls, name, deadline, users, project=None, **vals):
        return cls._task(name, project=project or cls.rem_project, date_deadline=deadline,
                         user_ids=[(6, 0, users.ids)], **vals)

    def _run(self, now, batch_size=None):
        """The scheduled action until nothing is left, as Odoo's cron runner calls it; returns the calls."""
        Log = self.env["project.task.reminder.log"]
        calls = 0
        while Log._task_mgmt_cron_reminders(batch_size=batch_size, now=now):
            calls += 1
            self.assertLess(calls, 1000, "the scheduled action never runs out of work")
        return calls

    def _logs(self, tasks, **filters):
        domain = [("task_id", "in", tasks.ids)] + [(key, "=", value) for key, value in filters.items()]
        return self.env["project.task.reminder.log"].search(domain)

    def _activities(self, tasks, user=None):
        domain = [("res_model", "=", "project.task"), ("res_id", "in", tasks.ids),
                  ("activity_type_id", "=", self.env.ref("task_mgmt_advanced.mail_activity_type_deadline_reminder").id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def _digests(self, user):
        return self.env["mail.mail"].search([("recipient_ids", "in", user.partner_id.ids),
                                             ("subject", "ilike", "task reminders")])


def activate_chinese(env):
    """Simplified Chinese active, with Odoo's project terms and ours (ours last: the labels of
    the priority levels are ours)."""
    env["res.lang"]._activate_lang("zh_CN")
    for module in ("project", "task_mgmt_advanced"):
        env["ir.module.module"]._load_module_terms([module], ["zh_CN"], overwrite=True)
