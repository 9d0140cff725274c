# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resource load through the ORM: capacity from calendars and time off, remaining hours after
timesheets, assignees' shares, subtasks, access and companies."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .load_common import FRI, MON, TODAY, WED, LoadCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestResourceLoad(TransactionCase, LoadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_load()

    def grid(self, user=None, **filters):
        Load = self.env["task_mgmt.resource.load"]
        if user:
            Load = Load.with_user(user)
        filters = {"date_from": str(MON), "date_to": str(FRI), "scale": "week",
                   "project_ids": [self.project.id], "department_ids": [self.department.id], **filters}
        return Load.get_load_grid(filters)

    def row(self, grid, employee):
        return next(row for row in grid["rows"] if row["id"] == employee.id)

    def test_capacity_from_calendars_with_time_off(self):
        """Ann works 40 h a week minus her Wednesday off and Friday's public holiday: 24 h; 20 h
        with Ben and 20 h alone make 30 h, 6 h over; part-time Ben has 28 h and carries 10."""
        shared = self.task("Load: shared", 20, self.ann | self.ben)
        alone = self.task("Load: alone", 20, self.ann)
        grid = self.grid(self.mgr)
        self.assertEqual(grid["periods"], [[str(MON), str(FRI), "W09 2027", False]])
        self.assertEqual(self.row(grid, self.ann_emp)["cells"], [[30.0, 24.0, 0.0, 0.0, "over"]])
        self.assertEqual(self.row(grid, self.ben_emp)["cells"], [[10.0, 28.0, 0.0, 0.0, "low"]])
        ((row, period, excess, tasks),) = grid["over"]
        self.assertEqual((grid["rows"][row]["id"], period, excess), (self.ann_emp.id, 0, 6.0))
        self.assertEqual(tasks, [[alone.id, "Load: alone", "Load project", 20.0],
                                 [shared.id, "Load: shared", "Load project", 10.0]])
        days = self.grid(self.mgr, scale="day")
        ann = self.row(days, self.ann_emp)
        self.assertEqual([cell[4] for cell in ann["cells"]], ["over", "over", "off", "over", "off"])
        self.assertEqual([cell[1] for cell in ann["cells"]], [8.0, 8.0, 0.0, 8.0, 0.0])
        # 30 h over Ann's three working days
        self.assertEqual([cell[0] for cell in ann["cells"]], [10.0, 10.0, 0.0, 10.0, 0.0])

    def test_remaining_after_timesheets_split_between_assignees(self):
        """20 h for two, 4 h logged by Ann last week: 16 h remain, 8 h each this week; last week
        shows Ann's 4 h logged as actual hours."""
        task = self.task("Load: logged", 20, self.ann | self.ben)
        self.env["account.analytic.line"].create({
            "name": "work", "project_id": self.project.id, "task_id": task.id, "employee_id": self.ann_emp.id,
            "unit_amount": 4, "date": date(2027, 2, 10)})
        grid = self.grid(self.mgr, date_from="2027-02-08")
        self.assertEqual([p[3] for p in grid["periods"]], [True, False, False, False])
        ann, ben = self.row(grid, self.ann_emp), self.row(grid, self.ben_emp)
        self.assertEqual(ann["cells"][0][:3], [4.0, 40.0, 4.0])
        self.assertEqual(ann["cells"][3][0], 8.0)
        self.assertEqual(ben["cells"][3][0], 8.0)
        self.assertEqual(self.env["task_mgmt.resource.load"].get_load_cell_tasks(
            {"project_ids": [self.project.id]}, self.ann_emp.id, "2027-02-08", "2027-02-14"),
            [[task.id, "Load: logged", "Load project", 4.0]])

    def test_one_assignee_selected_keeps_the_shares(self):
        """Filtered to Ann, a task of Ann and Ben still gives Ann half (the assignees are read
        with the task, not only the selected ones); Ben's own task is not read at all."""
        shared = self.task("Load: shared", 20, self.ann | self.ben)
        self.task("Load: Ben's", 12, self.ben)
        grid = self.grid(self.mgr, employee_ids=[self.ann_emp.id])
        self.assertEqual([row["id"] for row in grid["rows"]], [self.ann_emp.id])
        self.assertEqual(self.row(grid, self.ann_emp)["cells"][0][0], 10.0)
        self.assertEqual(self.env["task_mgmt.resource.load"].get_load_cell_tasks(
            {"project_ids": [self.project.id]}, self.ann_emp.id, str(MON), str(FRI)),
            [[shared.id, "Load: shared", "Load project", 10.0]])
        # everyone's grid (no project, department or people: the tasks and their assignees
        # read by the grouped join) gives Ann and Ben the same cells
        whole = self.grid(self.mgr, project_ids=[], department_ids=[])
        self.assertEqual(self.row(whole, self.ann_emp)["cells"], [[10.0, 24.0, 0.0, 0.0, "low"]])
        self.assertEqual(self.row(whole, self.ben_emp)["cells"], self.row(self.grid(self.mgr), self.ben_emp)["cells"])
        self.assertEqual(self.row(whole, self.ben_emp)["cells"][0][0], 22.0)

    def test_subtasks_closed_and_unscheduled_tasks(self):
        """A 30 h parent with a 10 h subtask loads 20 + 10 h, not 40; a done task loads nothing;
        a task without planned dates goes to the unscheduled column (and its drill-down)."""
        parent = self.task("Load: parent", 30, self.ben)
        self.task("Load: child", 10, self.ben, parent_id=parent.id)
        self.task("Load: finished", 50, self.ben, state="1_done")
        loose = self.task("Load: loose", 6, self.ben, start=False, end=False)
        grid = self.grid(self.mgr)
        ben = self.row(grid, self.ben_emp)
        self.assertEqual(ben["cells"][0][0], 30.0)
        self.assertEqual(ben["unscheduled"], 6.0)
        self.assertEqual(self.env["task_mgmt.resource.load"].get_load_cell_tasks(
            {"project_ids": [self.project.id]}, self.ben_emp.id),
            [[loose.id, "Load: loose", "Load project", 6.0]])

    def test_access_of_project_users(self):
        """A project user sees everyone's load, capacity details of herself only, and the tasks
        of a project she cannot open as one unnamed line; others are refused."""
        private = self.env["project.project"].create({"name": "Load private", "privacy_visibility": "followers",
                                                      "schedule_mode": "manual"})
        self.task("Load: secret", 12, self.ann, project_id=private.id)
        self.task("Load: open", 4, self.ann)
        grid = self.grid(self.ben, project_ids=[])
        ann, ben = self.row(grid, self.ann_emp), self.row(grid, self.ben_emp)
        self.assertFalse(ann["detail"])
        self.assertIs(ann["cells"][0][1], False)
        self.assertIs(ann["cells"][0][3], False)
        self.assertEqual(ann["cells"][0][0], 16.0)
        self.assertIs(ann["capacity"], False)
        self.assertTrue(ben["detail"])
        self.assertEqual(ben["cells"][0][1], 28.0)
        self.assertFalse(grid["manager"])
        self.assertIs(grid["totals"][0][1], False)
        lines = self.env["task_mgmt.resource.load"].with_user(self.ben).get_load_cell_tasks(
            {}, self.ann_emp.id, str(MON), str(FRI))
        self.assertEqual([line[1] for line in lines], ["Load: open", "Other tasks (not visible to you)"])
        self.assertEqual([line[0] is False for line in lines], [False, True])
        for user in (self.plain, self.portal):
            with self.assertRaises(AccessError):
                self.grid(user)

    def test_companies_are_those_selected(self):
        """The employee of the second company shows only when that company is selected in the
        switcher; a company the user may not select is refused."""
        Load = self.env["task_mgmt.resource.load"].with_user(self.mgr)
        flt = {"date_from": str(MON), "date_to": str(FRI), "department_ids": [self.department.id]}
        first = Load.with_context(allowed_company_ids=[self.company.id])
        self.assertNotIn(self.far_emp.id, [r["id"] for r in first.get_load_grid(flt)["rows"]])
        both = Load.with_context(allowed_company_ids=[self.company.id, self.company2.id])
        self.assertIn(self.far_emp.id, [r["id"] for r in both.get_load_grid(flt)["rows"]])
        only_two = both.get_load_grid(dict(flt, company_ids=[self.company2.id]))
        self.assertEqual([r["id"] for r in only_two["rows"]], [self.far_emp.id])
        # the missing schedule of the second company's employee: stated fallback
        far = self.env["hr.employee"].browse(self.far_emp.id)
        far.resource_calendar_id = False
        self.company2.resource_calendar_id = False
        fallback = both.get_load_grid(dict(flt, company_ids=[self.company2.id]))["rows"][0]
        self.assertEqual((fallback["fallback"], fallback["capacity"]), ("none", 40.0))
        with self.assertRaises(AccessError):
            self.env["task_mgmt.resource.load"].with_user(self.ann).with_context(
                allowed_company_ids=[self.company2.id]).get_load_grid(flt)

    def test_bad_filters(self):
        """Unknown scale, reversed dates, ids that are not ids: clear errors, nothing computed."""
        with self.assertRaisesRegex(UserError, "Unknown scale 'year'"):
            self.grid(self.mgr, scale="year")
        with self.assertRaisesRegex(UserError, "ends"):
            self.grid(self.mgr, date_from=str(FRI), date_to=str(WED))
        with self.assertRaisesRegex(UserError, "employee_ids"):
            self.grid(self.mgr, employee_ids="1")
        with self.assertRaisesRegex(UserError, "at most 400 columns"):
            self.grid(self.mgr, scale="day", date_to="2029-01-01")

    def test_levelling_suggestion_applied(self):
        """Ann's 6 h overload: the non-critical 20 h task with float starts one working day later
        (Tuesday to Monday: 13.3 h left in her week, 23.3 of 24 h); Ben (part time, 10 of 28 h)
        cannot take its 20 h; applied, the week is no longer over-allocated. Critical tasks and
        shifts past the latest start are refused."""
        shared = self.task("Load: shared", 20, self.ann | self.ben)
        alone = self.task("Load: alone", 20, self.ann)
        alone.write({"total_float_days": 10, "late_start_date": date(2027, 3, 15), "late_end_date": date(2027, 3, 19)})
        shared.write({"is_critical": True})
        Load = self.env["task_mgmt.resource.load"].with_user(self.mgr)
        flt = {"date_from": str(MON), "date_to": str(FRI), "project_ids": [self.project.id]}
        (suggestion,) = Load.get_load_suggestions(flt)
        self.assertEqual({k: suggestion[k] for k in ("kind", "task_id", "days", "new_start", "new_end")},
                         {"kind": "shift", "task_id": alone.id, "days": 1, "new_start": "2027-03-02",
                          "new_end": "2027-03-08"})
        self.assertEqual(suggestion["effects"], [["Load Ann", 30.0, 23.33, 125, 97]])
        with self.assertRaises(AccessError):
            self.env["task_mgmt.resource.load"].with_user(self.plain).action_apply_load_suggestion(suggestion)
        with self.assertRaisesRegex(ValidationError, "latest start"):
            Load.action_apply_load_suggestion(dict(suggestion, new_start="2027-04-01"))
        with self.assertRaisesRegex(ValidationError, "critical"):
            Load.action_apply_load_suggestion(dict(suggestion, task_id=shared.id))
        self.assertIs(Load.action_apply_load_suggestion(suggestion), True)
        self.assertEqual((alone.planned_start_date, alone.planned_end_date, alone.pinned_start_date),
                         (date(2027, 3, 2), date(2027, 3, 8), date(2027, 3, 2)))
        grid = Load.get_load_grid(flt)
        self.assertEqual(grid["over"], [])
        self.assertEqual(self.row(grid, self.ann_emp)["cells"][0][4], "ok")

    def test_reassign_to_a_colleague(self):
        """A 4 h task overloading Ann (24 h) goes to Ben, who has the capacity; applying it swaps
        the assignees."""
        self.task("Load: big", 24, self.ann).write({"is_critical": True})
        small = self.task("Load: small", 4, self.ann)
        Load = self.env["task_mgmt.resource.load"].with_user(self.mgr)
        flt = {"date_from": str(MON), "date_to": str(FRI), "project_ids": [self.project.id]}
        (suggestion,) = Load.get_load_suggestions(flt)
        self.assertEqual((suggestion["kind"], suggestion["task_id"], suggestion["colleague_id"]),
                         ("reassign", small.id, self.ben_emp.id))
        self.assertEqual(suggestion["effects"], [["Load Ann", 28.0, 24.0, 117, 100], ["Load Ben", 0.0, 4.0, 0, 14]])
        with self.assertRaisesRegex(ValidationError, "same department"):
            Load.action_apply_load_suggestion(dict(suggestion, colleague_id=self.far_emp.id))
        Load.action_apply_load_suggestion(suggestion)
        self.assertEqual(small.user_ids, self.ben)

    def test_smart_buttons(self):
        """The Load buttons of a project and an employee (HR form, and the public profile project
        users get) open the heatmap filtered on them; a user outside projects is refused."""
        action = self.project.with_user(self.ann).action_view_resource_load()
        self.assertEqual((action["tag"], action["context"]),
                         ("task_mgmt_reports.resource_load", {"default_project_ids": self.project.ids}))
        action = self.ann_emp.with_user(self.env.ref("base.user_admin")).action_view_resource_load()
        self.assertEqual(action["context"], {"default_employee_ids": self.ann_emp.ids})
        public = self.env["hr.employee.public"].with_user(self.ben).browse(self.ann_emp.id)
        self.assertEqual(public.action_view_resource_load()["context"], {"default_employee_ids": self.ann_emp.ids})
        with self.assertRaises(AccessError):
            self.project.with_user(self.plain).action_view_resource_load()
