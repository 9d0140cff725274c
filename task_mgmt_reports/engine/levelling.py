# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Levelling suggestions: ways to remove an over-allocation without moving the project's finish.

For each over-allocated employee and period of a :class:`.load.LoadGrid`, two kinds of change
are tried on the tasks making the overload, largest first (critical tasks are never touched):

* ``shift``: start the task later by 1 ... ``total float`` working days of its project (the
  float is what it can slip without delaying the project); the smallest shift that brings the
  period within capacity and over-allocates no other period of the employee is kept;
* ``reassign``: hand the employee's share to a colleague (same department) who has the
  capacity over every period the task touches.

Both are checked over the whole span of the moved task, also outside the periods on screen:
``suggest`` takes a second grid (``span``) of the same people and scale over the task windows
(shifted ones included), and a change that over-allocates either person in any period of it is
not proposed.

Each suggestion carries the load before and after, as percent of capacity, of the period for
the people concerned. No ``odoo`` import.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from .load import EPSILON, spread

MAX_SHIFT_DAYS = 20
MAX_PER_OVERLOAD = 3


@dataclass
class PlannedTask:
    """What levelling needs of a task: its window, float, criticality and per-employee shares."""

    id: object
    start: object
    end: object
    total_float: int = 0
    critical: bool = False
    shares: dict = field(default_factory=dict)  # employee -> remaining hours


@dataclass
class Suggestion:
    kind: str  # "shift" or "reassign"
    task: object
    employee: object
    period: int
    days: int = 0  # shift: working days later
    new_start: object = None
    new_end: object = None
    colleague: object = None
    # [(employee, load before, load after, capacity)] of the period, per person concerned
    effects: list = field(default_factory=list)


def _by_period(grid, values):
    result = defaultdict(float)
    for day, hours in values.items():
        index = grid.index(day)
        if index is not None:
            result[index] += hours
    return result


def _fits(grid, employee, delta, target=None):
    """True when adding ``delta`` (period -> hours) leaves ``employee`` within capacity in
    ``target`` and does not over-allocate a period that was not over-allocated."""
    for index, hours in delta.items():
        load, capacity = grid.cell(employee, index)[:2]
        after = load + hours
        if index == target:
            if after > capacity + EPSILON:
                return False
        elif after > capacity + EPSILON and hours > EPSILON:
            return False
    return True


def suggest(grid, tasks, schedules, colleagues, shift_dates, max_shift=MAX_SHIFT_DAYS, limit=MAX_PER_OVERLOAD,
            span=None):
    """Suggestions for every over-allocation of ``grid``.

    :param tasks: dict task id -> :class:`PlannedTask`.
    :param schedules: dict employee -> :class:`.load.WorkSchedule`.
    :param colleagues: dict employee -> employees who may take their work (same department).
    :param shift_dates: function ``(task, days) -> (start, end)``: the task's window moved
        ``days`` working days later on its project's calendar.
    :param span: a :class:`.load.LoadGrid` of the same people and scale covering the whole
        window of every task that may move, shifted by up to ``max_shift`` days (periods
        aligned with ``grid``'s): each change is checked there, in every period the moved task
        touches, also those ``grid`` does not show. None: ``grid`` alone (changes are then only
        checked on the periods it shows).
    :returns: list of :class:`Suggestion`, by over-allocation then preference.
    """
    span = span or grid
    result = []
    employees = list(schedules)
    for employee, index, _excess, contributions in grid.over_allocations(employees):
        target = span.index(grid.periods[index][0])
        found = []
        ordered = sorted(contributions.items(), key=lambda item: -item[1])
        for task_id, _hours in ordered:
            task = tasks.get(task_id)
            share = task and task.shares.get(employee)
            if not task or task.critical or not share or not task.start or not task.end:
                continue
            schedule = schedules[employee]
            before = _by_period(span, spread(share, task.start, task.end, schedule, span.today))
            moved = _shift(span, task, employee, target, share, before, schedule, shift_dates, max_shift)
            if moved:
                days, start, end, change = moved
                load, capacity = grid.cell(employee, index)[:2]
                found.append(Suggestion("shift", task.id, employee, index, days=days, new_start=start, new_end=end,
                                        effects=[(employee, load, load + change, capacity)]))
            for colleague in colleagues.get(employee, ()):
                if colleague in task.shares or colleague not in schedules:
                    continue
                added = _by_period(span, spread(share, task.start, task.end, schedules[colleague], span.today))
                if not added or not _fits(span, colleague, added, None):
                    continue
                load, capacity = grid.cell(employee, index)[:2]
                if load - before.get(target, 0.0) > capacity + EPSILON:
                    continue
                top = max(added, key=added.get)
                c_load, c_capacity = span.cell(colleague, top)[:2]
                found.append(Suggestion(
                    "reassign", task_id, employee, index, colleague=colleague,
                    effects=[(employee, load, load - before.get(target, 0.0), capacity),
                             (colleague, c_load, c_load + added[top], c_capacity)]))
                break
            if len(found) >= limit:
                break
        result.extend(found[:limit])
    return result


def _shift(grid, task, employee, index, share, before, schedule, shift_dates, max_shift):
    """``(days, new start, new end, change of the load in period index)`` of the smallest shift
    within the task's float that fits ``employee`` in every period of ``grid``, or None."""
    for days in range(1, min(task.total_float, max_shift) + 1):
        start, end = shift_dates(task, days)
        after = _by_period(grid, spread(share, start, end, schedule, grid.today))
        delta = defaultdict(float)
        for period, hours in after.items():
            delta[period] += hours
        for period, hours in before.items():
            delta[period] -= hours
        if _fits(grid, employee, delta, index):
            return days, start, end, delta.get(index, 0.0)
    return None
