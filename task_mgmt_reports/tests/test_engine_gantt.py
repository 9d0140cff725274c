# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Gantt helpers: plain pytest, no database."""

import doctest

import pytest

from ..engine import gantt
from ..engine.gantt import (
    lag_label,
    link_violated,
    link_weight,
    ms_project_predecessors,
    outline_numbers,
    subtask_order,
)


def test_doctests():
    """The examples in the module's docstrings hold."""
    assert doctest.testmod(gantt).failed == 0


def test_link_weight_of_each_type():
    """Predecessor of 3 days, successor of 2, lag 1: FS 4, SS 1, FF 2, SF -1."""
    assert [link_weight(kind, 1, 3, 2) for kind in ("fs", "ss", "ff", "sf")] == [4, 1, 2, -1]
    with pytest.raises(ValueError, match="Unknown link type 'xx'"):
        link_weight("xx", 0, 1, 1)


def test_violation_at_the_limit():
    """FS with a 2-day lag from a task at 0..2: a successor at 5 is fine, at 4 it is too early;
    a lead (SS-1) allows the successor one day before its predecessor."""
    assert not link_violated("fs", 2, 0, 3, 5, 1)
    assert link_violated("fs", 2, 0, 3, 4, 1)
    assert not link_violated("ss", -1, 3, 2, 2, 1)
    assert link_violated("ss", -1, 3, 2, 1, 1)


def test_lag_labels():
    """Lags and leads as drawn on arrows."""
    assert [lag_label(x) for x in (3, -2, 0)] == ["+3d", "−2d", ""]


def test_ms_project_predecessors():
    """Row numbers, type and lag as MS Project writes them; unknown predecessors left out."""
    links = [(10, "fs", 2), (20, "ss", 0), (30, "ff", -1), (99, "fs", 0)]
    assert ms_project_predecessors(links, {10: 12, 20: 15, 30: 3}) == "12FS+2d;15SS;3FF-1d"
    assert ms_project_predecessors([], {}) == ""


def test_outline_numbers_and_subtask_order():
    """Parents before children; orphans (parent not listed) are top level."""
    order = subtask_order([(1, None), (3, 1), (2, None), (4, 3), (5, 77), (6, 1)])
    assert order == [(1, 0), (3, 1), (4, 2), (6, 1), (2, 0), (5, 0)]
    numbers = outline_numbers([(1, None), (3, 1), (4, 3), (6, 1), (2, None), (5, 77)])
    assert numbers == {1: "1", 3: "1.1", 4: "1.1.1", 6: "1.2", 2: "2", 5: "3"}
