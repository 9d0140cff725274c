# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resource load engine: plain pytest, no database; every expected value worked out by hand."""

import doctest
from datetime import date, datetime, timedelta

import pytest

from ..engine import load
from ..engine.load import (
    LoadGrid,
    WorkSchedule,
    flexible_attendance,
    period_label,
    periods,
    remaining_hours,
    split,
    spread,
)

FULL_TIME = {d: [(8, 12), (13, 17)] for d in range(5)}  # 8 h Monday to Friday
# part-time: 8 h Monday to Wednesday, Thursday morning (4 h), Friday off: 28 h a week
PART_TIME = {0: [(8, 12), (13, 17)], 1: [(8, 12), (13, 17)], 2: [(8, 12), (13, 17)], 3: [(8, 12)]}
MON, TUE, WED, THU, FRI = (date(2026, 1, d) for d in range(5, 10))


def _round(values):
    return {day: round(hours, 6) for day, hours in values.items()}


def test_doctests():
    """The examples in the module's docstrings hold."""
    assert doctest.testmod(load).failed == 0


def test_part_time_calendar():
    """14 h from Monday to Thursday on a 28-hour week: 14 × 8/28 = 4 h on the full days, 2 h on
    Thursday's half day; nothing on the Friday off; the week's capacity is 28 h."""
    schedule = WorkSchedule(PART_TIME)
    assert [schedule.capacity(d) for d in (MON, TUE, WED, THU, FRI)] == [8, 8, 8, 4, 0]
    assert _round(spread(14, MON, FRI, schedule)) == {MON: 4, TUE: 4, WED: 4, THU: 2}
    grid = LoadGrid(MON, FRI, "week")
    grid.add_schedule("ann", schedule)
    grid.add_task("ann", "t", 14, MON, FRI, schedule)
    load_, capacity, nominal, _actual, _planned, level = grid.cell("ann", 0)
    assert (load_, capacity, nominal, level) == (pytest.approx(14), 28, 28, "low")


def test_leave_mid_week():
    """Full time, Wednesday off and Thursday afternoon off: 40 − 8 − 4 = 28 h of capacity; 28 h
    of work fill it exactly (Wednesday empty, 4 h on Thursday): 100 %, not over-allocated."""
    schedule = WorkSchedule(FULL_TIME, [
        (datetime(2026, 1, 7, 0, 0), datetime(2026, 1, 7, 23, 59, 59)),
        (datetime(2026, 1, 8, 13, 0), datetime(2026, 1, 8, 17, 0)),
    ])
    assert schedule.is_off(WED) and not schedule.is_off(THU)
    assert _round(spread(28, MON, FRI, schedule)) == {MON: 8, TUE: 8, THU: 4, FRI: 8}
    grid = LoadGrid(MON, FRI, "day")
    grid.add_schedule("bob", schedule)
    grid.add_task("bob", "t", 28, MON, FRI, schedule)
    assert [grid.cell("bob", i)[-1] for i in range(5)] == ["ok", "ok", "off", "ok", "ok"]
    assert grid.over_allocations(["bob"]) == []


def test_public_holiday_over_allocation_and_months():
    """New Year's Day (Thursday) closed: the week of 29 Dec has 32 h; 40 h over Monday–Friday go
    10 h a day on the 4 working days, 8 h over capacity; by month 30 h in December, 10 in January."""
    schedule = WorkSchedule(FULL_TIME, [date(2026, 1, 1)])
    first, last = date(2025, 12, 29), date(2026, 1, 2)
    assert _round(spread(40, first, last, schedule)) == {
        date(2025, 12, 29): 10, date(2025, 12, 30): 10, date(2025, 12, 31): 10, date(2026, 1, 2): 10}
    week = LoadGrid(first, last, "week")
    week.add_schedule("eve", schedule)
    week.add_task("eve", "launch", 40, first, last, schedule)
    ((employee, index, excess, tasks),) = week.over_allocations(["eve"])
    assert (employee, index, round(excess, 6), _round(tasks)) == ("eve", 0, 8, {"launch": 40})
    month = LoadGrid(first, last, "month")
    month.add_schedule("eve", schedule)
    month.add_task("eve", "launch", 40, first, last, schedule)
    assert [round(month.cell("eve", i)[0], 6) for i in range(2)] == [30, 10]
    assert [month.cell("eve", i)[1] for i in range(2)] == [24, 8]


