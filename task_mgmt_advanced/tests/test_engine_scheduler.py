"""Critical path engine: link kinds, lags, pinned starts, floats, dates, cycles, validation.

Plain pytest, no database. Positions are working-day indexes: a task of duration d at es
occupies [es, es + d), so ef = es + d. January 2026: Friday 9, Monday 12, Monday 19.
"""

import random
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from ..engine.scheduler import (
    CycleError,
    SchedLink,
    SchedResult,
    SchedTask,
    TaskDates,
    critical_path,
    duration_days,
    schedule,
    to_dates,
)
from ..engine.workcalendar import WorkCalendar

MON_FRI = {0: 8, 1: 8, 2: 8, 3: 8, 4: 8}


def task(name, duration, pinned_start=None):
    return SchedTask(name, name, duration, pinned_start)


def link(pred, succ, kind="FS", lag=0):
    return SchedLink(pred, succ, kind, lag)


def positions(result):
    return (result.es, result.ef, result.ls, result.lf)


def jan(day):
    return date(2026, 1, day)


# Link kinds, positive lag -------------------------------------------------------------------


def test_finish_to_start_with_lag():
    """FS +2: B starts two working days after A finishes."""
    res = schedule([task("A", 3), task("B", 2)], [link("A", "B", "FS", 2)])
    # A [0, 3); es_B = ef_A + 2 = 5, ef_B = 7; finish 7
    # backward: lf_B = 7, ls_B = 5; lf_A = ls_B - 2 = 3, ls_A = 0
    assert positions(res["A"]) == (0, 3, 0, 3)
    assert positions(res["B"]) == (5, 7, 5, 7)
    assert res["A"].critical and res["B"].critical


def test_start_to_start_with_lag():
    """SS +1: B starts one working day after A starts."""
    res = schedule([task("A", 3), task("B", 2)], [link("A", "B", "SS", 1)])
    # es_B = es_A + 1 = 1, ef_B = 3; finish = max(3, 3) = 3
    # backward: ls_B = 3 - 2 = 1; ls_A <= ls_B - 1 = 0 and <= 3 - 3 = 0 -> 0
    assert positions(res["A"]) == (0, 3, 0, 3)
    assert positions(res["B"]) == (1, 3, 1, 3)


def test_finish_to_finish_with_lag():
    """FF +1: B finishes one working day after A finishes."""
    res = schedule([task("A", 3), task("B", 2)], [link("A", "B", "FF", 1)])
    # ef_B >= ef_A + 1 = 4 -> es_B = 4 - 2 = 2; finish 4
    # backward: lf_B = 4, ls_B = 2; lf_A <= lf_B - 1 = 3 -> ls_A = 0
    assert positions(res["A"]) == (0, 3, 0, 3)
    assert positions(res["B"]) == (2, 4, 2, 4)


def test_start_to_finish_with_lag():
    """SF +4: B finishes four working days after A starts."""
    res = schedule([task("A", 3), task("B", 2)], [link("A", "B", "SF", 4)])
    # ef_B >= es_A + 4 = 4 -> es_B = 2; finish = max(3, 4) = 4
    # backward: lf_B = 4, ls_B = 2; ls_A <= lf_B - 4 = 0 -> lf_A = 3
    assert positions(res["A"]) == (0, 3, 0, 3)
    assert positions(res["B"]) == (2, 4, 2, 4)


# Link kinds, negative lag (lead) ------------------------------------------------------------


def test_finish_to_start_with_lead():
    """FS -1: B starts one working day before A finishes."""
    res = schedule([task("A", 3), task("B", 2)], [link("A", "B", "FS", -1)])
    # es_B = ef_A - 1 = 2, ef_B = 4; finish 4
    # backward: ls_B = 2; lf_A <= ls_B + 1 = 3 -> ls_A = 0
    assert positions(res["A"]) == (0, 3, 0, 3)
    assert positions(res["B"]) == (2, 4, 2, 4)


