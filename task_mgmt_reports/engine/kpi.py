"""Delivery KPIs: the sums a period's tasks give, and the rates computed from those sums.

The ORM layer reads the sums straight from PostgreSQL (the ``project.task.report.kpi`` SQL view
grouped with ``_read_group``); :func:`kpi_sums` computes the very same sums from plain task facts,
so that the definitions are written once, in Python, and tested on hand-computed data.
:func:`kpi_rates` turns sums into the KPIs, whichever way the sums were obtained.

Definitions (a period is ``[start, end]``, both included; "today" is the status date):

* planned completion rate = tasks done on or before their planned end ÷ tasks whose planned end
  falls in the period (cancelled tasks left out);
* on-time rate = tasks done in the period on or before their deadline ÷ tasks done in the period
  that have a deadline;
* overdue rate = open tasks past their deadline today ÷ open tasks today (a snapshot: it does not
  depend on the period);
* throughput = tasks done in the period;
* cycle time = average working days (Monday to Friday) from assignment to done, over the tasks
  done in the period that were assigned; lead time = the same from creation;
* estimate deviation = timesheet hours ÷ allocated hours, over the tasks done in the period that
  have allocated hours (1.0 = as estimated, 1.2 = 20 % over);
* quality = average acceptance rating (1-5) of the tasks done in the period that were rated;
* rework = times changes were requested on the tasks done in the period.

A reopened task is not done any more: it counts as open, and when it is done again it counts in
the period of its new done date, once. Subtasks are tasks: each counts with its own dates and its
own hours - its allocated hours minus its subtasks' (Odoo's allocated time of a parent includes
them) and its own timesheets (Odoo's timesheet hours of a parent do not include its subtasks') -
so nothing is counted twice.

No ``odoo`` import here: this module is unit-tested without a database.
"""

from dataclasses import dataclass
from datetime import date, timedelta

PERIODS = ("week", "month", "quarter")

# the sums behind the KPIs, in the order of the SQL view's measures
SUM_KEYS = (
    "planned_count", "planned_done_count", "done_count", "deadline_count", "on_time_count",
    "open_count", "overdue_count", "cycle_count", "cycle_days", "lead_days", "estimated_count",
    "allocated_hours", "effective_hours", "rated_count", "rating_sum", "rework_count",
)
RATE_KEYS = (
    "planned_completion_rate", "on_time_rate", "overdue_rate", "throughput", "cycle_time",
    "lead_time", "estimate_deviation", "quality", "rework",
)
# the KPIs where a lower value is the better one (for trend arrows)
LOWER_IS_BETTER = frozenset({"overdue_rate", "cycle_time", "lead_time", "rework"})


@dataclass(frozen=True)
class TaskFact:
    """What the KPIs need of one task (dates are :class:`datetime.date`, or None)."""

    created: date
    planned_end: date | None = None
    deadline: date | None = None
    assigned: date | None = None
    done: date | None = None
    cancelled: bool = False
    allocated_hours: float = 0.0
    effective_hours: float = 0.0
    rating: int = 0
    rework: int = 0


def weekdays_between(start, stop):
    """Working days (Monday to Friday) in ``[start, stop)``; negative when ``stop`` is before
    ``start``. Arithmetic, no loop (the SQL view's ``task_mgmt_weekdays`` is the same formula).

    >>> weekdays_between(date(2026, 1, 5), date(2026, 1, 12))  # Monday to next Monday
    5
    >>> weekdays_between(date(2026, 1, 9), date(2026, 1, 12))  # Friday to Monday
    1
    >>> weekdays_between(date(2026, 1, 12), date(2026, 1, 9))
    -1
    """
    if stop < start:
        return -weekdays_between(stop, start)
    days = (stop - start).days
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + max(0, min(first + rest, 5) - min(first, 5)) + max(0, min(first + rest, 12) - 7)


