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

from .common import activate_chinese
from .test_approval import ApprovalCase


@tagged("post_install", "-at_install")
class TestChatterNotesLanguage(ApprovalCase):
    """The notes of approvals, acceptance, RACI progress, dependency warnings and forced moves
    are stored as data: each reader reads them in their own language (English stored, or the
    author's language for the notes e-mailed to people)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_chinese(cls.env)
        cls.review.with_context(lang="zh_CN").name = "审核"
        cls.doing.with_context(lang="zh_CN").name = "进行中"
        lead, board = cls.rule.level_ids.sorted("sequence")
        lead.with_context(lang="zh_CN").name = "组长"
        board.with_context(lang="zh_CN").name = "董事会"
        cls.en_reader = new_test_user(cls.env, "tm_en_reader", groups="project.group_project_manager",
                                      name="Eve English", lang="en_US")
        cls.zh_reader = new_test_user(cls.env, "tm_zh_reader2", groups="project.group_project_manager",
                                      name="Zhang Wei", lang="zh_CN")

    def _note(self, task, code):
        notes = task.message_ids.filtered(
            lambda m: m.task_mgmt_log and m.task_mgmt_log["lines"][0]["code"] == code)
        self.assertEqual(len(notes), 1, f"one '{code}' note")
        return notes

    def _body(self, message, user):
        """The body the chatter shows ``user`` (the message as the web client loads it)."""
        store = Store()
        message.with_user(user).with_context(lang=user.lang)._to_store(store)
        return html.unescape(str(store.get_result()["mail.message"][0]["body"]))

    def _assert_read(self, note, english, chinese):
        self.assertEqual(self._body(note, self.en_reader), english)
        self.assertEqual(self._body(note, self.zh_reader), chinese)
        stored = html.unescape(str(note.body)).removeprefix("<p>").removesuffix("</p>")
        self.assertEqual(stored, english, "the stored body is the English one")

    def test_level_waiting_approved_delegated_complete(self):
        """A request's levels: the level waiting, approved by Ana, delegated by Bob to Dan, the
        request complete: each note in English and Chinese, the level by its Chinese name."""
        task = self._task("Paint")
        request = self._request_review(task)
        waiting = task.message_ids.filtered(lambda m: m.task_mgmt_log and m.task_mgmt_log["lines"][0]["code"]
                                            == "approval_waiting").sorted("id")
        self._assert_read(waiting[0], "Approval for stage 'Review': level 'Lead' waits for Ana Approver.",
                          "阶段“审核” 的审批：级别“组长”正在等待 Ana Approver 审批。")
        self._step(request, "Lead").with_user(self.ana).action_approve(comment="Fine")
        self._assert_read(self._note(task, "approval_approved"), "Level 'Lead' approved by Ana Approver (1/1): Fine",
                          "级别“组长”已由 Ana Approver 批准（1/1）：Fine")
        board = self._step(request, "Board")
        board.with_user(self.bob).action_delegate(user_id=self.dan.id)
        self._assert_read(self._note(task, "approval_delegated"),
                          "Bob Board delegated level 'Board' to Dan Delegate.",
                          "Bob Board 已将级别“董事会”委派给 Dan Delegate。")
        board.with_user(self.cleo).action_approve()
        board.with_user(self.dan).action_approve()
        self.assertEqual(task.stage_id, self.review)
        self._assert_read(self._note(task, "approval_complete"), "Approval complete: the task moved to stage 'Review'.",
                          "审批完成：任务已移至 阶段“审核”。")

    def test_rejected_note_notifies_requester(self):
        """A rejection is posted to the requester, its reason read in both languages."""
        task = self._task("Paint")
        request = self._request_review(task)
        self._step(request, "Lead").with_user(self.ana).action_reject(reason="Walls are wet")
        note = self._note(task, "approval_rejected")
        self.assertIn(self.user.partner_id, note.partner_ids)
        self._assert_read(note, "Approval rejected by Ana Approver (level 'Lead') for stage 'Review': Walls are wet",
                          "Ana Approver 驳回了 阶段“审核” 的审批（级别“组长”）：Walls are wet")

    def test_notified_note_in_the_authors_language(self):
        """A note that notifies people (here a rejection) is e-mailed with its body in the
        author's language, as a note they typed; the chatter still renders it per reader."""
        self.ana.lang = "zh_CN"
        task = self._task("Paint")
        request = self._request_review(task)
        self._step(request, "Lead").with_user(self.ana).action_reject(reason="Walls are wet")
        note = self._note(task, "approval_rejected")
        stored = html.unescape(str(note.body)).removeprefix("<p>").removesuffix("</p>")
        self.assertEqual(stored, "Ana Approver 驳回了 阶段“审核” 的审批（级别“组长”）：Walls are wet")
        self.assertEqual(self._body(note, self.en_reader),
                         "Approval rejected by Ana Approver (level 'Lead') for stage 'Review': Walls are wet")

    def test_already_waiting_escalated_restarted(self):
        """A second move while a request waits, a late level escalated, a request restarted
        because the task's title changed."""
        title = self.env["ir.model.fields"]._get("project.task", "name")
        self.rule.write({"reset_field_ids": [Command.set(title.ids)], "reset_action": "restart"})
        self.rule.level_ids.sorted("sequence")[0].write(
            {"sla_hours": 2, "escalation": "user", "escalation_user_id": self.dan.id})
        task = self._task("Paint")
        with freeze_time(datetime(2026, 1, 5, 9, 0)):
            self._request_review(task)
            task.with_user(self.user).write({"stage_id": self.review.id})
        self._assert_read(
            self._note(task, "approval_already_waiting"),
            "User Ugo tried to move the task to stage 'Review': an approval request is already waiting "
            "(level 'Lead').",
            "User Ugo 尝试将任务移至 阶段“审核”：已有一个审批请求正在等待（级别“组长”）。")
        with freeze_time(datetime(2026, 1, 5, 12, 0)):
            self.env["project.task.approval.step"]._cron_approval_sla()
        self._assert_read(self._note(task, "approval_escalated"),
                          "Level 'Lead' is past its SLA: Ana Approver reminded; escalated to Dan Delegate.",
                          "级别“组长”已超过 SLA：已提醒 Ana Approver；已升级给 Dan Delegate。")
        task.with_user(self.user).write({"name": "Paint twice"})
        self._assert_read(self._note(task, "approval_restarted"),
                          "Approval request for stage 'Review' restarted from the first level: Title changed.",
                          "阶段“审核” 的审批请求已从第一级重新开始：标题 已更改。")

    def test_acceptance_notes(self):
        """A task accepted with a rating, another sent back: both notes in both languages."""
        self.rule.active = False
        self.project.write({"task_acceptance_required": True})
        accepted, sent_back = self._task("Paint"), self._task("Plaster")
        (accepted | sent_back).with_user(self.user).write({"state": "1_done"})
        accepted.with_user(self.manager)._approval_accept("accept", 4, "Neat")
        self._assert_read(self._note(accepted, "acceptance_accepted"), "Accepted by Manager Mia, quality 4/5: Neat",
                          "已由 Manager Mia 验收，质量 4/5：Neat")
        sent_back.with_user(self.manager)._approval_accept("changes", 2, "Second coat")
        self._assert_read(self._note(sent_back, "acceptance_changes"),
                          "Changes requested by Manager Mia (quality 2/5): Second coat",
                          "Manager Mia（质量 2/5） 要求修改：Second coat")

    def test_raci_progress_notes(self):
        """RACI progress for an Informed contact: the Accountable handed over, a consultation
        stage reached, the task done awaiting its Accountable."""
        self.rule.active = False
        contact = self.env["res.partner"].create({"name": "Client Carl", "email": "carl@example.com"})
        self.project.raci_consultation_stage_ids = self.doing
        task = self._task("Paint", informed_partner_ids=[Command.set(contact.ids)],
                          consulted_user_ids=[Command.set(self.bob.ids)], user_ids=[Command.set(self.user.ids)])
        task.with_user(self.manager).write({"accountable_id": self.ana.id})
        self._assert_read(self._note(task, "raci_handover"), "Accountable handed over by Manager Mia to Ana Approver.",
                          "问责人 已由 Manager Mia 移交给 Ana Approver。")
        task.with_user(self.user).write({"stage_id": self.doing.id})
        self._assert_read(self._note(task, "raci_consultation"),
                          "Stage 'Doing' is a consultation point: Bob Board are consulted.",
                          "阶段“进行中”是咨询节点：已向 Bob Board 征询意见。")
        task.with_user(self.user).write({"state": "1_done"})
        note = self._note(task, "raci_done")
        self.assertIn(contact, note.notified_partner_ids)
        self._assert_read(note, "Task done, awaiting acceptance by Ana Approver.",
                          "任务已完成，等待 Ana Approver 验收。")

    def test_dependency_warning_and_forced_move(self):
        """A Warn project's note on a move before the predecessor is done; a Block project's
        forced move with its reason."""
        self.rule.active = False
        self.project.dependency_enforcement = "warn"
        design, build = self._task("Design"), self._task("Build")
        self._link(design, build, "fs")
        build.with_user(self.user).write({"stage_id": self.doing.id})
        self._assert_read(self._note(build, "dependency_warning"),
                          "Dependency warning: Task 'Build' is blocked by 'Design' (Finish to Start).",
                          "依赖警告：任务“Build”被 “Design”（完成-开始） 阻塞。")
        self.project.dependency_enforcement = "block"
        paint = self._task("Paint")
        self._link(design, paint, "fs")
        wizard = self.env["project.task.force.move"].with_user(self.manager).create(
            {"task_ids": [Command.set(paint.ids)], "stage_id": self.doing.id, "reason": "Client signed off"})
        wizard.action_confirm()
        self._assert_read(self._note(paint, "force_moved"),
                          "Manager Mia moved the task past its dependencies: Client signed off",
                          "Manager Mia 越过依赖关系移动了任务：Client signed off")

    def test_log_data_not_readable_nor_writable_by_users(self):
        """The notes' data holds people's late history and must read as the addon's: a project
        user can neither read it, nor write it on their own message, nor post it."""
        task = self._task("Paint")
        message = task.with_user(self.user).message_post(body="Hello", message_type="comment")
        with self.assertRaises(AccessError):
            message.with_user(self.user).read(["task_mgmt_log"])
        with self.assertRaises(AccessError):
            message.with_user(self.user).write({"task_mgmt_log": {"lines": [{"code": "force_moved"}]}})
        with self.assertRaises(ValueError):
            task.with_user(self.user).message_post(body="Fake", task_mgmt_log={"lines": []})
        with self.assertRaises(AccessError):
            self.env["mail.message"].with_user(self.user).create({
                "model": "project.task", "res_id": task.id, "body": "Fake",
                "task_mgmt_log": {"lines": [{"code": "force_moved", "user": "CEO", "reason": "x"}]}})
        self.assertFalse(message.sudo().task_mgmt_log)