def test_start_to_start_with_lead():
    """SS -2 after a task pinned at 5: B starts two working days before A."""
    res = schedule([task("A", 3, pinned_start=5), task("B", 2)], [link("A", "B", "SS", -2)])
    # A [5, 8); es_B = es_A - 2 = 3, ef_B = 5; finish 8
    # backward: ls_B = 8 - 2 = 6 (total float 3); ls_A <= ls_B + 2 = 8 and <= 8 - 3 = 5 -> 5
    assert positions(res["A"]) == (5, 8, 5, 8)
    assert positions(res["B"]) == (3, 5, 6, 8)
    assert res["B"].total_float == 3
    # free float of A: SS slack es_B - (es_A - 2) = 0; of B: finish - ef_B = 8 - 5 = 3
    assert res["A"].free_float == 0
    assert res["B"].free_float == 3


def test_finish_to_finish_with_lead():
    """FF -1 after a task pinned at 4: B finishes one working day before A."""
    res = schedule([task("A", 3, pinned_start=4), task("B", 2)], [link("A", "B", "FF", -1)])
    # A [4, 7); ef_B >= ef_A - 1 = 6 -> es_B = 4; finish 7
    # backward: lf_B = 7, ls_B = 5 (float 1); lf_A <= lf_B + 1 = 8 and <= 7 -> 7
    assert positions(res["A"]) == (4, 7, 4, 7)
    assert positions(res["B"]) == (4, 6, 5, 7)
    assert res["B"].total_float == 1


def test_start_to_finish_with_lead():
    """SF -1 after a task pinned at 5: B finishes one working day before A starts."""
    res = schedule([task("A", 3, pinned_start=5), task("B", 2)], [link("A", "B", "SF", -1)])
    # A [5, 8); ef_B >= es_A - 1 = 4 -> es_B = 2; finish 8
    # backward: lf_B = 8, ls_B = 6 (float 4); ls_A <= lf_B + 1 = 9 and <= 8 - 3 = 5 -> 5
    assert positions(res["A"]) == (5, 8, 5, 8)
    assert positions(res["B"]) == (2, 4, 6, 8)
    assert res["B"].total_float == 4


def test_lead_never_starts_before_project_start():
    """A lead larger than the predecessor cannot push a task before start_index."""
    res = schedule([task("A", 1), task("B", 2)], [link("A", "B", "FS", -3)], start_index=10)
    # A [10, 11); es_B = max(start 10, ef_A - 3 = 8) = 10
    assert res["A"].es == 10
    assert res["B"].es == 10
    assert res["B"].ef == 12


def test_long_task_with_start_to_start_successor_stays_critical():
    """A long task whose only successor is SS drives the finish and is critical."""
    res = schedule([task("A", 10), task("B", 1)], [link("A", "B", "SS", 0)])
    # A [0, 10) sets the finish 10; B [0, 1) -> ls_B = 9, float 9
    # A: ls_A <= ls_B - 0 = 9 but also lf_A <= finish 10 -> ls_A = 0, critical
    assert positions(res["A"]) == (0, 10, 0, 10)
    assert res["A"].critical
    assert res["B"].total_float == 9
    assert not res["B"].critical


# Several predecessors, pinned starts, milestones ---------------------------------------------


def test_several_predecessors_take_the_latest_constraint():
    """The successor starts after the most constraining of its predecessors."""
    tasks = [task("A", 2), task("B", 4), task("D", 1), task("C", 3)]
    links = [link("A", "C", "FS", 0), link("B", "C", "FS", 1), link("D", "C", "SS", 3)]
    res = schedule(tasks, links)
    # es_C = max(ef_A + 0 = 2, ef_B + 1 = 5, es_D + 3 = 3) = 5, ef_C = 8
    assert (res["C"].es, res["C"].ef) == (5, 8)
    # backward: ls_C = 5; lf_B = 5 - 1 = 4 (critical); lf_A = 5 -> float 3; ls_D = 5 - 3 = 2 -> float 2
    assert res["B"].total_float == 0
    assert res["A"].total_float == 3
    assert res["D"].total_float == 2


