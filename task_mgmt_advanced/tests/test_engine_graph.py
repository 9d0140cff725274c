# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cycle detection of the dependency graph: plain pytest, no database."""

from ..engine.graph import find_cycle


def test_acyclic_graph_has_no_cycle():
    """A diamond A → B, A → C, B → D, C → D has no cycle."""
    assert find_cycle([("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")]) is None


def test_cycle_is_returned_in_link_order():
    """A → B → C → A with a tail C → D and a head X → A: the cycle, first node repeated last."""
    assert find_cycle([("X", "A"), ("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]) == ["A", "B", "C", "A"]


def test_cycle_found_downstream_of_another_branch():
    """Nodes downstream of a cycle do not hide it: 1 → 2 → 3 → 4 → 2, 4 → 5."""
    assert find_cycle([(1, 2), (2, 3), (3, 4), (4, 2), (4, 5)]) == [2, 3, 4, 2]


def test_two_node_cycle_and_empty_graph():
    """A two-node loop is a cycle; no links, no cycle."""
    assert find_cycle([(7, 8), (8, 7)]) == [7, 8, 7]
    assert find_cycle([]) is None
