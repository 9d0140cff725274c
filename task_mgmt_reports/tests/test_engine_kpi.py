# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery KPI, burndown and earned-value engines: plain pytest, no database; every expected
value worked out by hand."""

import doctest
from datetime import date, timedelta

import pytest

from ..engine import burndown as burndown_module
from ..engine import evm as evm_module
from ..engine import kpi
from ..engine.burndown import BurnItem, burndown
from ..engine.evm import earned_value
from ..engine.kpi import TaskFact, compare, kpi_rates, kpi_sums, period_bounds, previous_period, weekdays_between

# March 2027: Monday 1st ... Friday 5th, Monday 8th ... Friday 12th, Monday 15th
MAR = {d: date(2027, 3, d) for d in range(1, 32)}
START, END, TODAY = MAR[1], MAR[31], MAR[15]


def test_doctests():
    """The examples in the modules' docstrings hold."""
    for module in (kpi, burndown_module, evm_module):
        assert doctest.testmod(module).failed == 0


def test_weekdays_between_matches_counting_days():
    """The arithmetic formula gives the number of Monday-Friday days counted one by one, for
    every start weekday and every length up to five weeks, both ways."""
    for first in range(7):
        start = date(2027, 3, 1) + timedelta(days=first)
        for length in range(36):
            stop = start + timedelta(days=length)
            counted = sum(1 for i in range(length) if (start + timedelta(days=i)).weekday() < 5)
            assert weekdays_between(start, stop) == counted
            assert weekdays_between(stop, start) == -counted


