# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import time
from datetime import timedelta
from unittest.mock import patch

import openpyxl

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.task_mgmt_advanced.tests.test_tours import TourCase


@tagged("post_install", "-at_install")
class TestGanttTour(TourCase):
    """The Gantt chart of a project in a real browser (headless Chromium)."""

    def test_gantt_tour(self):
        """Drag A a week later: its FS successor B follows; a second drag is undone with Ctrl+Z;
        the arrow A → B clicked gets one day of lag; drag a link A → C: the arrow appears and C
        moves; a link C → A is refused (cycle) with the server's message and nothing moves; C's
        right edge dragged makes it longer; the milestone task M is a diamond; grouped by
        assignee B (two assignees) is drawn twice, with the arrow A → B at both rows, and each
        group row has a summary bar (kept when collapsed); month scale; the XLSX export button
        gives the file of the project's tasks, checked here with openpyxl."""
        admin = self.env.ref("base.user_admin")
        planner = new_test_user(self.env, "tm_gantt_planner", groups="project.group_project_user",
                                name="Tour Planner")
        today = fields.Date.context_today(admin)
        monday = today - timedelta(days=today.weekday())
        project = self.env["project.project"].create({
            "name": "Tour: Gantt project", "allow_task_dependencies": True, "schedule_mode": "auto",
            "date_start": monday,
        })
        Task = self.env["project.task"]
        a = Task.create({"name": "Tour: A", "project_id": project.id, "duration_days": 3,
                         "user_ids": [Command.set(admin.ids)]})
        b = Task.create({"name": "Tour: B", "project_id": project.id, "duration_days": 2,
                         "user_ids": [Command.set((admin | planner).ids)]})
        c = Task.create({"name": "Tour: C", "project_id": project.id, "duration_days": 2,
                         "user_ids": [Command.set(planner.ids)]})
        m = Task.create({"name": "Tour: M", "project_id": project.id, "is_milestone": True,
                         "allocated_hours": 8, "user_ids": [Command.set(admin.ids)]})
        self.env["project.task.dependency"].create({"predecessor_id": a.id, "successor_id": b.id})
        a_start = a.planned_start_date
        exports = []
        Tasks = type(Task)
        write_xlsx = Tasks._gantt_write_xlsx

        def keep_xlsx(records, target, *args, **kwargs):
            """The export as the controller writes it, with a copy of the bytes it streams."""
            result = write_xlsx(records, target, *args, **kwargs)
            position = target.tell()
            target.seek(0)
            exports.append(target.read())
            target.seek(position)
            return result

        with patch.object(Tasks, "_gantt_write_xlsx", keep_xlsx):
            self.start_tour(
                f"/odoo/action-project.act_project_project_2_project_task_all?active_id={project.id}&view_type=gantt_tm",
                "task_mgmt_gantt_tour", login="admin",
            )
            for _attempt in range(50):  # the tour ends when the browser has the file: normally at once
                if exports:
                    break
                time.sleep(0.1)
        (a | b | c | m).invalidate_recordset()
        self.assertEqual((m.planned_start_date, m.planned_end_date), (monday, monday), "the milestone is a point")
        self.assertEqual(a.planned_start_date, a_start + timedelta(days=7), "A dragged one week later")
        self.assertEqual(a.pinned_start_date, a.planned_start_date, "the dragged start is pinned")
        self.assertGreater(b.planned_start_date, a.planned_end_date, "B follows A")
        self.assertEqual(b.predecessor_link_ids.lag_days, 1, "lag set from the arrow's dialog")
        link = c.predecessor_link_ids
        self.assertEqual((link.predecessor_id, link.dependency_type), (a, "fs"), "the link drawn by dragging")
        self.assertGreater(c.planned_start_date, a.planned_end_date, "C follows A")
        self.assertFalse(a.predecessor_link_ids, "the cyclic link was refused")
        self.assertGreater(c.duration_days, 2, "C made longer by dragging its right edge")
        self.assertEqual(len(exports), 1, "the export button downloaded one XLSX")
        sheet = openpyxl.load_workbook(io.BytesIO(exports[0])).active
        rows = {row[1].value.strip(): row for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(sorted(rows), ["Tour: A", "Tour: B", "Tour: C", "Tour: M"], "the project's tasks")
        number = {name: row[0].value for name, row in rows.items()}
        self.assertEqual(rows["Tour: B"][8].value, f"{number['Tour: A']}FS+1d", "predecessors, MS Project style")
        self.assertEqual(rows["Tour: C"][8].value, f"{number['Tour: A']}FS")
        self.assertEqual(rows["Tour: A"][3].value.date(), a.planned_start_date)
        self.assertEqual(rows["Tour: C"][4].value.date(), c.planned_end_date)
        self.assertEqual(rows["Tour: B"][2].value, ", ".join(b.user_ids.mapped("name")), "both assignees")
        self.assertEqual(rows["Tour: M"][5].value, 0, "the milestone takes no time")
        self.assertEqual(sheet.cell(1, 10).value, f"W{a_start.isocalendar()[1]:02d}",
                         "month scale: the timeline is drawn by ISO week from the first start")


@tagged("post_install", "-at_install")
class TestGanttUnitJs(TourCase):
    """Odoo's hoot runs the JS unit tests of the chart's date ↔ pixel and arrow routing code."""

    def test_gantt_scale_hoot(self):
        """All the hoot tests of the Gantt scale pass in headless Chromium."""
        with patch("odoo.tests.common.CHECK_BROWSER_ITERATIONS", 600):
            self.browser_js(
                "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&filter=task_mgmt_reports%20gantt",
                "", "", login="admin", timeout=600, success_signal="[HOOT] test suite succeeded",
                error_checker=lambda message: "[HOOT]" not in message
                or message == "[HOOT] test failed (see above for details)",
            )
