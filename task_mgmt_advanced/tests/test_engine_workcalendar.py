"""Working calendar engine: working days, holidays, leaves and the working-day axis.

Plain pytest, no database. January 2026: Thursday 1, Friday 2, Monday 5, Monday 12, Monday 19.
"""

from datetime import date, timedelta

import pytest

from ..engine.workcalendar import WorkAxis, WorkCalendar

MON_FRI = {0: 8, 1: 8, 2: 8, 3: 8, 4: 8}


def jan(day):
    return date(2026, 1, day)


def test_hours_per_day_averages_worked_weekdays():
    """hours_per_day is the mean of the worked weekdays only."""
    assert WorkCalendar(MON_FRI).hours_per_day == 8
    # Mon-Thu 8 h, Fri 4 h, Sat 0 h (not worked): (4 * 8 + 4) / 5 = 7.2
    calendar = WorkCalendar({0: 8, 1: 8, 2: 8, 3: 8, 4: 4, 5: 0})
    assert calendar.hours_per_day == pytest.approx(7.2)
    assert calendar.days_per_week == 5


def test_weekends_are_not_worked():
    """Saturday and Sunday are off on a Monday-Friday calendar."""
    calendar = WorkCalendar(MON_FRI)
    assert calendar.is_working(jan(2))  # Friday
    assert not calendar.is_working(jan(3))  # Saturday
    assert not calendar.is_working(jan(4))  # Sunday
    assert calendar.is_working(jan(5))  # Monday
    assert calendar.hours_on(jan(3)) == 0
    assert calendar.hours_on(jan(5)) == 8


def test_axis_from_a_friday_skips_the_weekend():
    """Index 0 is the Friday origin, index 1 the Monday after, -1 the Thursday before."""
    axis = WorkCalendar(MON_FRI).axis(jan(9))
    assert isinstance(axis, WorkAxis)
    # Fri 9 -> 0, Sat 10 and Sun 11 -> not worked, Mon 12 -> 1, Tue 13 -> 2
    assert [axis.date(i) for i in (0, 1, 2)] == [jan(9), jan(12), jan(13)]
    assert axis.index(jan(9)) == 0
    assert axis.index(jan(12)) == 1
    # a weekend day rounds forward to Monday 12
    assert axis.index(jan(10)) == 1
    assert axis.index(jan(11)) == 1
    # backwards: Thu 8 -> -1, Mon 5 -> -4, Fri 2 -> -5
    assert axis.date(-1) == jan(8)
    assert axis.date(-4) == jan(5)
    assert axis.date(-5) == jan(2)
    assert axis.index(jan(5)) == -4
    # Sat 3 rounds forward to Mon 5 -> -4
    assert axis.index(jan(3)) == -4


def test_axis_origin_on_a_weekend_starts_on_monday():
    """An origin on Saturday gives index 0 on the next Monday."""
    axis = WorkCalendar(MON_FRI).axis(jan(10))
    assert axis.date(0) == jan(12)
    assert axis.index(jan(10)) == 0
    assert axis.index(jan(12)) == 0
    # Fri 9 is the last working day before the origin
    assert axis.date(-1) == jan(9)
    assert axis.index(jan(9)) == -1


def test_public_holiday_and_full_day_leave_are_skipped():
    """Closed dates are skipped by the axis and by is_working."""
    # New Year's Day (Thu 1) and a full-day leave on Wed 7
    calendar = WorkCalendar(MON_FRI, closed_dates=[jan(1), jan(7)])
    assert not calendar.is_working(jan(1))
    assert not calendar.is_working(jan(7))
    axis = calendar.axis(jan(1))
    # Thu 1 closed -> index 0 is Fri 2; Mon 5 -> 1, Tue 6 -> 2, Wed 7 closed, Thu 8 -> 3
    assert [axis.date(i) for i in range(4)] == [jan(2), jan(5), jan(6), jan(8)]
    assert axis.index(jan(7)) == 3  # closed Wednesday rounds forward to Thursday


def test_reduced_hours_keep_or_remove_a_working_day():
    """A partial leave keeps the day worked; a leave taking all hours removes it."""
    calendar = WorkCalendar(
        MON_FRI,
        reduced_hours={
            jan(5): 4,  # Monday: 8 h - 4 h leave = 4 h left, still worked
            jan(6): 0,  # Tuesday: whole day taken
            jan(10): 6,  # Saturday: not a working weekday, stays off
        },
    )
    assert calendar.is_working(jan(5))
    assert calendar.hours_on(jan(5)) == 4
    assert not calendar.is_working(jan(6))
    assert calendar.hours_on(jan(6)) == 0
    assert not calendar.is_working(jan(10))
    assert calendar.hours_on(jan(10)) == 0
    # Reduced hours never exceed the weekday's hours: 10 h on an 8 h Wednesday -> 8 h
    assert WorkCalendar(MON_FRI, reduced_hours={jan(7): 10}).hours_on(jan(7)) == 8
    axis = calendar.axis(jan(5))
    # Mon 5 -> 0, Tue 6 off, Wed 7 -> 1
    assert axis.date(1) == jan(7)


