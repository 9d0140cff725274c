# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What Odoo did before the addon keeps working: native dependency semantics by default,
copies and recurring occurrences keep their (typed) links, portal collaborators of shared
projects edit tasks as before while our rules still apply to them."""

from odoo import Command
from odoo.exceptions import AccessError, RedirectWarning, UserError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tests.common import new_test_user

from .common import TaskMgmtCase


@tagged("post_install", "-at_install")
class TestNativeDefault(TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.native = cls.env["project.project"].create({
            "name": "Installed into a running Odoo", "allow_task_dependencies": True,
            "type_ids": [Command.set(cls.stages.ids)], "user_id": cls.manager.id,
        })

    def test_default_is_odoo_behaviour(self):
        """A new project gets Odoo's own semantics: the successor waits, and can still be moved and forced done."""
        self.assertEqual(self.native.dependency_enforcement, "native")
        a, b = self._task("Order parts", self.native), self._task("Assemble", self.native)
        self._link(a, b, "fs")
        self.assertEqual(b.state, "04_waiting_normal")
        b.with_user(self.user).write({"stage_id": self.stages[1].id})
        b.with_user(self.user).write({"state": "1_done"})
        self.assertEqual((b.stage_id, b.state), (self.stages[1], "1_done"))

    def test_native_dependencies_of_odoo_still_mirror(self):
        """Odoo's own depend_on_ids edit still creates the finish-to-start link in a native project."""
        a, b = self._task("Order parts", self.native), self._task("Assemble", self.native)
        b.depend_on_ids = [Command.link(a.id)]
        self.assertEqual(b.predecessor_link_ids.predecessor_id, a)
        self.assertEqual(b.predecessor_link_ids.dependency_type, "fs")


@tagged("post_install", "-at_install")
class TestForceMove(TaskMgmtCase):
    def setUp(self):
        super().setUp()
        self.a, self.b = self._task("Design"), self._task("Build")
        self._link(self.a, self.b, "fs")

    def test_administrator_is_offered_force_move_and_reason_is_logged(self):
        """In a Block project an administrator gets Force Move; confirming it moves the task and logs the reason."""
        with self.assertRaises(RedirectWarning) as caught:
            self.b.with_user(self.manager).write({"stage_id": self.stages[1].id})
        message, action = caught.exception.args[:2]
        self.assertIn("Design", message)
        self.assertEqual(action["res_model"], "project.task.force.move")
        self.assertEqual(self.b.stage_id, self.stages[0])
        wizard = self.env["project.task.force.move"].with_user(self.manager).with_context(
            **action["context"]).create({"reason": "Client signed off by phone"})
        self.assertEqual((wizard.task_ids, wizard.stage_id), (self.b, self.stages[1]))
        wizard.action_confirm()
        self.assertEqual(self.b.stage_id, self.stages[1])
        self.assertIn("Client signed off by phone", self.b.message_ids[0].body)
        self.assertIn(self.manager.name, self.b.message_ids[0].body)

    def test_plain_user_cannot_force(self):
        """A project user is refused, and cannot use the dialog either."""
        with self.assertRaises(UserError) as caught:
            self.b.with_user(self.user).write({"stage_id": self.stages[1].id})
        self.assertNotIsInstance(caught.exception, RedirectWarning)
        with self.assertRaises(AccessError):
            self.env["project.task.force.move"].with_user(self.user).create({
                "task_ids": [Command.set(self.b.ids)], "stage_id": self.stages[1].id, "reason": "I want to",
            })

    def test_forged_context_does_not_force(self):
        """A caller sending the override's context key by hand is still refused."""
        for key in ("task_mgmt_dependency_override", "task_mgmt_scheduling", "task_mgmt_dependency_sync"):
            with self.assertRaises(RedirectWarning):
                self.b.with_user(self.manager).with_context(**{key: True}).write({"stage_id": self.stages[1].id})
        self.assertEqual(self.b.stage_id, self.stages[0])

    def test_reason_is_required(self):
        """Forcing without a reason is refused with a clear message."""
        wizard = self.env["project.task.force.move"].with_user(self.manager).create({
            "task_ids": [Command.set(self.b.ids)], "stage_id": self.stages[1].id, "reason": "   ",
        })
        with self.assertRaisesRegex(UserError, "why"):
            wizard.action_confirm()
        self.assertEqual(self.b.stage_id, self.stages[0])


