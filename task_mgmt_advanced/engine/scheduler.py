"""Critical path method (CPM) on working-day positions.

Positions are working-day indexes of a :class:`~.workcalendar.WorkAxis`: the scheduler never
sees a date. A task of duration ``d`` placed at position ``es`` occupies the half-open range
``[es, es + d)``: it starts at the beginning of working day ``es`` and finishes at the end of
working day ``es + d - 1``. A milestone (``d == 0``) is the point ``es``.

Links between a predecessor P and a successor S, with ``lag`` in working days (negative: lead):

====  ==========================  ==========================
kind  forward pass (earliest)     backward pass (latest)
====  ==========================  ==========================
FS    ``es_S >= ef_P + lag``      ``lf_P <= ls_S - lag``
SS    ``es_S >= es_P + lag``      ``ls_P <= ls_S - lag``
FF    ``ef_S >= ef_P + lag``      ``lf_P <= lf_S - lag``
SF    ``ef_S >= es_P + lag``      ``ls_P <= lf_S - lag``
====  ==========================  ==========================

Every kind reduces to one difference constraint between start positions,
``es_S >= es_P + w`` with ``w = lag + (d_P if the link leaves P's finish) - (d_S if it reaches
S's finish)``, and the backward pass uses the same weight: ``ls_P <= ls_S - w``. The engine
therefore works on integer arrays (tasks mapped to ``0..n-1``, one successor list of
``(successor, w)`` pairs per task) in three linear passes:

1. Kahn's algorithm gives a topological order and, in the same loop, the earliest starts:
   ``es = max(start_index, pinned_start, es_P + w for every incoming link)``.
2. In reverse topological order, the latest starts:
   ``ls = min(finish - d, ls_S - w for every outgoing link)`` where ``finish`` is the project
   finish (the largest ``ef``). Tasks without successors thus get ``lf = finish``; capping every
   task at ``finish`` also keeps a long task that only has a start-to-start successor on the
   critical path. The same loop computes the free float: the smallest slack
   ``es_S - es_P - w`` over the outgoing links, and ``finish - ef`` (the project finish acts as a
   successor of every task, so that free float never exceeds total float).
3. ``lf = ls + d``, ``total_float = ls - es``, ``critical = total_float <= 0``.

Pinned starts ("start no earlier than", as in MS Project) only raise ``es`` in the forward pass;
the backward pass ignores them, so a pinned task's float says how far it may slip past its
pinned start. With "no earlier than" constraints alone the early schedule satisfies every
backward constraint, so float is never negative here; ``critical`` still tests ``<= 0`` so that a
negative float (from a deadline-type constraint) would read as critical.

Any cycle, whatever the link kinds, raises :class:`CycleError` naming the tasks of one actual
cycle in order. No ``odoo`` import here: this module is unit-tested without a database.
"""

import gc
import heapq
import math
import operator
from contextlib import contextmanager
from itertools import repeat
from operator import add, itemgetter, sub
from typing import Any, NamedTuple

from .graph import find_cycle

LINK_KINDS = ("FS", "SS", "FF", "SF")


class SchedTask(NamedTuple):
    """A task to schedule: ``duration`` in whole working days (0 = milestone).

    ``pinned_start`` is a working-day index the task may not start before, or None.
    """

    id: Any
    name: str
    duration: int
    pinned_start: int | None = None


class SchedLink(NamedTuple):
    """A dependency ``pred -> succ`` of kind FS, SS, FF or SF; ``lag`` in working days (< 0: lead)."""

    pred: Any
    succ: Any
    kind: str = "FS"
    lag: int = 0


class SchedResult(NamedTuple):
    """Earliest and latest positions of a task, its floats and whether it is critical."""

    es: int
    ef: int
    ls: int
    lf: int
    total_float: int
    free_float: int
    critical: bool


class TaskDates(NamedTuple):
    """Dates of a scheduled task; the ends are the last working day of the task, inclusive."""

    planned_start: Any
    planned_end: Any
    late_start: Any
    late_end: Any


class CycleError(ValueError):
    """The links contain a cycle: ``cycle`` lists the task names along it, ``cycle_ids`` their
    ids, first one repeated last. Data, not a message: the caller words it for its users (in
    their language)."""

    def __init__(self, cycle, cycle_ids=()):
        self.cycle = list(cycle)
        self.cycle_ids = list(cycle_ids)
        super().__init__(self.cycle_ids)


def _as_int(value, what):
    """``value`` as an int, or ValueError (bools and floats are refused)."""
    try:
        if isinstance(value, bool):
            raise TypeError(value)
        return operator.index(value)
    except TypeError:
        raise ValueError(f"{what} must be an integer, got {value!r}") from None


