# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import activate_chinese


@tagged("post_install", "-at_install")
class TourCase(HttpCase):
    """Odoo gives Chromium 10 s (100 x 0.1 s) to open its DevTools port, then skips the test;
    on a loaded 2-core machine a start once took longer: the tours give it 60 s."""

    def start_tour(self, url_path, tour_name, **kwargs):
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            return super().start_tour(url_path, tour_name, **kwargs)


@tagged("post_install", "-at_install")
class TestPriorityRuleTour(TourCase):
    """The priority rule form in a real browser (Chromium, headless): a bad value is refused
    with a message naming the rule, and nothing is saved until it is corrected."""

    def test_priority_rule_tour(self):
        Rule = self.env["project.task.priority.rule"]
        name = "Tour: deadline within 5 days"
        self.assertFalse(Rule.search([("name", "=", name)]))
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_priority_rule_action",
                        "task_mgmt_priority_rule_tour", login="admin")
        rule = Rule.search([("name", "=", name)])
        self.assertEqual(len(rule), 1, "the tour saved the rule once, after the refused attempt")
        self.assertEqual((rule.condition, rule.deadline_days, rule.effect, rule.raise_steps),
                         ("deadline", 5, "raise", 2))

    def test_eisenhower_matrix_tour(self):
        """Dragging a card between quadrant columns sets Important and Urgent (urgency then
        counts as set by hand) and the priority of the new quadrant."""
        project = self.env["project.project"].create({"name": "Tour: matrix project"})
        admin = self.env.ref("base.user_admin")
        task = self.env["project.task"].create({
            "name": "Tour: matrix task", "project_id": project.id, "user_ids": [(6, 0, admin.ids)],
        })
        self.assertEqual((task.quadrant, task.priority, task.priority_pinned), ("q4", "0", False))
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_action_quadrant",
                        "task_mgmt_eisenhower_matrix_tour", login="admin")
        task.invalidate_recordset()
        self.assertEqual((task.quadrant, task.is_important, task.is_urgent, task.urgent_manual, task.priority),
                         ("q1", True, True, True, "3"))
        self.assertFalse(task.priority_pinned, "the priority follows the quadrant: it is not set by hand")


@tagged("post_install", "-at_install")
class TestApprovalTour(TourCase):
    """An approval in a real browser: the approver opens the request from My Approvals and
    approves it; the guarded move then happens."""

    def test_approval_tour(self):
        admin = self.env.ref("base.user_admin")
        user = new_test_user(self.env, "tm_tour_user", groups="project.group_project_user", name="Tour User")
        todo, review = self.env["project.task.type"].create([
            {"name": "Tour To Do", "sequence": 1}, {"name": "Tour Review", "sequence": 2},
        ])
        project = self.env["project.project"].create({
            "name": "Tour: approvals project", "type_ids": [Command.set((todo | review).ids)],
        })
        self.env["project.task.approval.rule"].create({
            "name": "Tour sign-off", "project_ids": [Command.set(project.ids)], "transition": "stage",
            "stage_id": review.id,
            "level_ids": [Command.create({"name": "Lead", "approver_type": "users",
                                          "approver_user_ids": [Command.set(admin.ids)]})],
        })
        task = self.env["project.task"].create({"name": "Tour: task to review", "project_id": project.id,
                                                "stage_id": todo.id})
        task.with_user(user).write({"stage_id": review.id})
        request = task.approval_request_ids
        self.assertEqual((task.stage_id, request.state), (todo, "pending"), "the move waits for approval")
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_approval_step_action_mine",
                        "task_mgmt_approval_tour", login="admin")
        task.invalidate_recordset()
        request.invalidate_recordset()
        self.assertEqual((request.state, task.stage_id), ("approved", review))
        self.assertEqual({(d.decision, d.user_id) for d in request.decision_ids},
                         {("requested", user), ("approved", admin), ("completed", admin)},
                         "the audit trail: requested, approved, move completed")


    def test_level_filter_counts_rule_projects_tour(self):
        """A level's condition, opened from its rule's form, counts the matching tasks of the
        rule's projects only (3 of the 5 tasks matching)."""
        mine, other = self.env["project.project"].create([{"name": "Tour: scoped"}, {"name": "Tour: elsewhere"}])
        self.env["project.task"].create([{"name": f"Scoped tour task {i}", "project_id": project.id}
                                         for project, count in ((mine, 3), (other, 2)) for i in range(count)])
        condition = "[('name', 'ilike', 'Scoped tour task')]"
        rule = self.env["project.task.approval.rule"].create({
            "name": "Tour: scoped rule", "project_ids": [Command.set(mine.ids)], "transition": "done",
            "domain": condition,
            "level_ids": [Command.create({"name": "Scoped level", "approver_type": "project_manager",
                                          "condition_domain": condition})],
        })
        self.start_tour(f"/odoo/action-task_mgmt_advanced.project_task_approval_rule_action/{rule.id}",
                        "task_mgmt_approval_level_filter_tour", login="admin")