@tagged("post_install", "-at_install")
class TestCopyKeepsLinks(TaskMgmtCase):
    def test_copy_of_a_set_remaps_typed_links_with_lags(self):
        """Links inside a copied set join the copies (same type and lag); links to tasks outside are kept."""
        a, b, c = self._task("Survey"), self._task("Plan"), self._task("Outside")
        self._link(a, b, "ss", 2)
        self._link(b, c, "ff", -1)
        copies = (a | b).copy()
        a2, b2 = copies
        self.assertEqual(b2.predecessor_link_ids.mapped(lambda link: (link.predecessor_id, link.dependency_type,
                                                                      link.lag_days)), [(a2, "ss", 2)])
        self.assertEqual(b2.successor_link_ids.mapped(lambda link: (link.successor_id, link.dependency_type,
                                                                    link.lag_days)), [(c, "ff", -1)])
        # the originals keep theirs; non-FS links never enter Odoo's depend_on_ids
        self.assertEqual(b.predecessor_link_ids.predecessor_id, a)
        self.assertFalse(b2.depend_on_ids)
        self.assertEqual(len(c.predecessor_link_ids), 2)

    def test_copied_project_keeps_typed_links(self):
        """Duplicating a project duplicates its network with types and lags."""
        a, b = self._task("Survey"), self._task("Plan")
        self._link(a, b, "fs", 3)
        new_project = self.project.copy()
        tasks = new_project.with_context(active_test=False).task_ids
        new_b = tasks.filtered(lambda t: t.name == "Plan")
        link = new_b.predecessor_link_ids
        self.assertEqual((link.predecessor_id.name, link.dependency_type, link.lag_days), ("Survey", "fs", 3))
        self.assertEqual(link.predecessor_id.project_id, new_project)
        self.assertEqual(new_b.depend_on_ids, link.predecessor_id)

    def test_recurring_occurrence_keeps_subtask_links(self):
        """The next occurrence of a recurring task links its own sub-tasks, with the original types and lags."""
        self.env.user.groups_id += self.env.ref("project.group_project_recurring_tasks")
        parent = self.env["project.task"].create({
            "name": "Monthly close", "project_id": self.project.id, "recurring_task": True,
            "repeat_interval": 1, "repeat_unit": "month", "repeat_type": "forever",
            "child_ids": [Command.create({"name": "Collect", "project_id": self.project.id}),
                          Command.create({"name": "Report", "project_id": self.project.id})],
        })
        collect, report = parent.child_ids.sorted("id")
        self._link(collect, report, "ss", 1)
        parent.state = "1_done"
        last_id = parent.recurrence_id._get_last_task_id_per_recurrence_id()[parent.recurrence_id.id]
        occurrence = self.env["project.task"].browse(last_id)
        self.assertNotEqual(occurrence, parent)
        new_collect = occurrence.child_ids.filtered(lambda t: t.name == "Collect")
        new_report = occurrence.child_ids.filtered(lambda t: t.name == "Report")
        link = new_report.predecessor_link_ids
        self.assertEqual((link.predecessor_id, link.dependency_type, link.lag_days), (new_collect, "ss", 1))
        self.assertEqual(report.predecessor_link_ids.predecessor_id, collect)


