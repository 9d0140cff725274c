"""Burndown series of a project: scope, remaining work, the plan's ideal line and a forecast.

Work is measured in allocated hours (``unit="hours"``) or in tasks (each item weighs 1). For every
day of ``[start, end]``:

* scope = work of the items created on or before that day (scope changes show as steps);
* remaining = scope minus the work of the items done on or before that day (drawn up to today);
* ideal = work the plan still has left at the end of that day: all the items minus those whose
  planned end (from the current baseline when there is one) is on or before that day; an item
  with no planned end is due at ``end``;
* forecast (from today on) = today's remaining work burnt at the recent pace: work done in the
  last ``pace_days`` calendar days ÷ ``pace_days``; no forecast when nothing was done lately.

Built with per-day deltas: linear in items + days, whatever their number.

No ``odoo`` import here: this module is unit-tested without a database.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class BurnItem:
    """One task: when it entered the scope, when it was done (None: open), its planned end and
    its allocated hours."""

    created: date
    done: date | None = None
    planned_end: date | None = None
    hours: float = 0.0


def _index(day, start, count):
    """Position of ``day`` on the axis, clamped to ``[0, count]`` (``count`` = after the end)."""
    return min(max((day - start).days, 0), count)


def burndown(items, start, end, today, unit="hours", pace_days=14):
    """Series of the burndown chart (see the module docstring).

    :returns: dict with ``days`` (ISO dates), ``scope``, ``remaining`` (None after today),
        ``ideal``, ``forecast`` (None before today), ``pace`` (work per day) and
        ``forecast_end`` (ISO date the forecast reaches 0, or None).

    >>> items = [BurnItem(date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 2), 4.0),
    ...          BurnItem(date(2026, 1, 1), None, date(2026, 1, 3), 4.0)]
    >>> series = burndown(items, date(2026, 1, 1), date(2026, 1, 3), date(2026, 1, 2), pace_days=2)
    >>> series["remaining"], series["ideal"], series["forecast"], series["forecast_end"]
    ([8.0, 4.0, None], [8.0, 4.0, 0.0], [None, 4.0, 2.0], '2026-01-04')
    """
    if unit not in ("hours", "tasks"):
        raise ValueError(f"Unknown burndown unit {unit!r}: use 'hours' or 'tasks'")
    if end < start:
        raise ValueError(f"The burndown ends ({end}) before it starts ({start})")
    count = (end - start).days + 1
    if count > MAX_DAYS:
        raise ValueError(f"A burndown covers at most {MAX_DAYS} days, not {count}")
    if pace_days < 1:
        raise ValueError("The pace is measured over at least one day")
    added = [0.0] * (count + 1)
    burnt = [0.0] * (count + 1)
    planned = [0.0] * (count + 1)
    recent = 0.0
    for item in items:
        work = (item.hours or 0.0) if unit == "hours" else 1.0
        if not work:
            continue
        added[_index(item.created, start, count)] += work
        if item.done:
            burnt[_index(item.done, start, count)] += work
            if today - timedelta(days=pace_days) < item.done <= today:
                recent += work
        # the plan burns an item on its planned end (at ``end`` when it has none)
        due = item.planned_end or end
        planned[_index(due, start, count)] += work
    days, scope, remaining, ideal, forecast = [], [], [], [], []
    total_added = total_burnt = total_planned = 0.0
    total = sum(added)
    pace = recent / pace_days
    today_left = None
    forecast_end = None
    for i in range(count):
        day = start + timedelta(days=i)
        total_added += added[i]
        total_burnt += burnt[i]
        total_planned += planned[i]
        days.append(day.isoformat())
        scope.append(round(total_added, 2))
        left = round(total_added - total_burnt, 2)
        remaining.append(left if day <= today else None)
        ideal.append(round(max(total - total_planned, 0.0), 2))
        if day == today or (today < start and i == 0):
            today_left = left
        if day >= today and today_left is not None:
            forecast.append(round(max(today_left - pace * (day - max(today, start)).days, 0.0), 2)
                            if pace or day == today else None)
        else:
            forecast.append(None)
    if today_left is None and today > end:
        today_left = remaining[-1]
    if today_left is not None and pace:
        forecast_end = (max(today, start) + timedelta(days=math.ceil(today_left / pace))).isoformat()
    return {
        "days": days, "scope": scope, "remaining": remaining, "ideal": ideal, "forecast": forecast,
        "pace": round(pace, 2), "forecast_end": forecast_end, "unit": unit,
    }
