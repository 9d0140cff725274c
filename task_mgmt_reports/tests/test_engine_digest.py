# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When the weekly digest is due, in each person's time zone (no database)."""
import doctest
from datetime import date, datetime

from ..engine import digest
from ..engine.digest import digest_week, local_now


def test_doctests():
    """The examples in the module's docstrings hold."""
    assert doctest.testmod(digest).failed == 0


def test_due_from_monday_seven_to_sunday_local():
    """Sunday 23:59 in New York is still last week (Monday 8th's digest); Monday 06:59 there is
    no week (too early), 07:00 the week of the 15th."""
    assert digest_week(datetime(2027, 3, 15, 3, 59), "America/New_York") == date(2027, 3, 8)
    assert digest_week(datetime(2027, 3, 15, 10, 59), "America/New_York") is None
    assert digest_week(datetime(2027, 3, 15, 11, 0), "America/New_York") == date(2027, 3, 15)


def test_unknown_or_missing_time_zone_is_utc():
    """No time zone or a wrong one count in UTC."""
    assert local_now(datetime(2027, 3, 8, 7, 0), "Mars/Olympus") == datetime(2027, 3, 8, 7, 0)
    assert digest_week(datetime(2027, 3, 8, 7, 0), None) == date(2027, 3, 8)
