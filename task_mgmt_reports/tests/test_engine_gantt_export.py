# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX and MSPDI writers: plain pytest, no database; files read back with openpyxl and
ElementTree."""

import doctest
import io
from datetime import date, time
from xml.etree import ElementTree as ET

import openpyxl

from ..engine import gantt_xlsx
from ..engine.gantt_xlsx import XlsxTask, timeline_columns, write_gantt_xlsx
from ..engine.mspdi import MspdiCalendar, MspdiLink, MspdiTask, write_mspdi

NS = {"p": "http://schemas.microsoft.com/project"}


def test_doctests():
    """The examples in the module's docstrings hold."""
    assert doctest.testmod(gantt_xlsx).failed == 0


def _fill(cell):
    return cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type else None


def test_xlsx_rows_bars_and_weekends():
    """Two tasks Mon 5 – Wed 7 (critical) and Thu 8 – Mon 12 Jan 2026: columns, MS Project
    predecessors, red and blue bar cells, the weekend shaded (also under the second bar)."""
    tasks = [
        XlsxTask("1", "Dig", "Ann", date(2026, 1, 5), date(2026, 1, 7), 3, 0, True, ""),
        XlsxTask("1.1", "Pour", "Ann, Bob", date(2026, 1, 8), date(2026, 1, 12), 3, 2, False, "1FS+2d", depth=1),
        XlsxTask("2", "Someday", "", None, None, 0, 0, False, ""),
    ]
    weekend = {date(2026, 1, 10), date(2026, 1, 11)}
    buffer = io.BytesIO()
    assert write_gantt_xlsx(buffer, tasks, weekend) == 3
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [c.value for c in sheet[1]][:9] == ["#", "Task", "Assignees", "Start", "End", "Duration (days)",
                                               "Total Float (days)", "Critical", "Predecessors"]
    assert sheet["J1"].value.date() == date(2026, 1, 5) and sheet["Q1"].value.date() == date(2026, 1, 12)
    assert [c.value for c in sheet[3]][:9] == ["1.1", "    Pour", "Ann, Bob", sheet["D3"].value, sheet["E3"].value,
                                               3, 2, None, "1FS+2d"]
    assert sheet["D2"].value.date() == date(2026, 1, 5) and sheet["H2"].value == "Yes"
    red, blue, grey = "FFD9534F", "FF6C9BD2", "FFE7E7E7"
    assert [_fill(sheet.cell(2, col)) for col in range(10, 14)] == [red, red, red, None]
    # Thu 8, Fri 9 blue; Sat 10, Sun 11 shaded; Mon 12 blue
    assert [_fill(sheet.cell(3, col)) for col in range(13, 18)] == [blue, blue, grey, grey, blue]
    assert _fill(sheet.cell(4, 15)) == grey, "weekends are shaded on every row"
    assert sheet["A4"].value == "2" and sheet["D4"].value is None


def test_xlsx_weeks_and_long_ranges():
    """Weekly columns start on Mondays and carry ISO week numbers; a two-year range in days
    falls back to weeks."""
    tasks = [XlsxTask("1", "Long", "", date(2026, 1, 7), date(2026, 1, 20), 10, 0, False, "")]
    buffer = io.BytesIO()
    write_gantt_xlsx(buffer, tasks, unit="week")
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [sheet.cell(1, col).value for col in range(10, 13)] == ["W02", "W03", "W04"]
    assert all(_fill(sheet.cell(2, col)) == "FF6C9BD2" for col in range(10, 13))
    columns = timeline_columns(date(2026, 1, 1), date(2027, 12, 31), "day")
    assert (columns[1] - columns[0]).days == 7 and columns[0] == date(2025, 12, 29)


def test_mspdi_tasks_links_calendar_assignments():
    """Tasks with outline and duration, an FS+2d and an SS-1d link (lag in tenths of minutes),
    the calendar's week and a holiday, a person assigned."""
    day = [(time(8), time(12)), (time(13), time(17))]
    calendar = MspdiCalendar("Standard 40h", {weekday: day for weekday in range(5)}, (date(2026, 1, 8),))
    tasks = [
        MspdiTask(10, "Dig", "1", date(2026, 1, 5), date(2026, 1, 7), 3, critical=True, percent_complete=50),
        MspdiTask(11, "Pour", "1.1", date(2026, 1, 12), date(2026, 1, 13), 2, total_float_days=1,
                  pinned_start=date(2026, 1, 12)),
        MspdiTask(12, "Check", "2", date(2026, 1, 14), date(2026, 1, 14), 0),
    ]
    links = [MspdiLink(10, 11, "fs", 2), MspdiLink(11, 12, "ss", -1)]
    buffer = io.BytesIO()
    write_mspdi(buffer, "House", tasks, links, calendar, [(7, "Ann")], [(10, 7)])
    root = ET.fromstring(buffer.getvalue())
    assert root.tag == "{http://schemas.microsoft.com/project}Project"
    assert root.find("p:MinutesPerDay", NS).text == "480"
    xml_tasks = {t.find("p:UID", NS).text: t for t in root.findall("p:Tasks/p:Task", NS)}
    dig, pour, check = xml_tasks["10"], xml_tasks["11"], xml_tasks["12"]
    assert dig.find("p:Duration", NS).text == "PT24H0M0S"
    assert dig.find("p:Start", NS).text == "2026-01-05T08:00:00"
    assert dig.find("p:Finish", NS).text == "2026-01-07T17:00:00"
    assert (dig.find("p:Critical", NS).text, dig.find("p:PercentComplete", NS).text) == ("1", "50")
    assert (pour.find("p:OutlineLevel", NS).text, pour.find("p:ConstraintType", NS).text) == ("2", "4")
    assert pour.find("p:TotalSlack", NS).text == "4800"
    link = pour.find("p:PredecessorLink", NS)
    assert [link.find(f"p:{tag}", NS).text for tag in ("PredecessorUID", "Type", "LinkLag", "LagFormat")] == [
        "10", "1", "9600", "7"]
    link = check.find("p:PredecessorLink", NS)
    assert (link.find("p:Type", NS).text, link.find("p:LinkLag", NS).text) == ("3", "-4800")
    assert check.find("p:Milestone", NS).text == "1"
    weekdays = root.findall("p:Calendars/p:Calendar/p:WeekDays/p:WeekDay", NS)
    working = {w.find("p:DayType", NS).text: w.find("p:DayWorking", NS).text for w in weekdays}
    assert working == {"0": "0", "1": "0", "2": "1", "3": "1", "4": "1", "5": "1", "6": "1", "7": "0"}
    holiday = [w for w in weekdays if w.find("p:DayType", NS).text == "0"][0]
    assert holiday.find("p:TimePeriod/p:FromDate", NS).text == "2026-01-08T00:00:00"
    assignment = root.find("p:Assignments/p:Assignment", NS)
    assert (assignment.find("p:TaskUID", NS).text, assignment.find("p:ResourceUID", NS).text) == ("10", "7")
    assert root.find("p:Resources/p:Resource/p:Name", NS).text == "Ann"