@tagged("post_install", "-at_install")
class TestDependencyTour(TourCase):
    """A typed dependency added in a real browser, in the task form: the successor (automatic
    project) is rescheduled after its new predecessor."""

    def test_dependency_tour(self):
        project = self.env["project.project"].create({
            "name": "Tour: house", "allow_task_dependencies": True, "schedule_mode": "auto",
        })
        Task = self.env["project.task"]
        pour = Task.create({"name": "Tour: pour concrete", "project_id": project.id, "duration_days": 3})
        walls = Task.create({"name": "Tour: build walls", "project_id": project.id, "duration_days": 2})
        self.assertEqual(walls.planned_start_date, pour.planned_start_date, "no link yet: both start together")
        self.start_tour(f"/odoo/project.task/{walls.id}", "task_mgmt_dependency_tour", login="admin")
        link = walls.predecessor_link_ids
        self.assertEqual((link.predecessor_id, link.dependency_type, link.lag_days), (pour, "fs", 1))
        walls.invalidate_recordset()
        self.assertGreater(walls.planned_start_date, pour.planned_end_date, "rescheduled after its predecessor")
        self.assertIn(pour, walls.depend_on_ids, "mirrored in Odoo's native dependencies")


@tagged("post_install", "-at_install")
class TestRaciTour(TourCase):
    """RACI roles in a real browser: consulting the Accountable is refused with a message naming
    the person, nothing is saved; consulting someone else is saved."""

    def test_raci_tour(self):
        accountable = new_test_user(self.env, "tm_tour_accountable", groups="project.group_project_manager",
                                    name="Tour Accountable")
        consultant = new_test_user(self.env, "tm_tour_consultant", groups="project.group_project_user",
                                   name="Tour Consultant")
        project = self.env["project.project"].create({"name": "Tour: RACI project", "user_id": accountable.id})
        task = self.env["project.task"].create({"name": "Tour: RACI task", "project_id": project.id})
        self.assertEqual(task.accountable_id, accountable, "the project manager is Accountable by default")
        self.start_tour(f"/odoo/project.task/{task.id}", "task_mgmt_raci_tour", login="admin")
        task.invalidate_recordset()
        self.assertEqual((task.accountable_id, task.consulted_user_ids), (accountable, consultant))


@tagged("post_install", "-at_install")
class TestRaciMatrixTour(TourCase):
    """The RACI matrix client action in a real browser, and its XLSX export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = new_test_user(cls.env, "tm_matrix_lead", groups="project.group_project_manager",
                                 name="Tour Lead")
        cls.reviewer = new_test_user(cls.env, "tm_matrix_reviewer", groups="project.group_project_user",
                                     name="Tour Reviewer")
        cls.project = cls.env["project.project"].create({"name": "Tour: matrix", "user_id": cls.lead.id})
        Task = cls.env["project.task"]
        cls.design = Task.create({"name": "Tour design", "project_id": cls.project.id,
                                  "user_ids": [Command.set(cls.lead.ids)],
                                  "consulted_user_ids": [Command.set(cls.reviewer.ids)]})
        cls.orphan = Task.create({"name": "Tour orphan", "project_id": cls.project.id,
                                  "user_ids": [Command.set(cls.reviewer.ids)]})
        cls.orphan.accountable_id = False

    def test_raci_matrix_tour(self):
        self.assertEqual(self.design.accountable_id, self.lead)
        self.start_tour(f"/odoo/action-project.open_view_project_all/{self.project.id}",
                        "task_mgmt_raci_matrix_tour", login="admin")

    def test_raci_matrix_tour_in_chinese(self):
        """The same matrix for a user working in Simplified Chinese: labels translated, letters kept."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["task_mgmt_advanced"], ["zh_CN"])
        self.env.ref("base.user_admin").lang = "zh_CN"
        self.start_tour(f"/odoo/action-project.open_view_project_all/{self.project.id}",
                        "task_mgmt_raci_matrix_zh_tour", login="admin")

    def test_raci_matrix_xlsx(self):
        """The XLSX has the same grid: people across, letters in the cells, every task."""
        import io  # noqa: PLC0415

        import openpyxl  # noqa: PLC0415
        self.env.ref("base.user_admin").lang = "en_US"
        self.authenticate("admin", "admin")
        response = self.url_open(f"/task_mgmt_advanced/raci_matrix.xlsx?project_id={self.project.id}")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[4]]
        self.assertEqual(header[:2], ["Task", "Stage"])
        rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
        design = rows["Tour design"]
        self.assertEqual(design[header.index("Tour Lead")], "RA")
        self.assertEqual(design[header.index("Tour Reviewer")], "C")
        self.assertIn("Tour orphan (no Accountable)", rows)
        refused = self.url_open("/task_mgmt_advanced/raci_matrix.xlsx?project_id=abc")
        self.assertEqual(refused.status_code, 400)


