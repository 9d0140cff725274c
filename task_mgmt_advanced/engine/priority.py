"""Task priorities: Eisenhower quadrants, the effects of priority rules, and suggested priorities.

Priorities use Odoo 19's keys: ``"0"`` Low, ``"1"`` Medium, ``"2"`` High, ``"3"`` Urgent.

* :func:`quadrant` and :data:`QUADRANT_LEVEL`: important × urgent gives Q1 Do first (Urgent),
  Q2 Schedule (High), Q3 Delegate (Medium), Q4 Drop (Low).
* :func:`apply_rules`: the outcome of the rules that match one task, in their order, starting
  from the level of the task's quadrant.  The outcome depends only on the task's flags and on
  the matching rules, so applying it twice changes nothing (a "raise by k" starts from the
  quadrant's level each time, never from the priority an earlier run wrote).
* :func:`suggest`: a suggested priority, a score from 0 to 100 and the reasons behind it, from
  the deadline, the tasks waiting on the task, the critical path, the work left and the
  late-completion history of its assignees and project.

No ``odoo`` import here: this module is unit-tested without a database.
"""

from dataclasses import dataclass, field

LOW, MEDIUM, HIGH, URGENT = "0", "1", "2", "3"
LEVELS = (LOW, MEDIUM, HIGH, URGENT)

Q1, Q2, Q3, Q4 = "q1", "q2", "q3", "q4"
QUADRANTS = (Q1, Q2, Q3, Q4)
QUADRANT_LEVEL = {Q1: URGENT, Q2: HIGH, Q3: MEDIUM, Q4: LOW}

# rule effects
MARK_IMPORTANT, MARK_URGENT, SET_LEVEL, AT_LEAST, RAISE = "important", "urgent", "level", "at_least", "raise"
EFFECTS = (MARK_IMPORTANT, MARK_URGENT, SET_LEVEL, AT_LEAST, RAISE)


def quadrant(important, urgent):
    """Eisenhower quadrant of a task: Q1 important and urgent ... Q4 neither."""
    if important:
        return Q1 if urgent else Q2
    return Q3 if urgent else Q4


def quadrant_flags(value):
    """(important, urgent) of a quadrant."""
    if value not in QUADRANTS:
        raise ValueError(f"Unknown quadrant {value!r}: expected one of {', '.join(QUADRANTS)}")
    return value in (Q1, Q2), value in (Q1, Q3)


def _rank(level):
    if level not in LEVELS:
        raise ValueError(f"Unknown priority {level!r}: expected one of {', '.join(LEVELS)}")
    return int(level)


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleEffect:
    """What a matching rule does: mark important/urgent, set a level, raise to at least a
    level, or raise by ``steps`` levels (capped at Urgent); ``stop``: no later rule applies."""

    rule_id: int
    kind: str
    level: str = LOW
    steps: int = 1
    stop: bool = False

    def __post_init__(self):
        if self.kind not in EFFECTS:
            raise ValueError(f"Unknown rule effect {self.kind!r}: expected one of {', '.join(EFFECTS)}")
        if self.kind in (SET_LEVEL, AT_LEAST):
            _rank(self.level)
        if self.kind == RAISE and self.steps < 1:
            raise ValueError(f"A raise needs at least one level, got {self.steps!r}")


@dataclass(frozen=True)
class Outcome:
    important: bool
    urgent: bool
    level: str
    applied: tuple = ()  # ids of the rules whose effect was applied, in order


def apply_rules(important, urgent, effects):
    """Outcome of ``effects`` (the matching rules, in rule order) on a task with these flags.

    The level starts from the quadrant of the flags.  Marking important or urgent moves the
    task to another quadrant, whose level the task gets when it is higher; a level is set as
    is; "at least" never lowers; a raise adds ``steps`` levels, capped at Urgent.  After a
    rule with ``stop``, no other rule applies."""
    level = _rank(QUADRANT_LEVEL[quadrant(important, urgent)])
    applied = []
    for effect in effects:
        if effect.kind in (MARK_IMPORTANT, MARK_URGENT):
            important = important or effect.kind == MARK_IMPORTANT
            urgent = urgent or effect.kind == MARK_URGENT
            level = max(level, _rank(QUADRANT_LEVEL[quadrant(important, urgent)]))
        elif effect.kind == SET_LEVEL:
            level = _rank(effect.level)
        elif effect.kind == AT_LEAST:
            level = max(level, _rank(effect.level))
        else:
            level = min(level + effect.steps, _rank(URGENT))
        applied.append(effect.rule_id)
        if effect.stop:
            break
    return Outcome(important, urgent, LEVELS[level], tuple(applied))