@tagged("post_install", "-at_install")
class TestPortalCollaborator(TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, "tm_portal", groups="base.group_portal", name="Portal Paula")
        cls.project.write({
            "privacy_visibility": "portal",
            "collaborator_ids": [Command.create({"partner_id": cls.portal.partner_id.id})],
        })

    def test_portal_collaborator_moves_a_task(self):
        """A collaborator of a shared project moves an unblocked task as in plain Odoo."""
        task = self._task("Paint")
        task.with_user(self.portal).write({"stage_id": self.stages[1].id})
        self.assertEqual(task.stage_id, self.stages[1])

    def test_rules_still_apply_to_portal_collaborators(self):
        """Block enforcement still refuses a collaborator's move, naming the blocking task."""
        a, b = self._task("Prime the wall"), self._task("Paint")
        self._link(a, b, "fs")
        with self.assertRaisesRegex(UserError, "Prime the wall"):
            b.with_user(self.portal).write({"stage_id": self.stages[1].id})
        self.assertEqual(b.stage_id, self.stages[0])

    def test_portal_collaborator_cannot_touch_our_fields(self):
        """Our fields stay out of the collaborator's reach (Odoo's access error, not ours)."""
        task = self._task("Paint")
        for values in ({"planned_start_date": "2026-02-02"}, {"acceptance_state": "accepted"}):
            with self.assertRaises(AccessError):
                task.with_user(self.portal).write(values)


@tagged("post_install", "-at_install")
class TestDemoProjects(TransactionCase):
    def test_demo_projects_open_save_and_schedule(self):
        """Every demo project of our addons is valid in its own form (Odoo 18 needs both planned
        dates) and can be scheduled and opened from its smart buttons (issue 11)."""
        data = self.env["ir.model.data"].search([
            ("module", "in", ["task_mgmt_advanced", "task_mgmt_reports"]), ("model", "=", "project.project")])
        projects = self.env["project.project"].browse(data.mapped("res_id"))
        if not self.env.ref("task_mgmt_advanced.demo_project_office_move", raise_if_not_found=False):
            self.assertFalse(projects, "a database without demo data has no demo project")
            return
        self.assertGreaterEqual(len(projects), 2)
        for project in projects:
            with Form(project) as form:
                form.description = "Checked by the demo test"
            self.assertEqual(bool(project.date), bool(project.date_start), project.name)
            for action in ("action_schedule_tasks", "action_view_critical_tasks",
                           "action_view_raci_matrix", "action_view_raci_issues"):
                self.assertTrue(getattr(project, action)(), f"{project.name}: {action}")


@tagged("post_install", "-at_install")
class TestSettings(TransactionCase):
    def test_new_project_defaults_follow_settings(self):
        """Settings choose the rescheduling, enforcement and RACI defaults of new projects (not of
        existing ones); without a choice a new project behaves as in Odoo."""
        Project = self.env["project.project"]
        before = Project.create({"name": "Before the settings"})
        self.assertEqual((before.schedule_mode, before.dependency_enforcement, before.raci_require_accountable),
                         ("auto", "native", False))
        settings = self.env["res.config.settings"].create({
            "task_mgmt_default_schedule_mode": "manual",
            "task_mgmt_default_dependency_enforcement": "block",
            "task_mgmt_default_raci_require_accountable": True,
        })
        settings.execute()
        after = Project.create({"name": "After the settings"})
        self.assertEqual((after.schedule_mode, after.dependency_enforcement, after.raci_require_accountable),
                         ("manual", "block", True))
        self.assertEqual((before.schedule_mode, before.dependency_enforcement), ("auto", "native"))
        self.env["ir.config_parameter"].set_param("task_mgmt_advanced.default_dependency_enforcement", "bogus")
        self.assertEqual(Project.create({"name": "Bad value"}).dependency_enforcement, "native")

    def test_odoo_task_dependencies_setting_is_on(self):
        """Odoo's own Task Dependencies setting shows what the addon does: on after install."""
        self.assertTrue(self.env["res.config.settings"].create({}).group_project_task_dependencies)
        self.assertTrue(self.env["project.project"].create({"name": "New"}).allow_task_dependencies)
