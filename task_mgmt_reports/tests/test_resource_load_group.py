# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resource load rows grouped by project: one row per employee and project, the employee's
capacity and colour on each, totals counting each person once, hidden project names."""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .load_common import FRI, MON, TODAY, LoadCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestResourceLoadByProject(TransactionCase, LoadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_load()
        cls.side = cls.env["project.project"].create({
            "name": "Load side", "schedule_mode": "manual", "privacy_visibility": "employees"})
        cls.secret = cls.env["project.project"].create({
            "name": "Load secret", "schedule_mode": "manual", "privacy_visibility": "followers"})
        cls.idle_emp = cls.env["hr.employee"].create({
            "name": "Load Idle", "department_id": cls.department.id, "resource_calendar_id": cls.cal_full.id,
            "tz": "UTC"})
        cls.alpha_task = cls.task("Load: alpha", 20, cls.ann)
        cls.side_task = cls.task("Load: side", 10, cls.ann | cls.ben, project_id=cls.side.id)
        cls.secret_task = cls.task("Load: secret", 8, cls.ben, project_id=cls.secret.id)
        cls.flt = {"date_from": str(MON), "date_to": str(FRI), "scale": "week", "group_by": "project",
                   "department_ids": [cls.department.id], "company_ids": [cls.company.id]}

    def test_rows_by_project(self):
        """Ann: 20 h on Load project and 5 h on Load side, 25 h of her 24 h: both her rows red
        with her 24 h capacity; Ben: 5 h on Load side and 8 h on Load secret of 28 h; Idle, who
        has no task, is listed under 'No project work' with his 32 h. The totals count each
        person once (30 + 8 h of 84 h); the over-allocation points at Ann's first row."""
        grid = self.env["task_mgmt.resource.load"].with_user(self.mgr).get_load_grid(self.flt)
        self.assertEqual(grid["group_by"], "project")
        layout = [(name, [(grid["rows"][i]["name"], grid["rows"][i]["cells"][0]) for i in rows])
                  for _id, name, rows in grid["groups"]]
        self.assertEqual(layout, [
            ("Load project", [("Load Ann", [20.0, 24.0, 0.0, 0.0, "over"])]),
            ("Load secret", [("Load Ben", [8.0, 28.0, 0.0, 0.0, "low"])]),
            ("Load side", [("Load Ann", [5.0, 24.0, 0.0, 0.0, "over"]), ("Load Ben", [5.0, 28.0, 0.0, 0.0, "low"])]),
            ("No project work", [("Load Idle", [0.0, 32.0, 0.0, 0.0, "low"])]),
        ])
        self.assertEqual([grid["rows"][i]["project_id"] for i in grid["groups"][2][2]], [self.side.id] * 2)
        self.assertEqual(grid["totals"], [[38.0, 84.0]])
        ((row, period, excess, tasks),) = grid["over"]
        self.assertEqual((grid["rows"][row]["name"], grid["rows"][row]["project_id"], period, excess),
                         ("Load Ann", self.project.id, 0, 1.0))
        self.assertEqual([task[0] for task in tasks], [self.alpha_task.id, self.side_task.id])
        # the drill-down of a project row: that project's tasks only (the heatmap adds the filter)
        Load = self.env["task_mgmt.resource.load"].with_user(self.mgr)
        self.assertEqual(Load.get_load_cell_tasks(dict(self.flt, project_ids=[self.side.id]), self.ann_emp.id,
                                                  str(MON), str(FRI)),
                         [[self.side_task.id, "Load: side", "Load side", 5.0]])
        # by department (the default), the same people, one row each
        by_department = Load.get_load_grid(dict(self.flt, group_by=None))
        self.assertEqual(by_department["group_by"], "department")
        self.assertEqual([row["name"] for row in by_department["rows"]], ["Load Ann", "Load Ben", "Load Idle"])
        self.assertEqual(by_department["totals"], grid["totals"])

    def test_projects_the_caller_cannot_read(self):
        """Ann (project user, not a follower of Load secret) sees Ben's 8 h there under 'Other
        projects (not visible to you)', never the project's name, and no capacity but her own."""
        grid = self.env["task_mgmt.resource.load"].with_user(self.ann).get_load_grid(self.flt)
        names = [name for _id, name, _rows in grid["groups"]]
        self.assertEqual(names, ["Load project", "Load side", "Other projects (not visible to you)", "No project work"])
        ((group_id, _name, (index,)),) = [group for group in grid["groups"] if group[1].startswith("Other")]
        self.assertEqual(group_id, 0)
        self.assertEqual((grid["rows"][index]["name"], grid["rows"][index]["project_id"]), ("Load Ben", False))
        self.assertEqual(grid["rows"][index]["cells"], [[8.0, False, 0.0, False, "low"]])
        self.assertEqual(grid["totals"], [[38.0, False]])

    def test_over_allocation_names_its_ten_largest_tasks(self):
        """Ten more 1 h tasks for Ann: her over-allocation names the 10 largest of her 12 tasks
        (20 h, 5 h, eight of the 1 h ones) and sums the other two in one line; the drill-down
        still lists all 12."""
        for number in range(10):
            self.task(f"Load: extra {number}", 1, self.ann)
        Load = self.env["task_mgmt.resource.load"].with_user(self.mgr)
        ((_row, _period, excess, tasks),) = Load.get_load_grid(dict(self.flt, group_by="department"))["over"]
        self.assertEqual(excess, 11.0)
        self.assertEqual([task[3] for task in tasks], [20.0, 5.0] + [1.0] * 8 + [2.0])
        self.assertEqual(tasks[-1][:3], [False, "2 more tasks", ""])
        self.assertEqual(len(Load.get_load_cell_tasks(self.flt, self.ann_emp.id, str(MON), str(FRI))), 12)

    def test_unknown_grouping(self):
        """A grouping other than department or project is refused, naming it."""
        with self.assertRaisesRegex(UserError, "Unknown grouping 'task'"):
            self.env["task_mgmt.resource.load"].with_user(self.mgr).get_load_grid(dict(self.flt, group_by="task"))
