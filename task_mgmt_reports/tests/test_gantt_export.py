# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json
from datetime import date
from xml.etree import ElementTree as ET

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.task_mgmt_advanced.tests.common import TaskMgmtCase

NS = {"p": "http://schemas.microsoft.com/project"}


@tagged("post_install", "-at_install")
class TestGanttExport(TaskMgmtCase):
    """XLSX and MSPDI exports of the chart, built from the user's tasks."""

    def test_xlsx_of_a_project(self):
        """One row per task in chart order, subtask after its parent with an outline number,
        MS Project predecessors, critical bar cells red."""
        a = self._task("Dig", duration_days=3)
        b = self._task("Pour", duration_days=2)
        sub = self._task("Pour: check", duration_days=1, parent_id=b.id)
        self._link(a, b, "fs", 2)
        self._link(a, sub, "ss", 0)
        buffer = io.BytesIO()
        self.env["project.task"]._gantt_write_xlsx(buffer, [("project_id", "=", self.project.id)])
        sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
        rows = [[c.value for c in row][:9] for row in sheet.iter_rows(min_row=2)]
        self.assertEqual([(r[0], r[1].strip(), r[8]) for r in rows],
                         [("1", "Dig", ""), ("2", "Pour", "1FS+2d"), ("2.1", "Pour: check", "1SS")])
        self.assertEqual(rows[0][3].date(), date(2026, 1, 5))
        self.assertEqual(sheet.cell(2, 10).fill.fgColor.rgb, "FFD9534F", "Dig is critical: red")

    def test_mspdi_of_a_project(self):
        """Tasks, an FF link with a lead, the holiday of the calendar and the assignment."""
        a = self._task("Dig", duration_days=3, user_ids=[(6, 0, self.user.ids)])
        b = self._task("Pour", duration_days=2)
        self._link(a, b, "ff", -1)
        self._holiday(date(2026, 1, 6))
        self.project.action_schedule_tasks()
        buffer = io.BytesIO()
        self.project._gantt_write_mspdi(buffer)
        root = ET.fromstring(buffer.getvalue())
        tasks = {t.find("p:Name", NS).text: t for t in root.findall("p:Tasks/p:Task", NS)}
        link = tasks["Pour"].find("p:PredecessorLink", NS)
        self.assertEqual((link.find("p:PredecessorUID", NS).text, link.find("p:Type", NS).text,
                          link.find("p:LinkLag", NS).text), (str(a.id), "0", "-4800"))
        self.assertEqual(tasks["Dig"].find("p:Finish", NS).text, "2026-01-08T17:00:00", "the holiday is skipped")
        dates = [d.text for d in root.findall(".//p:WeekDay/p:TimePeriod/p:FromDate", NS)]
        self.assertEqual(dates, ["2026-01-06T00:00:00"])
        assignment = root.find("p:Assignments/p:Assignment", NS)
        self.assertEqual(assignment.find("p:ResourceUID", NS).text, str(self.user.id))


    def test_milestone_task_in_chart_and_exports(self):
        """A milestone task (A → M → B) is a diamond in the chart data (start = end), B starting
        on M's day does not break the link, a ◆ in its day's cell with a duration of 0 in the
        XLSX, and ``<Milestone>1`` of zero duration in the MSPDI."""
        a = self._task("Dig", duration_days=3)
        m = self._task("Handover", duration_days=2, is_milestone=True)
        b = self._task("Pour", duration_days=1)
        self._link(a, m)
        self._link(m, b)
        data = self.env["project.task"].get_gantt_data(
            [("project_id", "=", self.project.id)], [], "2026-01-01", "2026-01-31")
        bars = {bar[0]: dict(zip(data["bar_columns"], bar, strict=True)) for bar in data["bars"]}
        self.assertEqual([bars[t.id]["milestone"] for t in (a, m, b)], [False, True, False])
        self.assertEqual((bars[m.id]["start"], bars[m.id]["end"]), ("2026-01-08", "2026-01-08"))
        arrows = [dict(zip(data["arrow_columns"], arrow, strict=True)) for arrow in data["arrows"]]
        self.assertEqual([(arrow["pred"], arrow["violated"]) for arrow in arrows], [(a.id, False), (m.id, False)],
                         "B on the milestone's day respects M → B (a point has no duration)")
        buffer = io.BytesIO()
        self.env["project.task"]._gantt_write_xlsx(buffer, [("project_id", "=", self.project.id)])
        sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
        row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value.strip() == "Handover")
        self.assertEqual(row[5].value, 0, "a milestone takes no time")
        # timeline Mon 5 (column J, index 9) to Thu 8 (index 12), where M and B are
        self.assertEqual([cell.value for cell in row[9:]], [None, None, None, "\u25c6"])
        buffer = io.BytesIO()
        self.project._gantt_write_mspdi(buffer)
        root = ET.fromstring(buffer.getvalue())
        tasks = {t.find("p:Name", NS).text: t for t in root.findall("p:Tasks/p:Task", NS)}
        handover = tasks["Handover"]
        self.assertEqual((handover.find("p:Milestone", NS).text, handover.find("p:Duration", NS).text),
                         ("1", "PT0H0M0S"))
        self.assertEqual(tasks["Dig"].find("p:Milestone", NS).text, "0")


@tagged("post_install", "-at_install")
class TestGanttExportController(HttpCase):
    """The download routes: logged-in internal users only, record rules applied."""

    def test_xlsx_route_applies_record_rules(self):
        """A project user downloads the XLSX of a domain covering a private project: only the
        tasks they may read are in it; a bad domain is a 400; anonymous users are redirected."""
        user = new_test_user(self.env, "tm_gantt_export", groups="project.group_project_user",
                             password="tm_gantt_export")
        visible = self.env["project.project"].create({"name": "Export visible", "privacy_visibility": "employees"})
        private = self.env["project.project"].create({"name": "Export private", "privacy_visibility": "followers"})
        Task = self.env["project.task"]
        Task.create({"name": "Export: seen", "project_id": visible.id, "duration_days": 1})
        Task.create({"name": "Export: hidden", "project_id": private.id, "duration_days": 1})
        domain = json.dumps([("project_id", "in", [visible.id, private.id])])
        response = self.url_open(f"/task_mgmt_reports/gantt/xlsx?domain={domain}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), "anonymous: to the login page")
        self.authenticate("tm_gantt_export", "tm_gantt_export")
        response = self.url_open(f"/task_mgmt_reports/gantt/xlsx?domain={domain}")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual([row[1] for row in sheet.iter_rows(min_row=2, values_only=True)], ["Export: seen"])
        self.assertEqual(self.url_open("/task_mgmt_reports/gantt/xlsx?domain=[[1,2").status_code, 400)
        response = self.url_open(f"/task_mgmt_reports/project/{private.id}/mspdi")
        self.assertEqual(response.status_code, 403, "the private project cannot be read by this user")
        response = self.url_open(f"/task_mgmt_reports/project/{visible.id}/mspdi")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Export: seen", response.content)
        self.assertEqual(user.share, False)
