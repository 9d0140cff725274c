"""Reminder engine: which warning is due on which day, in working days.

Plain pytest, no database. January 2026: Monday 5, Friday 9, Monday 12, Wednesday 14.
"""

from datetime import date

import pytest

from ..engine.reminders import BEFORE, ESCALATION, OVERDUE, due_reminders, late_working_days
from ..engine.workcalendar import WorkCalendar

MON_FRI = {0: 8, 1: 8, 2: 8, 3: 8, 4: 8}


def jan(day):
    return date(2026, 1, day)


def test_two_working_days_before_over_a_weekend():
    """A Monday deadline is warned on the Thursday before (Friday, Monday), not on Saturday."""
    work = WorkCalendar(MON_FRI)
    assert due_reminders(work, jan(7), jan(12)) == []
    assert due_reminders(work, jan(8), jan(12)) == [(BEFORE, 2)]
    assert due_reminders(work, jan(10), jan(12)) == [(BEFORE, 2)]
    assert due_reminders(work, jan(12), jan(12)) == [(BEFORE, 0)]


def test_holiday_moves_the_warning_one_working_day_earlier():
    """With Friday 9 a holiday, a Monday 12 deadline is warned on Wednesday 7."""
    work = WorkCalendar(MON_FRI, closed_dates=[jan(9)])
    assert due_reminders(work, jan(7), jan(12)) == [(BEFORE, 2)]
    assert due_reminders(work, jan(6), jan(12)) == []


def test_on_the_day_only_and_before_only():
    """Without 'on the day' the deadline's day repeats nothing; with N = 0 only the day warns."""
    work = WorkCalendar(MON_FRI)
    assert due_reminders(work, jan(9), jan(9), before_days=2, on_the_day=False) == [(BEFORE, 2)]
    assert due_reminders(work, jan(8), jan(9), before_days=0, on_the_day=True) == []
    assert due_reminders(work, jan(9), jan(9), before_days=0, on_the_day=True) == [(BEFORE, 0)]
    assert due_reminders(work, jan(9), jan(9), before_days=0, on_the_day=False) == []


def test_overdue_and_escalation_after_working_days():
    """Deadline Friday 9: overdue from Saturday; escalation after 3 working days (Mon, Tue, Wed)."""
    work = WorkCalendar(MON_FRI)
    assert due_reminders(work, jan(10), jan(9), escalate_after=3) == [(OVERDUE, 0)]
    assert due_reminders(work, jan(13), jan(9), escalate_after=3) == [(OVERDUE, 0)]
    assert due_reminders(work, jan(14), jan(9), escalate_after=3) == [(OVERDUE, 0), (ESCALATION, 3)]
    assert due_reminders(work, jan(14), jan(9)) == [(OVERDUE, 0)]
    assert late_working_days(work, jan(9), jan(11)) == 0
    assert late_working_days(work, jan(9), jan(9)) == 0


@pytest.mark.parametrize("before_days, escalate_after", [(-1, None), (2, 0)])
def test_bad_thresholds_are_refused(before_days, escalate_after):
    """A negative threshold or an escalation after 0 days is an error, not a silent default."""
    with pytest.raises(ValueError):
        due_reminders(WorkCalendar(MON_FRI), jan(5), jan(9), before_days=before_days,
                      escalate_after=escalate_after)