def duration_days(allocated_hours, hours_per_day, duration=None, milestone=False):
    """Duration of a task in working days.

    Policy:

    * a ``milestone`` (the task's explicit flag) takes no time: 0, whatever its hours;
    * an explicit ``duration`` wins: 0 makes the task a milestone;
    * otherwise the allocated hours are spread over days of ``hours_per_day`` hours, rounded up:
      ``ceil(allocated_hours / hours_per_day)``;
    * a task with neither a duration nor hours takes one working day (a plain task is never a
      milestone by accident).

    >>> duration_days(20, 8), duration_days(16, 8), duration_days(0, 8), duration_days(40, 8, duration=0)
    (3, 2, 1, 0)
    >>> duration_days(40, 8, duration=5, milestone=True)
    0
    """
    if milestone:
        return 0
    if duration is not None:
        duration = _as_int(duration, "Duration")
        if duration < 0:
            raise ValueError(f"Duration must not be negative, got {duration}")
        return duration
    if not hours_per_day or hours_per_day <= 0:
        raise ValueError(f"Hours per day must be positive, got {hours_per_day!r}")
    hours = allocated_hours or 0
    if hours < 0:
        raise ValueError(f"Allocated hours must not be negative, got {hours!r}")
    if hours == 0:
        return 1
    # round() first so that 16.000000001 / 8 stays 2 days.
    return max(1, math.ceil(round(hours / hours_per_day, 9)))


def _read_tasks(tasks, start_index):
    """Map task ids to ``0..n-1``; return ids, labels, durations, earliest starts, positions."""
    ids, labels, durations, earliest = [], [], [], []
    position = {}
    for task_id, name, duration, pinned in tasks:
        label = name or str(task_id)
        if task_id in position:
            raise ValueError(f"Duplicate task id {task_id!r} ({label})")
        if duration.__class__ is not int:
            duration = _as_int(duration, f"Duration of task {label}")
        if duration < 0:
            raise ValueError(f"Task {label} has a negative duration ({duration})")
        if pinned is None:
            first = start_index
        else:
            if pinned.__class__ is not int:
                pinned = _as_int(pinned, f"Pinned start of task {label}")
            first = max(pinned, start_index)
        position[task_id] = len(ids)
        ids.append(task_id)
        labels.append(label)
        durations.append(duration)
        earliest.append(first)
    return ids, labels, durations, earliest, position


def _check_link(pred, succ, kind, lag, position, labels):
    """Raise the ValueError that describes a bad link (called only once a check failed)."""
    for task_id, role in ((pred, "predecessor"), (succ, "successor")):
        if task_id not in position:
            raise ValueError(f"Link {pred!r} -> {succ!r}: unknown {role} task id {task_id!r}")
    if pred == succ:
        raise ValueError(f"Task {labels[position[pred]]} cannot depend on itself")
    if kind not in LINK_KINDS:
        raise ValueError(
            f"Link {labels[position[pred]]} -> {labels[position[succ]]}: kind must be one of "
            f"{', '.join(LINK_KINDS)}, got {kind!r}"
        )
    raise ValueError(f"Duplicate link {labels[position[pred]]} -> {labels[position[succ]]}")


def _read_links(links, position, labels, durations):
    """Successor lists of ``(successor, weight)`` pairs and the in-degree of each task.

    The weight turns every link kind into ``es_S >= es_P + weight`` (see the module docstring).
    """
    count = len(durations)
    successors = [[] for _ in range(count)]
    indegree = [0] * count
    seen = set()
    get = position.get
    for pred, succ, kind, lag in links:
        p = get(pred)
        s = get(succ)
        if p is None or s is None or p == s:
            _check_link(pred, succ, kind, lag, position, labels)
        key = p * count + s
        if key in seen:
            _check_link(pred, succ, kind, lag, position, labels)
        seen.add(key)
        if lag.__class__ is not int:
            lag = _as_int(lag, f"Lag of link {labels[p]} -> {labels[s]}")
        # most links are FS: test it first
        if kind == "FS":
            lag += durations[p]
        elif kind == "FF":
            lag += durations[p] - durations[s]
        elif kind == "SF":
            lag -= durations[s]
        elif kind != "SS":
            _check_link(pred, succ, kind, lag, position, labels)
        successors[p].append((s, lag))
        indegree[s] += 1
    return successors, indegree