def test_closed_date_wins_over_reduced_hours():
    """A date both closed and reduced is closed."""
    calendar = WorkCalendar(MON_FRI, closed_dates=[jan(5)], reduced_hours={jan(5): 4})
    assert not calendar.is_working(jan(5))


def test_add_working_days_forward_backward_and_from_weekend():
    """add_working_days moves over weekends and holidays in both directions."""
    calendar = WorkCalendar(MON_FRI, closed_dates=[jan(14)])
    # Fri 9 + 1 -> Mon 12; + 3 -> Thu 15 (Wed 14 closed: Mon 12, Tue 13, Thu 15)
    assert calendar.add_working_days(jan(9), 1) == jan(12)
    assert calendar.add_working_days(jan(9), 3) == jan(15)
    # Mon 12 - 1 -> Fri 9; Thu 15 - 1 -> Tue 13
    assert calendar.add_working_days(jan(12), -1) == jan(9)
    assert calendar.add_working_days(jan(15), -1) == jan(13)
    # Sat 10 rounds forward to Mon 12: + 0 -> Mon 12, - 1 -> Fri 9
    assert calendar.add_working_days(jan(10), 0) == jan(12)
    assert calendar.add_working_days(jan(10), -1) == jan(9)


def test_working_days_between_counts_half_open_range():
    """working_days_between counts working days in [start, stop), negative backwards."""
    calendar = WorkCalendar(MON_FRI, closed_dates=[jan(1)])
    # [Thu 1, Mon 12): Fri 2, Mon 5..Fri 9 = 6 days (Thu 1 closed)
    assert calendar.working_days_between(jan(1), jan(12)) == 6
    assert calendar.working_days_between(jan(12), jan(1)) == -6
    # [Sat 10, Mon 12): no working day
    assert calendar.working_days_between(jan(10), jan(12)) == 0
    assert calendar.working_days_between(jan(5), jan(5)) == 0


def test_axis_extends_lazily_far_ahead_and_behind():
    """date(i) works far beyond the first chunk in both directions and index() inverts it."""
    axis = WorkCalendar(MON_FRI).axis(jan(5))  # a Monday
    # 1000 working days = 200 full weeks: Mon 5 Jan 2026 + 200 weeks, a Monday
    far = jan(5) + timedelta(weeks=200)
    assert axis.date(1000) == far
    assert axis.index(far) == 1000
    # -1000: 200 weeks back from Mon 5 lands on a Monday; -1 is the Friday before
    assert axis.date(-1000) == jan(5) - timedelta(weeks=200)
    assert axis.index(jan(5) - timedelta(weeks=200)) == -1000
    assert axis.dates([0, 1, 5, -1]) == [jan(5), jan(6), jan(12), jan(2)]


def test_axis_index_of_far_date_without_date_call_first():
    """index() of a date far from the origin extends the axis itself."""
    axis = WorkCalendar(MON_FRI).axis(jan(5))
    # Mon 5 Jan 2026 + 100 weeks: 100 * 5 = 500 working days
    assert axis.index(jan(5) + timedelta(weeks=100)) == 500
    # Sun 4 Jan 2026 - 2 weeks = Sun 21 Dec 2025: 10 working days before the origin
    assert axis.index(jan(4) - timedelta(weeks=2)) == -10


def test_axis_beyond_supported_dates_raises():
    """Working days past year 9999 or before year 1 cannot be represented."""
    axis = WorkCalendar(MON_FRI).axis(date(9999, 12, 27))  # a Monday
    # Mon 27 .. Fri 31 December 9999 are indexes 0..4; index 5 would be in year 10000
    assert axis.date(4) == date(9999, 12, 31)
    with pytest.raises(ValueError, match="after 9999-12-31"):
        axis.date(5)
    axis = WorkCalendar(MON_FRI).axis(date(1, 1, 8))  # Monday 8 January of year 1
    # Mon 1 .. Fri 5 January of year 1 are indexes -5..-1
    assert axis.date(-5) == date(1, 1, 1)
    with pytest.raises(ValueError, match="before 0001-01-01"):
        axis.date(-6)


def test_no_working_weekday_raises():
    """A calendar without any working weekday is refused."""
    with pytest.raises(ValueError, match="no working weekday"):
        WorkCalendar({})
    with pytest.raises(ValueError, match="no working weekday"):
        WorkCalendar({0: 0, 6: 0})


def test_bad_weekday_or_hours_raise():
    """Weekdays outside 0..6 and hours outside 0..24 are refused."""
    with pytest.raises(ValueError, match="Weekday must be an integer"):
        WorkCalendar({7: 8})
    with pytest.raises(ValueError, match="between 0 and 24"):
        WorkCalendar({0: -1})
    with pytest.raises(ValueError, match="between 0 and 24"):
        WorkCalendar({0: 25})


def test_non_date_closed_day_raises_type_error():
    """Closed dates must be dates."""
    with pytest.raises(TypeError, match="Closed date must be a datetime.date"):
        WorkCalendar(MON_FRI, closed_dates=["2026-01-01"])
