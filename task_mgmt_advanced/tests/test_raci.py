# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import new_test_user

from .common import TaskMgmtCase

CONSULTATION = "task_mgmt_advanced.mail_activity_type_raci_consultation"
ACCEPTANCE = "task_mgmt_advanced.mail_activity_type_acceptance"
HANDOVER = "task_mgmt_advanced.mail_activity_type_raci_handover"
PROGRESS = "task_mgmt_advanced.mt_task_raci_progress"


class RaciCase(TaskMgmtCase):
    """The TaskMgmtCase project (manager: Manager Mia; stages To Do, Doing, Review, Done) plus a
    consultant, a second doer, a portal user and an outside contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo, cls.doing, cls.review, cls.done_stage = cls.stages
        cls.consultant = new_test_user(cls.env, "tm_raci_consultant", groups="project.group_project_user",
                                       name="Carla Consultant")
        cls.doer = new_test_user(cls.env, "tm_raci_doer", groups="project.group_project_user", name="Rita Doer")
        cls.portal = new_test_user(cls.env, "tm_raci_portal", groups="base.group_portal", name="Pat Portal")
        cls.contact = cls.env["res.partner"].create({"name": "Ivy Informed", "email": "ivy@example.com"})
        cls.Task = cls.env["project.task"]

    @contextmanager
    def assertRaisesMatching(self, exception, pattern):
        """assertRaises (rolling back the failed operation) and the message matches ``pattern``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def _activities(self, task, xmlid, user=None):
        domain = [("res_model", "=", "project.task"), ("res_id", "=", task.id),
                  ("activity_type_id", "=", self.env.ref(xmlid).id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def _follower(self, task, partner):
        return task.message_follower_ids.filtered(lambda f: f.partner_id == partner)

    def _flush_tracking(self):
        """Tracking messages are posted when the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tracked_env(self):
        """The test environment with mail tracking and auto-subscription on (TaskMgmtCase turns them off)."""
        return self.env(context=dict(self.env.context, tracking_disable=False, mail_create_nolog=False))


@tagged("post_install", "-at_install")
class TestRaciRoles(RaciCase):
    def test_new_task_accountable_is_project_manager(self):
        """A new task's Accountable is the project manager; its assignees are its Responsible."""
        task = self._task("Draft the plan", user_ids=[Command.set(self.user.ids)])
        self.assertEqual(task.accountable_id, self.manager)
        self.assertEqual(task.user_ids, self.user)
        self.assertFalse(task.raci_issue)

    def test_task_form_follows_the_chosen_project(self):
        """In the task form the Accountable and Consulted follow the project chosen; a project user
        sees the Accountable read-only, a project manager can change it."""
        other = self.project.copy({"name": "Other", "user_id": self.doer.id})
        other.default_consulted_user_ids = self.consultant
        form = Form(self.Task.with_user(self.user).with_context(default_project_id=self.project.id))
        form.name = "From the form"
        self.assertEqual(form.accountable_id, self.manager)
        self.assertFalse(form.raci_can_edit_accountable)
        form.project_id = other
        self.assertEqual(form.accountable_id, self.doer)
        task = form.save()
        self.assertEqual((task.accountable_id, task.consulted_user_ids), (self.doer, self.consultant))
        self.assertTrue(Form(task.with_user(self.manager)).raci_can_edit_accountable)

    def test_subtask_inherits_parent_accountable(self):
        """A sub-task starts with its parent's Accountable, not the project manager."""
        parent = self._task("Parent", accountable_id=self.doer.id)
        child = self._task("Child", parent_id=parent.id)
        self.assertEqual(child.accountable_id, self.doer)

    def test_project_defaults_copied_without_the_accountable(self):
        """New tasks take the project's default Consulted and Informed, minus their own Accountable."""
        self.project.write({
            "default_consulted_user_ids": [Command.set((self.consultant | self.manager).ids)],
            "default_informed_partner_ids": [Command.set((self.contact | self.manager.partner_id).ids)],
        })
        task = self._task("Defaults")
        self.assertEqual(task.accountable_id, self.manager)
        self.assertEqual(task.consulted_user_ids, self.consultant)
        self.assertEqual(task.informed_partner_ids, self.contact)
        explicit = self._task("Explicit", consulted_user_ids=[Command.set(self.doer.ids)])
        self.assertEqual(explicit.consulted_user_ids, self.doer)

    def test_subtasks_inherit_consulted_informed_when_project_says_so(self):
        """Sub-tasks take the project's defaults, or their parent's C/I when the project's switch is on."""
        self.project.default_consulted_user_ids = self.consultant
        parent = self._task("Parent", consulted_user_ids=[Command.set(self.doer.ids)],
                            informed_partner_ids=[Command.set(self.contact.ids)])
        child = self._task("Child 1", parent_id=parent.id)
        self.assertEqual(child.consulted_user_ids, self.consultant)
        self.assertFalse(child.informed_partner_ids)
        self.project.raci_subtasks_inherit_ci = True
        child = self._task("Child 2", parent_id=parent.id)
        self.assertEqual(child.consulted_user_ids, self.doer)
        self.assertEqual(child.informed_partner_ids, self.contact)

    def test_accountable_required_after_first_stage(self):
        """Without Accountable a task may sit in the project's first stage only: moving it on, or
        creating it further, is refused with the task's name."""
        project = self.project.copy({"name": "No manager", "user_id": False})
        Task = self.Task.with_user(self.manager)
        task = Task.create({"name": "Orphan", "project_id": project.id, "stage_id": self.todo.id, "user_ids": False})
        self.assertFalse(task.accountable_id)
        self.assertEqual(task.raci_issue, "no_accountable_responsible")
        self.assertFalse(task.raci_accountable_required)
        with self.assertRaisesMatching(ValidationError, "Orphan"):
            task.with_user(self.user).write({"stage_id": self.doing.id})
        with self.assertRaisesMatching(ValidationError, "Born late"):
            Task.create({"name": "Born late", "project_id": project.id, "stage_id": self.review.id})
        task.accountable_id = self.doer
        task.with_user(self.user).write({"stage_id": self.doing.id})
        self.assertTrue(task.raci_accountable_required)
        with self.assertRaisesMatching(ValidationError, "Orphan"):
            task.with_user(self.manager).write({"accountable_id": False})

    def test_accountable_cannot_be_consulted_or_informed(self):
        """The Accountable cannot also be Consulted or Informed (error naming the task); R and A can
        be the same person."""
        task = self._task("Roles", user_ids=[Command.set(self.manager.ids)])
        self.assertEqual(task.accountable_id, self.manager)  # also Responsible: allowed
        with self.assertRaisesMatching(ValidationError, "Roles.*Manager Mia.*Consulted"):
            task.consulted_user_ids = self.manager
        with self.assertRaisesMatching(ValidationError, "Roles.*Manager Mia.*Informed"):
            task.informed_partner_ids = self.manager.partner_id
        task.write({"consulted_user_ids": [Command.set(self.consultant.ids)],
                    "informed_partner_ids": [Command.set((self.contact | self.consultant.partner_id).ids)]})
        with self.assertRaisesMatching(ValidationError, "Roles.*Carla Consultant.*Consulted"):
            task.accountable_id = self.consultant

    def test_accountable_and_consulted_are_internal_users(self):
        """A portal user can be Informed, not Accountable nor Consulted."""
        task = self._task("Outside help")
        with self.assertRaisesMatching(ValidationError, "Outside help.*internal"):
            task.accountable_id = self.portal
        with self.assertRaisesMatching(ValidationError, "Outside help.*Pat Portal"):
            task.consulted_user_ids = self.portal
        task.informed_partner_ids = self.portal.partner_id
        self.assertEqual(task.informed_partner_ids, self.portal.partner_id)

    def test_raci_issue_lists_open_tasks_without_a_or_r(self):
        """Open tasks without Responsible or Accountable are flagged and found by the RACI issue
        filter; done tasks are not."""
        project = self.project.copy({"name": "No manager", "user_id": False})
        ok = self._task("OK", user_ids=[Command.set(self.user.ids)])
        no_r = self._task("No R", user_ids=False)
        no_a = self._task("No A", project=project, user_ids=[Command.set(self.user.ids)])
        self.assertEqual((ok.raci_issue, no_r.raci_issue, no_a.raci_issue), (False, "no_responsible", "no_accountable"))
        flagged = self.Task.search([("raci_issue", "!=", False), ("project_id", "in", (self.project | project).ids)])
        self.assertEqual(flagged, no_r | no_a)
        no_r.state = "1_done"
        self.assertFalse(no_r.raci_issue)
        self.assertEqual(self.project.raci_issue_count, 0)
        self.assertEqual(project.raci_issue_count, 1)


@tagged("post_install", "-at_install")
class TestRaciAccess(RaciCase):
    def test_only_manager_or_accountable_changes_accountable(self):
        """A project user who is not the Accountable cannot change it (RPC write); a project manager
        can, and so can the current Accountable, to hand over."""
        task = self._task("Guarded")
        with self.assertRaisesMatching(AccessError, "Guarded"):
            task.with_user(self.user).write({"accountable_id": self.user.id})
        self.assertEqual(task.accountable_id, self.manager)
        task.with_user(self.user).write({"accountable_id": self.manager.id, "name": "Guarded (same A)"})
        task.with_user(self.manager).write({"accountable_id": self.doer.id})
        self.assertEqual(task.accountable_id, self.doer)
        task.with_user(self.doer).write({"accountable_id": self.consultant.id})
        self.assertEqual(task.accountable_id, self.consultant)
        with self.assertRaises(AccessError):
            task.with_user(self.doer).write({"accountable_id": self.doer.id})

    def test_user_cannot_choose_accountable_at_creation(self):
        """A project user creating a task keeps the default Accountable; choosing another is refused."""
        Task = self.Task.with_user(self.user)
        with self.assertRaisesMatching(AccessError, "Chosen A"):
            Task.create({"name": "Chosen A", "project_id": self.project.id, "accountable_id": self.doer.id})
        task = Task.create({"name": "Default A", "project_id": self.project.id, "accountable_id": self.manager.id})
        self.assertEqual(task.accountable_id, self.manager)
        by_manager = self.Task.with_user(self.manager).create(
            {"name": "Manager's pick", "project_id": self.project.id, "accountable_id": self.doer.id})
        self.assertEqual(by_manager.accountable_id, self.doer)

    def test_import_reports_accountable_errors(self):
        """Import (load) by a project user: a new task with another Accountable and a change of an
        existing task's Accountable come back as errors; nothing is written."""
        Task = self.Task.with_user(self.user)
        result = Task.load(["name", "project_id/.id", "accountable_id/.id"],
                           [["Imported", str(self.project.id), str(self.doer.id)]])
        self.assertFalse(result["ids"])
        self.assertIn("Only a project manager", " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(self.Task.search([("name", "=", "Imported")]))
        task = self._task("Existing")
        result = Task.load([".id", "accountable_id/.id"], [[str(task.id), str(self.doer.id)]])
        self.assertFalse(result["ids"])
        self.assertIn("Existing", " ".join(m["message"] for m in result["messages"]))
        self.assertEqual(task.accountable_id, self.manager)
        result = self.Task.with_user(self.manager).load([".id", "accountable_id/.id"],
                                                        [[str(task.id), str(self.doer.id)]])
        self.assertEqual(result["ids"], [task.id], result["messages"])
        self.assertEqual(task.accountable_id, self.doer)

    def test_import_reports_role_conflict(self):
        """An imported task whose Accountable is also Consulted is reported with its name."""
        result = self.Task.with_user(self.manager).load(
            ["name", "project_id/.id", "accountable_id/.id", "consulted_user_ids/.id"],
            [["Conflicted", str(self.project.id), str(self.doer.id), f"{self.doer.id},{self.consultant.id}"]],
        )
        self.assertFalse(result["ids"])
        message = " ".join(m["message"] for m in result["messages"])
        self.assertIn("Conflicted", message)
        self.assertIn("Rita Doer", message)

    def test_duplicate_by_user_takes_project_defaults(self):
        """A project user duplicating a task gets the project's default Accountable; a manager keeps it."""
        self.project.default_consulted_user_ids = self.consultant
        task = self._task("Original", accountable_id=self.doer.id, consulted_user_ids=[Command.set(self.user.ids)])
        copy = task.with_user(self.user).copy()
        self.assertEqual((copy.accountable_id, copy.consulted_user_ids), (self.manager, self.consultant))
        copy = task.with_user(self.manager).copy()
        self.assertEqual((copy.accountable_id, copy.consulted_user_ids), (self.doer, self.user))

    def test_portal_user_sees_no_raci_fields(self):
        """A portal user who can read the task cannot read its RACI fields."""
        self.project.privacy_visibility = "portal"
        task = self._task("Shared", consulted_user_ids=[Command.set(self.consultant.ids)])
        task.message_subscribe(self.portal.partner_id.ids)
        as_portal = task.with_user(self.portal)
        self.assertEqual(as_portal.read(["name"])[0]["name"], "Shared")
        for fname in ("accountable_id", "consulted_user_ids", "informed_partner_ids", "raci_issue"):
            with self.assertRaises(AccessError):
                as_portal.read([fname])
            self.assertNotIn(fname, as_portal.fields_get())
        self.assertFalse(self.env["project.task.raci.line"].with_user(self.portal).has_access("read"))

    def test_portal_stage_change_through_project_sharing(self):
        """A portal collaborator moving a task into a consultation stage works and asks the Consulted."""
        self.project.write({
            "privacy_visibility": "portal",
            "collaborator_ids": [Command.create({"partner_id": self.portal.partner_id.id})],
            "raci_consultation_stage_ids": [Command.set(self.review.ids)],
        })
        task = self._task("Shared", consulted_user_ids=[Command.set(self.consultant.ids)])
        task.with_user(self.portal).write({"stage_id": self.review.id})
        self.assertEqual(task.stage_id, self.review)
        self.assertTrue(self._activities(task, CONSULTATION, self.consultant))


@tagged("post_install", "-at_install")
class TestRaciNotifications(RaciCase):
    def test_informed_follow_with_raci_subtypes(self):
        """Informed people follow the task with the stage, state and RACI progress subtypes."""
        task = self._task("Watched")
        task.with_user(self.user).informed_partner_ids = self.contact
        follower = self._follower(task, self.contact)
        self.assertTrue(follower)
        subtypes = follower.subtype_ids
        self.assertIn(self.env.ref(PROGRESS), subtypes)
        self.assertIn(self.env.ref("project.mt_task_stage"), subtypes)
        self.assertNotIn(self.env.ref("project.mt_task_done"), subtypes)
        self.assertEqual(task.raci_follower_partner_ids, self.contact)
        created = self._task("Born watched", informed_partner_ids=[Command.set(self.contact.ids)])
        self.assertTrue(self._follower(created, self.contact))

    def test_removed_informed_stop_following_unless_other_reason(self):
        """Removed Informed stop following, except who followed before, assignees and the Accountable."""
        task = self._task("Watched", user_ids=[Command.set(self.doer.ids)])
        earlier = self.env["res.partner"].create({"name": "Earl Ier"})
        task.message_subscribe(earlier.ids)
        informed = self.contact | earlier | self.doer.partner_id
        task.informed_partner_ids = informed
        self.assertEqual(task.raci_follower_partner_ids, self.contact | self.doer.partner_id)
        self.assertIn(self.env.ref(PROGRESS), self._follower(task, earlier).subtype_ids)
        task.informed_partner_ids = False
        self.assertFalse(self._follower(task, self.contact))
        self.assertTrue(self._follower(task, earlier))
        self.assertTrue(self._follower(task, self.doer.partner_id))
        self.assertFalse(task.raci_follower_partner_ids)

    def test_informed_notified_of_stage_change_and_completion(self):
        """An Informed contact is notified when the task changes stage and when it is done."""
        task = self._task("News", informed_partner_ids=[Command.set(self.contact.ids)])
        self._flush_tracking()  # the creation's transaction ends
        task = task.with_env(self._tracked_env()).with_user(self.user)
        task.stage_id = self.doing
        self._flush_tracking()
        stage_subtype = self.env.ref("project.mt_task_stage")
        stage_message = task.sudo().message_ids.filtered(lambda m: m.subtype_id == stage_subtype)
        self.assertIn(self.contact, stage_message.notified_partner_ids)
        task.state = "1_done"
        self._flush_tracking()
        done_messages = task.sudo().message_ids.filtered(lambda m: m.subtype_id == self.env.ref(PROGRESS))
        self.assertIn("awaiting acceptance by Manager Mia", done_messages[:1].body)
        self.assertIn(self.contact, done_messages.notified_partner_ids)
        native_done = task.sudo().message_ids.filtered(lambda m: m.subtype_id == self.env.ref("project.mt_task_done"))
        self.assertNotIn(self.contact, native_done.notified_partner_ids)

    def test_consulted_get_activity_at_consultation_stage(self):
        """Reaching a consultation stage gives each Consulted one Consultation activity (none to the
        person who moved the task, none again when the task comes back)."""
        self.project.raci_consultation_stage_ids = self.review
        task = self._task("Design", consulted_user_ids=[Command.set((self.consultant | self.doer).ids)])
        task.with_user(self.user).stage_id = self.doing
        self.assertFalse(self._activities(task, CONSULTATION))
        task.with_user(self.doer).stage_id = self.review
        self.assertEqual(self._activities(task, CONSULTATION).user_id, self.consultant)
        task.with_user(self.user).stage_id = self.doing
        task.with_user(self.user).stage_id = self.review
        self.assertEqual(len(self._activities(task, CONSULTATION, self.consultant)), 1)
        self.assertEqual(self._activities(task, CONSULTATION, self.doer).user_id, self.doer)
        created = self._task("Born in review", stage_id=self.review.id,
                             consulted_user_ids=[Command.set(self.consultant.ids)])
        self.assertTrue(self._activities(created, CONSULTATION, self.consultant))

    def test_accountable_gets_acceptance_when_done(self):
        """A task marked done by someone else awaits its Accountable's acceptance (an Acceptance
        activity), withdrawn when the task is reopened; done by the Accountable: nothing to accept."""
        task = self._task("Deliverable", user_ids=[Command.set(self.user.ids)])
        task.with_user(self.user).write({"state": "1_done"})
        acceptance = self._activities(task, ACCEPTANCE)
        self.assertEqual(acceptance.user_id, self.manager)
        task.with_user(self.user).write({"state": "01_in_progress"})
        self.assertFalse(self._activities(task, ACCEPTANCE))
        task.with_user(self.manager).write({"state": "1_done"})
        self.assertFalse(self._activities(task, ACCEPTANCE))

    def test_formal_acceptance_workflow_replaces_raci_acceptance(self):
        """In a project whose done tasks go through the acceptance workflow, the Accountable gets
        that workflow's activity only, not a second RACI one."""
        self.project.task_acceptance_required = True
        task = self._task("Formal", user_ids=[Command.set(self.user.ids)])
        task.with_user(self.user).write({"state": "1_done"})
        self.assertEqual(len(self._activities(task, ACCEPTANCE)), 1)
        self.assertEqual(task.activity_ids.user_id, self.manager)

    def test_handover_activity_on_accountable_change(self):
        """The new Accountable gets a Handover activity naming the previous one and listing the open
        sub-tasks and activities; a first Accountable gets none."""
        task = self._task("Migration")
        self._task("Move the data", parent_id=task.id, user_ids=[Command.set(self.user.ids)])
        self._task("Old cleanup", parent_id=task.id, state="1_done")
        task.activity_schedule("mail.mail_activity_data_todo", summary="Call the vendor", user_id=self.user.id)
        task.with_user(self.manager).accountable_id = self.doer
        handover = self._activities(task, HANDOVER, self.doer)
        self.assertEqual(len(handover), 1)
        note = str(handover.note)
        for expected in ("Manager Mia", "Move the data", "User Ugo", "Call the vendor"):
            self.assertIn(expected, note)
        self.assertNotIn("Old cleanup", note)
        project = self.project.copy({"name": "No manager", "user_id": False})
        first = self._task("First A", project=project)
        first.with_user(self.manager).accountable_id = self.doer
        self.assertFalse(self._activities(first, HANDOVER))

    def test_handover_activity_on_responsible_change(self):
        """A newly assigned Responsible gets a Handover activity from the previous assignee; a first
        assignment or a self-assignment gets none."""
        task = self._task("Support ticket", user_ids=False)
        task.with_user(self.manager).user_ids = self.user
        self.assertFalse(self._activities(task, HANDOVER))
        task.with_user(self.manager).user_ids = self.doer
        handover = self._activities(task, HANDOVER, self.doer)
        self.assertIn("User Ugo", str(handover.note))
        task.with_user(self.consultant).user_ids = self.doer | self.consultant
        self.assertFalse(self._activities(task, HANDOVER, self.consultant))

    def test_accountable_follows_the_task(self):
        """The Accountable set on a task follows it."""
        task = self._task("Followed").with_env(self._tracked_env())
        task.accountable_id = self.doer
        self.assertTrue(self._follower(task, self.doer.partner_id))


@tagged("post_install", "-at_install")
class TestRaciMatrix(RaciCase):
    def test_matrix_has_one_line_per_task_person_role(self):
        """The matrix holds R, A, C and I lines of the project's tasks, people as partners."""
        task = self._task("Matrix", user_ids=[Command.set(self.doer.ids)],
                          consulted_user_ids=[Command.set(self.consultant.ids)],
                          informed_partner_ids=[Command.set((self.contact | self.user.partner_id).ids)])
        self.env.flush_all()
        lines = self.env["project.task.raci.line"].search([("task_id", "=", task.id)])
        got = sorted((line.role, line.partner_id.name, line.user_id.name or "") for line in lines)
        self.assertEqual(got, [
            ("A", "Manager Mia", "Manager Mia"),
            ("C", "Carla Consultant", "Carla Consultant"),
            ("I", "Ivy Informed", ""),
            ("I", "User Ugo", "User Ugo"),
            ("R", "Rita Doer", "Rita Doer"),
        ])
        self.assertEqual(lines.project_id, self.project)
        groups = self.env["project.task.raci.line"].with_user(self.user)._read_group(
            [("project_id", "=", self.project.id)], ["partner_id", "role"], ["__count"])
        self.assertIn((self.doer.partner_id, "R", 1), groups)

    def test_matrix_follows_task_access(self):
        """A project user sees the matrix lines of the tasks they can read, not the others."""
        secret_project = self.project.copy({"name": "Secret", "privacy_visibility": "followers"})
        secret = self._task("Secret task", project=secret_project, user_ids=[Command.set(self.doer.ids)])
        public = self._task("Public task", user_ids=[Command.set(self.doer.ids)])
        self.env.flush_all()
        Line = self.env["project.task.raci.line"]
        as_user = Line.with_user(self.user).search([("task_id", "in", (secret | public).ids)])
        self.assertEqual(as_user.task_id, public)
        secret_lines = Line.search([("task_id", "=", secret.id)])
        self.assertEqual(len(secret_lines), 2)
        with self.assertRaises(AccessError):
            secret_lines.with_user(self.user).read(["role"])
        self.assertEqual(len(Line.with_user(self.manager).search([("task_id", "=", secret.id)])), 2)

    def test_project_button_opens_the_matrix(self):
        """The project's RACI Matrix button opens the matrix client action on that project."""
        action = self.project.with_user(self.user).action_view_raci_matrix()
        self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "task_mgmt_advanced.raci_matrix"))
        self.assertEqual(action["params"], {"project_id": self.project.id})

    def test_matrix_grid_letters_and_filters(self):
        """Tasks down the side, people across, several letters when a person holds several
        roles (in R A C I order); filters for open tasks, my tasks and a missing Accountable."""
        both = self._task("Both roles", user_ids=[Command.set(self.manager.ids)],
                          consulted_user_ids=[Command.set(self.consultant.ids)])
        closed = self._task("Closed", user_ids=[Command.set(self.doer.ids)])
        closed.state = "1_done"
        orphan = self._task("No accountable", user_ids=[Command.set(self.doer.ids)])
        orphan.project_id.raci_require_accountable = False
        orphan.accountable_id = False
        self.env.flush_all()
        Line = self.env["project.task.raci.line"]
        matrix = Line.with_user(self.user).get_matrix(self.project.id)
        self.assertEqual(matrix["project"]["id"], self.project.id)
        self.assertEqual({t["name"] for t in matrix["tasks"]}, {"Both roles", "No accountable"})
        self.assertEqual(matrix["total"], 2)
        cells = matrix["cells"]
        self.assertEqual(cells[both.id][self.manager.partner_id.id], "RA")
        self.assertEqual(cells[both.id][self.consultant.partner_id.id], "C")
        self.assertEqual(cells[orphan.id][self.doer.partner_id.id], "R")
        self.assertNotIn(self.manager.partner_id.id, cells[orphan.id])
        people = [p["id"] for p in matrix["people"]]
        self.assertEqual(people[0], self.manager.partner_id.id, "most roles first")
        self.assertEqual([t["missing_accountable"] for t in matrix["tasks"] if t["id"] == orphan.id], [True])
        every = Line.get_matrix(self.project.id, open_only=False)
        self.assertIn(closed.id, [t["id"] for t in every["tasks"]])
        missing = Line.get_matrix(self.project.id, missing_accountable=True)
        self.assertEqual([t["id"] for t in missing["tasks"]], [orphan.id])
        mine = Line.with_user(self.consultant).get_matrix(self.project.id, mine=True)
        self.assertEqual([t["id"] for t in mine["tasks"]], [both.id])
        limited = Line.get_matrix(self.project.id, limit=1)
        self.assertEqual((len(limited["tasks"]), limited["total"]), (1, 2))

    def test_matrix_of_unreadable_project_refused(self):
        """A project the user cannot read, or that does not exist, is refused by name/id."""
        secret_project = self.project.copy({"name": "Secret", "privacy_visibility": "followers"})
        Line = self.env["project.task.raci.line"]
        with self.assertRaises(AccessError):
            Line.with_user(self.user).get_matrix(secret_project.id)
        with self.assertRaisesRegex(UserError, "999999"):
            Line.with_user(self.user).get_matrix(999999)
