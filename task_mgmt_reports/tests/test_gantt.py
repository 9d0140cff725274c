# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.task_mgmt_advanced.tests.common import TaskMgmtCase

D = {day: date(2026, 1, day) for day in range(1, 32)}
FEB = {day: date(2026, 2, day) for day in range(1, 29)}


@tagged("post_install", "-at_install")
class TestGanttData(TaskMgmtCase):
    """The data RPC of the Gantt view (``project.task.get_gantt_data``) and its edits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.allow_timesheets = True

    def _data(self, user=None, domain=None, groupby=(), start="2026-01-01", stop="2026-02-28", **kwargs):
        Task = self.env["project.task"].with_user(user) if user else self.env["project.task"]
        data = Task.get_gantt_data(domain or [("project_id", "=", self.project.id)], groupby, start, stop, **kwargs)
        columns = data["bar_columns"]
        data["bar"] = {bar[0]: dict(zip(columns, bar, strict=True)) for bar in data["bars"]}
        columns = data["arrow_columns"]
        data["arrow"] = {(a[1], a[2]): dict(zip(columns, a, strict=True)) for a in data["arrows"]}
        return data

    def test_bars_dates_floats_and_critical(self):
        """A (3 d) → B (2 d) FS+1 and A → C (1 d) SS: bars carry the scheduler's dates; A and B
        are critical, C is not and has its float; late end drawn as the float's end."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        c = self._task("C", duration_days=1)
        self._link(a, b, "fs", 1)
        self._link(a, c, "ss", 0)
        bar = self._data()["bar"]
        self.assertEqual((bar[a.id]["start"], bar[a.id]["end"]), ("2026-01-05", "2026-01-07"))
        self.assertEqual((bar[b.id]["start"], bar[b.id]["end"]), ("2026-01-09", "2026-01-12"))
        self.assertEqual((bar[a.id]["critical"], bar[b.id]["critical"], bar[c.id]["critical"]), (True, True, False))
        # C (Mon 5) can slip to the project finish, Mon 12: 5 working days of float
        self.assertEqual((bar[c.id]["total_float"], bar[c.id]["late_end"]), (5, "2026-01-12"))

    def test_arrows_types_lags_and_violation(self):
        """Arrows of all four types with their lags; in a manual project a successor pinned
        before what its link allows is flagged violated, the others are not."""
        self.project.schedule_mode = "manual"
        a = self._task("A", planned_start_date=D[5], duration_days=3)    # Mon 5 – Wed 7
        b = self._task("B", planned_start_date=D[8], duration_days=1)    # FS: ok (Thu 8)
        c = self._task("C", planned_start_date=D[7], duration_days=1)    # FS+2: needs Mon 12 -> violated
        d = self._task("D", planned_start_date=D[6], duration_days=2)    # SS+1: needs Tue 6 -> ok
        e = self._task("E", planned_start_date=D[5], duration_days=1)    # FF: must end >= Wed 7 -> violated
        f = self._task("F", planned_start_date=D[5], duration_days=1)    # SF-1: end >= Fri 2 -> ok
        self._link(a, b, "fs", 0)
        self._link(a, c, "fs", 2)
        self._link(a, d, "ss", 1)
        self._link(a, e, "ff", 0)
        self._link(a, f, "sf", -1)
        arrow = self._data()["arrow"]
        got = {succ: (arr["type"], arr["lag"], arr["violated"]) for (_pred, succ), arr in arrow.items()}
        self.assertEqual(got, {
            b.id: ("fs", 0, False), c.id: ("fs", 2, True), d.id: ("ss", 1, False),
            e.id: ("ff", 0, True), f.id: ("sf", -1, False),
        })

    def test_progress_from_timesheets_and_done(self):
        """Progress = effective ÷ allocated hours (5 of 20 h: 0.25), capped at 1; a done task is full."""
        employee = self.env["hr.employee"].create({"name": "Gantt Timesheeter", "user_id": self.manager.id})
        half = self._task("Quarter done", allocated_hours=20, duration_days=3)
        over = self._task("Overrun", allocated_hours=2, duration_days=1)
        done = self._task("Done", allocated_hours=10, duration_days=1)
        self.env["account.analytic.line"].create([
            {"name": "work", "project_id": self.project.id, "task_id": half.id, "unit_amount": 5,
             "employee_id": employee.id},
            {"name": "work", "project_id": self.project.id, "task_id": over.id, "unit_amount": 3,
             "employee_id": employee.id},
        ])
        done.state = "1_done"
        bar = self._data()["bar"]
        self.assertEqual((bar[half.id]["progress"], bar[over.id]["progress"], bar[done.id]["progress"]),
                         (0.25, 1.0, 1.0))
        self.assertTrue(bar[done.id]["done"])

    def test_window_filtering_and_unscheduled(self):
        """Only bars overlapping the window are sent; tasks without dates are listed apart."""
        self.project.schedule_mode = "manual"
        inside = self._task("Inside", planned_start_date=D[26], duration_days=5)  # Mon 26 – Fri 30
        before = self._task("Before", planned_start_date=D[5], duration_days=1)
        after = self._task("After", planned_start_date=FEB[16], duration_days=1)
        floating = self._task("Not planned")
        data = self._data(start="2026-01-28", stop="2026-02-10")
        self.assertEqual(set(data["bar"]), {inside.id})
        self.assertNotIn(before.id, data["bar"])
        self.assertNotIn(after.id, data["bar"])
        self.assertIn([floating.id, "Not planned", self.project.display_name], data["unscheduled"])
        self.assertEqual(data["unscheduled_count"], 1)
        # the weekends of the window are not worked; a holiday on a Monday is a holiday
        self._holiday(FEB[2])
        data = self._data(start="2026-01-28", stop="2026-02-10")
        self.assertEqual(data["nonworking"], ["2026-01-31", "2026-02-01", "2026-02-02", "2026-02-07", "2026-02-08"])
        self.assertEqual(data["holidays"], ["2026-02-02"])

    def test_user_sees_only_readable_tasks(self):
        """A project user who is not a follower of a private project gets none of its tasks, nor
        the arrows to them; tasks of the visible project are drawn."""
        private = self.env["project.project"].create({
            "name": "Private", "privacy_visibility": "followers", "allow_task_dependencies": True,
            "date_start": D[5],
            "type_ids": [(6, 0, self.stages.ids)],
        })
        visible = self._task("Visible", duration_days=1)
        secret = self._task("Secret", project=private, duration_days=1)
        self._link(secret, visible, "fs", 0)
        domain = [("project_id", "in", [self.project.id, private.id])]
        data = self._data(user=self.user, domain=domain)
        self.assertIn(visible.id, data["bar"])
        self.assertNotIn(secret.id, data["bar"])
        self.assertEqual(data["arrows"], [])
        self.assertIn(secret.id, self._data(domain=domain)["bar"], "the administrator sees it")

    def test_two_assignees_in_two_groups(self):
        """Grouped by assignee, a task with two assignees is drawn under both."""
        both = self._task("Both", duration_days=1, user_ids=[(6, 0, (self.manager | self.user).ids)])
        alone = self._task("Alone", duration_days=1, user_ids=False)
        rows = self._data(groupby=["user_ids"])["rows"]
        groups = [row for row in rows if row[0] == "g"]
        self.assertEqual([(g[2], g[4]) for g in groups], [("Manager Mia", 1), ("User Ugo", 1), ("None", 1)])
        tasks_under = {}
        current = None
        for row in rows:
            if row[0] == "g":
                current = row[2]
            else:
                tasks_under.setdefault(current, []).append(row[1])
        self.assertEqual(tasks_under, {"Manager Mia": [both.id], "User Ugo": [both.id], "None": [alone.id]})

    def test_subtasks_under_their_parent(self):
        """A subtask is listed right after its parent, one level deeper."""
        parent = self._task("Parent", duration_days=3)
        other = self._task("Other", duration_days=1)
        child = self._task("Child", duration_days=1, parent_id=parent.id)
        rows = [row for row in self._data()["rows"] if row[0] == "t"]
        position = {row[1]: index for index, row in enumerate(rows)}
        self.assertEqual(position[child.id], position[parent.id] + 1)
        self.assertEqual(rows[position[child.id]][2], rows[position[parent.id]][2] + 1)
        self.assertIn(other.id, position)

    def test_move_returns_cascaded_successor(self):
        """Dragging A to Monday 12 pins it and moves its successor B; both come back in the one
        response, with the arrow between them."""
        a = self._task("A", duration_days=3)
        b = self._task("B", duration_days=2)
        self._link(a, b, "fs", 0)
        result = self.env["project.task"].with_user(self.manager).gantt_write(
            a.id, {"planned_start_date": "2026-01-12"}, [a.id, b.id])
        bars = {bar[0]: bar for bar in result["bars"]}
        self.assertEqual((bars[a.id][2], bars[a.id][3]), ("2026-01-12", "2026-01-14"))
        self.assertEqual((bars[b.id][2], bars[b.id][3]), ("2026-01-15", "2026-01-16"))
        self.assertEqual(a.pinned_start_date, D[12])
        self.assertEqual([(arr[1], arr[2], arr[5]) for arr in result["arrows"]], [(a.id, b.id, False)])

    def test_resize_sets_duration(self):
        """Dragging the right edge to Tuesday 13 makes a task starting Thursday 8 four days long."""
        self.project.schedule_mode = "manual"
        task = self._task("Resize", planned_start_date=D[8], duration_days=1)
        self.env["project.task"].gantt_write(task.id, {"planned_end_date": "2026-01-13"}, [task.id])
        self.assertEqual((task.duration_days, task.planned_end_date), (4, D[13]))

    def test_edit_refused_fields_and_cycle(self):
        """Only date fields can be written; a link closing a cycle is refused with the names."""
        a = self._task("A", duration_days=1)
        b = self._task("B", duration_days=1)
        Task = self.env["project.task"]
        with self.assertRaises(UserError):
            Task.gantt_write(a.id, {"name": "renamed"}, [])
        Task.gantt_link("create", {"predecessor_id": a.id, "successor_id": b.id, "dependency_type": "fs"})
        with self.assertRaisesRegex(ValidationError, "Dependency cycle: B → A → B|Dependency cycle: A → B → A"):
            Task.gantt_link("create", {"predecessor_id": b.id, "successor_id": a.id, "dependency_type": "ss"})

    def test_link_create_change_delete(self):
        """A link created, changed to SS+2 and deleted from the chart, through the link model."""
        a = self._task("A", duration_days=2)
        b = self._task("B", duration_days=1)
        Task = self.env["project.task"].with_user(self.manager)
        result = Task.gantt_link("create", {"predecessor_id": a.id, "successor_id": b.id,
                                            "dependency_type": "fs", "lag_days": 0}, drawn_ids=[a.id, b.id])
        link = b.predecessor_link_ids
        self.assertEqual(result["arrows"], [[link.id, a.id, b.id, "fs", 0, False]])
        self.assertEqual(b.planned_start_date, D[7])
        Task.gantt_link("write", {"dependency_type": "ss", "lag_days": 2}, link.id, [a.id, b.id])
        self.assertEqual((link.dependency_type, link.lag_days, b.planned_start_date), ("ss", 2, D[7]))
        Task.gantt_link("unlink", link_id=link.id, drawn_ids=[a.id, b.id])
        self.assertFalse(link.exists())
        self.assertEqual(b.planned_start_date, D[5])

    def test_portal_user_gets_no_gantt(self):
        """Portal users are refused, even on tasks they could read."""
        portal = new_test_user(self.env, "tm_gantt_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self._data(user=portal)

    def test_bad_window_is_refused(self):
        """A window ending before it starts is refused with a clear message."""
        with self.assertRaisesRegex(UserError, "before it starts"):
            self._data(start="2026-03-01", stop="2026-02-01")