def test_task_across_a_weekend():
    """Friday to Tuesday, 24 h: 8 h on Friday, Monday and Tuesday, nothing on the weekend; by ISO
    week 8 h in W02 and 16 h in W03."""
    schedule = WorkSchedule(FULL_TIME)
    spread_ = _round(spread(24, FRI, date(2026, 1, 13), schedule))
    assert spread_ == {FRI: 8, date(2026, 1, 12): 8, date(2026, 1, 13): 8}
    grid = LoadGrid(MON, date(2026, 1, 18), "week")
    grid.add_schedule("joe", schedule)
    grid.add_task("joe", "t", 24, FRI, date(2026, 1, 13), schedule)
    assert [period_label(start, "week") for start, _end in grid.periods] == ["W02 2026", "W03 2026"]
    assert [round(grid.cell("joe", i)[0], 6) for i in range(2)] == [8, 16]


def test_two_assignees_on_their_own_calendars():
    """20 h with two assignees: 10 h each; the full-timer 2 h a day, the part-timer 10 × 8/28 on
    her full days and 10 × 4/28 on Thursday morning."""
    hours = split(remaining_hours(20, 0), 2)
    assert hours == 10
    full, part = WorkSchedule(FULL_TIME), WorkSchedule(PART_TIME)
    assert _round(spread(hours, MON, FRI, full)) == dict.fromkeys((MON, TUE, WED, THU, FRI), 2)
    assert _round(spread(hours, MON, FRI, part)) == {
        MON: round(80 / 28, 6), TUE: round(80 / 28, 6), WED: round(80 / 28, 6), THU: round(40 / 28, 6)}


def test_subtask_not_counted_twice():
    """A parent of 30 h with subtasks of 10 h and 8 h (3 h logged on the second): the parent keeps
    30 − 18 = 12 h of its own, the subtasks 10 and 5: 27 h in all, the 30 allocated minus the 3
    logged, not 30 + 18."""
    parent = remaining_hours(30, 0, 10 + 8)
    children = [remaining_hours(10, 0), remaining_hours(8, 3)]
    assert (parent, children) == (12, [10, 5])
    schedule = WorkSchedule(FULL_TIME)
    grid = LoadGrid(MON, FRI, "week")
    grid.add_schedule("kim", schedule)
    for task, hours in (("parent", parent), ("sub1", children[0]), ("sub2", children[1])):
        grid.add_task("kim", task, hours, MON, FRI, schedule)
    assert grid.cell("kim", 0)[0] == pytest.approx(27)


def test_past_days_actual_and_remaining_from_today():
    """Today is Wednesday: the 12 h left go over Wednesday to Friday (4 h a day), the 6 h logged
    on Monday count on Monday, and the planned 18 h over the whole week show on the past days."""
    schedule = WorkSchedule(FULL_TIME)
    grid = LoadGrid(MON, FRI, "day", today=WED)
    grid.add_schedule("lea", schedule)
    grid.add_task("lea", "t", 12, MON, FRI, schedule, planned_hours=18)
    grid.add_actual("lea", MON, 6, "t")
    cells = [grid.cell("lea", i) for i in range(5)]
    assert grid.row("lea") == cells  # the whole row in one pass: the same cells
    assert [round(c[0], 6) for c in cells] == [6, 0, 4, 4, 4]
    assert [c[3] for c in cells] == [6, 0, 0, 0, 0]
    assert [round(c[4], 6) for c in cells] == [3.6, 3.6, 0, 0, 0]  # planned: on past days
    # overdue: a plan that ended before today lands on today
    assert spread(5, MON, TUE, schedule, not_before=WED) == {WED: 5.0}