def _cycle_error(successors, indegree, ids, labels):
    """CycleError naming one actual cycle among the tasks Kahn's algorithm could not order
    (found by :func:`graph.find_cycle`, the engine's one cycle finder), starting with the task
    given first."""
    pairs = [(p, s) for p, remaining in enumerate(indegree) if remaining
             for s, _weight in successors[p] if indegree[s]]
    loop = find_cycle(pairs)[:-1]
    first = loop.index(min(loop))  # positions: the task given first, for stable messages
    loop = loop[first:] + loop[:first] + [loop[first]]
    return CycleError([labels[i] for i in loop], [ids[i] for i in loop])


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while the engine allocates.

    The engine builds hundreds of thousands of small containers (successor pairs, results) and
    none of them in a reference cycle, so reference counting frees everything; without the pause
    each batch of allocations triggers collections that walk every object of the process (the
    same reasoning as Mercurial's ``util.nogc``). The previous state is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def schedule(tasks, links, start_index=0):
    """Earliest and latest positions of every task (critical path method).

    :param tasks: iterable of :class:`SchedTask` (or 4-tuples id, name, duration, pinned_start).
    :param links: iterable of :class:`SchedLink` (or 4-tuples pred, succ, kind, lag).
    :param start_index: working-day index no task may start before (project start).
    :returns: dict task id -> :class:`SchedResult`, in the order of ``tasks``.
    :raises CycleError: when the links form a cycle.
    :raises ValueError: on a negative or non-integer duration, a duplicate task id, a link to an
        unknown task, a self-link, an unknown link kind or a duplicate (pred, succ) pair.
    """
    start_index = _as_int(start_index, "Start index")
    with _gc_paused():
        ids, labels, durations, es, position = _read_tasks(tasks, start_index)
        if not ids:
            return {}
        successors, indegree = _read_links(links, position, labels, durations)
        order = _forward_pass(successors, indegree, es)
        if len(order) < len(ids):
            raise _cycle_error(successors, indegree, ids, labels)
        ef = list(map(add, es, durations))
        ls, free = _backward_pass(order, successors, durations, es, ef)
        del successors, indegree, order, position  # free the graph before building the results
        lf = list(map(add, ls, durations))
        total = list(map(sub, ls, es))
        critical = [value <= 0 for value in total]
        # tuple.__new__ rather than SchedResult._make: no Python-level call per task
        rows = map(
            tuple.__new__, repeat(SchedResult), zip(es, ef, ls, lf, total, free, critical, strict=True)
        )
        return dict(zip(ids, rows, strict=True))


def _forward_pass(successors, indegree, es):
    """Kahn's algorithm; raises each ``es`` to its constraints as the task is reached.

    A task's ``es`` is final when it enters the returned topological order (``indegree`` is
    consumed). Tasks on or behind a cycle never enter it.
    """
    order = [i for i, remaining in enumerate(indegree) if not remaining]
    append = order.append
    for p in order:  # ``order`` grows while it is walked
        start = es[p]
        for s, weight in successors[p]:
            value = start + weight
            # a plain comparison: max() is a call per link in the hottest loop
            if value > es[s]:  # noqa: PLR1730
                es[s] = value
            remaining = indegree[s] - 1
            indegree[s] = remaining
            if not remaining:
                append(s)
    return order


def _backward_pass(order, successors, durations, es, ef):
    """Latest starts and free floats, in reverse topological order."""
    finish = max(ef)
    ls = [finish - duration for duration in durations]
    free = [finish - end for end in ef]
    for p in reversed(order):
        ls[p], free[p] = _latest_and_slack(ls[p], free[p], es[p], successors[p], ls, es)
    return ls, free


def _latest_and_slack(latest, slack, start, links, ls, es):
    """A task's latest start and free float: ``latest`` and ``slack`` (from the project finish)
    lowered by each of its successor ``links`` ``(successor, weight)``, given the successors'
    latest starts ``ls`` and earliest starts ``es`` and the task's earliest ``start``."""
    for s, weight in links:
        # plain comparisons: min() is a call per link in a hot loop
        value = ls[s] - weight
        if value < latest:  # noqa: PLR1730
            latest = value
        value = es[s] - start - weight
        if value < slack:  # noqa: PLR1730
            slack = value
    return latest, slack


def critical_path(results):
    """Ids of the critical tasks, by earliest start (then earliest finish, then given order)."""
    ordered = sorted(results.items(), key=lambda item: (item[1].es, item[1].ef))
    return [task_id for task_id, result in ordered if result.critical]


def to_dates(results, axis):
    """Dates of scheduled tasks: dict task id -> :class:`TaskDates`.

    ``planned_start`` is the date of working day ``es``; ``planned_end`` the last working day of
    the task, ``ef - 1``, or ``es`` for a milestone. Late dates likewise from ``ls`` and ``lf``.
    ``axis`` is a :class:`~.workcalendar.WorkAxis` (anything with ``date(index)``; a ``dates``
    method taking many indexes at once is used when present).
    """
    values = list(results.values())
    es = list(map(itemgetter(0), values))
    ef = list(map(itemgetter(1), values))
    ls = list(map(itemgetter(2), values))
    lf = list(map(itemgetter(3), values))
    # last working day: ef - 1 for a task, es for a milestone (ef == es): max(es, ef - 1)
    ends = list(map(max, es, map(sub, ef, repeat(1))))
    late_ends = list(map(max, ls, map(sub, lf, repeat(1))))
    many = getattr(axis, "dates", None) or (lambda indexes: [axis.date(i) for i in indexes])
    with _gc_paused():
        columns = zip(many(es), many(ends), many(ls), many(late_ends), strict=True)
        return dict(zip(results, map(tuple.__new__, repeat(TaskDates), columns), strict=True))


def _weight(kind, lag, pred_duration, succ_duration):
    """The weight of a link: ``es_S >= es_P + weight`` (see the module docstring)."""
    if kind == "FS":
        return lag + pred_duration
    if kind == "FF":
        return lag + pred_duration - succ_duration
    if kind == "SF":
        return lag - succ_duration
    return lag


class Network:
    """A scheduled network kept in memory, updated incrementally when tasks change.

    ``Network(tasks, links, start_index)`` schedules like :func:`schedule` (same arguments,
    same errors, same results); :meth:`update` then takes new durations and pinned starts of
    some tasks (the links stay as they are) and recomputes only what they reach:

    * forward, the earliest starts of the changed tasks and of their successors, in
      topological order (a heap of topological ranks), going on from a task only when its
      ``es`` changed: the tasks downstream of the change, no other;
    * the project finish (the largest ``ef``, one scan); when it changed, every latest date
      changes: the backward pass runs over the whole network (as :func:`schedule`);
    * otherwise backward, in reverse topological order, the latest starts and free floats of
      the tasks whose duration or earliest start changed and of their predecessors, going on to
      a task's predecessors only when its ``ls`` changed.

    After any sequence of updates the results equal those of :func:`schedule` on the updated
    tasks (``tests/test_engine_scheduler.py`` compares them on random networks).
    """

    def __init__(self, tasks, links, start_index=0):
        start_index = _as_int(start_index, "Start index")
        links = list(links)
        with _gc_paused():
            ids, labels, durations, earliest, position = _read_tasks(tasks, start_index)
            successors, indegree = _read_links(links, position, labels, durations)
            es = list(earliest)
            order = _forward_pass(successors, indegree, es) if ids else []
            if len(order) < len(ids):
                raise _cycle_error(successors, indegree, ids, labels)
            self.start_index = start_index
            self.ids, self.labels, self.position = ids, labels, position
            self.durations, self.earliest, self.es = durations, earliest, es
            self.successors, self.order = successors, order
            self.ef = list(map(add, es, durations))
            self.finish = max(self.ef) if ids else start_index
            self.ls, self.free = _backward_pass(order, successors, durations, es, self.ef) if ids else ([], [])
            self._links = links
            self._rank = self._predecessors = self._kinds = None

    def __len__(self):
        return len(self.ids)

    def result(self, index):
        """The :class:`SchedResult` of the task at ``index`` (0..n-1, the order of the tasks given)."""
        es, ls, duration = self.es[index], self.ls[index], self.durations[index]
        total = ls - es
        return SchedResult(es, es + duration, ls, ls + duration, total, self.free[index], total <= 0)

    def results(self):
        """dict task id -> :class:`SchedResult`, as :func:`schedule` returns."""
        return {task_id: self.result(index) for index, task_id in enumerate(self.ids)}

    def _index(self):
        """Topological ranks, predecessor lists and link kinds (built at the first update)."""
        if self._rank is not None:
            return
        with _gc_paused():
            rank = [0] * len(self.ids)
            for r, i in enumerate(self.order):
                rank[i] = r
            predecessors = [[] for _ in self.ids]
            for p, pairs in enumerate(self.successors):
                for s, weight in pairs:
                    predecessors[s].append((p, weight))
            get = self.position.__getitem__
            self._kinds = {(get(pred), get(succ)): (kind, _as_int(lag, "Lag"))
                           for pred, succ, kind, lag in self._links}
            self._rank, self._predecessors = rank, predecessors

    def _reweigh(self, task):
        """Weights of the links of ``task`` after its duration changed."""
        durations, kinds = self.durations, self._kinds
        successors, predecessors = self.successors, self._predecessors
        for s, _w in successors[task]:
            weight = _weight(*kinds[task, s], durations[task], durations[s])
            successors[task] = [(x, weight if x == s else w) for x, w in successors[task]]
            predecessors[s] = [(x, weight if x == task else w) for x, w in predecessors[s]]
        for p, _w in predecessors[task]:
            weight = _weight(*kinds[p, task], durations[p], durations[task])
            predecessors[task] = [(x, weight if x == p else w) for x, w in predecessors[task]]
            successors[p] = [(x, weight if x == task else w) for x, w in successors[p]]

    def update(self, tasks):
        """Apply new durations and pinned starts of existing tasks (:class:`SchedTask` tuples;
        names are ignored) and recompute what they reach.  Returns the ids of the tasks whose
        :class:`SchedResult` changed, in no particular order."""
        if not self.ids:
            return []
        self._index()
        forward, resized = self._apply(tasks)
        changed = self._forward(forward) | resized
        ef, es, durations = self.ef, self.es, self.durations
        for i in changed:
            ef[i] = es[i] + durations[i]
        finish = max(ef)
        if finish != self.finish:
            # every latest date follows the project finish: the whole backward pass
            self.finish = finish
            ls, free = _backward_pass(self.order, self.successors, durations, es, ef)
            changed.update(i for i, (a, b, c, d) in enumerate(zip(ls, self.ls, free, self.free, strict=True))
                           if a != b or c != d)
            self.ls, self.free = ls, free
        else:
            self._backward(changed)
        return [self.ids[i] for i in changed]

    def _apply(self, tasks):
        """Store the new durations and earliest starts; return the tasks whose earliest start
        must be recomputed and those whose duration changed (positions)."""
        durations, earliest, successors = self.durations, self.earliest, self.successors
        forward, resized = set(), set()
        for task_id, _name, duration, pinned in tasks:
            index = self.position.get(task_id)
            if index is None:
                raise ValueError(f"Unknown task id {task_id!r}")
            label = self.labels[index]
            duration = _as_int(duration, f"Duration of task {label}")
            if duration < 0:
                raise ValueError(f"Task {label} has a negative duration ({duration})")
            first = self.start_index if pinned is None else max(
                _as_int(pinned, f"Pinned start of task {label}"), self.start_index)
            if duration != durations[index]:
                durations[index] = duration
                self._reweigh(index)
                resized.add(index)
                forward.update(s for s, _w in successors[index])
            if first != earliest[index] or index in resized:
                earliest[index] = first
                forward.add(index)
        return forward, resized

    def _forward(self, forward):
        """Earliest starts in topological order from the tasks ``forward``; going on from a
        task only when its ``es`` changed.  Returns the tasks whose ``es`` changed."""
        rank, order, predecessors, successors = self._rank, self.order, self._predecessors, self.successors
        earliest, es = self.earliest, self.es
        heap = [rank[i] for i in forward]
        heapq.heapify(heap)
        queued, moved = set(forward), set()
        while heap:
            i = order[heapq.heappop(heap)]
            start = earliest[i]
            for p, weight in predecessors[i]:
                value = es[p] + weight
                if value > start:  # noqa: PLR1730
                    start = value
            if start != es[i]:
                es[i] = start
                moved.add(i)
                for s, _w in successors[i]:
                    if s not in queued:
                        queued.add(s)
                        heapq.heappush(heap, rank[s])
        return moved

    def _backward(self, changed):
        """Latest starts and free floats, in reverse topological order, of the tasks whose
        duration or earliest start changed (``changed``, completed in place with every task
        whose result changed) and of their predecessors; going on to a task's predecessors
        only when its ``ls`` changed.  The project finish is unchanged."""
        rank, order, predecessors, successors = self._rank, self.order, self._predecessors, self.successors
        durations, es, ef, ls, free, finish = self.durations, self.es, self.ef, self.ls, self.free, self.finish
        queued = set(changed)
        for i in changed:
            queued.update(p for p, _w in predecessors[i])
        heap = [-rank[i] for i in queued]
        heapq.heapify(heap)
        while heap:
            i = order[-heapq.heappop(heap)]
            latest, slack = _latest_and_slack(finish - durations[i], finish - ef[i], es[i], successors[i], ls, es)
            if slack != free[i]:
                free[i] = slack
                changed.add(i)
            if latest != ls[i]:
                ls[i] = latest
                changed.add(i)
                for p, _w in predecessors[i]:
                    if p not in queued:
                        queued.add(p)
                        heapq.heappush(heap, -rank[p])
