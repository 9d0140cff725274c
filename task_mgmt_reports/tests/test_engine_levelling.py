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


def test_changes_checked_beyond_the_visible_periods():
    """Only the week of 5 Jan is on screen, but the 32 h review runs Thu 8 to Tue 13 (8 h a day).
    Ann: critical build 32 h Mon-Thu + review 16 h = 48 h of 40 in week 1; in week 2 review 16 h +
    critical deploy 24 h Wed-Fri = 40 of 40. Bob: critical support 40 h in week 2. Cleo: free.

    Checked on the visible week alone, shifting the review 1 working day (Fri 9 to Wed 14) looks
    good (week 1: 32 + 8 = 40) and so does handing it to Bob (week 1: 16 h). Over the review's
    whole span both are bad: the shift puts Ann's week 2 at 24 + 24 = 48 h (shifts 2 and 3 at
    56 h), the hand-over puts Bob's week 2 at 40 + 16 = 56 h. Only Cleo remains (0 -> 16 h)."""
    week1, week2_end = MON, date(2026, 1, 18)
    people = ("ann", "bob", "cleo")
    schedules = {name: WorkSchedule(FULL_TIME) for name in people}
    tasks = {
        "build": PlannedTask("build", MON, date(2026, 1, 8), 0, True, {"ann": 32.0}),
        "review": PlannedTask("review", date(2026, 1, 8), date(2026, 1, 13), 3, False, {"ann": 32.0}),
        "deploy": PlannedTask("deploy", date(2026, 1, 14), date(2026, 1, 16), 0, True, {"ann": 24.0}),
        "support": PlannedTask("support", date(2026, 1, 12), date(2026, 1, 16), 0, True, {"bob": 40.0}),
    }

    def grid_over(last):
        grid = LoadGrid(week1, last, "week", today=MON)
        for name in people:
            grid.add_schedule(name, schedules[name])
        for task in tasks.values():
            for employee, hours in task.shares.items():
                grid.add_task(employee, task.id, hours, task.start, task.end, schedules[employee])
        return grid

    visible, span = grid_over(FRI + timedelta(days=2)), grid_over(week2_end)
    assert visible.cell("ann", 0)[:2] == (48.0, 40.0)
    assert span.cell("ann", 1)[:2] == (40.0, 40.0) and span.cell("bob", 1)[:2] == (40.0, 40.0)
    colleagues = {"ann": ["bob", "cleo"]}

    # the visible-only check accepts two bad proposals
    shift, handover = suggest(visible, tasks, schedules, colleagues, _shift)
    assert (shift.kind, shift.days, shift.new_start, shift.new_end) == ("shift", 1, FRI, date(2026, 1, 14))
    assert (handover.kind, handover.colleague) == ("reassign", "bob")

    # over the review's whole span: no shift, not Bob; Cleo takes it
    (only,) = suggest(visible, tasks, schedules, colleagues, _shift, span=span)
    assert (only.kind, only.task, only.employee, only.period) == ("reassign", "review", "ann", 0)
    assert only.colleague == "cleo"
    assert only.effects == [("ann", 48.0, 32.0, 40.0), ("cleo", 0.0, 16.0, 40.0)]

    # with Cleo busy too in week 2 (week 1 free), nothing is proposed at all
    tasks["audit"] = PlannedTask("audit", date(2026, 1, 12), date(2026, 1, 16), 0, True, {"cleo": 30.0})
    assert suggest(visible, tasks, schedules, colleagues, _shift, span=grid_over(week2_end)) == []