def test_period_bounds():
    """Weeks run Monday to Sunday; months and quarters from their first to their last day; the
    previous period of a January quarter is the last quarter of the year before."""
    assert period_bounds(MAR[3], "week") == (MAR[1], MAR[7])
    assert period_bounds(MAR[3], "month") == (MAR[1], MAR[31])
    assert period_bounds(date(2027, 12, 9), "month") == (date(2027, 12, 1), date(2027, 12, 31))
    assert period_bounds(date(2027, 11, 9), "quarter") == (date(2027, 10, 1), date(2027, 12, 31))
    assert previous_period(date(2027, 2, 10), "quarter") == (date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(ValueError, match="Unknown period"):
        period_bounds(MAR[3], "year")


# a hand-computed set of tasks for March 2027, today = Monday 15th
FACTS = [
    # A: planned end 5th, done 4th (deadline 5th), assigned 1st, created Feb 26th (Fri), 10 h of 8, rated 4
    TaskFact(created=date(2027, 2, 26), planned_end=MAR[5], deadline=MAR[5], assigned=MAR[1], done=MAR[4],
             allocated_hours=8, effective_hours=10, rating=4),
    # B: planned end 10th, done 12th (late on plan and on the deadline 11th), 1 rework, 6 h of 8, rated 2
    TaskFact(created=MAR[1], planned_end=MAR[10], deadline=MAR[11], assigned=MAR[8], done=MAR[12],
             allocated_hours=8, effective_hours=6, rating=2, rework=1),
    # C: planned end 12th, open, deadline 11th: overdue today
    TaskFact(created=MAR[1], planned_end=MAR[12], deadline=MAR[11], assigned=MAR[2]),
    # D: open, no deadline, planned end in April (outside the period)
    TaskFact(created=MAR[2], planned_end=date(2027, 4, 2)),
    # E: cancelled: counted nowhere
    TaskFact(created=MAR[2], planned_end=MAR[5], deadline=MAR[3], cancelled=True),
    # F: done in February: counts for nothing in March (but its planned end is in February too)
    TaskFact(created=date(2027, 2, 1), planned_end=date(2027, 2, 20), done=date(2027, 2, 19)),
    # G: done 9th, never assigned, no estimate, no deadline, not rated
    TaskFact(created=MAR[8], done=MAR[9]),
]


def test_kpi_sums_and_rates_by_hand():
    """March 2027: planned ends A, B, C (3), A done by its planned end: 33.33 %; done A, B, G (3);
    with a deadline A (on time), B (late): 50 %; open C, D: C overdue: 50 %; cycle time A 3 days
    (Mon 1st-Thu 4th), B 4 days (Mon 8th-Fri 12th): 3.5; lead time A 4 (Fri Feb 26th - Thu 4th:
    Fri, Mon, Tue, Wed), B 9, G 1: 14 / 3; hours 16 of 16 estimated: 1.0; quality (4 + 2) / 2 = 3;
    rework 1."""
    sums = kpi_sums(FACTS, START, END, TODAY)
    assert sums == {
        "planned_count": 3, "planned_done_count": 1, "done_count": 3, "deadline_count": 2, "on_time_count": 1,
        "open_count": 2, "overdue_count": 1, "cycle_count": 2, "cycle_days": 7, "lead_days": 14,
        "estimated_count": 2, "allocated_hours": 16, "effective_hours": 16, "rated_count": 2, "rating_sum": 6,
        "rework_count": 1,
    }
    assert kpi_rates(sums) == {
        "planned_completion_rate": 33.3333, "on_time_rate": 50.0, "overdue_rate": 50.0, "throughput": 3,
        "cycle_time": 3.5, "lead_time": 4.6667, "estimate_deviation": 1.0, "quality": 3.0, "rework": 1,
    }


def test_no_task_in_period():
    """A period without any task: no rate (None, not 0 %), nothing done; the open tasks of today
    still give the overdue snapshot."""
    rates = kpi_rates(kpi_sums(FACTS, date(2027, 6, 1), date(2027, 6, 30), TODAY))
    assert rates["planned_completion_rate"] is None
    assert rates["on_time_rate"] is None
    assert rates["cycle_time"] is None
    assert rates["quality"] is None
    assert rates["throughput"] == 0
    assert rates["overdue_rate"] == 50.0
    assert kpi_rates(kpi_sums([], START, END, TODAY))["overdue_rate"] is None


def test_reopened_task_counts_once_at_its_last_done_date():
    """A task done on the 4th, reopened, done again on April 2nd: it has one done date, the last;
    March counts it as planned but not done by its planned end, April counts it done once."""
    reopened = TaskFact(created=MAR[1], planned_end=MAR[5], done=date(2027, 4, 2))
    march = kpi_sums([reopened], START, END, TODAY)
    april = kpi_sums([reopened], date(2027, 4, 1), date(2027, 4, 30), date(2027, 4, 5))
    assert (march["planned_count"], march["planned_done_count"], march["done_count"]) == (1, 0, 0)
    assert april["done_count"] == 1
    # while reopened it is open (no done date): it counts as open, not as done
    assert kpi_sums([TaskFact(created=MAR[1], planned_end=MAR[5])], START, END, TODAY)["open_count"] == 1


def test_subtasks_count_as_tasks_with_their_own_hours():
    """A parent (4 h of 4) and its two subtasks (3 h of 2, 1 h of 2) done in March: 3 tasks done,
    8 h used of 8 estimated (a parent's hours do not include its subtasks')."""
    family = [TaskFact(created=MAR[1], done=MAR[10], allocated_hours=4, effective_hours=4),
              TaskFact(created=MAR[1], done=MAR[9], allocated_hours=2, effective_hours=3),
              TaskFact(created=MAR[1], done=MAR[9], allocated_hours=2, effective_hours=1)]
    rates = kpi_rates(kpi_sums(family, START, END, TODAY))
    assert rates["throughput"] == 3
    assert rates["estimate_deviation"] == 1.0


def test_kpi_sums_bad_period():
    """A period that ends before it starts is refused."""
    with pytest.raises(ValueError, match="ends"):
        kpi_sums(FACTS, END, START, TODAY)


def test_compare_before_after():
    """Overdue rate 32 % before, 12 % after: -62.5 %, better (lower is better); throughput 10 → 15:
    +50 %, better; planned completion without data before: no change computed."""
    before = {"open_count": 25, "overdue_count": 8, "done_count": 10}
    after = {"open_count": 25, "overdue_count": 3, "done_count": 15, "planned_count": 2, "planned_done_count": 1}
    result = compare(before, after)
    assert result["overdue_rate"] == {"before": 32.0, "after": 12.0, "change": -62.5, "better": True}
    assert result["throughput"] == {"before": 10, "after": 15, "change": 50.0, "better": True}
    assert result["planned_completion_rate"]["change"] is None
    assert result["planned_completion_rate"]["better"] is None


def test_burndown_by_hand():
    """Five days, today the 3rd: items of 8 h (done 2nd, planned end 2nd), 4 h (done 3rd, planned
    end 4th), 8 h (open, planned end 5th) and 2 h added on the 3rd (open, no planned end: due at
    the end). Scope 20, 20, 22, 22, 22; remaining 20, 12, 10 then not drawn; ideal (of the 22 h
    planned) 22, 14, 14, 10, 0; pace over 2 days = 12 h / 2 = 6 h a day: forecast 10, 4, 0; it
    reaches 0 on the 5th (10 / 6 → 2 days)."""
    day = {d: date(2027, 3, d) for d in range(1, 6)}
    items = [
        BurnItem(created=day[1], done=day[2], planned_end=day[2], hours=8),
        BurnItem(created=day[1], done=day[3], planned_end=day[4], hours=4),
        BurnItem(created=day[1], planned_end=day[5], hours=8),
        BurnItem(created=day[3], hours=2),
    ]
    series = burndown(items, day[1], day[5], day[3], pace_days=2)
    assert series["scope"] == [20, 20, 22, 22, 22]
    assert series["remaining"] == [20, 12, 10, None, None]
    assert series["ideal"] == [22, 14, 14, 10, 0]
    assert series["forecast"] == [None, None, 10, 4, 0]
    assert series["pace"] == 6
    assert series["forecast_end"] == "2027-03-05"
    tasks = burndown(items, day[1], day[5], day[3], unit="tasks", pace_days=2)
    assert tasks["scope"] == [3, 3, 4, 4, 4]
    assert tasks["remaining"] == [3, 2, 2, None, None]


def test_burndown_no_recent_work_and_bad_input():
    """Nothing done lately: no forecast beyond today and no forecast end; bad units and periods
    are refused."""
    items = [BurnItem(created=MAR[1], planned_end=MAR[3], hours=5)]
    series = burndown(items, MAR[1], MAR[5], MAR[3])
    assert series["forecast"] == [None, None, 5, None, None]
    assert series["forecast_end"] is None
    with pytest.raises(ValueError, match="unit"):
        burndown(items, MAR[1], MAR[5], MAR[3], unit="points")
    with pytest.raises(ValueError, match="before it starts"):
        burndown(items, MAR[5], MAR[1], MAR[3])
    with pytest.raises(ValueError, match="at most"):
        burndown(items, date(2020, 1, 1), date(2027, 1, 1), MAR[3])


def test_earned_value_textbook_example():
    """The classic worked example: BAC $10,000; at the status date 50 % was planned (PV $5,000),
    40 % is done (EV $4,000) for an actual cost of $4,500. CV = 4,000 - 4,500 = -500;
    SV = 4,000 - 5,000 = -1,000; CPI = 4,000 / 4,500 = 0.889; SPI = 4,000 / 5,000 = 0.8;
    EAC = 10,000 / 0.889 = 11,250; ETC = 11,250 - 4,500 = 6,750; VAC = 10,000 - 11,250 = -1,250."""
    ev = earned_value(10000, 0.5, 0.4, 4500)
    assert ev["pv"] == 5000 and ev["ev"] == 4000 and ev["ac"] == 4500
    assert ev["cv"] == -500 and ev["sv"] == -1000
    assert round(ev["cpi"], 3) == 0.889 and ev["spi"] == 0.8
    assert round(ev["eac"], 2) == 11250 and round(ev["etc"], 2) == 6750 and round(ev["vac"], 2) == -1250
    nothing_spent = earned_value(10000, 0.0, 0.0, 0)
    assert nothing_spent["cpi"] is None and nothing_spent["spi"] is None and nothing_spent["eac"] is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        earned_value(10000, 1.5, 0.4, 4500)
