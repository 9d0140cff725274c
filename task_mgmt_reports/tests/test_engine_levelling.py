# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Levelling suggestions: plain pytest, no database; worked by hand."""

from datetime import date, timedelta

from ..engine.levelling import PlannedTask, suggest
from ..engine.load import LoadGrid, WorkSchedule

FULL_TIME = {d: [(9, 17)] for d in range(5)}
MON, FRI = date(2026, 1, 5), date(2026, 1, 9)


def _shift(task, days):
    """Working days later on a Monday-Friday calendar."""
    def move(day):
        left = days
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day
    return move(task.start), move(task.end)


def _setup(bob_busy=0.0, float_days=5):
    schedules = {"ann": WorkSchedule(FULL_TIME), "bob": WorkSchedule(FULL_TIME)}
    grid = LoadGrid(MON, date(2026, 1, 18), "week", today=MON)
    for employee, schedule in schedules.items():
        grid.add_schedule(employee, schedule)
    tasks = {
        "build": PlannedTask("build", MON, FRI, 0, True, {"ann": 40.0}),
        "review": PlannedTask("review", FRI, FRI, float_days, False, {"ann": 8.0}),
    }
    for task in tasks.values():
        for employee, hours in task.shares.items():
            grid.add_task(employee, task.id, hours, task.start, task.end, schedules[employee])
    if bob_busy:
        grid.add_task("bob", "other", bob_busy, MON, FRI, schedules["bob"])
    return grid, tasks, schedules


def test_shift_within_float_and_reassign():
    """Ann has 48 h in a 40 h week: the critical 40 h build stays; the 8 h review moves one
    working day (to Monday of the next week: 48 → 40 %-wise 120 → 100) or goes to Bob (0 → 8 h)."""
    grid, tasks, schedules = _setup()
    shift, reassign = suggest(grid, tasks, schedules, {"ann": ["bob"]}, _shift)
    assert (shift.kind, shift.task, shift.days, shift.new_start) == ("shift", "review", 1, date(2026, 1, 12))
    assert shift.effects == [("ann", 48.0, 40.0, 40.0)]
    assert (reassign.kind, reassign.task, reassign.colleague) == ("reassign", "review", "bob")
    assert reassign.effects == [("ann", 48.0, 40.0, 40.0), ("bob", 0.0, 8.0, 40.0)]


def test_nothing_without_float_nor_free_colleague():
    """No float and a colleague already at 36 of 40 h: no suggestion (the build is critical)."""
    grid, tasks, schedules = _setup(bob_busy=36.0, float_days=0)
    assert suggest(grid, tasks, schedules, {"ann": ["bob"]}, _shift) == []