def test_pinned_start_delays_task_and_successors():
    """'Start no earlier than' moves the task and its successors, not its predecessors."""
    tasks = [task("A", 2), task("B", 3, pinned_start=6), task("C", 1)]
    res = schedule(tasks, [link("A", "B"), link("B", "C")])
    # es_B = max(ef_A = 2, pinned 6) = 6, ef_B = 9; es_C = 9, ef_C = 10; finish 10
    assert (res["B"].es, res["B"].ef) == (6, 9)
    assert (res["C"].es, res["C"].ef) == (9, 10)
    # backward ignores the pin: lf_A = ls_B = 6 -> ls_A = 4, float 4 (A may slip to the pinned date)
    assert res["A"].total_float == 4
    assert res["A"].free_float == 4  # es_B - ef_A = 6 - 2
    assert res["B"].total_float == 0


def test_pinned_start_earlier_than_predecessors_has_no_effect():
    """A pin earlier than the dependencies allow is only a lower bound."""
    res = schedule([task("A", 5), task("B", 1, pinned_start=2)], [link("A", "B")])
    # es_B = max(ef_A = 5, pinned 2) = 5
    assert res["B"].es == 5
    assert res["B"].total_float == 0


def test_pinned_task_float_counts_from_its_pinned_start():
    """A pinned task's float is how far it may slip past the pin; it is not negative."""
    tasks = [task("A", 2), task("B", 3, pinned_start=10), task("C", 1), task("D", 20)]
    res = schedule(tasks, [link("A", "B"), link("B", "C")])
    # B [10, 13), C [13, 14); D [0, 20) sets the finish 20
    # backward: ls_C = 20 - 1 = 19; lf_B = 19, ls_B = 16 -> float 16 - 10 = 6
    # lf_A = ls_B = 16, ls_A = 14 -> float 14
    assert positions(res["B"]) == (10, 13, 16, 19)
    assert res["B"].total_float == 6
    assert res["A"].total_float == 14
    assert critical_path(res) == ["D"]


def test_milestones_have_zero_duration():
    """A milestone is a point: es == ef, and it passes its position on to successors."""
    tasks = [task("A", 3), task("M", 0), task("B", 2)]
    res = schedule(tasks, [link("A", "M"), link("M", "B")])
    # M at ef_A = 3 (es = ef = 3); es_B = ef_M = 3, ef_B = 5
    assert (res["M"].es, res["M"].ef) == (3, 3)
    assert (res["B"].es, res["B"].ef) == (3, 5)
    assert res["M"].critical


def test_milestone_links_finish_to_start_and_start_to_start():
    """Milestones (duration 0) as successors and predecessors of FS and SS links: each one's
    start is its end, and it passes that point on to its successor."""
    axis = WorkCalendar(MON_FRI).axis(jan(5))  # Monday 5 January 2026
    tasks = [task("A", 3), task("M1", 0), task("M2", 0), task("B", 2), task("C", 2)]
    links = [link("A", "M1", "FS"), link("A", "M2", "SS", 1), link("M1", "B", "FS"), link("M2", "C", "SS", 1)]
    res = schedule(tasks, links)
    # M1 = ef_A = 3; M2 = es_A + 1 = 1; B = ef_M1 = es_M1 = 3 -> [3, 5); C = es_M2 + 1 = 2 -> [2, 4)
    # finish 5; backward: ls_B = 3, ls_M1 = 3; ls_C = 3, ls_M2 = ls_C - 1 = 2; ls_A = min(3 - 3, 2 - 1) = 0
    assert positions(res["M1"]) == (3, 3, 3, 3)
    assert positions(res["M2"]) == (1, 1, 2, 2)
    assert positions(res["B"]) == (3, 5, 3, 5)
    assert positions(res["C"]) == (2, 4, 3, 5)
    assert res["M1"].critical and not res["M2"].critical
    dates = to_dates(res, axis)
    # A: Mon 5 .. Wed 7; M1 at index 3: Thu 8, start = end; B Thu 8 .. Fri 9
    assert dates["M1"] == TaskDates(jan(8), jan(8), jan(8), jan(8))
    # M2 at index 1: Tue 6 (late: Wed 7); C from index 2: Wed 7 .. Thu 8
    assert dates["M2"] == TaskDates(jan(6), jan(6), jan(7), jan(7))
    assert dates["B"] == TaskDates(jan(8), jan(9), jan(8), jan(9))
    assert dates["C"][:2] == (jan(7), jan(8))


