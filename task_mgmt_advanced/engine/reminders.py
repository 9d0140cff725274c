"""Reminders: which deadline reminder is due for one task and one person on one day.

Everything here is in the person's local dates: ``today`` is the recipient's day (in their time
zone), ``deadline`` the task's deadline seen from that time zone.  Working days come from a
:class:`~.workcalendar.WorkCalendar` (the project's calendar with its public holidays).

* Before the deadline: with ``before_days`` N > 0 the warning is due from the N-th working day
  before the deadline; with ``on_the_day`` a second one is due on the deadline's day.  When
  several thresholds are reached (a run that did not happen on the day), only the nearest one
  is due: a person is never warned twice on one day for one deadline.
* After the deadline: an overdue follow-up, and with ``escalate_after`` M the escalation to the
  project manager once M working days have passed after the deadline's day.

No ``odoo`` import here: this module is unit-tested without a database.
"""

from datetime import timedelta

from .workcalendar import WorkCalendar

BEFORE = "before"
OVERDUE = "overdue"
ESCALATION = "escalation"
# the working week of a company without a working calendar
DEFAULT_WORK = WorkCalendar(dict.fromkeys(range(5), 8.0))


def due_reminders(work, today, deadline, before_days=2, on_the_day=True, escalate_after=None):
    """The reminders due on ``today`` for a deadline on ``deadline``: a list of
    ``(kind, threshold)`` pairs, ``kind`` one of :data:`BEFORE` (threshold: working days before
    the deadline, 0 on the day), :data:`OVERDUE` (threshold 0) and :data:`ESCALATION`
    (threshold: ``escalate_after``).

    >>> from datetime import date
    >>> work = WorkCalendar(dict.fromkeys(range(5), 8))
    >>> due_reminders(work, date(2026, 1, 7), date(2026, 1, 9))   # Wednesday, deadline Friday
    [('before', 2)]
    >>> due_reminders(work, date(2026, 1, 9), date(2026, 1, 9))
    [('before', 0)]
    >>> due_reminders(work, date(2026, 1, 14), date(2026, 1, 9), escalate_after=3)
    [('overdue', 0), ('escalation', 3)]
    """
    if before_days < 0:
        raise ValueError(f"The warning threshold cannot be negative, got {before_days!r}")
    if escalate_after is not None and escalate_after < 1:
        raise ValueError(f"The escalation delay must be at least one working day, got {escalate_after!r}")
    if deadline >= today:
        reached = [
            threshold
            for threshold, start in (
                (before_days, work.add_working_days(deadline, -before_days) if before_days else None),
                (0, deadline if on_the_day else None),
            )
            if start is not None and start <= today
        ]
        return [(BEFORE, min(reached))] if reached else []
    due = [(OVERDUE, 0)]
    if escalate_after and late_working_days(work, deadline, today) >= escalate_after:
        due.append((ESCALATION, escalate_after))
    return due


def late_working_days(work, deadline, today):
    """Working days after the deadline's day, up to ``today`` included (0 when not late).

    >>> from datetime import date
    >>> work = WorkCalendar(dict.fromkeys(range(5), 8))
    >>> late_working_days(work, date(2026, 1, 9), date(2026, 1, 12))   # Friday -> Monday
    1
    """
    if today <= deadline:
        return 0
    return work.working_days_between(deadline + timedelta(days=1), today + timedelta(days=1))
