# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a Gantt chart needs besides the schedule itself: link checks, MS Project style
predecessor strings, outline numbers.  No ``odoo`` import: unit-tested without a database.

Positions are working-day indexes (as in ``task_mgmt_advanced.engine.scheduler``): a task of
duration ``d`` starting at position ``s`` occupies ``[s, s + d)``; a milestone (``d == 0``) is the
point ``s``.
"""

LINK_TYPES = ("fs", "ss", "ff", "sf")


def link_weight(kind, lag, pred_duration, succ_duration):
    """Smallest distance, in working days, from the predecessor's start to the successor's
    start that the link allows (the scheduler's difference constraint ``s_S >= s_P + w``).

    >>> link_weight("fs", 2, 3, 1), link_weight("ss", 0, 3, 1), link_weight("ff", 0, 3, 1), link_weight("sf", 0, 3, 2)
    (5, 0, 2, -2)
    """
    if kind not in LINK_TYPES:
        raise ValueError(f"Unknown link type {kind!r}: expected one of {', '.join(LINK_TYPES)}")
    weight = lag
    if kind in ("fs", "ff"):
        weight += pred_duration
    if kind in ("ff", "sf"):
        weight -= succ_duration
    return weight


def link_violated(kind, lag, pred_start, pred_duration, succ_start, succ_duration):
    """True when the successor sits earlier than the link allows (positions in working days).

    >>> link_violated("fs", 0, 0, 3, 3, 1), link_violated("fs", 0, 0, 3, 2, 1)
    (False, True)
    """
    return succ_start < pred_start + link_weight(kind, lag, pred_duration, succ_duration)


def lag_label(lag):
    """The small label drawn on an arrow: "+2d", "−1d" (a minus sign), "" without lag.

    >>> lag_label(2), lag_label(-1), lag_label(0)
    ('+2d', '−1d', '')
    """
    if not lag:
        return ""
    return f"+{lag}d" if lag > 0 else f"−{-lag}d"


def ms_project_predecessors(links, numbers):
    """Predecessors written the MS Project way, e.g. ``"12FS+2d;15SS"``.

    :param links: iterable of ``(predecessor id, type, lag)`` of one task.
    :param numbers: ``{task id: row number}``; predecessors without a number (not exported)
        are left out.
    """
    parts = []
    for pred, kind, lag in links:
        number = numbers.get(pred)
        if number is None:
            continue
        text = f"{number}{kind.upper()}"
        if lag:
            text += f"{lag:+d}d"
        parts.append(text)
    return ";".join(parts)


def outline_numbers(rows):
    """Outline numbers ("1", "1.1", "1.2", "2") of tasks given in display order.

    :param rows: iterable of ``(task id, parent id or None)``; a parent is listed before its
        children, a parent not in ``rows`` makes the task top level.
    :returns: ``{task id: outline number}``.
    """
    numbers, children = {}, {}
    top = 0
    for task_id, parent_id in rows:
        if parent_id in numbers:
            children[parent_id] = children.get(parent_id, 0) + 1
            numbers[task_id] = f"{numbers[parent_id]}.{children[parent_id]}"
        else:
            top += 1
            numbers[task_id] = str(top)
    return numbers


def subtask_order(rows):
    """Tasks in display order with their depth: each parent followed by its subtasks.

    :param rows: list of ``(task id, parent id or None)`` already sorted (e.g. by start);
        a task whose parent is not in ``rows`` is top level.
    :returns: list of ``(task id, depth)``.
    """
    present = {task_id for task_id, _parent in rows}
    children = {}
    roots = []
    for task_id, parent_id in rows:
        if parent_id in present and parent_id != task_id:
            children.setdefault(parent_id, []).append(task_id)
        else:
            roots.append(task_id)
    result, seen = [], set()
    stack = [(task_id, 0) for task_id in reversed(roots)]
    while stack:
        task_id, depth = stack.pop()
        if task_id in seen:
            continue
        seen.add(task_id)
        result.append((task_id, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(task_id, ())))
    # a parent cycle (never in Odoo, which forbids it) would leave tasks out: list them flat
    result.extend((task_id, 0) for task_id, _parent in rows if task_id not in seen)
    return result
