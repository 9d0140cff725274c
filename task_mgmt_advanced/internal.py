# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Internal flags: context values that only this addon's Python code can set.

A context that arrives over XML-RPC, JSON-RPC, an import, a server action or an automation
rule holds JSON values (strings, numbers, lists, dicts), never an instance of
:class:`InternalFlag`. A flag is therefore checked by identity (``is``), not by truthiness:
``{"task_mgmt_dependency_sync": True}`` sent by a caller is not the flag and changes nothing.

Usage::

    SYNC = InternalFlag("task_mgmt_dependency_sync")
    links.with_context(**SYNC.on()).create(...)   # the addon's own write
    if SYNC.is_set(self.env): ...                 # inside create()/write()
"""


class InternalFlag:
    """A context flag that cannot be forged by a caller (see the module docstring)."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key

    def on(self):
        """``{key: self}``, to pass to ``with_context(**flag.on())``."""
        return {self.key: self}

    def is_set(self, env):
        """True only when this very object is in ``env``'s context."""
        return env.context.get(self.key) is self

    def carrying(self, value):
        """``{key: <this flag holding value>}``: a value only the addon's code can pass (e.g. the
        steps one email lists), read back with :meth:`value`."""
        return {self.key: _Carried(self, value)}

    def value(self, env, default=None):
        """The value passed with :meth:`carrying`; ``default`` for anything else in the context."""
        carried = env.context.get(self.key)
        return carried.value if isinstance(carried, _Carried) and carried.flag is self else default

    def __repr__(self):
        return f"InternalFlag({self.key!r})"

    def __copy__(self):
        return self  # a copy of a context keeps the flag itself

    def __deepcopy__(self, memo):
        return self


class _Carried:
    """A value travelling in the context under an :class:`InternalFlag` (see ``carrying``)."""

    __slots__ = ("flag", "value")

    def __init__(self, flag, value):
        self.flag = flag
        self.value = value

    def __repr__(self):
        return f"{self.flag!r} carrying {self.value!r}"

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self
