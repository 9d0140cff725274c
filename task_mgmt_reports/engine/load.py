# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resource load: capacity of a person per day, remaining work spread over it, periods.

* :class:`WorkSchedule` is one employee's working time: attendance intervals per weekday
  (hours of the day, e.g. ``{0: [(8, 12), (13, 17)]}``; part-time and half days are just
  fewer or shorter intervals; an optional second week for two-week schedules), minus time off
  and public holidays given as local (naive) datetime intervals or whole dates.
* :func:`spread` shares a task's hours over the working hours of its days (a day with 4 hours
  gets half of what a day with 8 gets); :func:`remaining_hours` and :func:`split` say how many
  hours a task and each assignee carry.
* :func:`periods` and :func:`period_start` bucket days by day, ISO week or month;
  :class:`LoadGrid` sums capacity, load and actual hours per employee and period and finds the
  over-allocations.

Like the scheduler's :mod:`workcalendar`, dates are plain :class:`datetime.date` and weekdays
0 (Monday) to 6 (Sunday). No ``odoo`` import: unit-tested without a database.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from itertools import accumulate

SCALES = ("day", "week", "month")
# levels of a cell: load under 70 % of capacity, 70-100 %, over 100 %, no capacity (time off)
LOW_LEVEL = 0.7
EPSILON = 1e-6
# a flexible or missing working schedule counts as this (documented in the README)
FALLBACK_HOURS_PER_DAY = 8.0
FALLBACK_WEEKDAYS = range(5)


def _intervals(values, what):
    """Sorted, validated ``(hour_from, hour_to)`` intervals of one weekday."""
    result = []
    for hour_from, hour_to in values or ():
        if not 0 <= hour_from <= hour_to <= 24:
            raise ValueError(f"{what}: attendance {hour_from}-{hour_to} is not within 0-24 h")
        if hour_to > hour_from:
            result.append((float(hour_from), float(hour_to)))
    return sorted(result)


def flexible_attendance(hours_per_day=FALLBACK_HOURS_PER_DAY, weekdays=FALLBACK_WEEKDAYS):
    """The attendance used for a flexible-hours or missing schedule: ``hours_per_day`` from
    08:00 on each of ``weekdays`` (Monday to Friday by default).

    >>> flexible_attendance(6, [0, 2])
    {0: [(8.0, 14.0)], 2: [(8.0, 14.0)]}
    """
    hours = min(max(float(hours_per_day or FALLBACK_HOURS_PER_DAY), 0.0), 16.0)
    return {weekday: [(8.0, 8.0 + hours)] for weekday in weekdays}


