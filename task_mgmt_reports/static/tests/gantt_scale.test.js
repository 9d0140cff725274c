import { describe, expect, test } from "@odoo/hoot";
import {
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
});
