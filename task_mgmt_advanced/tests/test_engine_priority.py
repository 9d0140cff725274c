# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quadrants, rule effects and suggestion scores: plain pytest, no database."""

import pytest

from ..engine.priority import (
    AT_LEAST,
    HIGH,
    LOW,
    MARK_IMPORTANT,
    MARK_URGENT,
    MEDIUM,
    Q1,
    Q2,
    Q3,
    Q4,
    RAISE,
    SET_LEVEL,
    URGENT,
    LateHistory,
    RuleEffect,
    TaskFacts,
    Weights,
    apply_rules,
    deadline_factor,
    effort_factor,
    quadrant,
    quadrant_flags,
    suggest,
)


def test_quadrants_and_their_flags():
    """Important × urgent gives Q1 to Q4, and each quadrant gives its flags back."""
    assert [quadrant(i, u) for i, u in ((True, True), (True, False), (False, True), (False, False))] == [
        Q1, Q2, Q3, Q4]
    assert [quadrant_flags(q) for q in (Q1, Q2, Q3, Q4)] == [
        (True, True), (True, False), (False, True), (False, False)]
    with pytest.raises(ValueError):
        quadrant_flags("q5")


def test_no_rule_gives_the_quadrant_level():
    """Without rules the priority is the quadrant's: Q1 Urgent, Q2 High, Q3 Medium, Q4 Low."""
    assert apply_rules(True, True, []).level == URGENT
    assert apply_rules(True, False, []).level == HIGH
    assert apply_rules(False, True, []).level == MEDIUM
    assert apply_rules(False, False, []).level == LOW


def test_raise_is_capped_and_starts_from_the_quadrant():
    """A raise by 2 from Q3 (Medium) gives Urgent; by 2 from Q1 stays Urgent; running the
    outcome again from the same flags gives the same level (no double raise)."""
    effects = [RuleEffect(1, RAISE, steps=2)]
    assert apply_rules(False, True, effects).level == URGENT
    assert apply_rules(True, True, effects).level == URGENT
    first = apply_rules(False, False, [RuleEffect(1, RAISE, steps=1)])
    again = apply_rules(first.important, first.urgent, [RuleEffect(1, RAISE, steps=1)])
    assert (first.level, again.level) == (MEDIUM, MEDIUM)


def test_marking_important_moves_to_the_quadrant_level_and_is_idempotent():
    """Marking a Q3 task important makes it Q1 (Urgent); applied again on the new flags, the
    same rules give the same outcome."""
    effects = [RuleEffect(7, MARK_IMPORTANT)]
    out = apply_rules(False, True, effects)
    assert (out.important, out.urgent, out.level, out.applied) == (True, True, URGENT, (7,))
    assert apply_rules(out.important, out.urgent, effects) == out
    urgent = apply_rules(False, False, [RuleEffect(8, MARK_URGENT)])
    assert (urgent.urgent, urgent.level) == (True, MEDIUM)


def test_rule_order_and_stop_here():
    """Rules apply in order: set Low then raise 1 gives Medium, raise 1 then set Low gives Low;
    a matching rule with "stop here" keeps later rules from applying."""
    set_low, raise_one = RuleEffect(1, SET_LEVEL, level=LOW), RuleEffect(2, RAISE, steps=1)
    assert apply_rules(True, False, [set_low, raise_one]).level == MEDIUM
    assert apply_rules(True, False, [raise_one, set_low]).level == LOW
    stop_high = RuleEffect(3, SET_LEVEL, level=HIGH, stop=True)
    out = apply_rules(False, False, [stop_high, raise_one])
    assert (out.level, out.applied) == (HIGH, (3,))


def test_at_least_never_lowers():
    """"At least High" lifts Low to High and leaves Urgent alone."""
    effects = [RuleEffect(1, AT_LEAST, level=HIGH)]
    assert apply_rules(False, False, effects).level == HIGH
    assert apply_rules(True, True, effects).level == URGENT


def test_invalid_effects_are_refused():
    """An unknown effect, a level outside 0-3 and a raise by 0 are errors."""
    with pytest.raises(ValueError):
        RuleEffect(1, "explode")
    with pytest.raises(ValueError):
        RuleEffect(1, SET_LEVEL, level="4")
    with pytest.raises(ValueError):
        RuleEffect(1, RAISE, steps=0)


def test_factors():
    """Deadline: 1 due today or overdue, 0.8 in 2 days, 0 from 10 days; effort: 16 h left at
    8 h a day over 4 days is 0.5, capped at 1, 0 without deadline."""
    assert [deadline_factor(d) for d in (None, -3, 0, 2, 10, 30)] == [0.0, 1.0, 1.0, 0.8, 0.0, 0.0]
    assert effort_factor(16, 8, 4) == 0.5
    assert effort_factor(80, 8, 2) == 1.0
    assert effort_factor(16, 8, None) == 0.0
    assert effort_factor(0, 8, 3) == 0.0


def test_score_of_a_crafted_task():
    """Deadline in 2 days (0.8 × 40 = 32), 4 tasks waiting (0.8 × 20 = 16), critical (15),
    16 h left for 2 days at 8 h (1 × 10 = 10), assignee late 3 of 10 (0.3 × 15 = 4.5): 77.5
    of 100 rounds to 78, Urgent; reasons from the largest."""
    facts = TaskFacts(
        days_to_deadline=2, blocked_count=4, critical=True, remaining_hours=16, hours_per_day=8,
        assignee_history=(LateHistory(3, 10, "Marc"), LateHistory(0, 1, "New")),
        project_history=LateHistory(1, 10),
    )
    result = suggest(facts, Weights())
    assert result.score == 78
    assert result.level == URGENT
    assert [r.code for r in result.reasons] == ["deadline", "blocked", "critical", "effort", "assignee_late"]
    assert [round(r.points, 1) for r in result.reasons] == [32.0, 16.0, 15.0, 10.0, 4.5]
    assert result.reasons[-1].values == {"name": "Marc", "percent": 30, "late": 3, "done": 10}


def test_history_needs_enough_tasks_and_takes_the_worst():
    """An assignee with 2 finished tasks is not a history; the project's 50% (5 of 10) is the
    worst meaningful one: 0.5 × 15 = 7.5 points, Low."""
    facts = TaskFacts(assignee_history=(LateHistory(2, 2, "Few"),), project_history=LateHistory(5, 10))
    result = suggest(facts)
    assert [(r.code, r.points) for r in result.reasons] == [("project_late", 7.5)]
    assert (result.score, result.level) == (8, LOW)


def test_weights_change_the_level():
    """Only the deadline counts (other weights 0): overdue scores 100 (Urgent); in 5 days
    scores 50 (High); all weights 0 gives Low with no reason."""
    only_deadline = Weights(deadline=1, blocked=0, critical=0, effort=0, history=0)
    overdue = suggest(TaskFacts(days_to_deadline=-2, blocked_count=3), only_deadline)
    assert (overdue.score, overdue.level, overdue.reasons[0].code) == (100, URGENT, "overdue")
    assert suggest(TaskFacts(days_to_deadline=5), only_deadline).level == HIGH
    nothing = suggest(TaskFacts(days_to_deadline=0), Weights(0, 0, 0, 0, 0))
    assert (nothing.level, nothing.score, nothing.reasons) == (LOW, 0, ())
