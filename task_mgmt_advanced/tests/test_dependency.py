# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from ..hooks import post_init_hook
from .common import TaskMgmtCase

# January 2026: Monday 5, Tuesday 6, Wednesday 7, Thursday 8, Friday 9, Monday 12, Tuesday 13, ...
D = {day: date(2026, 1, day) for day in range(1, 32)}


@tagged("post_install", "-at_install")
class TestScheduling(TaskMgmtCase):
    def assertPlanned(self, task, start, end):
        self.assertEqual((task.planned_start_date, task.planned_end_date), (start, end), task.name)

    def test_fs_link_with_lag_schedules_successor(self):
        """A (3 days) → B (2 days) finish-to-start with 1 day lag: A Mon 5–Wed 7; B starts after
        a one-day gap on Fri 9 and ends Mon 12 (the weekend is not worked)."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        self._link(a, b, "fs", 1)
        self.assertPlanned(a, D[5], D[7])
        self.assertPlanned(b, D[9], D[12])  # es = ef_A 3 + lag 1 = working day 4 (Fri 9)

    def test_public_holiday_is_skipped(self):
        """With Thursday 8 a public holiday, B's start (working day 4) is Monday 12, its end Tuesday 13."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        self._link(a, b, "fs", 1)
        self._holiday(D[8])
        self.project.action_schedule_tasks()
        self.assertPlanned(a, D[5], D[7])
        self.assertPlanned(b, D[12], D[13])

    def test_duration_change_cascades_to_successors(self):
        """Lengthening A to 5 days moves B (automatic mode) at once: A Mon 5–Fri 9, B Tue 13–Wed 14."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        c = self._task("C (unrelated)", duration_days=1)
        self._link(a, b, "fs", 1)
        a.duration_days = 5
        self.assertPlanned(a, D[5], D[9])
        self.assertPlanned(b, D[13], D[14])  # es = 5 + 1 = working day 6
        self.assertPlanned(c, D[5], D[5])

    def test_manual_mode_waits_for_schedule_action(self):
        """In manual mode successors stay put until someone clicks Schedule."""
        self.project.schedule_mode = "manual"
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        self._link(a, b)
        self.assertFalse(b.planned_start_date)
        self.project.with_user(self.user).action_schedule_tasks()
        self.assertPlanned(a, D[5], D[7])
        self.assertPlanned(b, D[8], D[9])

    def test_start_set_by_hand_pins_the_task(self):
        """Setting B's start by hand makes it 'start no earlier than' and keeps it there."""
        a = self._task("A", duration_days=1)
        b = self._task("B", duration_days=1)
        self._link(a, b)
        b.planned_start_date = D[14]
        self.assertEqual(b.pinned_start_date, D[14])
        self.assertPlanned(b, D[14], D[14])

    def test_end_set_by_hand_sets_duration(self):
        """Setting B's end by hand to Tuesday 13 after a Thursday 8 start gives 4 working days."""
        self.project.schedule_mode = "manual"
        b = self._task("B", planned_start_date=D[8], planned_end_date=D[9])
        b.planned_end_date = D[13]  # Thu 8, Fri 9, Mon 12, Tue 13
        self.assertEqual(b.duration_days, 4)

    def test_duration_from_allocated_hours(self):
        """With no duration, 20 allocated hours on an 8-hour calendar take 3 working days."""
        a = self._task("A", allocated_hours=20)
        self.project.action_schedule_tasks()
        self.assertPlanned(a, D[5], D[7])

    def test_start_to_start_lead_and_finish_to_finish(self):
        """SS with a 1-day lead from A pinned on Wed 7 starts B on Tue 6; FF with 2 days lag from
        A (Wed 7–Mon 12, ef = 6) ends C (1 day) on Wed 14."""
        a = self._task("A", duration_days=4, pinned_start_date=D[7])
        b = self._task("B", duration_days=1)
        c = self._task("C", duration_days=1)
        self._link(a, b, "ss", -1)
        self._link(a, c, "ff", 2)
        self.assertPlanned(a, D[7], D[12])
        self.assertPlanned(b, D[6], D[6])  # es = es_A 2 - 1 = 1
        self.assertPlanned(c, D[14], D[14])  # ef >= ef_A 6 + 2 = 8 → es 7 (Wed 14)

    def test_critical_path_and_float(self):
        """A (3) → C (2) and B (1) → C: A and C are critical, B has 2 days of total and free
        float and could start as late as Wednesday 7."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=1)
        c = self._task("C", duration_days=2)
        self._link(a, c)
        self._link(b, c)
        self.assertTrue(a.is_critical and c.is_critical)
        self.assertFalse(b.is_critical)
        self.assertEqual((b.total_float_days, b.free_float_days), (2, 2))
        self.assertEqual((b.late_start_date, b.late_end_date), (D[7], D[7]))
        critical = self.env["project.task"].search([("project_id", "=", self.project.id), ("is_critical", "=", True)])
        self.assertEqual(critical, a | c)
        self.assertEqual(self.project.critical_task_count, 2)

    def test_planned_after_deadline_is_flagged(self):
        """C planned to end Friday 9 with a deadline on Tuesday 6 is flagged late."""
        a = self._task("A", duration_days=3)
        c = self._task("C", duration_days=2, date_deadline="2026-01-06 12:00:00")
        self._link(a, c)
        self.assertEqual(c.planned_end_date, D[9])
        self.assertTrue(c.is_schedule_late)
        self.assertIn(c, self.env["project.task"].search([("is_schedule_late", "=", True)]))

    def test_cross_project_successor_follows(self):
        """A successor in another automatic project moves when its predecessor moves."""
        other = self.project.copy({"name": "Other", "date_start": D[5]})
        a = self._task("A", duration_days=2)
        b = self._task("B", project=other, duration_days=1)
        self._link(a, b)
        self.assertPlanned(b, D[7], D[7])
        a.duration_days = 4
        self.assertPlanned(b, D[9], D[9])

    def test_cross_project_link_follows_tasks_moved_to_other_projects(self):
        """The link's stored projects follow its tasks to other projects: the successor, moved
        to a third project, still follows its predecessor; once both share a project, the
        link is an inner one of that project."""
        other = self.project.copy({"name": "Other", "date_start": D[5]})
        third = self.project.copy({"name": "Third", "date_start": D[5]})
        a = self._task("A", duration_days=2)
        b = self._task("B", project=other, duration_days=1)
        link = self._link(a, b)
        b.project_id = third
        self.assertEqual((link.predecessor_project_id, link.project_id), (self.project, third))
        a.duration_days = 4
        self.assertPlanned(b, D[9], D[9])
        a.project_id = third
        self.assertEqual((link.predecessor_project_id, link.project_id), (third, third))
        a.duration_days = 2
        self.assertPlanned(a, D[5], D[6])
        self.assertPlanned(b, D[7], D[7])

    def test_cycle_of_mixed_types_refused_naming_tasks(self):
        """A cycle of mixed types is refused with the names of the tasks on it."""
        a, b, c = self._task("Alpha"), self._task("Bravo"), self._task("Charlie")
        self._link(a, b, "fs")
        self._link(b, c, "ss")
        with self.assertRaises(ValidationError) as error:
            self._link(c, a, "ff")
        message = str(error.exception)
        self.assertIn("Alpha", message)
        self.assertIn("Bravo", message)
        self.assertIn("Charlie", message)
        self.assertLess(message.index("Alpha"), message.index("Bravo"))


@tagged("post_install", "-at_install")
class TestNativeSync(TaskMgmtCase):
    def test_fs_link_mirrors_native_dependency(self):
        """A finish-to-start link shows in Odoo's depend_on_ids and makes the successor wait."""
        a, b = self._task("A"), self._task("B")
        link = self._link(a, b, "fs")
        self.assertEqual(b.depend_on_ids, a)
        self.assertEqual(b.state, "04_waiting_normal")
        link.dependency_type = "ss"
        self.assertFalse(b.depend_on_ids)
        self.assertEqual(b.state, "01_in_progress")
        link.dependency_type = "fs"
        self.assertEqual(b.depend_on_ids, a)
        link.unlink()
        self.assertFalse(b.depend_on_ids)

    def test_other_types_do_not_make_successor_wait(self):
        """Start-to-start, finish-to-finish and start-to-finish links leave the native state alone."""
        a = self._task("A")
        for kind in ("ss", "ff", "sf"):
            b = self._task(f"B {kind}")
            self._link(a, b, kind)
            self.assertFalse(b.depend_on_ids)
            self.assertEqual(b.state, "01_in_progress")

    def test_native_edit_creates_and_removes_links(self):
        """Editing depend_on_ids natively (form widget, RPC, other modules) adds and removes FS links."""
        a, b, c = self._task("A"), self._task("B"), self._task("C")
        Link = self.env["project.task.dependency"]
        b.write({"depend_on_ids": [(4, a.id)]})
        link = Link.search([("successor_id", "=", b.id)])
        self.assertEqual((link.predecessor_id, link.dependency_type, link.lag_days), (a, "fs", 0))
        a.write({"dependent_ids": [(4, c.id)]})
        self.assertTrue(Link.search([("predecessor_id", "=", a.id), ("successor_id", "=", c.id)]))
        b.write({"depend_on_ids": [(5, 0, 0)]})
        self.assertFalse(Link.search([("successor_id", "=", b.id)]))
        d = self.env["project.task"].create({"name": "D", "project_id": self.project.id,
                                             "depend_on_ids": [(6, 0, [a.id, c.id])]})
        self.assertEqual(Link.search([("successor_id", "=", d.id)]).predecessor_id, a | c)

    def test_install_migrates_native_dependencies(self):
        """Native dependencies that exist before install become FS links with no lag, with the
        projects of both tasks (here two projects: the scheduler finds such links by them)."""
        a, b = self._task("A", project=self.project.copy({"name": "Other"})), self._task("B")
        self.env.cr.execute("INSERT INTO task_dependencies_rel (task_id, depends_on_id) VALUES (%s, %s)", (b.id, a.id))
        post_init_hook(self.env)
        link = self.env["project.task.dependency"].search([("successor_id", "=", b.id)])
        self.assertEqual((link.predecessor_id, link.dependency_type, link.lag_days), (a, "fs", 0))
        self.assertEqual(link.company_id, b.company_id)
        self.env.invalidate_all()  # the values the hook inserted, not the ORM's
        self.assertEqual((link.predecessor_project_id, link.project_id), (a.project_id, b.project_id))
        post_init_hook(self.env)  # idempotent
        self.assertEqual(self.env["project.task.dependency"].search_count([("successor_id", "=", b.id)]), 1)