# Floats and critical path --------------------------------------------------------------------


def test_float_and_critical_path_on_two_paths():
    """Five tasks on two paths between a start milestone S and a finish milestone F."""
    tasks = [task("S", 0), task("A", 3), task("B", 4), task("C", 2), task("D", 1), task("E", 2), task("F", 0)]
    links = [
        link("S", "A"),
        link("A", "B"),
        link("B", "E"),
        link("S", "C"),
        link("C", "D"),
        link("D", "E", "FS", 1),
        link("E", "F"),
    ]
    res = schedule(tasks, links)
    # forward: S 0; A [0, 3); B [3, 7); C [0, 2); D [2, 3); E es = max(ef_B 7, ef_D + 1 = 4) = 7,
    # E [7, 9); F 9. Project finish 9.
    # backward: F ls 9; E ls 7; B lf 7 ls 3; A lf 3 ls 0; D lf = ls_E - 1 = 6, ls 5;
    # C lf = ls_D = 5, ls 3; S lf = min(ls_A 0, ls_C 3) = 0.
    expected = {
        # id: (es, ef, ls, lf, total float, free float, critical)
        "S": (0, 0, 0, 0, 0, 0, True),
        "A": (0, 3, 0, 3, 0, 0, True),
        "B": (3, 7, 3, 7, 0, 0, True),
        "C": (0, 2, 3, 5, 3, 0, False),  # free float: es_D - ef_C = 2 - 2 = 0
        "D": (2, 3, 5, 6, 3, 3, False),  # free float: es_E - (ef_D + 1) = 7 - 4 = 3
        "E": (7, 9, 7, 9, 0, 0, True),
        "F": (9, 9, 9, 9, 0, 0, True),
    }
    assert {key: tuple(value) for key, value in res.items()} == expected
    assert all(isinstance(value, SchedResult) for value in res.values())
    # ordered by es then ef: S (0, 0) before A (0, 3)
    assert critical_path(res) == ["S", "A", "B", "E", "F"]


def test_results_keep_task_order_and_accept_plain_tuples():
    """Tasks and links may be plain tuples; results follow the order of the tasks."""
    res = schedule([(20, "second", 1, None), (10, "first", 2, None)], [(10, 20, "FS", 0)])
    assert list(res) == [20, 10]
    assert res[20].es == 2  # ef of task 10 = 0 + 2


def test_empty_schedule():
    """No task, no result."""
    assert schedule([], []) == {}
    assert critical_path({}) == []


# Dates on a working calendar ------------------------------------------------------------------


def test_dates_skip_the_weekend_from_a_friday_start():
    """Project starting on Friday 9 January 2026 on a Monday-Friday calendar."""
    axis = WorkCalendar(MON_FRI).axis(jan(9))
    tasks = [task("A", 2), task("B", 3), task("M", 0)]
    res = schedule(tasks, [link("A", "B"), link("B", "M")])
    dates = to_dates(res, axis)
    # A [0, 2): Fri 9 (index 0) .. Mon 12 (index 1)
    assert dates["A"] == TaskDates(jan(9), jan(12), jan(9), jan(12))
    # B [2, 5): Tue 13 (2) .. Thu 15 (4)
    assert dates["B"] == TaskDates(jan(13), jan(15), jan(13), jan(15))
    # milestone M at 5: Fri 16, start and end
    assert dates["M"] == TaskDates(jan(16), jan(16), jan(16), jan(16))


