"""Working calendar: which dates are worked, and working-day positions on a date axis.

A :class:`WorkCalendar` knows the working hours of each weekday, the fully closed dates
(public holidays, full-day leaves) and the days with reduced hours (partial leaves). Its
:meth:`WorkCalendar.axis` gives a :class:`WorkAxis`, which numbers the working days from an
origin date: index 0 is the first working day on or after the origin, 1 the next one, -1 the
last working day before the origin. The scheduler computes on those integers only; the axis
converts them back to dates.

Dates are handled as proleptic Gregorian ordinals (``date.toordinal()``) so that building the
axis is integer work: the weekday of ordinal ``o`` is ``(o + 6) % 7`` (ordinal 1, 0001-01-01,
is a Monday). The axis keeps a sorted list of working-day ordinals, extended lazily in chunks,
and answers :meth:`WorkAxis.index` with :func:`bisect.bisect_left`.

No ``odoo`` import here: this module is unit-tested without a database.
"""

from bisect import bisect_left, bisect_right
from datetime import date

_MIN_ORDINAL = date.min.toordinal()
_MAX_ORDINAL = date.max.toordinal()
# Smallest number of calendar days scanned when an axis grows.
_MIN_CHUNK_DAYS = 64


def _ordinal(value, what):
    if not isinstance(value, date):
        raise TypeError(f"{what} must be a datetime.date, got {value!r}")
    return value.toordinal()


class WorkCalendar:
    """Working days of a resource: weekly hours minus closed dates and reduced days.

    :param weekday_hours: dict weekday (0 = Monday ... 6 = Sunday) -> working hours that
        weekday; a weekday that is missing or has 0 hours is not worked.
    :param closed_dates: iterable of :class:`datetime.date` that are not worked at all
        (public holidays, full-day leaves).
    :param reduced_hours: optional dict date -> working hours left that day (partial leaves).
        The value is capped by the weekday's normal hours, so it cannot turn a non-worked
        weekday into a working day; a day left with 0 hours or less is not worked.
        A date that is both closed and reduced is closed.
    :raises ValueError: when no weekday has working hours, or a weekday or an hour value is
        out of range.
    """

    __slots__ = (
        "_closed",
        "_hours_per_day",
        "_reduced",
        "_weekday_hours",
        "_worked_by_mod",
        "days_per_week",
    )

    def __init__(self, weekday_hours, closed_dates=(), reduced_hours=None):
        hours = {}
        for weekday, value in dict(weekday_hours or {}).items():
            if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
                raise ValueError(f"Weekday must be an integer from 0 (Monday) to 6 (Sunday), got {weekday!r}")
            value = value or 0
            if not 0 <= value <= 24:
                raise ValueError(
                    f"Working hours of weekday {weekday} must be between 0 and 24, got {value!r}"
                )
            if value > 0:
                hours[weekday] = value
        if not hours:
            raise ValueError(
                "The working calendar has no working weekday: "
                "give at least one weekday with working hours > 0"
            )
        self._weekday_hours = hours
        self.days_per_week = len(hours)
        self._hours_per_day = sum(hours.values()) / len(hours)
        # Index by ordinal % 7: ordinal o falls on weekday (o + 6) % 7.
        self._worked_by_mod = tuple(((mod + 6) % 7) in hours for mod in range(7))

        closed = {_ordinal(day, "Closed date") for day in closed_dates or ()}
        reduced = {}
        for day, value in (reduced_hours or {}).items():
            ordinal = _ordinal(day, "Reduced-hours date")
            if ordinal in closed:
                continue
            normal = hours.get(day.weekday(), 0)
            left = min(value or 0, normal)
            if left <= 0:
                if normal:
                    closed.add(ordinal)
            else:
                reduced[ordinal] = left
        self._closed = frozenset(closed)
        self._reduced = reduced

    def __repr__(self):
        return (
            f"<WorkCalendar weekdays={sorted(self._weekday_hours)} closed={len(self._closed)} "
            f"reduced={len(self._reduced)}>"
        )

    @property
    def hours_per_day(self):
        """Average working hours of the worked weekdays (turns allocated hours into days)."""
        return self._hours_per_day

    def is_working(self, day):
        """True when ``day`` has working hours left."""
        ordinal = _ordinal(day, "Date")
        return self._worked_by_mod[ordinal % 7] and ordinal not in self._closed

    def hours_on(self, day):
        """Working hours of ``day``: 0 when not worked, the reduced hours on a partial leave."""
        ordinal = _ordinal(day, "Date")
        if not self._worked_by_mod[ordinal % 7] or ordinal in self._closed:
            return 0
        return self._reduced.get(ordinal, self._weekday_hours[day.weekday()])

    def axis(self, origin):
        """The :class:`WorkAxis` numbering working days from ``origin``."""
        return WorkAxis(self, origin)

    def add_working_days(self, day, count):
        """The working day ``count`` working days after ``day`` (before it when negative).

        A non-working ``day`` first rounds forward to the next working day, so
        ``add_working_days(saturday, 0)`` is the Monday after and ``add_working_days(saturday, -1)``
        the Friday before (on a Monday-Friday calendar).
        """
        return self.axis(day).date(count)

    def working_days_between(self, start, stop):
        """Number of working days in ``[start, stop)``; negative when ``stop`` is before ``start``."""
        return self.axis(start).index(stop)

    def _scan(self, low, high):
        """Working-day ordinals in ``[low, high)``, ascending (integer work only)."""
        worked = self._worked_by_mod
        closed = self._closed
        return [o for o in range(low, high) if worked[o % 7] and o not in closed]