@tagged("post_install", "-at_install")
class TestChineseTours(TourCase):
    """The task form and My Approvals in Simplified Chinese, in a real browser, for records an
    English-speaking user produced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_chinese(cls.env)
        cls.admin = cls.env.ref("base.user_admin")
        cls.english = new_test_user(cls.env, "tm_tour_en", groups="project.group_project_manager",
                                    name="English Emma", lang="en_US")

    def test_task_form_tour_in_chinese(self):
        """A rule raises the priority of a task an English-speaking manager creates; its suggestion
        is computed for her: the Chinese-speaking admin reads the note and the explanation in
        Chinese, with the rule's Chinese name."""
        self.env["project.task.priority.rule"].search([]).active = False
        rule = self.env["project.task.priority.rule"].create({
            "name": "Tour: close deadline", "company_id": False, "condition": "filter", "effect": "raise",
            "raise_steps": 1, "filter_domain": "[('name', 'like', 'Tour: ')]",
        })
        rule.with_context(lang="zh_CN").name = "导览：截止临近"
        project = self.env["project.project"].create({"name": "Tour: bilingual project"})
        deadline = fields.Datetime.now() + timedelta(days=7)
        task = self.env["project.task"].with_user(self.english).create({
            "name": "Tour: bilingual task", "project_id": project.id, "date_deadline": deadline,
        })
        self.assertTrue(task.sudo().message_ids.filtered("task_mgmt_log"), "the rule's note is logged as data")
        task.with_user(self.english).action_priority_refresh_suggestions()
        self.assertIn("deadline in", task.with_user(self.english).with_context(lang="en_US").priority_explanation)
        task.priority_suggestion_dismissed = False
        task.suggested_priority = "3"
        self.admin.lang = "zh_CN"
        self.start_tour(f"/odoo/project.task/{task.id}", "task_mgmt_task_form_zh_tour", login="admin")

    def test_my_approvals_tour_in_chinese(self):
        """My Approvals in Chinese: the move (stage → stage) and the time left in working hours;
        approving it is confirmed in Chinese."""
        todo, review = self.env["project.task.type"].create([
            {"name": "导览待办", "sequence": 1}, {"name": "导览审核", "sequence": 2},
        ])
        project = self.env["project.project"].create({
            "name": "Tour: approvals project (zh)", "type_ids": [Command.set((todo | review).ids)],
        })
        self.env["project.task.approval.rule"].create({
            "name": "Tour sign-off (zh)", "project_ids": [Command.set(project.ids)], "transition": "stage",
            "stage_id": review.id,
            "level_ids": [Command.create({"name": "组长", "approver_type": "users", "sla_hours": 1000,
                                          "approver_user_ids": [Command.set(self.admin.ids)]})],
        })
        task = self.env["project.task"].create({"name": "导览：待审任务", "project_id": project.id,
                                                "stage_id": todo.id})
        task.with_user(self.english).write({"stage_id": review.id})
        request = task.approval_request_ids
        self.admin.lang = "zh_CN"
        self.start_tour("/odoo/action-task_mgmt_advanced.project_task_approval_step_action_mine",
                        "task_mgmt_approval_zh_tour", login="admin")
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