class WorkSchedule:
    """Working hours of one person.

    :param attendance: dict weekday -> list of ``(hour_from, hour_to)`` (hours as floats,
        ``13.5`` is 13:30), the first (or only) week.
    :param time_off: iterable of ``(datetime_from, datetime_to)`` in the person's local time,
        or of :class:`date` (a whole day): leaves and public holidays alike.
    :param second_week: attendance of the odd weeks of a two-week schedule (Odoo numbers weeks
        from 0001-01-01: week type ``(ordinal - 1) // 7 % 2``), None for a one-week schedule.

    >>> s = WorkSchedule({0: [(8, 12), (13, 17)], 1: [(8, 12)]},
    ...                  [(datetime(2026, 1, 5, 15), datetime(2026, 1, 5, 20))])
    >>> s.nominal(date(2026, 1, 5)), s.capacity(date(2026, 1, 5)), s.capacity(date(2026, 1, 6))
    (8.0, 6.0, 4.0)
    """

    __slots__ = ("_off_capacity", "_off_ordinals", "_sums_cache", "_table", "_weeks")

    def __init__(self, attendance, time_off=(), second_week=None):
        first = {int(day): _intervals(values, f"weekday {day}") for day, values in (attendance or {}).items()}
        if any(not 0 <= day <= 6 for day in first):
            raise ValueError("Attendance weekdays must be 0 (Monday) to 6 (Sunday)")
        weeks = [first]
        if second_week is not None:
            weeks.append({int(day): _intervals(values, f"weekday {day}") for day, values in second_week.items()})
        self._weeks = weeks
        # time off per date: list of (hour_from, hour_to) within the day
        off = defaultdict(list)
        for item in time_off or ():
            if isinstance(item, date) and not isinstance(item, datetime):
                off[item].append((0.0, 24.0))
                continue
            start, stop = item
            if stop <= start:
                continue
            day = start.date()
            while day <= stop.date():
                day_start = datetime.combine(day, time.min)
                low = max((start - day_start).total_seconds() / 3600, 0.0)
                high = min((stop - day_start).total_seconds() / 3600, 24.0)
                if high > low:
                    off[day].append((low, high))
                day += timedelta(days=1)
        # by ordinal: time off, and the capacity left on those days (the others have their
        # nominal hours, looked up in a 14-day table: weekday and week parity repeat every 14)
        self._table = tuple(sum(high - low for low, high in self._attendance_of(r + 14)) for r in range(14))
        self._off_capacity = {}
        for day, intervals in off.items():
            ordinal = day.toordinal()
            left = self._table[ordinal % 14]
            for low, high in self._attendance_of(ordinal):
                for off_low, off_high in _union(intervals):
                    left -= max(min(high, off_high) - max(low, off_low), 0.0)
            self._off_capacity[ordinal] = max(left, 0.0)
        self._off_ordinals = sorted(self._off_capacity)
        self._sums_cache = None

    def running_sums(self, first, last):
        """``(low, capacity sums, nominal sums)``: running sums of the day's capacity and
        nominal hours from ordinal ``low`` on, covering ``first..last``; the hours of days
        ``a..b`` are ``sums[b + 1 - low] - sums[a - low]``. Kept and widened as asked (a grid
        asks once per assignee, then reads every task's window from them)."""
        cached = self._sums_cache
        if cached is not None and cached[0] <= first and last < cached[0] + len(cached[1]) - 1:
            return cached
        low, high = first - 31, last + 366  # room for the next windows
        if cached is not None:
            low, high = min(low, cached[0]), max(high, cached[0] + len(cached[1]) - 2)
        table, off = self._table, self._off_capacity
        days = range(low, high + 1)
        normal = [table[ordinal % 14] for ordinal in days]
        # the same additions in the same order as a loop (identical floats), in C
        nominal = list(accumulate(normal, initial=0.0))
        if off:
            left = off.get
            capacity = list(accumulate((left(ordinal, hours) for ordinal, hours in zip(days, normal, strict=True)),
                                       initial=0.0))
        else:
            capacity = nominal
        self._sums_cache = (low, capacity, nominal)
        return self._sums_cache

    def _attendance_of(self, ordinal):
        week = self._weeks[(ordinal - 1) // 7 % 2] if len(self._weeks) == 2 else self._weeks[0]
        return week.get((ordinal + 6) % 7, ())

    def nominal(self, day):
        """Hours of ``day`` in the working schedule, time off not deducted."""
        return self._table[day.toordinal() % 14]

    def capacity(self, day):
        """Hours of ``day`` left to work: the schedule's hours minus time off and holidays."""
        return self.capacity_at(day.toordinal())

    def capacity_at(self, ordinal):
        """:meth:`capacity` of a date given as its ordinal."""
        left = self._off_capacity.get(ordinal)
        return self._table[ordinal % 14] if left is None else left

    def is_off(self, day):
        """True when ``day`` is normally worked but time off or a holiday takes all of it."""
        return self.nominal(day) > 0 and self.capacity(day) <= EPSILON

    def has_time_off(self, first, last):
        """True when a day of ``[first, last]`` (ordinals) has time off or a holiday."""
        ordinals = self._off_ordinals
        return bisect_left(ordinals, first) < bisect_right(ordinals, last)

    def days_off(self, first, last):
        """Days of ``[first, last]`` (ordinals) normally worked but taken whole by time off."""
        ordinals, table, off_capacity = self._off_ordinals, self._table, self._off_capacity
        return sum(1 for ordinal in ordinals[bisect_left(ordinals, first):bisect_right(ordinals, last)]
                   if table[ordinal % 14] > 0 and off_capacity[ordinal] <= EPSILON)

    def totals(self, first, last):
        """``(nominal hours, capacity, days off)`` of ``[first, last]`` (ordinals, included)."""
        table = self._table
        nominal = sum(table[o % 14] for o in range(first, last + 1))
        capacity, off = nominal, 0
        ordinals = self._off_ordinals
        for ordinal in ordinals[bisect_left(ordinals, first):bisect_right(ordinals, last)]:
            normal, left = table[ordinal % 14], self._off_capacity[ordinal]
            capacity -= normal - left
            if normal > 0 and left <= EPSILON:
                off += 1
        return nominal, capacity, off


def daily_capacity(schedule, first, last):
    """``(ordinals, hours)`` of the days of ``[first, last]`` (ordinals, included) with some
    capacity in ``schedule``: the rows of the stored capacity table (days without any are left
    out). Their sum over any range is :meth:`WorkSchedule.totals`' capacity of that range.

    >>> s = WorkSchedule({0: [(8, 12), (13, 17)], 3: [(8, 12)]}, [date(2026, 1, 8)])
    >>> first = date(2026, 1, 5).toordinal()  # a Monday; Thursday the 8th is off
    >>> ordinals, hours = daily_capacity(s, first, first + 7)
    >>> [date.fromordinal(o).isoformat() for o in ordinals], hours
    (['2026-01-05', '2026-01-12'], [8.0, 8.0])
    """
    ordinals, hours = [], []
    for ordinal in range(first, last + 1):
        value = schedule.capacity_at(ordinal)
        if value > 0:
            ordinals.append(ordinal)
            hours.append(value)
    return ordinals, hours


def _union(intervals):
    """Merged, sorted intervals (time off may overlap a holiday)."""
    merged = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def days(first, last):
    """Dates from ``first`` to ``last``, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def spread(hours, start, end, schedule, not_before=None):
    """Share ``hours`` over the days of ``[start, end]`` in proportion to ``schedule``'s
    capacity of each day. Returns ``{date: hours}`` (days with nothing are left out).

    ``not_before`` (today): remaining work cannot be done in the past, so the window starts
    there; a task whose plan ended before it lands on that day. When no day of the window
    has capacity (all on leave, a weekend), the schedule's normal hours are used, and when
    there are none either, the calendar days equally: the hours are never dropped.

    >>> s = WorkSchedule({d: [(9, 17)] for d in range(5)})
    >>> spread(16, date(2026, 1, 9), date(2026, 1, 12), s)  # Friday to Monday
    {datetime.date(2026, 1, 9): 8.0, datetime.date(2026, 1, 12): 8.0}
    """
    low = not_before.toordinal() if not_before is not None else None
    return {date.fromordinal(o): value
            for o, value in spread_ordinals(hours, start.toordinal(), end.toordinal(), schedule, low)}


def spread_ordinals(hours, first, last, schedule, not_before=None):
    """:func:`spread` on date ordinals: ``[(ordinal, hours)]`` (the engine's inner loop)."""
    if hours <= 0:
        return []
    first, weights, total = _weights(schedule, first, last, not_before)
    factor = hours / total
    return [(first + i, w * factor) for i, w in enumerate(weights) if w > 0]


def _weights(schedule, first, last, not_before=None):
    """``(first, weights per day from first to last, their sum)`` for :func:`spread`: the
    capacity of each day, else the normal hours, else 1 per calendar day (never all zero)."""
    if last < first:
        first, last = last, first
    if not_before is not None and first < not_before:
        first = not_before
        last = max(last, not_before)
    table = schedule._table
    window = range(first, last + 1)
    weights = [table[o % 14] for o in window]
    normal = sum(weights)
    ordinals = schedule._off_ordinals
    for ordinal in ordinals[bisect_left(ordinals, first):bisect_right(ordinals, last)]:
        weights[ordinal - first] = schedule._off_capacity[ordinal]
    total = sum(weights)
    if total <= EPSILON:
        weights = [table[o % 14] for o in window]
        total = normal
    if total <= EPSILON:
        weights = [1.0] * len(window)
        total = float(len(window))
    return first, weights, total


def remaining_hours(allocated, effective, subtasks_allocated=0.0):
    """Hours left on a task of its own: allocated hours minus its subtasks' allocated hours
    (Odoo's allocated time of a parent includes its subtasks', which carry their own load)
    minus the hours logged on it, never below zero.

    >>> remaining_hours(40, 5, 20), remaining_hours(10, 12), remaining_hours(8, 0)
    (15.0, 0.0, 8.0)
    """
    return max(float(allocated or 0) - float(subtasks_allocated or 0) - float(effective or 0), 0.0)


def split(hours, assignees):
    """Each of ``assignees`` (a count) carries an equal share.

    >>> split(10, 2), split(10, 0)
    (5.0, 0.0)
    """
    return float(hours) / assignees if assignees else 0.0


def period_start(day, scale):
    """First day of the period of ``day``: itself, the Monday of its ISO week, the 1st of
    its month.

    >>> period_start(date(2026, 1, 1), "week"), period_start(date(2026, 2, 17), "month")
    (datetime.date(2025, 12, 29), datetime.date(2026, 2, 1))
    """
    if scale == "day":
        return day
    if scale == "week":
        return day - timedelta(days=day.weekday())
    if scale == "month":
        return day.replace(day=1)
    raise ValueError(f"Unknown scale {scale!r}: use one of {', '.join(SCALES)}")


def _next_start(start, scale):
    if scale == "day":
        return start + timedelta(days=1)
    if scale == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods(first, last, scale):
    """``[(start, end)]`` (both included) of the periods covering ``[first, last]``; the first
    and last periods are cut to the range.

    >>> [(a.isoformat(), b.isoformat()) for a, b in periods(date(2026, 1, 28), date(2026, 3, 2), "month")]
    [('2026-01-28', '2026-01-31'), ('2026-02-01', '2026-02-28'), ('2026-03-01', '2026-03-02')]
    """
    if last < first:
        raise ValueError(f"The period ends ({last}) before it starts ({first})")
    result = []
    start = period_start(first, scale)
    while start <= last:
        following = _next_start(start, scale)
        result.append((max(start, first), min(following - timedelta(days=1), last)))
        start = following
    return result


def period_label(start, scale):
    """Column title: ``2026-01-05``, ``W02 2026`` (ISO week), ``2026-01``.

    >>> period_label(date(2026, 1, 1), "week")
    'W01 2026'
    """
    if scale == "week":
        year, week, _weekday = start.isocalendar()
        return f"W{week:02d} {year}"
    if scale == "month":
        return start.strftime("%Y-%m")
    return start.isoformat()


def level(load, capacity, nominal=None):
    """Colour class of a cell: ``off`` (no capacity left although the schedule has hours:
    time off), ``free`` (no schedule and no load), ``low`` (< 70 %), ``ok`` (70-100 %),
    ``over`` (> 100 %, or load without capacity).

    >>> [level(3, 8), level(6, 8), level(9, 8), level(0, 0, 8), level(2, 0, 0), level(0, 0, 0)]
    ['low', 'ok', 'over', 'off', 'over', 'free']
    """
    if capacity <= EPSILON:
        if load > EPSILON:
            return "over"
        return "off" if (nominal or 0) > EPSILON else "free"
    ratio = load / capacity
    if ratio > 1 + EPSILON:
        return "over"
    return "ok" if ratio >= LOW_LEVEL else "low"


class LoadGrid:
    """Sums per employee and period over ``[first, last]`` at ``scale``.

    Add capacity with :meth:`add_schedule`, work with :meth:`add_task` (already the share of
    one assignee), timesheets with :meth:`add_actual`; unscheduled work with
    :meth:`add_unscheduled`. Read with :meth:`cell` and :meth:`over_allocations`.
    """

    def __init__(self, first, last, scale, today=None):
        self.first, self.last, self.scale = first, last, scale
        self.today = today
        self.periods = periods(first, last, scale)
        self._starts = [start for start, _end in self.periods]
        self._first = first.toordinal()
        self._today = today.toordinal() if today else None
        # period index of each day of the grid, by ordinal - first
        self._period_of = [index for index, (start, end) in enumerate(self.periods)
                           for _day in range((end - start).days + 1)]
        self._period_end = [(end - first).days for _start, end in self.periods]  # last day offset
        self.capacity = defaultdict(float)  # (employee, period index) -> hours
        self.nominal = defaultdict(float)
        self.off_days = defaultdict(int)
        self.load = defaultdict(float)
        self.actual = defaultdict(float)
        self.planned = defaultdict(float)
        self.unscheduled = defaultdict(float)  # employee -> hours
        # the same per (employee, group, period index or None) when tasks are added with a group
        self.group_load = defaultdict(float)
        self.group_actual = defaultdict(float)
        self.group_planned = defaultdict(float)
        self.group_unscheduled = defaultdict(float)
        self.groups = defaultdict(set)  # employee -> groups with hours
        # (employee, task, [(period index or None, hours)]) as added; the per-cell task lists
        # (:attr:`contributions`) are built from them once, when asked
        self._parts = []
        self._contributions = None

    def index(self, day):
        """Index of the period holding ``day``, or None outside the grid."""
        offset = day.toordinal() - self._first
        return self._period_of[offset] if 0 <= offset < len(self._period_of) else None

    def add_schedule(self, employee, schedule):
        """The schedule's hours per period: differences of its running sums over the grid (the
        sums the tasks are spread with), the days off counted only where it has time off."""
        first = self._first
        low, capacity, nominal = schedule.running_sums(first, first + len(self._period_of) - 1)
        has_off = schedule.has_time_off(first, first + len(self._period_of) - 1)
        start = first - low
        previous = start
        for index, end in enumerate(self._period_end):
            stop = end + 1 + start
            self.nominal[employee, index] += nominal[stop] - nominal[previous]
            self.capacity[employee, index] += capacity[stop] - capacity[previous]
            if has_off:
                off = schedule.days_off(previous - start + first, end + first)
                if off:
                    self.off_days[employee, index] += off
            previous = stop

    def add_task(self, employee, task, hours, start, end, schedule, planned_hours=None, group=None):
        """Spread ``hours`` (remaining, from ``today``) of ``task`` for ``employee``; the
        ``planned_hours`` (allocated, spread over the whole plan) are kept for the days before
        today (the past columns). With ``group`` (e.g. the task's project) the hours are also
        summed per employee and group (:meth:`group_cell`)."""
        if hours > 0:
            parts = self._by_period(hours, start.toordinal(), end.toordinal(), schedule, self._today)
            load = self.load
            for index, value in parts:
                load[employee, index] += value
            if group is not None:
                self._add_group(self.group_load, employee, group, parts)
            self._parts.append((employee, task, parts))
            self._contributions = None
        first, period_of, size = self._first, self._period_of, len(self._period_of)
        # planned hours show on the grid's days before today: none when the plan ended before
        # the grid starts, or when the grid starts today or later
        if (planned_hours and self._today is not None and start.toordinal() < self._today
                and max(start, end).toordinal() >= first and first < self._today):
            for ordinal, value in spread_ordinals(planned_hours, start.toordinal(), end.toordinal(), schedule):
                offset = ordinal - first
                if 0 <= offset < size and ordinal < self._today:
                    self.planned[employee, period_of[offset]] += value
                    if group is not None:
                        self.group_planned[employee, group, period_of[offset]] += value

    def _add_group(self, sums, employee, group, parts):
        for index, value in parts:
            sums[employee, group, index] += value
        self.groups[employee].add(group)

    def _by_period(self, hours, first, last, schedule, not_before):
        """``[(period index, hours)]`` of :func:`spread` inside the grid: per period, the
        difference of the schedule's running sums (:meth:`WorkSchedule.running_sums`), not a
        weight per day of the task's window; the weights of :func:`_weights` (capacity, else
        nominal hours, else one per calendar day)."""
        if last < first:
            first, last = last, first
        if not_before is not None and first < not_before:
            first = not_before
            if last < not_before:
                last = not_before
        # (conditions rather than min() / max(): this runs once per task and assignee)
        cached = schedule._sums_cache
        if cached is not None and cached[0] <= first and last < cached[0] + len(cached[1]) - 1:
            low, capacity, nominal = cached
        else:
            low, capacity, nominal = schedule.running_sums(first, last)
        sums = capacity
        total = capacity[last + 1 - low] - capacity[first - low]
        if total <= EPSILON:
            sums = nominal
            total = nominal[last + 1 - low] - nominal[first - low]
            if total <= EPSILON:
                sums, total = None, float(last - first + 1)
        factor = hours / total
        grid_first, period_of, period_end = self._first, self._period_of, self._period_end
        start = grid_first - low  # grid day d is sums index d + start
        day = first - grid_first
        if day < 0:
            day = 0
        high = last - grid_first + 1
        if high > len(period_of):
            high = len(period_of)
        result = []
        while day < high:
            index = period_of[day]
            stop = period_end[index] + 1
            if stop > high:
                stop = high
            value = float(stop - day) if sums is None else sums[stop + start] - sums[day + start]
            if value > 0:
                result.append((index, value * factor))
            day = stop
        return result

    def add_unscheduled(self, employee, task, hours, group=None):
        self.unscheduled[employee] += hours
        if group is not None:
            self._add_group(self.group_unscheduled, employee, group, [(None, hours)])
        self._parts.append((employee, task, [(None, hours)]))
        self._contributions = None

    def add_actual(self, employee, day, hours, task=None, group=None):
        """Hours logged on ``day`` (timesheets): they count in the load of their period."""
        index = self.index(day)
        if index is None:
            return
        self.actual[employee, index] += hours
        if group is not None:
            self._add_group(self.group_actual, employee, group, [(index, hours)])
        if task is not None:
            self._parts.append((employee, task, [(index, hours)]))
            self._contributions = None

    @property
    def contributions(self):
        """``{(employee, period index or None): {task: hours}}``: the tasks making each cell
        (None: the unscheduled column), built once from what was added."""
        if self._contributions is None:
            result = defaultdict(lambda: defaultdict(float))
            for employee, task, parts in self._parts:
                for index, hours in parts:
                    result[employee, index][task] += hours
            self._contributions = result
        return self._contributions

    def cell(self, employee, index):
        """``(load, capacity, nominal, actual, planned, level)`` of one cell; the load counts
        the hours logged (past) and the remaining work spread from today."""
        key = (employee, index)
        total = self.load.get(key, 0.0) + self.actual.get(key, 0.0)
        capacity = self.capacity.get(key, 0.0)
        nominal = self.nominal.get(key, 0.0)
        return (total, capacity, nominal, self.actual.get(key, 0.0), self.planned.get(key, 0.0),
                level(total, capacity, nominal))

    def row(self, employee):
        """:meth:`cell` of every period of ``employee``, in order (one pass, for the whole grid)."""
        load, actual, capacity, nominal, planned = self.load, self.actual, self.capacity, self.nominal, self.planned
        cells = []
        for index in range(len(self.periods)):
            key = (employee, index)
            done = actual.get(key, 0.0)
            total = load.get(key, 0.0) + done
            cap = capacity.get(key, 0.0)
            nom = nominal.get(key, 0.0)
            cells.append((total, cap, nom, done, planned.get(key, 0.0), level(total, cap, nom)))
        return cells

    def group_cell(self, employee, group, index):
        """``(load, capacity, nominal, actual, planned, level)`` of ``employee``'s hours on
        ``group`` (tasks added with that group) in one period: load, actual and planned of that
        group alone; capacity, nominal and level those of the employee's whole load (the colour
        says whether the person is over-allocated, all groups together)."""
        key = (employee, group, index)
        actual = self.group_actual.get(key, 0.0)
        _total, capacity, nominal, _actual, _planned, lvl = self.cell(employee, index)
        return (self.group_load.get(key, 0.0) + actual, capacity, nominal, actual,
                self.group_planned.get(key, 0.0), lvl)

    def over_allocations(self, employees, rows=None):
        """``[(employee, period index, excess hours, {task: hours})]`` where the load is over
        the capacity, in ``employees`` then period order. ``rows``: the employees' :meth:`row`
        when the caller has them already."""
        result = []
        for employee in employees:
            cells = rows[employee] if rows is not None else self.row(employee)
            for index, (total, capacity, _nominal, _actual, _planned, lvl) in enumerate(cells):
                if lvl == "over":
                    result.append((employee, index, total - capacity,
                                   dict(self.contributions.get((employee, index), {}))))
        return result