class WorkAxis:
    """Working days numbered from an origin date; grows lazily in both directions.

    ``index(d)`` and ``date(i)`` are inverse on working days: ``axis.index(axis.date(i)) == i``.
    """

    __slots__ = (
        "_back_dates",
        "_back_negated",
        "_calendar",
        "_dates",
        "_next",
        "_ordinals",
        "_origin_ordinal",
        "_prev",
        "origin",
    )

    def __init__(self, calendar, origin):
        ordinal = _ordinal(origin, "Axis origin")
        self.origin = origin
        self._origin_ordinal = ordinal
        self._calendar = calendar
        # Forward: working days >= origin, ascending; _next is the first ordinal not scanned yet.
        self._ordinals = []
        self._dates = []
        self._next = ordinal
        # Backward: working days < origin, nearest first; ordinals negated so they ascend for
        # bisect; _prev is the last ordinal not scanned yet.
        self._back_negated = []
        self._back_dates = []
        self._prev = ordinal - 1

    def __repr__(self):
        return f"<WorkAxis origin={self.origin} known={len(self._dates)}+{len(self._back_dates)}>"

    def _chunk_days(self, missing):
        return max(_MIN_CHUNK_DAYS, missing * 7 // self._calendar.days_per_week + 14)

    def _extend_forward(self, high):
        high = min(high, _MAX_ORDINAL + 1)
        if high <= self._next:
            return
        found = self._calendar._scan(self._next, high)
        self._ordinals.extend(found)
        self._dates.extend(map(date.fromordinal, found))
        self._next = high

    def _extend_backward(self, low):
        low = max(low, _MIN_ORDINAL)
        if low > self._prev:
            return
        found = self._calendar._scan(low, self._prev + 1)
        found.reverse()
        self._back_negated.extend(-o for o in found)
        self._back_dates.extend(map(date.fromordinal, found))
        self._prev = low - 1

    def _reach_forward(self, count):
        """Make sure the forward list holds at least ``count`` working days."""
        while len(self._dates) < count:
            if self._next > _MAX_ORDINAL:
                raise ValueError(f"Working day {count - 1} from {self.origin} is after {date.max}")
            self._extend_forward(self._next + self._chunk_days(count - len(self._dates)))

    def _reach_backward(self, count):
        """Make sure the backward list holds at least ``count`` working days."""
        while len(self._back_dates) < count:
            if self._prev < _MIN_ORDINAL:
                raise ValueError(f"Working day {-count} from {self.origin} is before {date.min}")
            self._extend_backward(self._prev + 1 - self._chunk_days(count - len(self._back_dates)))

    def index(self, day):
        """Working-day index of ``day``, rounded forward to the next working day.

        0 is the first working day on or after the origin; a date before the origin gets minus
        the number of working days from it (included) to the origin (excluded).
        """
        ordinal = _ordinal(day, "Date")
        if ordinal >= self._origin_ordinal:
            if ordinal >= self._next:
                self._extend_forward(ordinal + _MIN_CHUNK_DAYS)
            return bisect_left(self._ordinals, ordinal)
        if ordinal <= self._prev:
            self._extend_backward(ordinal - _MIN_CHUNK_DAYS)
        return -bisect_right(self._back_negated, -ordinal)

    def date(self, index):
        """Date of working day number ``index`` (negative: before the origin)."""
        if index >= 0:
            if index >= len(self._dates):
                self._reach_forward(index + 1)
            return self._dates[index]
        back = -index - 1
        if back >= len(self._back_dates):
            self._reach_backward(back + 1)
        return self._back_dates[back]

    def dates(self, indexes):
        """Dates of many working-day indexes at once (one extension, then list look-ups)."""
        indexes = list(indexes)
        if not indexes:
            return []
        low, high = min(indexes), max(indexes)
        if low < 0:
            return [self.date(i) for i in indexes]
        if high >= len(self._dates):
            self._reach_forward(high + 1)
        return list(map(self._dates.__getitem__, indexes))