def test_dates_skip_holidays_and_leaves():
    """A holiday and a full-day leave are skipped, a half-day leave is still worked."""
    calendar = WorkCalendar(
        MON_FRI,
        closed_dates=[jan(14)],  # Wednesday holiday
        reduced_hours={jan(13): 4, jan(15): 0},  # Tue half day, Thu full-day leave
    )
    axis = calendar.axis(jan(9))
    # working days: 0 Fri 9, 1 Mon 12, 2 Tue 13 (4 h), 3 Fri 16, 4 Mon 19, 5 Tue 20
    res = schedule([task("A", 2), task("B", 3)], [link("A", "B")])
    dates = to_dates(res, axis)
    assert dates["A"].planned_start == jan(9)
    assert dates["A"].planned_end == jan(12)
    # B [2, 5): Tue 13 .. index 4 = Mon 19
    assert dates["B"].planned_start == jan(13)
    assert dates["B"].planned_end == jan(19)


def test_late_dates_show_float():
    """Late dates of a task with float come after its planned dates."""
    axis = WorkCalendar(MON_FRI).axis(jan(5))  # Monday
    res = schedule([task("A", 5), task("B", 2), task("C", 1)], [link("A", "C"), link("B", "C")])
    # B [0, 2) with lf = ls_C = 5 -> ls_B = 3: late start Thu 8, late end index 4 = Fri 9
    dates = to_dates(res, axis)
    assert dates["B"] == TaskDates(jan(5), jan(6), jan(8), jan(9))


def test_pinned_start_from_a_date_on_the_calendar():
    """A pinned date on a Saturday becomes the next working day's index."""
    axis = WorkCalendar(MON_FRI).axis(jan(9))
    pinned = axis.index(jan(17))  # Sat 17 -> Mon 19: Fri 9 + 6 working days = index 6
    assert pinned == 6
    res = schedule([task("A", 1, pinned_start=pinned)], [])
    assert to_dates(res, axis)["A"].planned_start == jan(19)


# Durations from hours ------------------------------------------------------------------------


def test_duration_days_policy():
    """Hours round up to whole days, no hours is one day, an explicit 0 is a milestone."""
    assert duration_days(20, 8) == 3  # 20 / 8 = 2.5 -> 3
    assert duration_days(16, 8) == 2  # 16 / 8 = 2
    assert duration_days(16.000000001, 8) == 2  # float noise does not add a day
    assert duration_days(1, 8) == 1  # 0.125 -> 1
    assert duration_days(0, 8) == 1  # no hours, no duration: a plain task takes one day
    assert duration_days(None, 8) == 1
    assert duration_days(40, 8, duration=0) == 0  # explicit milestone
    assert duration_days(40, 8, duration=2) == 2  # explicit duration wins over hours
    assert duration_days(40, 8, duration=2, milestone=True) == 0  # the milestone flag wins over both
    assert duration_days(None, 8, milestone=True) == 0


def test_duration_days_errors():
    """Negative hours or duration, or no hours per day, are refused."""
    with pytest.raises(ValueError, match="Allocated hours must not be negative"):
        duration_days(-1, 8)
    with pytest.raises(ValueError, match="Hours per day must be positive"):
        duration_days(8, 0)
    with pytest.raises(ValueError, match="Duration must not be negative"):
        duration_days(8, 8, duration=-1)


# Cycles ------------------------------------------------------------------------------------


