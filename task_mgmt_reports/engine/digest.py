"""When a person's weekly digest is due, from the time in their own time zone.

No ``odoo`` import here: this module is unit-tested without a database.
"""
from datetime import datetime, time, timedelta

import pytz

# the digest of a week goes out from this local hour on the week's Monday
SEND_FROM = time(7, 0)


def local_now(now_utc, tz):
    """The naive UTC datetime ``now_utc`` as a naive local datetime in ``tz`` (UTC when unknown)."""
    try:
        zone = pytz.timezone(tz or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return pytz.utc.localize(now_utc).astimezone(zone).replace(tzinfo=None)


def digest_week(now_utc, tz):
    """The Monday (a date) of the local week of a person in ``tz`` at ``now_utc``, whose digest
    (on the seven days before that Monday) may go out from Monday ``SEND_FROM`` to Sunday; None
    on Monday before ``SEND_FROM``, when last week's digest is stale and this week's not due yet.

    >>> digest_week(datetime(2027, 3, 8, 5, 0), "Europe/Paris") is None  # Monday 06:00 in Paris
    True
    >>> digest_week(datetime(2027, 3, 8, 6, 0), "Europe/Paris")  # Monday 07:00 in Paris
    datetime.date(2027, 3, 8)
    >>> digest_week(datetime(2027, 3, 7, 23, 30), "Asia/Shanghai")  # Monday 07:30 in Shanghai
    datetime.date(2027, 3, 8)
    >>> digest_week(datetime(2027, 3, 12, 15, 0), "America/New_York")  # Friday: this week's
    datetime.date(2027, 3, 8)
    """
    local = local_now(now_utc, tz)
    monday = local.date() - timedelta(days=local.weekday())
    if local < datetime.combine(monday, SEND_FROM):
        return None
    return monday
