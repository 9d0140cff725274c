# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Internal flags: context values that only this addon's Python code can set.

A context that arrives over XML-RPC, JSON-RPC, an import, a server action or an automation
rule holds JSON values (strings, numbers, lists, dicts), never an instance of
:class:`InternalFlag`. A flag is therefore checked by identity (``is``), not by truthiness:
``{"task_mgmt_scheduling": True}`` sent by a caller is not the flag and changes nothing.

Usage::

    SCHEDULING = InternalFlag("task_mgmt_scheduling")
    tasks.with_context(**SCHEDULING.on()).write(...)   # the engine's own write
    if SCHEDULING.is_set(self.env): ...                # inside write()
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

    def __repr__(self):
        return f"InternalFlag({self.key!r})"

    def __copy__(self):
        return self  # a copy of a context keeps the flag itself

    def __deepcopy__(self, memo):
        return self