def test_cycle_of_mixed_link_kinds_names_tasks_in_order():
    """A -FS-> B -SS-> C -FF-> A is reported as A → B → C → A, without outside tasks."""
    tasks = [task("X", 1), task("A", 1), task("B", 1), task("C", 1), task("Y", 1)]
    links = [
        link("X", "A"),  # leads into the cycle
        link("A", "B", "FS", 0),
        link("B", "C", "SS", 2),
        link("C", "A", "FF", -1),
        link("C", "Y"),  # leads out of the cycle
    ]
    with pytest.raises(CycleError) as info:
        schedule(tasks, links)
    assert info.value.cycle == ["A", "B", "C", "A"]
    assert info.value.cycle_ids == ["A", "B", "C", "A"]
    assert info.value.args == (["A", "B", "C", "A"],)  # data: the ORM words the message
    assert isinstance(info.value, ValueError)


def test_cycle_starts_with_first_given_task():
    """The reported cycle starts with the task listed first among its members."""
    tasks = [task("D", 1), task("C", 1), task("A", 1), task("B", 1)]
    links = [link("A", "B", "SF", 0), link("B", "C", "FF", 0), link("C", "A", "SS", 0), link("D", "A")]
    with pytest.raises(CycleError) as info:
        schedule(tasks, links)
    # C is given before A and B: C -> A -> B -> C
    assert info.value.cycle == ["C", "A", "B", "C"]


def test_two_task_cycle():
    """Two tasks depending on each other form a cycle."""
    with pytest.raises(CycleError) as info:
        schedule([task("A", 1), task("B", 1)], [link("A", "B", "SS", 0), link("B", "A", "SF", 0)])
    assert info.value.cycle == ["A", "B", "A"]


# Validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tasks", "links", "message"),
    [
        ([task("A", 1)], [link("A", "Z")], "unknown successor task id 'Z'"),
        ([task("A", 1)], [link("Z", "A")], "unknown predecessor task id 'Z'"),
        ([task("A", 1)], [link("A", "A")], "Task A cannot depend on itself"),
        ([task("A", -1)], [], "Task A has a negative duration"),
        ([task("A", 1.5)], [], "Duration of task A must be an integer"),
        ([task("A", 1), task("A", 2)], [], "Duplicate task id 'A'"),
        (
            [task("A", 1), task("B", 1)],
            [link("A", "B", "FS"), link("A", "B", "SS")],
            "Duplicate link A -> B",
        ),
        ([task("A", 1), task("B", 1)], [link("A", "B", "XX")], "kind must be one of FS, SS, FF, SF"),
        ([task("A", 1), task("B", 1)], [link("A", "B", "FS", 0.5)], "Lag of link A -> B must be an integer"),
        ([task("A", 1, pinned_start="3")], [], "Pinned start of task A must be an integer"),
    ],
)
def test_invalid_input_raises_value_error(tasks, links, message):
    """Unknown ids, self-links, negative or non-integer values and duplicates are refused."""
    with pytest.raises(ValueError, match=message):
        schedule(tasks, links)


def test_non_integer_start_index_raises():
    """The project start must be a working-day index."""
    with pytest.raises(ValueError, match="Start index must be an integer"):
        schedule([task("A", 1)], [], start_index=1.0)


def test_invalid_input_is_not_a_cycle_error():
    """Validation errors are plain ValueErrors, not CycleErrors."""
    with pytest.raises(ValueError) as info:
        schedule([task("A", 1)], [link("A", "A")])
    assert not isinstance(info.value, CycleError)


# Invariants on generated networks ---------------------------------------------------------------