@tagged("post_install", "-at_install")
class TestEnforcement(TaskMgmtCase):
    def test_fs_blocks_start_until_predecessor_done(self):
        """B cannot leave the first stage while its FS predecessor is open; it can once A is done."""
        a, b = self._task("Design"), self._task("Build")
        self._link(a, b, "fs")
        with self.assertRaises(UserError) as error:
            b.stage_id = self.stages[1]
        self.assertIn("Design", str(error.exception))
        self.assertIn("Finish to Start", str(error.exception))
        self.assertEqual(b.stage_id, self.stages[0])
        a.state = "1_done"
        b.stage_id = self.stages[1]
        self.assertEqual(b.stage_id, self.stages[1])

    def test_ss_blocks_start_until_predecessor_started(self):
        """B (start-to-start on A) cannot start before A has started."""
        a, b = self._task("Dig"), self._task("Pour")
        self._link(a, b, "ss")
        with self.assertRaises(UserError):
            b.write({"stage_id": self.stages[2].id})
        a.stage_id = self.stages[1]
        b.write({"stage_id": self.stages[2].id})

    def test_ff_and_sf_block_completion(self):
        """B cannot be marked done before its FF predecessor is done, nor C before its SF predecessor started."""
        a, b, c = self._task("Write"), self._task("Review"), self._task("Old system")
        self._link(a, b, "ff")
        self._link(a, c, "sf")
        with self.assertRaises(UserError) as error:
            b.state = "1_done"
        self.assertIn("Finish to Finish", str(error.exception))
        with self.assertRaises(UserError) as error:
            c.state = "1_done"
        self.assertIn("Start to Finish", str(error.exception))
        a.stage_id = self.stages[1]
        c.state = "1_done"
        a.state = "1_done"
        b.state = "1_done"

    def test_warn_mode_records_instead_of_blocking(self):
        """In warn mode the move happens and a note names the blocking task."""
        self.project.dependency_enforcement = "warn"
        a, b = self._task("Design"), self._task("Build")
        self._link(a, b, "fs")
        b.stage_id = self.stages[1]
        self.assertEqual(b.stage_id, self.stages[1])
        self.assertIn("Design", b.message_ids[0].body)

    def test_rpc_write_is_enforced_for_project_users(self):
        """The rule holds for any user writing through the ORM (as RPC does)."""
        a, b = self._task("Design"), self._task("Build")
        self._link(a, b, "fs")
        with self.assertRaises(UserError):
            b.with_user(self.user).write({"stage_id": self.stages[1].id})


