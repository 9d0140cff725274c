# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one parser of the filters written on rules (approval rules, approval levels, priority
rules): a domain on tasks, with literal values and dates relative to today, never Python."""
import functools

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

# what safe_eval raises for a text that is not a literal domain (it wraps the rest in ValueError)
PARSE_ERRORS = (ValueError, SyntaxError, NameError, TypeError, ZeroDivisionError)
# what the ORM or PostgreSQL raise for a domain that does not fit project.task
DOMAIN_ERRORS = (ValueError, KeyError, TypeError, AssertionError, IndexError, psycopg2.Error)


def domain_fields(domain):
    """First field name of each leaf of a domain (``project_id.name`` reads ``project_id``)."""
    names = set()
    for leaf in domain:
        if isinstance(leaf, list | tuple) and len(leaf) == 3 and isinstance(leaf[0], str):
            names.add(leaf[0].split(".", 1)[0])
    return names


@functools.lru_cache(maxsize=512)
def _evaluate(text, today):
    """The domain of ``text`` on ``today`` as a tuple (cached: rules are evaluated on every
    task creation). Only literals, ``context_today()``, ``relativedelta``, ``datetime`` and
    ``time`` are defined; safe_eval refuses anything else."""
    domain = safe_eval(text, {
        "datetime": safe_datetime,
        "time": safe_time,
        "relativedelta": relativedelta,
        "context_today": lambda: today,
    })
    return tuple(domain) if isinstance(domain, list | tuple) else domain


class RuleFilter:
    """The filter of one rule. ``what`` names the rule in error messages (translated by the
    caller, e.g. "Priority rule 'Close deadline'")."""

    def __init__(self, env, text, what):
        self.env = env
        self.text = (text or "").strip() or "[]"
        self.what = what

    def domain(self, today=None):
        """The filter as a domain list. Raises a ValidationError naming the rule."""
        if self.text == "[]":
            return []
        today = today or fields.Date.context_today(self.env["project.task"])
        try:
            domain = _evaluate(self.text, today)
        except PARSE_ERRORS as error:
            raise ValidationError(self.env._(
                "%(what)s: the filter %(domain)s cannot be read: write conditions with literal values "
                "only (dates relative to today with context_today() and relativedelta), no variables "
                "such as uid (%(error)s).", what=self.what, domain=self.text, error=error,
            )) from error
        if not isinstance(domain, tuple):
            raise ValidationError(self.env._(
                "%(what)s: the filter %(domain)s is not a list of conditions.", what=self.what, domain=self.text,
            ))
        return list(domain)

    def check(self):
        """The domain, after making sure every field and operator exists on tasks and that the
        database accepts it (when a rule is saved)."""
        domain = self.domain()
        # sudo: the check is about fields and operators, not about the records the author may read
        tasks = self.env["project.task"].sudo().with_context(active_test=False)
        try:
            expression.expression(domain, tasks)
            with self.env.cr.savepoint():
                tasks.search_count(expression.AND([[("id", "=", 0)], domain]))
        except DOMAIN_ERRORS as error:
            raise ValidationError(self.env._(
                "%(what)s: the filter %(domain)s cannot be used on tasks: %(error)s",
                what=self.what, domain=self.text, error=error,
            )) from error
        return domain