# ---------------------------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------------------------
# a deadline this many working days away (or further) adds nothing; due today or overdue: all
DEADLINE_HORIZON_DAYS = 10
# this many open tasks waiting on the task give the whole "blocked" weight
BLOCKED_FULL = 5
# fewer finished tasks (with a deadline) than this: no history to speak of
MIN_HISTORY = 3
# score thresholds of the suggested levels, highest first
THRESHOLDS = ((70, URGENT), (45, HIGH), (20, MEDIUM))


@dataclass(frozen=True)
class Weights:
    deadline: float = 40
    blocked: float = 20
    critical: float = 15
    effort: float = 10
    history: float = 15

    def total(self):
        return sum(max(w, 0) for w in (self.deadline, self.blocked, self.critical, self.effort, self.history))


@dataclass(frozen=True)
class LateHistory:
    """Tasks finished in the period (with a deadline), and how many of them after it."""

    late: int
    done: int
    name: str = ""

    @property
    def rate(self):
        return self.late / self.done if self.done else 0.0

    @property
    def meaningful(self):
        return self.done >= MIN_HISTORY


@dataclass(frozen=True)
class TaskFacts:
    """What the suggestion of one task is computed from.

    ``days_to_deadline``: working days from today to the deadline (0 due today, negative
    overdue, None no deadline); ``remaining_hours``: allocated minus spent hours (None when
    nothing is allocated); ``assignee_history``: one :class:`LateHistory` per assignee."""

    days_to_deadline: int | None = None
    blocked_count: int = 0
    critical: bool = False
    remaining_hours: float | None = None
    hours_per_day: float = 8.0
    assignee_history: tuple = ()
    project_history: LateHistory | None = None


@dataclass(frozen=True)
class Reason:
    """One line of the explanation: ``code`` says which, ``points`` what it adds to the
    score, ``values`` the numbers to show."""

    code: str
    points: float
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    level: str
    score: int
    reasons: tuple = ()


def deadline_factor(days):
    """1 when due today or overdue, falling by a tenth a working day, 0 from 10 days on."""
    if days is None:
        return 0.0
    if days <= 0:
        return 1.0
    return max(0.0, (DEADLINE_HORIZON_DAYS - days) / DEADLINE_HORIZON_DAYS)


def effort_factor(remaining_hours, hours_per_day, days):
    """Working days of work left over the working days left before the deadline (at most 1)."""
    if days is None or not remaining_hours or remaining_hours <= 0 or hours_per_day <= 0:
        return 0.0
    needed = remaining_hours / hours_per_day
    return min(1.0, needed / max(days, 1))


def level_of_score(score):
    for threshold, level in THRESHOLDS:
        if score >= threshold:
            return level
    return LOW


def suggest(facts, weights=None):
    """The :class:`Suggestion` for a task: each factor (0 to 1) times its weight, over the sum
    of the weights, as points out of 100; the reasons are the factors that add points, the
    largest first."""
    weights = weights or Weights()
    total = weights.total()
    if total <= 0:
        return Suggestion(LOW, 0, ())
    reasons = []

    def add(code, weight, factor, **values):
        if factor > 0 and weight > 0:
            reasons.append(Reason(code, 100.0 * weight * factor / total, values))

    days = facts.days_to_deadline
    if days is not None:
        code = "overdue" if days < 0 else "due_today" if days == 0 else "deadline"
        add(code, weights.deadline, deadline_factor(days), days=abs(days))
    add("blocked", weights.blocked, min(facts.blocked_count, BLOCKED_FULL) / BLOCKED_FULL, count=facts.blocked_count)
    add("critical", weights.critical, 1.0 if facts.critical else 0.0)
    add("effort", weights.effort, effort_factor(facts.remaining_hours, facts.hours_per_day, days),
        hours=facts.remaining_hours, days=max(days or 0, 0))
    # history: the worst of the assignees' and the project's late rates (with enough tasks)
    histories = [("assignee_late", h) for h in facts.assignee_history if h.meaningful]
    if facts.project_history is not None and facts.project_history.meaningful:
        histories.append(("project_late", facts.project_history))
    if histories:
        code, worst = max(histories, key=lambda item: item[1].rate)
        add(code, weights.history, worst.rate, name=worst.name, percent=round(100 * worst.rate),
            late=worst.late, done=worst.done)
    reasons.sort(key=lambda r: -r.points)
    score = round(sum(r.points for r in reasons))
    return Suggestion(level_of_score(score), score, tuple(reasons))
