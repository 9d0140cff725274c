# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""MS Project XML (MSPDI) writer: tasks with outline, durations, constraints, typed links
with lag, a base calendar with its working hours and exceptions (holidays), resources and
assignments.  MS Project, ProjectLibre and GanttProject open it.  No ``odoo`` import.

Units of the format: durations as ISO 8601 work time (``PT24H0M0S``), lags in tenths of a
minute of work (``LinkLag``) with ``LagFormat`` 7 (days); link types 0 FF, 1 FS, 2 SF, 3 SS;
week days 1 (Sunday) to 7 (Saturday); constraint type 4 is "start no earlier than".
"""

from datetime import date, datetime, time
from typing import NamedTuple
from xml.etree import ElementTree as ET

NAMESPACE = "http://schemas.microsoft.com/project"
LINK_TYPES = {"ff": 0, "fs": 1, "sf": 2, "ss": 3}
DAYS_FORMAT = 7
START_NO_EARLIER_THAN = 4
AS_SOON_AS_POSSIBLE = 0


class MspdiTask(NamedTuple):
    uid: int
    name: str
    outline: str
    start: date | None
    end: date | None
    duration_days: int
    critical: bool = False
    total_float_days: int = 0
    percent_complete: int = 0
    pinned_start: date | None = None
    deadline: date | None = None
    summary: bool = False
    notes: str = ""
    milestone: bool = False


class MspdiLink(NamedTuple):
    pred_uid: int
    succ_uid: int
    kind: str = "fs"
    lag_days: int = 0


class MspdiCalendar(NamedTuple):
    """``weekday_periods``: {0 (Monday) .. 6: [(time from, time to), ...]}; ``holidays``: dates."""

    name: str
    weekday_periods: dict
    holidays: tuple = ()


def _text(parent, tag, value):
    element = ET.SubElement(parent, tag)
    element.text = str(value)
    return element


def _stamp(day, at):
    return datetime.combine(day, at).strftime("%Y-%m-%dT%H:%M:%S")


def _work(hours):
    """ISO 8601 work duration of MSPDI: 12.5 h -> ``PT12H30M0S``."""
    minutes = round(hours * 60)
    return f"PT{minutes // 60}H{minutes % 60}M0S"


def write_mspdi(target, name, tasks, links=(), calendar=None, resources=(), assignments=()):
    """Write an MSPDI document to ``target`` (path or binary file).

    :param tasks: :class:`MspdiTask` in outline order (UID 0 is reserved for the project).
    :param links: :class:`MspdiLink` between task UIDs.
    :param calendar: :class:`MspdiCalendar` of the project (Monday–Friday 8 h when None).
    :param resources: ``(uid, name)`` of people.
    :param assignments: ``(task uid, resource uid)``.
    """
    if calendar is None:
        day = [(time(8), time(12)), (time(13), time(17))]
        calendar = MspdiCalendar("Standard", {weekday: day for weekday in range(5)})
    worked = {d: p for d, p in calendar.weekday_periods.items() if p}
    day_hours = [sum((datetime.combine(date.min, t) - datetime.combine(date.min, f)).seconds / 3600
                     for f, t in periods) for periods in worked.values()]
    hours_per_day = (sum(day_hours) / len(day_hours)) if day_hours else 8.0
    minutes_per_day = round(hours_per_day * 60)
    day_start = min((periods[0][0] for periods in worked.values()), default=time(8))
    day_end = max((periods[-1][1] for periods in worked.values()), default=time(17))

    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}Project")
    scheduled = [t for t in tasks if t.start]
    start = min((t.start for t in scheduled), default=date.today())
    finish = max((t.end for t in scheduled), default=start)
    for tag, value in (
        ("SaveVersion", 14), ("Name", f"{name}.xml"), ("Title", name), ("ScheduleFromStart", 1),
        ("StartDate", _stamp(start, day_start)), ("FinishDate", _stamp(finish, day_end)),
        ("CalendarUID", 1), ("DefaultStartTime", day_start.strftime("%H:%M:%S")),
        ("DefaultFinishTime", day_end.strftime("%H:%M:%S")),
        ("MinutesPerDay", minutes_per_day), ("MinutesPerWeek", minutes_per_day * max(len(worked), 1)),
        ("DaysPerMonth", 20), ("DurationFormat", DAYS_FORMAT), ("WorkFormat", 2),
    ):
        _text(root, tag, value)

    _write_calendar(root, calendar)

    preds = {}
    for link in links:
        preds.setdefault(link.succ_uid, []).append(link)
    xml_tasks = ET.SubElement(root, "Tasks")
    project_task = ET.SubElement(xml_tasks, "Task")
    for tag, value in (("UID", 0), ("ID", 0), ("Name", name), ("Type", 1), ("OutlineNumber", 0),
                       ("OutlineLevel", 0), ("Summary", 1)):
        _text(project_task, tag, value)
    for index, task in enumerate(tasks, start=1):
        _write_task(xml_tasks, index, task, preds.get(task.uid, ()), (day_start, day_end), hours_per_day,
                    minutes_per_day)

    xml_resources = ET.SubElement(root, "Resources")
    for index, (uid, resource_name) in enumerate(resources, start=1):
        resource = ET.SubElement(xml_resources, "Resource")
        _text(resource, "UID", uid)
        _text(resource, "ID", index)
        _text(resource, "Name", resource_name)
        _text(resource, "Type", 1)  # work
    xml_assignments = ET.SubElement(root, "Assignments")
    for uid, (task_uid, resource_uid) in enumerate(assignments, start=1):
        assignment = ET.SubElement(xml_assignments, "Assignment")
        _text(assignment, "UID", uid)
        _text(assignment, "TaskUID", task_uid)
        _text(assignment, "ResourceUID", resource_uid)
        _text(assignment, "Units", 1)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tree.write(target, encoding="UTF-8", xml_declaration=True)


def _write_calendar(root, calendar):
    """The base calendar: working times of each week day, holidays as exceptions."""
    calendars = ET.SubElement(root, "Calendars")
    cal = ET.SubElement(calendars, "Calendar")
    _text(cal, "UID", 1)
    _text(cal, "Name", calendar.name)
    _text(cal, "IsBaseCalendar", 1)
    _text(cal, "BaseCalendarUID", -1)
    weekdays = ET.SubElement(cal, "WeekDays")
    for day_type in range(1, 8):  # 1 Sunday .. 7 Saturday
        periods = calendar.weekday_periods.get((day_type + 5) % 7) or []
        weekday = ET.SubElement(weekdays, "WeekDay")
        _text(weekday, "DayType", day_type)
        _text(weekday, "DayWorking", 1 if periods else 0)
        if periods:
            times = ET.SubElement(weekday, "WorkingTimes")
            for time_from, time_to in periods:
                working = ET.SubElement(times, "WorkingTime")
                _text(working, "FromTime", time_from.strftime("%H:%M:%S"))
                _text(working, "ToTime", time_to.strftime("%H:%M:%S"))
    for holiday in sorted(calendar.holidays):
        weekday = ET.SubElement(weekdays, "WeekDay")
        _text(weekday, "DayType", 0)
        _text(weekday, "DayWorking", 0)
        period = ET.SubElement(weekday, "TimePeriod")
        _text(period, "FromDate", _stamp(holiday, time(0)))
        _text(period, "ToDate", _stamp(holiday, time(23, 59)))


def _write_task(xml_tasks, index, task, preds, hours, hours_per_day, minutes_per_day):
    """One task with its predecessor links."""
    day_start, day_end = hours
    duration_days = 0 if task.milestone else task.duration_days  # a milestone takes no time
    element = ET.SubElement(xml_tasks, "Task")
    _text(element, "UID", task.uid)
    _text(element, "ID", index)
    _text(element, "Name", task.name)
    _text(element, "Type", 1)  # fixed duration
    _text(element, "OutlineNumber", task.outline)
    _text(element, "OutlineLevel", task.outline.count(".") + 1)
    if task.start:
        _text(element, "Start", _stamp(task.start, day_start))
        _text(element, "Finish", _stamp(task.end, day_end if duration_days else day_start))
    _text(element, "Duration", _work(duration_days * hours_per_day))
    _text(element, "DurationFormat", DAYS_FORMAT)
    _text(element, "Milestone", 1 if task.milestone or (task.start and not duration_days) else 0)
    _text(element, "Summary", 1 if task.summary else 0)
    _text(element, "Critical", 1 if task.critical else 0)
    _text(element, "TotalSlack", task.total_float_days * minutes_per_day * 10)
    _text(element, "PercentComplete", max(0, min(100, int(task.percent_complete))))
    if task.pinned_start:
        _text(element, "ConstraintType", START_NO_EARLIER_THAN)
        _text(element, "ConstraintDate", _stamp(task.pinned_start, day_start))
    else:
        _text(element, "ConstraintType", AS_SOON_AS_POSSIBLE)
    if task.deadline:
        _text(element, "Deadline", _stamp(task.deadline, day_end))
    if task.notes:
        _text(element, "Notes", task.notes)
    for link in preds:
        pred = ET.SubElement(element, "PredecessorLink")
        _text(pred, "PredecessorUID", link.pred_uid)
        _text(pred, "Type", LINK_TYPES[link.kind])
        _text(pred, "CrossProject", 0)
        _text(pred, "LinkLag", link.lag_days * minutes_per_day * 10)
        _text(pred, "LagFormat", DAYS_FORMAT)