def period_bounds(day, period):
    """``(first, last)`` day of the week (Monday-Sunday), month or quarter containing ``day``.

    >>> period_bounds(date(2026, 5, 20), "quarter")
    (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    """
    if period == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if period == "month":
        first = day.replace(day=1)
    elif period == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        raise ValueError(f"Unknown period {period!r}: use one of {', '.join(PERIODS)}")
    months = 1 if period == "month" else 3
    month = first.month - 1 + months
    after = date(first.year + month // 12, month % 12 + 1, 1)
    return first, after - timedelta(days=1)


def previous_period(day, period):
    """Bounds of the period before the one containing ``day``."""
    first, _last = period_bounds(day, period)
    return period_bounds(first - timedelta(days=1), period)


def kpi_sums(facts, start, end, today):
    """The sums of :data:`SUM_KEYS` over ``facts`` (:class:`TaskFact`) for the period
    ``[start, end]``; open and overdue tasks are counted at ``today``."""
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start})")
    sums = dict.fromkeys(SUM_KEYS, 0)
    for fact in facts:
        if fact.cancelled:
            continue
        if fact.planned_end and start <= fact.planned_end <= end:
            sums["planned_count"] += 1
            if fact.done and fact.done <= fact.planned_end:
                sums["planned_done_count"] += 1
        if not fact.done:
            sums["open_count"] += 1
            if fact.deadline and fact.deadline < today:
                sums["overdue_count"] += 1
            continue
        if not start <= fact.done <= end:
            continue
        sums["done_count"] += 1
        if fact.deadline:
            sums["deadline_count"] += 1
            if fact.done <= fact.deadline:
                sums["on_time_count"] += 1
        if fact.assigned:
            sums["cycle_count"] += 1
            sums["cycle_days"] += weekdays_between(fact.assigned, fact.done)
        sums["lead_days"] += weekdays_between(fact.created, fact.done)
        if fact.allocated_hours > 0:
            sums["estimated_count"] += 1
            sums["allocated_hours"] += fact.allocated_hours
            sums["effective_hours"] += fact.effective_hours
        if fact.rating:
            sums["rated_count"] += 1
            sums["rating_sum"] += fact.rating
        sums["rework_count"] += fact.rework
    return sums


def _ratio(numerator, denominator, scale=1.0):
    return round(scale * numerator / denominator, 4) if denominator else None


def kpi_rates(sums):
    """The KPIs of :data:`RATE_KEYS` from a dict of sums (missing sums count as 0). A rate whose
    denominator is 0 is None ("no data"), not 0.

    >>> kpi_rates({"planned_count": 4, "planned_done_count": 3})["planned_completion_rate"]
    75.0
    >>> kpi_rates({})["on_time_rate"] is None
    True
    """
    get = lambda key: sums.get(key) or 0  # noqa: E731
    return {
        "planned_completion_rate": _ratio(get("planned_done_count"), get("planned_count"), 100),
        "on_time_rate": _ratio(get("on_time_count"), get("deadline_count"), 100),
        "overdue_rate": _ratio(get("overdue_count"), get("open_count"), 100),
        "throughput": get("done_count"),
        "cycle_time": _ratio(get("cycle_days"), get("cycle_count")),
        "lead_time": _ratio(get("lead_days"), get("done_count")),
        "estimate_deviation": _ratio(get("effective_hours"), get("allocated_hours")),
        "quality": _ratio(get("rating_sum"), get("rated_count")),
        "rework": get("rework_count"),
    }


def change_percent(before, after):
    """Change from ``before`` to ``after`` in % of ``before`` (None when it cannot be said).

    >>> change_percent(32.0, 12.0)
    -62.5
    """
    if before is None or after is None or not before:
        return None
    return round(100.0 * (after - before) / abs(before), 2)


def compare(before_sums, after_sums):
    """Before/after comparison: ``{kpi: {"before", "after", "change", "better"}}``; ``better``
    is True when the KPI moved the good way, None when it did not move or cannot be said."""
    before, after = kpi_rates(before_sums), kpi_rates(after_sums)
    result = {}
    for key in RATE_KEYS:
        change = change_percent(before[key], after[key])
        better = None if not change else (change < 0) == (key in LOWER_IS_BETTER)
        result[key] = {"before": before[key], "after": after[key], "change": change, "better": better}
    return result


def period_ranges(start, end, period):
    """The periods (week, month or quarter) touching ``[start, end]``, each as ``(first, last)``
    clipped to ``[start, end]``, in order.

    >>> period_ranges(date(2027, 3, 25), date(2027, 4, 6), "month")
    [(datetime.date(2027, 3, 25), datetime.date(2027, 3, 31)), (datetime.date(2027, 4, 1), datetime.date(2027, 4, 6))]
    """
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start})")
    ranges = []
    day = start
    while day <= end:
        _first, last = period_bounds(day, period)
        ranges.append((day, min(last, end)))
        day = last + timedelta(days=1)
    return ranges


def utilisation(hours, capacity):
    """Utilisation in % = timesheet hours ÷ capacity (working hours of the schedule minus time
    off and public holidays); None without capacity.

    >>> utilisation(30.0, 40.0)
    75.0
    >>> utilisation(4.0, 0.0) is None
    True
    """
    return _ratio(hours, capacity, 100)
