# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import html
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from odoo.addons.mail.tools.discuss import Store

from .common import TaskMgmtCase, activate_chinese

MONDAY = "2026-01-05 09:00:00"


@tagged("post_install", "-at_install")
class TestPriorityLanguage(TaskMgmtCase):
    """Suggestion explanations and priority notes are stored as data and read in the reader's
    language; the people's late history only by project administrators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_chinese(cls.env)
        cls.Rule = cls.env["project.task.priority.rule"]
        cls.Rule.search([]).active = False
        cls.rule = cls.Rule.create({
            "name": "Close deadline", "company_id": False, "condition": "deadline", "deadline_days": 3,
            "effect": "raise", "raise_steps": 1,
        })
        cls.rule.with_context(lang="zh_CN").name = "截止临近"
        cls.manager.lang = "en_US"
        cls.zh_user = new_test_user(cls.env, "tm_zh_user", groups="project.group_project_user",
                                    name="Zhang Wei", lang="zh_CN")
        cls.zh_admin = new_test_user(cls.env, "tm_zh_admin", groups="project.group_project_manager",
                                     name="Li Na", lang="zh_CN")
        cls.worker = new_test_user(cls.env, "tm_lang_worker", groups="project.group_project_user",
                                   name="Worker Will")
        for name, weight in {"deadline": 40, "blocked": 0, "critical": 0, "effort": 0, "history": 40}.items():
            cls.env["ir.config_parameter"].set_param(f"task_mgmt_advanced.priority_weight_{name}", weight)

    def _body(self, message, user):
        """The body the chatter shows ``user`` (the message as the web client loads it)."""
        store = Store()
        message.with_user(user).with_context(lang=user.lang)._to_store(store)
        return html.unescape(str(store.get_result()["mail.message"][0]["body"]))

    def _notes(self, task, code):
        return task.sudo().message_ids.filtered(
            lambda m: m.task_mgmt_log and m.task_mgmt_log["lines"][0]["code"] == code)

    @freeze_time(MONDAY)
    def test_rule_note_in_reader_language(self):
        """A rule raises the priority of a task an English-speaking manager creates: the note
        reads in English for them and in Chinese, with the rule's Chinese name, for a Chinese
        reader; the stored body stays English."""
        task = self._task("Quote", date_deadline=datetime(2026, 1, 7, 17)).with_user(self.manager)
        note = self._notes(task, "priority_rules")
        self.assertEqual(len(note), 1)
        self.assertIn("by rule(s) 'Close deadline'", note.body)
        self.assertIn("by rule(s) 'Close deadline'", self._body(note, self.manager))
        chinese = self._body(note, self.zh_user)
        self.assertIn("依据规则 '截止临近'", chinese)
        self.assertIn("优先级", chinese)
        self.assertNotIn("rule(s)", chinese)

    def _late_history(self, user, late, on_time):
        """``user`` finished ``late`` tasks after their deadline and ``on_time`` before it, in
        December 2025."""
        for i in range(late + on_time):
            task = self._task(f"Done {i}", user_ids=[Command.set(user.ids)], date_deadline=datetime(2025, 12, 10, 17))
            task.write({"state": "1_done", "date_end": datetime(2025, 12, 12 if i < late else 8, 10)})

    @freeze_time(MONDAY)
    def test_explanation_in_reader_language_history_for_admins(self):
        """A suggestion computed for an English-speaking manager (deadline in 2 working days:
        0.8 × 40 of 80 = 40 points; the assignee late on 3 of 10 tasks: 0.3 × 40 of 80 = 15) is
        explained in Chinese to Chinese readers; the assignee's late history is shown to
        project administrators only, and its data cannot be read over RPC by others."""
        self.rule.active = False
        self._late_history(self.worker, late=3, on_time=7)
        task = self._task("Key task", date_deadline=datetime(2026, 1, 7, 17), user_ids=[Command.set(self.worker.ids)])
        task.with_user(self.manager).action_priority_refresh_suggestions()
        self.assertEqual((task.suggested_priority, task.priority_score), ("2", 55))
        self.assertEqual(task.with_user(self.manager).with_context(lang="en_US").priority_explanation, (
            "deadline in 2 working day(s) (+40); its assignee Worker Will finished 30% of their tasks late "
            "in the last 90 days (3 of 10) (+15)"))
        self.assertEqual(task.with_user(self.zh_admin).with_context(lang="zh_CN").priority_explanation, (
            "截止日期还有 2 个工作日 (+40); 其受指派人 Worker Will 在最近 90 天内有 30% 的任务延期完成"
            "（10 个中 3 个） (+15)"))
        self.assertEqual(task.with_user(self.zh_user).with_context(lang="zh_CN").priority_explanation,
                         "截止日期还有 2 个工作日 (+40)")
        with self.assertRaises(AccessError):
            task.with_user(self.zh_user).read(["priority_reasons"])
        # the acceptance note: the explanation in each reader's language, the history for admins
        task.with_user(self.zh_admin).action_priority_accept_suggestion()
        note = self._notes(task, "suggestion_used")
        self.assertEqual(len(note), 1)
        self.assertNotIn("Worker Will", note.body)
        admin_view = self._body(note, self.zh_admin)
        self.assertRegex(admin_view, r"^已采纳优先级建议：中 → 高（得分 55）。<br/>截止日期还有")
        self.assertIn("其受指派人 Worker Will", admin_view)
        user_view = self._body(note, self.zh_user)
        self.assertIn("截止日期还有 2 个工作日 (+40)", user_view)
        self.assertNotIn("Worker Will", user_view)
        self.assertRegex(self._body(note, self.manager), r"^Priority suggestion accepted: Medium → High \(score 55\)")

    def test_legacy_explanation_kept(self):
        """An explanation stored as text before the reasons were stored as data still shows
        (to project administrators) until a new suggestion replaces it."""
        task = self._task("Old task")
        task.write({"suggested_priority": "1"})
        task.sudo().priority_explanation_legacy = "deadline in 4 working day(s) (+24)"
        self.assertEqual(task.with_user(self.manager).priority_explanation, "deadline in 4 working day(s) (+24)")
        self.assertFalse(task.with_user(self.user).priority_explanation)
