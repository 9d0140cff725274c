import { describe, expect, test } from "@odoo/hoot";
import { weekRows, weekSpan } from "@task_mgmt_reports/views/gantt/gantt_mobile_renderer";

describe.current.tags("desktop");

const bar = (startDay, endDay) => ({ startDay, endDay });

describe("task_mgmt_reports gantt phone week", () => {
    test("a bar's part inside the week, in % of the week", () => {
        // week of days 100..106; a bar from 98 to 102 shows Monday to Wednesday
        expect(weekSpan(98, 102, 100)).toEqual({ left: 0, width: (3 / 7) * 100 });
        expect(weekSpan(101, 101, 100)).toEqual({ left: (1 / 7) * 100, width: (1 / 7) * 100 });
        // on past the week's end: cut at Sunday
        expect(weekSpan(104, 120, 100)).toEqual({ left: (4 / 7) * 100, width: (3 / 7) * 100 });
    });

    test("only the week's tasks, each under its groups; groups without one are left out", () => {
        const rows = [
            { type: "milestones", key: "m" },
            { type: "group", key: "g1", depth: 0 },
            { type: "task", key: "t1", id: 1, depth: 1 },
            { type: "group", key: "g2", depth: 0 },
            { type: "task", key: "t2", id: 2, depth: 1 },
            { type: "group", key: "g3", depth: 0 },
            { type: "group", key: "g3a", depth: 1 },
            { type: "task", key: "t4", id: 4, depth: 2 },
            { type: "task", key: "t3", id: 3, depth: 2 },
            { type: "task", key: "t5", id: 5, depth: 3 },
            { type: "task", key: "t9", id: 9, depth: 2 },
        ];
        const bars = new Map([
            [1, bar(95, 100)], // ends on Monday: in
            [2, bar(107, 110)], // next week: out
            [3, bar(103, 103)], // in
            [4, bar(90, 99)], // ended last Sunday: out
            [5, bar(106, 130)], // a subtask starting on Sunday: in
        ]); // 9 has no bar (not drawn): out
        expect(weekRows(rows, bars, 100).map((row) => row.key)).toEqual(["g1", "t1", "g3", "g3a", "t3", "t5"]);
        expect(weekRows(rows, bars, 107).map((row) => row.key)).toEqual(["g2", "t2", "g3", "g3a", "t5"]);
    });
});
