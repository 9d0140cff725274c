import { describe, expect, test } from "@odoo/hoot";
import {
    arrowRowPairs,
    groupSummaries,
    isoWeek,
    lagLabel,
    linkType,
    nextUnit,
    routeArrow,
    ticks,
    toDay,
    toIso,
    unitStart,
} from "@task_mgmt_reports/views/gantt/gantt_scale";

describe.current.tags("desktop");

describe("task_mgmt_reports gantt scale", () => {
    test("day numbers round-trip ISO dates across a DST change", () => {
        expect(toIso(toDay("2026-03-29"))).toBe("2026-03-29");
        expect(toDay("2026-03-30") - toDay("2026-03-28")).toBe(2);
        expect(toDay("1970-01-02")).toBe(1);
    });

    test("ISO weeks: 2026 has a week 53, 1 January 2027 is in it", () => {
        expect(isoWeek(toDay("2026-01-05"))).toBe(2);
        expect(isoWeek(toDay("2026-12-28"))).toBe(53);
        expect(isoWeek(toDay("2027-01-01"))).toBe(53);
        expect(isoWeek(toDay("2027-01-04"))).toBe(1);
    });

    test("units start on Monday, the 1st of a month, a quarter", () => {
        expect(toIso(unitStart("week", toDay("2026-01-08")))).toBe("2026-01-05");
        expect(toIso(unitStart("quarter", toDay("2026-05-20")))).toBe("2026-04-01");
        expect(toIso(nextUnit("month", toDay("2026-01-01")))).toBe("2026-02-01");
        const weeks = ticks("week", toDay("2026-01-07"), toDay("2026-01-20"), 18);
        expect(weeks.map((tick) => toIso(tick.start))).toEqual(["2026-01-05", "2026-01-12", "2026-01-19"]);
    });

    test("arrow from a finish to a later start: three segments, vertical after the finish", () => {
        const points = routeArrow(100, 10, true, 200, 50, false, 32);
        expect(points).toEqual([
            [100, 10],
            [108, 10],
            [108, 50],
            [200, 50],
        ]);
    });

    test("arrow from a finish to an earlier start goes round the successor's row", () => {
        const points = routeArrow(200, 10, true, 100, 74, false, 32);
        expect(points).toEqual([
            [200, 10],
            [208, 10],
            [208, 58],
            [92, 58],
            [92, 74],
            [100, 74],
        ]);
    });

    test("start-to-start and finish-to-finish arrows leave and enter on the right sides", () => {
        // SS: leaves the start going left, enters the start from the left
        expect(routeArrow(100, 10, false, 150, 50, false, 32)[1]).toEqual([92, 10]);
        // FF: leaves the finish going right, enters the finish from the right
        expect(routeArrow(100, 10, true, 80, 50, true, 32)[1]).toEqual([108, 10]);
    });

    test("link type from the ends joined, lag labels", () => {
        expect([linkType(true, false), linkType(false, false), linkType(true, true), linkType(false, true)]).toEqual(
            ["fs", "ss", "ff", "sf"]
        );
        expect([lagLabel(2), lagLabel(-1), lagLabel(0)]).toEqual(["+2d", "\u22121d", ""]);
    });

    test("a task drawn twice (two assignees) gets the arrow at both rows, in its own group first", () => {
        // grouped by assignee: Ann (rows 0-3) has A at 1 and B at 2; Bob (rows 3-5) has B at 4
        const pred = [{ index: 1, group: "g:ann" }];
        const succ = [
            { index: 2, group: "g:ann" },
            { index: 4, group: "g:bob" },
        ];
        expect(arrowRowPairs(pred, succ)).toEqual([
            [1, 2],
            [1, 4],
        ]);
        // both tasks under both people: each group gets its own arrow, no crossing pair
        const preds = [
            { index: 1, group: "g:ann" },
            { index: 5, group: "g:bob" },
        ];
        const succs = [
            { index: 2, group: "g:ann" },
            { index: 6, group: "g:bob" },
        ];
        expect(arrowRowPairs(preds, succs)).toEqual([
            [1, 2],
            [5, 6],
        ]);
        // the same group wins over a nearer row of another group (4 -> 10, not 3); the successor
        // in Ann's group still gets its arrow, from the only predecessor row
        const near = [
            { index: 3, group: "g:ann" },
            { index: 10, group: "g:bob" },
        ];
        expect(arrowRowPairs([{ index: 4, group: "g:bob" }], near)).toEqual([
            [4, 3],
            [4, 10],
        ]);
        expect(arrowRowPairs([], near)).toEqual([]);
    });

    test("group summaries span their tasks, nested groups included, progress weighted by length", () => {
        const day = (iso) => toDay(iso);
        const bars = new Map([
            [1, { startDay: day("2026-01-05"), endDay: day("2026-01-09"), progress: 1, critical: false }],
            [2, { startDay: day("2026-01-12"), endDay: day("2026-01-16"), progress: 0, critical: true }],
            [3, { startDay: day("2026-01-20"), endDay: day("2026-01-20"), progress: 0, milestone: true }],
            [4, { startDay: day("2026-02-02"), endDay: day("2026-02-11"), progress: 0.5, critical: false }],
        ]);
        const rows = [
            ["g", "p1", "Project 1", 0, 3],
            ["g", "p1/ann", "Ann", 1, 2],
            ["t", 1, 2],
            ["t", 2, 2],
            ["g", "p1/bob", "Bob", 1, 2],
            ["t", 2, 2],
            ["t", 3, 2],
            ["g", "p2", "Project 2", 0, 1],
            ["t", 4, 1],
            ["t", 99, 1], // not drawn: no bar
            ["g", "p3", "Empty", 0, 0],
        ];
        const summaries = groupSummaries(rows, bars);
        const view = (key) => {
            const s = summaries.get(key);
            return [toIso(s.startDay), toIso(s.endDay), Math.round(s.progress * 100), s.critical];
        };
        // Project 1: tasks 1, 2 (twice: Ann and Bob), 3; 5 days done of 15 (the milestone weighs 0)
        expect(view("g:p1")).toEqual(["2026-01-05", "2026-01-20", 33, true]);
        expect(view("g:p1/ann")).toEqual(["2026-01-05", "2026-01-16", 50, true]);
        expect(view("g:p1/bob")).toEqual(["2026-01-12", "2026-01-20", 0, true]);
        expect(view("g:p2")).toEqual(["2026-02-02", "2026-02-11", 50, false]);
        expect(summaries.has("g:p3")).toBe(false);
    });
});
