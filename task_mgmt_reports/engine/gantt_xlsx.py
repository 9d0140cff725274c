# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX of a Gantt chart, written with xlsxwriter in constant-memory mode (rows in order,
each row flushed as the next starts, so memory does not grow with the number of tasks).

One row per task: outline number, name, assignees, start, end, duration, total float,
critical, predecessors (MS Project style), then the timeline drawn in cells, by day or by
week: bar cells filled (red when critical), a milestone as a diamond (◆) in its day's cell and
a duration of 0, non-working days shaded.  No ``odoo`` import.
"""

from datetime import date, timedelta
from typing import NamedTuple

import xlsxwriter

MAX_DAY_COLUMNS = 366
MAX_WEEK_COLUMNS = 520
BAR_COLOR = "#6C9BD2"
CRITICAL_COLOR = "#D9534F"
SHADE_COLOR = "#E7E7E7"
MILESTONE_MARK = "\u25c6"  # ◆


class XlsxTask(NamedTuple):
    """One row of the export; ``start``/``end`` are dates (inclusive) or None (unscheduled)."""

    outline: str
    name: str
    assignees: str
    start: date | None
    end: date | None
    duration: int
    total_float: int
    critical: bool
    predecessors: str
    depth: int = 0
    milestone: bool = False


def timeline_columns(first, last, unit="day"):
    """Start dates of the timeline columns covering ``[first, last]``: days, or Mondays when
    ``unit`` is "week".  A range too long for days falls back to weeks; weeks are capped.

    >>> [d.isoformat() for d in timeline_columns(date(2026, 1, 7), date(2026, 1, 13), "week")]
    ['2026-01-05', '2026-01-12']
    """
    if unit == "day" and (last - first).days + 1 > MAX_DAY_COLUMNS:
        unit = "week"
    if unit == "week":
        first = first - timedelta(days=first.weekday())
        step, limit = timedelta(days=7), MAX_WEEK_COLUMNS
    else:
        step, limit = timedelta(days=1), MAX_DAY_COLUMNS
    columns = []
    day = first
    while day <= last and len(columns) < limit:
        columns.append(day)
        day += step
    return columns


def write_gantt_xlsx(target, tasks, nonworking=(), unit="day", title="Gantt", labels=None, constant_memory=True):
    """Write the chart to ``target`` (a path or a binary file object).

    :param tasks: iterable of :class:`XlsxTask`, in display order (read once).
    :param nonworking: dates not worked (shaded in day columns).
    :param unit: "day" or "week" timeline columns.
    :param labels: translated column titles (dict keyed by the English ones).
    :param constant_memory: False only to compare with xlsxwriter's default mode (benchmark).
    :returns: the number of task rows written.
    """
    tasks = list(tasks)
    labels = labels or {}
    headers = ["#", "Task", "Assignees", "Start", "End", "Duration (days)", "Total Float (days)",
               "Critical", "Predecessors"]
    starts = [t.start for t in tasks if t.start]
    ends = [t.end for t in tasks if t.end]
    columns = timeline_columns(min(starts), max(ends), unit) if starts else []
    by_week = len(columns) > 1 and (columns[1] - columns[0]).days == 7
    nonworking = set(nonworking)

    workbook = xlsxwriter.Workbook(target, {"constant_memory": constant_memory, "in_memory": False})
    try:
        sheet = workbook.add_worksheet(title[:31] or "Gantt")
        bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        head_day = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "rotation": 90,
                                        "num_format": "dd/mm", "align": "center"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        bar = workbook.add_format({"bg_color": BAR_COLOR})
        critical = workbook.add_format({"bg_color": CRITICAL_COLOR})
        shade = workbook.add_format({"bg_color": SHADE_COLOR})
        diamond = workbook.add_format({"align": "center", "bold": True, "font_color": "#333333"})
        critical_diamond = workbook.add_format({"align": "center", "bold": True, "font_color": CRITICAL_COLOR})
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 2, 24)
        sheet.set_column(3, 4, 11)
        sheet.set_column(5, 7, 9)
        sheet.set_column(8, 8, 18)
        first_col = len(headers)
        if columns:
            sheet.set_column(first_col, first_col + len(columns) - 1, 3.2 if not by_week else 4.5)
        sheet.freeze_panes(1, 2)
        for col, text in enumerate(headers):
            sheet.write_string(0, col, labels.get(text, text), bold)
        for offset, day in enumerate(columns):
            if by_week:
                sheet.write_string(0, first_col + offset, f"W{day.isocalendar()[1]:02d}", head_day)
            else:
                sheet.write_datetime(0, first_col + offset, day, head_day)
        shaded = [] if by_week else [i for i, day in enumerate(columns) if day in nonworking]
        last_column = len(columns) - 1
        row = 0
        for task in tasks:
            row += 1
            sheet.write_string(row, 0, task.outline)
            sheet.write_string(row, 1, ("    " * task.depth) + task.name)
            sheet.write_string(row, 2, task.assignees)
            if task.start:
                sheet.write_datetime(row, 3, task.start, date_format)
                sheet.write_datetime(row, 4, task.end, date_format)
            sheet.write_number(row, 5, 0 if task.milestone else task.duration)
            sheet.write_number(row, 6, task.total_float)
            if task.critical:
                sheet.write_string(row, 7, labels.get("Yes", "Yes"))
            sheet.write_string(row, 8, task.predecessors)
            if not columns:
                continue
            covered = range(0)
            if task.start and task.milestone:
                index = _column_of(columns, task.start, by_week)
                if 0 <= index <= last_column:
                    sheet.write_string(row, first_col + index, MILESTONE_MARK,
                                       critical_diamond if task.critical else diamond)
                covered = range(index, index + 1)
            elif task.start:
                first = _column_of(columns, task.start, by_week)
                last = _column_of(columns, task.end, by_week)
                covered = range(max(first, 0), min(last, last_column) + 1)
                fill = critical if task.critical else bar
                for index in covered:
                    if by_week or columns[index] not in nonworking:
                        sheet.write_blank(row, first_col + index, None, fill)
            for index in shaded:  # non-working days are shaded, also under a bar
                if not (task.milestone and index in covered):
                    sheet.write_blank(row, first_col + index, None, shade)
    finally:
        workbook.close()
    return row


def _column_of(columns, day, by_week):
    """Index of the column containing ``day`` (may lie outside the list)."""
    days = (day - columns[0]).days
    return days // 7 if by_week else days