@tagged("post_install", "-at_install")
class TestBadInput(TaskMgmtCase):
    def test_self_link(self):
        """A task cannot depend on itself."""
        a = self._task("Lonely")
        with self.assertRaisesRegex(ValidationError, "Lonely"):
            self._link(a, a)

    def test_duplicate_link(self):
        """A second link between the same two tasks is refused, naming them."""
        a, b = self._task("A1"), self._task("B1")
        self._link(a, b, "fs")
        with self.assertRaisesRegex(ValidationError, "A1"):
            self._link(a, b, "ss")

    def test_lag_out_of_range(self):
        """Lags beyond ±365 working days are refused."""
        a, b = self._task("A"), self._task("B")
        with self.assertRaisesRegex(ValidationError, "365"):
            self._link(a, b, "fs", 400)
        link = self._link(a, b, "fs", -365)
        with self.assertRaisesRegex(ValidationError, "365"):
            link.lag_days = -366

    def test_archived_task(self):
        """Links to archived tasks are refused."""
        a, b = self._task("Archived one"), self._task("B")
        a.active = False
        with self.assertRaisesRegex(ValidationError, "Archived one"):
            self._link(a, b)

    def test_cross_company(self):
        """Tasks of different companies cannot be linked."""
        other = self.env["res.company"].create({"name": "Other Co"})
        project = self.env["project.project"].create({"name": "Other", "company_id": other.id})
        a = self.env["project.task"].create({"name": "Elsewhere", "project_id": project.id, "company_id": other.id})
        b = self._task("Here")
        with self.assertRaises(UserError):
            self._link(a, b)

    def test_negative_duration(self):
        """Negative durations are refused with the task's name."""
        a = self._task("Backwards")
        with self.assertRaisesRegex(ValidationError, "Backwards"):
            a.duration_days = -2

    def test_end_before_start(self):
        """A planned end before the planned start is refused."""
        self.project.schedule_mode = "manual"
        a = self._task("Time travel")
        with self.assertRaisesRegex(ValidationError, "Time travel"):
            a.write({"planned_start_date": D[9], "planned_end_date": D[7]})

    def test_failed_batch_writes_nothing(self):
        """A batch with one bad link creates none of them."""
        a, b, c = self._task("A"), self._task("B"), self._task("C")
        Link = self.env["project.task.dependency"]
        with self.assertRaises(ValidationError):
            Link.create([
                {"predecessor_id": a.id, "successor_id": b.id},
                {"predecessor_id": c.id, "successor_id": c.id},
            ])
        self.assertFalse(Link.search([("successor_id", "in", (b | c).ids)]))


