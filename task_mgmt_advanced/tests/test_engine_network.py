"""Incremental scheduling (``engine.scheduler.Network``): after any sequence of updates its
results equal a full :func:`schedule` of the updated tasks, and an update touches only what
the change reaches.

Plain pytest, no database. Positions are working-day indexes (ef = es + duration).
"""

import random

import pytest

from ..engine.scheduler import CycleError, Network, SchedLink, SchedResult, SchedTask, schedule

KINDS = ["FS", "SS", "FF", "SF"]


def random_network(rng, count):
    """Tasks with durations 0..6 (milestones too), some pinned starts, and a random DAG of
    typed links with lags and leads."""
    tasks = [SchedTask(i, f"T{i}", rng.randint(0, 6), rng.choice([None, None, None, rng.randint(0, 12)]))
             for i in range(count)]
    pairs = {(rng.randrange(max(0, i - 15), i), i) for i in range(1, count) for _ in range(rng.randint(0, 3))}
    links = [SchedLink(p, s, rng.choice(KINDS), rng.randint(-3, 4)) for p, s in sorted(pairs)]
    rng.shuffle(tasks)  # topological order is the engine's business, not the input's
    return tasks, links


def test_network_equals_schedule():
    """Built from the same tasks and links, a network gives exactly what schedule() gives."""
    rng = random.Random(5)
    for _ in range(20):
        tasks, links = random_network(rng, rng.randint(1, 60))
        assert Network(tasks, links, start_index=2).results() == schedule(tasks, links, start_index=2)


def test_updates_equal_full_recomputation_on_random_networks():
    """Random sequences of duration and pinned-start changes (one task or several at once,
    lengthened, shortened, pinned later, unpinned, made milestones): after each update every
    task's dates and floats equal a full schedule's, and the ids returned are exactly the tasks
    whose result changed."""
    rng = random.Random(17)
    for _ in range(40):
        tasks, links = random_network(rng, rng.randint(2, 80))
        current = {task.id: task for task in tasks}
        network = Network(tasks, links, start_index=1)
        before = network.results()
        for _step in range(8):
            changes = []
            for task_id in rng.sample(sorted(current), rng.randint(1, 3)):
                old = current[task_id]
                new = old._replace(
                    duration=rng.choice([old.duration, max(0, old.duration + rng.randint(-3, 3)), 0]),
                    pinned_start=rng.choice([old.pinned_start, None, rng.randint(0, 20)]),
                )
                current[task_id] = new
                changes.append(new)
            changed = network.update(changes)
            expected = schedule(list(current.values()), links, start_index=1)
            after = network.results()
            assert after == expected
            assert sorted(changed) == sorted(k for k in after if after[k] != before[k])
            before = after


def test_update_touches_only_downstream_tasks():
    """A chain A -> B -> C and an unrelated D: lengthening B moves C only; the project finish
    moves, so the floats of every task follow (D's float grows by one)."""
    tasks = [SchedTask("A", "A", 2), SchedTask("B", "B", 3), SchedTask("C", "C", 1), SchedTask("D", "D", 2)]
    links = [SchedLink("A", "B"), SchedLink("B", "C")]
    network = Network(tasks, links)
    assert network.results()["D"] == SchedResult(0, 2, 4, 6, 4, 4, False)
    changed = network.update([SchedTask("B", "B", 4)])
    assert sorted(changed) == ["B", "C", "D"]
    results = network.results()
    assert results["C"] == SchedResult(6, 7, 6, 7, 0, 0, True)
    assert results["D"] == SchedResult(0, 2, 5, 7, 5, 5, False)
    assert results["A"] == SchedResult(0, 2, 0, 2, 0, 0, True)


def test_update_without_finish_change_is_local():
    """Shortening a task with float leaves the finish where it is: only that task and the
    floats of its neighbours change, not the other branch."""
    tasks = [SchedTask("A", "A", 5), SchedTask("B", "B", 2), SchedTask("C", "C", 1), SchedTask("E", "E", 3)]
    links = [SchedLink("A", "C"), SchedLink("B", "C")]
    network = Network(tasks, links)
    changed = network.update([SchedTask("B", "B", 1)])
    assert sorted(changed) == ["B"]
    assert network.results()["B"] == SchedResult(0, 1, 4, 5, 4, 4, False)
    assert network.results() == schedule([tasks[0], SchedTask("B", "B", 1), *tasks[2:]], links)


def test_pinned_start_update_and_unpin():
    """Pinning a task later moves its successors; unpinning moves them back."""
    tasks = [SchedTask("A", "A", 2), SchedTask("B", "B", 2)]
    links = [SchedLink("A", "B", "SS", 1)]
    network = Network(tasks, links)
    network.update([SchedTask("A", "A", 2, 5)])
    assert network.results()["B"].es == 6
    network.update([SchedTask("A", "A", 2, None)])
    assert network.results() == schedule(tasks, links)


def test_update_validates_its_input():
    """Unknown ids and negative durations are refused, naming the task."""
    network = Network([SchedTask("A", "Alpha", 1)], [])
    with pytest.raises(ValueError, match="Unknown task id 'Z'"):
        network.update([SchedTask("Z", "Z", 1)])
    with pytest.raises(ValueError, match="Task Alpha has a negative duration"):
        network.update([SchedTask("A", "Alpha", -1)])
    assert Network([], []).update([]) == []


def test_network_refuses_a_cycle_like_schedule():
    """A cycle raises the same CycleError as schedule()."""
    with pytest.raises(CycleError) as info:
        Network([SchedTask("A", "A", 1), SchedTask("B", "B", 1)], [SchedLink("A", "B"), SchedLink("B", "A")])
    assert info.value.cycle == ["A", "B", "A"]