def test_every_link_constraint_holds_on_random_networks():
    """On seeded random networks, earliest and latest dates satisfy every link and are tight."""
    rng = random.Random(3)
    kinds = ["FS", "SS", "FF", "SF"]
    for _ in range(30):
        count = rng.randint(2, 40)
        tasks = [
            task(f"T{i}", rng.randint(0, 6), rng.choice([None, None, None, rng.randint(0, 10)]))
            for i in range(count)
        ]
        pairs = {(rng.randrange(i), i) for i in range(1, count) for _ in range(rng.randint(0, 3))}
        links = [link(f"T{p}", f"T{s}", rng.choice(kinds), rng.randint(-3, 4)) for p, s in sorted(pairs)]
        res = schedule(tasks, links, start_index=2)
        finish = max(r.ef for r in res.values())
        for pred, succ, kind, lag in links:
            p, s = res[pred], res[succ]
            # forward constraints at earliest dates, backward ones at latest dates
            early = {
                "FS": s.es >= p.ef + lag,
                "SS": s.es >= p.es + lag,
                "FF": s.ef >= p.ef + lag,
                "SF": s.ef >= p.es + lag,
            }
            late = {
                "FS": p.lf <= s.ls - lag,
                "SS": p.ls <= s.ls - lag,
                "FF": p.lf <= s.lf - lag,
                "SF": p.ls <= s.lf - lag,
            }
            assert early[kind] and late[kind], (pred, succ, kind, lag)
        # tight: each es is its lower bound or an incoming constraint, each ls likewise
        lowest = {t.id: max(2, t.pinned_start or 0) for t in tasks}
        highest = {t.id: finish - t.duration for t in tasks}
        for pred, succ, kind, lag in links:
            p, s = res[pred], res[succ]
            d_p, d_s = p.ef - p.es, s.ef - s.es
            # es_S from each kind's forward rule, ls_P from each kind's backward rule
            start_bound = {"FS": p.ef + lag, "SS": p.es + lag, "FF": p.ef + lag - d_s, "SF": p.es + lag - d_s}
            late_bound = {"FS": s.ls - lag - d_p, "SS": s.ls - lag, "FF": s.lf - lag - d_p, "SF": s.lf - lag}
            lowest[succ] = max(lowest[succ], start_bound[kind])
            highest[pred] = min(highest[pred], late_bound[kind])
        assert {key: r.es for key, r in res.items()} == lowest
        assert {key: r.ls for key, r in res.items()} == highest
        by_id = {t.id: t for t in tasks}
        for task_id, r in res.items():
            assert r.ef - r.es == by_id[task_id].duration
            assert r.lf - r.ls == by_id[task_id].duration
            assert 2 <= r.es <= r.ls and r.lf <= finish
            assert 0 <= r.free_float <= r.total_float
            assert r.critical == (r.total_float == 0)


# No odoo dependency --------------------------------------------------------------------------


def test_engine_loads_without_odoo():
    """The engine package loads by file path in a Python where importing odoo fails."""
    engine = Path(__file__).resolve().parent.parent / "engine"
    code = textwrap.dedent(
        """
        import importlib.util
        import sys

        sys.modules["odoo"] = None  # any "import odoo..." now raises ImportError
        try:
            import odoo  # noqa: F401
        except ImportError:
            pass
        else:
            raise SystemExit("odoo import was not blocked")
        # the engine as a package of its own (its modules import each other relatively)
        spec = importlib.util.spec_from_file_location(
            "engine", f"{sys.argv[1]}/__init__.py", submodule_search_locations=[sys.argv[1]])
        package = importlib.util.module_from_spec(spec)
        sys.modules["engine"] = package
        spec.loader.exec_module(package)
        modules = {name: importlib.import_module(f"engine.{name}")
                   for name in ("workcalendar", "scheduler", "graph", "priority")}
        from datetime import date

        sched = modules["scheduler"]
        axis = modules["workcalendar"].WorkCalendar({0: 8, 1: 8, 2: 8, 3: 8, 4: 8}).axis(date(2026, 1, 9))
        res = sched.schedule([sched.SchedTask(1, "A", 2)], [])
        print(sched.to_dates(res, axis)[1].planned_end)
        print(sorted(m for m in sys.modules if m.split(".")[0] == "odoo" and sys.modules[m] is not None))
        """
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(engine)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    # A [0, 2) from Friday 9 January 2026 ends on Monday 12; no odoo module got loaded
    assert result.stdout.split("\n")[:2] == ["2026-01-12", "[]"]