@tagged("post_install", "-at_install")
class TestAccess(TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret_project = cls.env["project.project"].create({
            "name": "Secret", "privacy_visibility": "followers", "type_ids": [(6, 0, cls.stages.ids)],
        })
        cls.portal = new_test_user(cls.env, "tm_portal", groups="base.group_portal")

    def test_links_follow_task_visibility(self):
        """A user who cannot read one of the tasks neither finds nor reads the link."""
        visible = self._task("Visible")
        secret = self._task("Hidden", project=self.secret_project)
        link = self._link(visible, secret)
        Link = self.env["project.task.dependency"].with_user(self.user)
        self.assertFalse(Link.search([("id", "=", link.id)]))
        with self.assertRaises(AccessError):
            Link.browse(link.id).read(["lag_days"])
        visible_link = self._link(visible, self._task("Also visible"))
        self.assertEqual(Link.search([("predecessor_id", "=", visible.id)]), visible_link)

    def test_create_needs_write_on_successor(self):
        """Users who cannot write the successor cannot link it."""
        visible = self._task("Visible")
        secret = self._task("Hidden", project=self.secret_project)
        Link = self.env["project.task.dependency"].with_user(self.user)
        with self.assertRaises(AccessError):
            Link.create({"predecessor_id": visible.id, "successor_id": secret.id})
        with self.assertRaises(AccessError):
            Link.create({"predecessor_id": secret.id, "successor_id": visible.id})
        link = Link.create({"predecessor_id": visible.id, "successor_id": self._task("Mine").id, "lag_days": 2})
        link.lag_days = 3
        link.unlink()

    def test_portal_has_no_access(self):
        """Portal users cannot read, create or schedule dependencies."""
        a, b = self._task("A"), self._task("B")
        link = self._link(a, b)
        with self.assertRaises(AccessError):
            self.env["project.task.dependency"].with_user(self.portal).browse(link.id).read(["lag_days"])
        with self.assertRaises(AccessError):
            self.env["project.task.dependency"].with_user(self.portal).create(
                {"predecessor_id": a.id, "successor_id": self._task("C").id})
        with self.assertRaises(AccessError):
            self.project.with_user(self.portal).action_schedule_tasks()