def test_fallbacks_and_bad_input():
    """No capacity in the window: the normal hours take the work, then the calendar days; a
    flexible schedule is 8 h Monday–Friday; invalid hours and scales are refused."""
    on_leave = WorkSchedule(FULL_TIME, [MON, TUE])
    assert spread(8, MON, TUE, on_leave) == {MON: 4.0, TUE: 4.0}
    weekend = WorkSchedule(FULL_TIME)
    assert spread(6, date(2026, 1, 10), date(2026, 1, 11), weekend) == {
        date(2026, 1, 10): 3.0, date(2026, 1, 11): 3.0}
    flexible = WorkSchedule(flexible_attendance())
    assert [flexible.capacity(d) for d in (MON, FRI, date(2026, 1, 10))] == [8, 8, 0]
    with pytest.raises(ValueError, match="not within 0-24"):
        WorkSchedule({0: [(8, 25)]})
    with pytest.raises(ValueError, match="Unknown scale"):
        periods(MON, FRI, "year")
    with pytest.raises(ValueError, match="ends"):
        periods(FRI, MON, "day")


def test_two_week_schedule():
    """A two-week schedule: 8 h on Mondays of even weeks, 4 h on Mondays of odd weeks (Odoo's
    week type (ordinal − 1) // 7 % 2)."""
    schedule = WorkSchedule({0: [(8, 16)]}, second_week={0: [(8, 12)]})
    even = (MON.toordinal() - 1) // 7 % 2 == 0
    first, second = (8, 4) if even else (4, 8)
    assert (schedule.capacity(MON), schedule.capacity(date(2026, 1, 12))) == (first, second)


def test_grid_sums_match_the_day_by_day_spread():
    """The grid adds a task period by period from running sums of the schedule; on windows of
    every length and position (weekends, a leave, a public holiday, a two-week part-time
    schedule, today inside, the grid's edges) its cells equal the day-by-day spread summed by
    week, and the planned hours of past days equal the spread without 'today' cut at today."""
    import random  # noqa: PLC0415

    rng = random.Random(7)
    first, last, today = date(2026, 1, 5), date(2026, 3, 1), date(2026, 1, 21)
    schedules = [
        WorkSchedule(FULL_TIME, [date(2026, 1, 1), (datetime(2026, 1, 14, 13), datetime(2026, 1, 16, 12))]),
        WorkSchedule(PART_TIME, [date(2026, 2, 2)], second_week={0: [(8, 12)], 2: [(8, 16)]}),
    ]
    # windows the capacity cannot carry: a weekend (no nominal hours: one share per calendar
    # day), the leave of Jan 14-16 alone (nominal hours instead), and random ones
    fixed = [(date(2026, 1, 24), date(2026, 1, 25), 0), (date(2026, 1, 1), date(2026, 1, 1), 0),
             (date(2026, 2, 7), date(2026, 2, 8), 1)]
    for case in range(300 + len(fixed)):
        schedule = schedules[case % 2]
        start = first + timedelta(days=rng.randrange(-20, 60))
        end = start + timedelta(days=rng.randrange(0, 30))
        if case >= 300:
            start, end, which = fixed[case - 300]
            schedule = schedules[which]
        grid = LoadGrid(first, last, "week", today=today)
        grid.add_task("x", "t", 30.0, start, end, schedule, planned_hours=45.0)
        expected, planned = [0.0] * len(grid.periods), [0.0] * len(grid.periods)
        for day, hours in spread(30.0, start, end, schedule, not_before=today).items():
            if grid.index(day) is not None:
                expected[grid.index(day)] += hours
        for day, hours in spread(45.0, start, end, schedule).items():
            if grid.index(day) is not None and day < today and start < today:
                planned[grid.index(day)] += hours
        assert [grid.cell("x", i)[0] for i in range(len(grid.periods))] == pytest.approx(expected, abs=1e-9)
        assert [grid.cell("x", i)[4] for i in range(len(grid.periods))] == pytest.approx(planned, abs=1e-9)


def test_rows_by_project():
    """Ann works on Alpha (24 h Mon-Wed, 3 h logged on Monday) and Beta (24 h Wed-Fri, 4 h
    unscheduled): by project her week shows 27 h on Alpha and 24 h on Beta; each cell keeps her
    40 h capacity and the colour of her whole week (27 + 24 = 51 h: over); Bob has no project."""
    schedule = WorkSchedule(FULL_TIME)
    grid = LoadGrid(MON, FRI, "week", today=MON)
    for name in ("ann", "bob"):
        grid.add_schedule(name, schedule)
    grid.add_task("ann", "a1", 24, MON, WED, schedule, group="alpha")
    grid.add_task("ann", "b1", 24, WED, FRI, schedule, group="beta")
    grid.add_actual("ann", MON, 3, "a1", group="alpha")
    grid.add_unscheduled("ann", "b2", 4, group="beta")
    assert grid.groups == {"ann": {"alpha", "beta"}}
    assert grid.group_cell("ann", "alpha", 0) == (27.0, 40.0, 40.0, 3.0, 0.0, "over")
    assert grid.group_cell("ann", "beta", 0) == (24.0, 40.0, 40.0, 0.0, 0.0, "over")
    assert grid.cell("ann", 0)[0] == 51.0
    assert grid.group_unscheduled[("ann", "beta", None)] == 4.0
    assert grid.group_cell("bob", "alpha", 0) == (0.0, 40.0, 40.0, 0.0, 0.0, "low")


@pytest.mark.parametrize("scale", ["day", "week", "month"])
def test_grid_capacity_from_running_sums_equals_day_by_day(scale):
    """The grid's capacity, nominal hours and days off per period (differences of the
    schedule's running sums) equal the schedule's day-by-day totals of each period: full and
    part time, two-week schedule, a whole-day leave, a half-day leave, a public holiday, a leave
    across the grid's first day, and a schedule with no time off at all."""
    first, last = date(2026, 1, 5), date(2026, 4, 30)
    schedules = {
        "full": WorkSchedule(FULL_TIME, [date(2026, 1, 1), date(2026, 2, 16),
                                         (datetime(2026, 1, 14, 13), datetime(2026, 1, 16, 12)),
                                         (datetime(2026, 1, 2, 8), datetime(2026, 1, 6, 17))]),
        "part": WorkSchedule(PART_TIME, [date(2026, 3, 2)], second_week={0: [(8, 12)], 2: [(8, 16)]}),
        "none off": WorkSchedule(FULL_TIME),
    }
    grid = LoadGrid(first, last, scale)
    for name, schedule in schedules.items():
        grid.add_schedule(name, schedule)
    for name, schedule in schedules.items():
        for index, (start, end) in enumerate(grid.periods):
            nominal, capacity, off = schedule.totals(start.toordinal(), end.toordinal())
            assert grid.nominal[name, index] == pytest.approx(nominal, abs=1e-9)
            assert grid.capacity[name, index] == pytest.approx(capacity, abs=1e-9)
            assert grid.off_days.get((name, index), 0) == off
    # by hand: the week of Jan 12 loses Wed afternoon to Fri noon (4 + 8 + 4 h) of 40 h
    if scale == "week":
        assert grid.capacity["full", 1] == pytest.approx(24.0)
        assert grid.off_days["full", 1] == 1  # Thursday, the only day taken whole
        # the leave of Jan 2 08:00 - Jan 6 17:00 takes Monday and Tuesday whole: 40 - 16 h
        assert (grid.capacity["full", 0], grid.off_days["full", 0]) == (pytest.approx(24.0), 2)


def test_daily_capacity_sums_to_totals():
    """The stored days of a part-time, two-week schedule with a half-day off and a holiday: only
    days with capacity, and any range sums to totals' capacity (what get_utilisation adds up)."""
    odd_week = {0: [(8, 12)]}  # the odd weeks: Monday morning only
    schedule = WorkSchedule(PART_TIME, [(datetime(2026, 1, 6, 13), datetime(2026, 1, 6, 17)), date(2026, 1, 8)],
                            odd_week)
    first, last = MON.toordinal(), MON.toordinal() + 20
    ordinals, hours = load.daily_capacity(schedule, first, last)
    by_day = dict(zip(map(date.fromordinal, ordinals), hours, strict=True))
    # week of 5 January (week type of ordinal: even): Mon 8, Tue 8 - 4 off, Wed 8, Thu off (holiday)
    assert by_day[MON] == 8.0 and by_day[TUE] == 4.0 and by_day[WED] == 8.0
    assert THU not in by_day and FRI not in by_day and date(2026, 1, 10) not in by_day
    for low in range(first, last + 1):
        for high in range(low, last + 1):
            stored = sum(h for o, h in zip(ordinals, hours, strict=True) if low <= o <= high)
            assert stored == pytest.approx(schedule.totals(low, high)[1])
    assert sum(hours) == pytest.approx(schedule.totals(first, last)[1])
    assert load.daily_capacity(schedule, last, first) == ([], [])
