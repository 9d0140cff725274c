/**
 * Time axis of the Gantt chart: dates as day numbers (days since 1970-01-01, UTC, so no time
 * zone or daylight-saving shift ever moves a bar), day <-> pixel conversion, header ticks per
 * scale, and the routing of dependency arrows.  Plain functions, no OWL.
 */
import { _t } from "@web/core/l10n/translation";

const { DateTime } = luxon;
const DAY_MS = 86400000;

export const SCALES = {
    // pixels per day, days loaded before and after the focus date, header units (top, bottom)
    day: { pxPerDay: 40, before: 30, after: 60, top: "week", bottom: "day" },
    week: { pxPerDay: 18, before: 70, after: 140, top: "month", bottom: "week" },
    month: { pxPerDay: 5, before: 180, after: 365, top: "month", bottom: "week" },
    quarter: { pxPerDay: 2, before: 365, after: 730, top: "year", bottom: "quarter" },
    year: { pxPerDay: 0.7, before: 1095, after: 2500, top: "year", bottom: "quarter" },
};
export const SCALE_ORDER = ["day", "week", "month", "quarter", "year"];

export function scaleLabels() {
    return {
        day: _t("Day"),
        week: _t("Week"),
        month: _t("Month"),
        quarter: _t("Quarter"),
        year: _t("Year"),
    };
}

/** "2026-01-05" -> day number */
export function toDay(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** day number -> "2026-01-05" */
export function toIso(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today in the user's time zone, as a day number. */
export function today() {
    return toDay(DateTime.local().toISODate());
}

function utcDate(day) {
    return new Date(day * DAY_MS);
}

/** ISO weekday, 1 = Monday ... 7 = Sunday */
export function isoWeekday(day) {
    return ((utcDate(day).getUTCDay() + 6) % 7) + 1;
}

/** ISO week number of a day (the week of its Thursday). */
export function isoWeek(day) {
    const thursday = day - isoWeekday(day) + 4;
    const date = utcDate(thursday);
    const jan1 = Math.round(Date.UTC(date.getUTCFullYear(), 0, 1) / DAY_MS);
    return Math.floor((thursday - jan1) / 7) + 1;
}

/** First day of the unit containing `day`. */
export function unitStart(unit, day) {
    const date = utcDate(day);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    switch (unit) {
        case "day":
            return day;
        case "week":
            return day - isoWeekday(day) + 1;
        case "month":
            return Math.round(Date.UTC(y, m, 1) / DAY_MS);
        case "quarter":
            return Math.round(Date.UTC(y, m - (m % 3), 1) / DAY_MS);
        default:
            return Math.round(Date.UTC(y, 0, 1) / DAY_MS);
    }
}

/** First day of the next unit after the one starting at `start`. */
export function nextUnit(unit, start) {
    const date = utcDate(start);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    switch (unit) {
        case "day":
            return start + 1;
        case "week":
            return start + 7;
        case "month":
            return Math.round(Date.UTC(y, m + 1, 1) / DAY_MS);
        case "quarter":
            return Math.round(Date.UTC(y, m + 3, 1) / DAY_MS);
        default:
            return Math.round(Date.UTC(y + 1, 0, 1) / DAY_MS);
    }
}

function unitLabel(unit, start, wide) {
    const dt = DateTime.fromISO(toIso(start));
    switch (unit) {
        case "day":
            return wide ? `${dt.toFormat("ccc")} ${dt.day}` : String(dt.day);
        case "week":
            return wide
                ? _t("W%(week)s · %(date)s", { week: isoWeek(start), date: dt.toFormat("d LLL") })
                : _t("W%(week)s", { week: isoWeek(start) });
        case "month":
            return wide ? dt.toFormat("LLLL yyyy") : dt.toFormat("LLL");
        case "quarter":
            return wide
                ? _t("Q%(quarter)s %(year)s", { quarter: dt.quarter, year: dt.year })
                : _t("Q%(quarter)s", { quarter: dt.quarter });
        default:
            return String(dt.year);
    }
}

/**
 * Header cells of one unit between two days (inclusive): [{start, end (exclusive), label}].
 */
export function ticks(unit, first, last, pxPerDay) {
    const result = [];
    let start = unitStart(unit, first);
    while (start <= last) {
        const end = nextUnit(unit, start);
        const wide = (end - start) * pxPerDay > 90;
        result.push({ start, end, label: unitLabel(unit, start, wide) });
        start = end;
    }
    return result;
}

/**
 * Route of an arrow from a source anchor to a target anchor, as SVG path points.
 * `fromEnd`: the link leaves the predecessor's finish (FS, FF), else its start;
 * `toEnd`: it reaches the successor's finish (FF, SF), else its start.
 * Leaves a finish going right and a start going left; enters a start from the left and a
 * finish from the right.  Three segments when a vertical line fits between both, else five
 * around the successor's row.
 *
 * @returns {number[][]} list of [x, y]
 */
export function routeArrow(x1, y1, fromEnd, x2, y2, toEnd, rowHeight, gap = 8) {
    const out = fromEnd ? 1 : -1;
    const into = toEnd ? -1 : 1;
    let lo = -Infinity;
    let hi = Infinity;
    if (out > 0) {
        lo = Math.max(lo, x1 + gap);
    } else {
        hi = Math.min(hi, x1 - gap);
    }
    if (into > 0) {
        hi = Math.min(hi, x2 - gap);
    } else {
        lo = Math.max(lo, x2 + gap);
    }
    if (lo <= hi && y1 !== y2) {
        const xv = out > 0 ? lo : hi;
        return [
            [x1, y1],
            [xv, y1],
            [xv, y2],
            [x2, y2],
        ];
    }
    const ex = x1 + out * gap;
    const en = x2 - into * gap;
    const ymid = y2 >= y1 ? y2 - rowHeight / 2 : y2 + rowHeight / 2;
    return [
        [x1, y1],
        [ex, y1],
        [ex, ymid],
        [en, ymid],
        [en, y2],
        [x2, y2],
    ];
}

/** Link type from the ends joined by a drag: from a finish to a start is FS, etc. */
export function linkType(fromEnd, toEnd) {
    return `${fromEnd ? "f" : "s"}${toEnd ? "f" : "s"}`;
}

/** "+2d", "−1d" or "" */
export function lagLabel(lag) {
    if (!lag) {
        return "";
    }
    return lag > 0 ? `+${lag}d` : `\u2212${-lag}d`;
}

function nearest(row, candidates) {
    let best = null;
    for (const other of candidates) {
        const sameGroup = other.group === row.group;
        const distance = Math.abs(other.index - row.index);
        if (
            !best ||
            (sameGroup && !best.sameGroup) ||
            (sameGroup === best.sameGroup && distance < best.distance)
        ) {
            best = { row: other, sameGroup, distance };
        }
    }
    return best && best.row;
}

/**
 * Which occurrences of a predecessor and a successor an arrow joins, when a task is drawn on
 * several rows (a task with two assignees grouped by assignee).  Every occurrence of either
 * task gets the arrow: each is joined to the nearest occurrence of the other task, one in its
 * own group first.  `predRows` / `succRows`: [{index, group}] (row index, key of the group
 * row above it).
 *
 * @returns {number[][]} distinct [pred row index, succ row index] pairs, by pred row
 */
export function arrowRowPairs(predRows, succRows) {
    const pairs = new Map();
    for (const pred of predRows) {
        const succ = nearest(pred, succRows);
        if (succ) {
            pairs.set(`${pred.index}:${succ.index}`, [pred.index, succ.index]);
        }
    }
    for (const succ of succRows) {
        const pred = nearest(succ, predRows);
        if (pred) {
            pairs.set(`${pred.index}:${succ.index}`, [pred.index, succ.index]);
        }
    }
    return [...pairs.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * Summary of each group (as MS Project's summary tasks): from the earliest start to the latest
 * end of the tasks drawn under it, at any depth, with their progress weighted by their length
 * in days (milestones weigh nothing) and whether one of them is critical.
 *
 * @param {Array[]} rows the server's rows: ["g", key, label, depth, count] and ["t", id, depth]
 * @param {Map} bars task id -> {startDay, endDay, progress, milestone, critical}
 * @returns {Map} "g:" + key -> {startDay, endDay, progress, critical}
 */
export function groupSummaries(rows, bars) {
    const result = new Map();
    const open = [];
    const close = (depth) => {
        while (open.length && open[open.length - 1].depth >= depth) {
            const group = open.pop();
            if (group.startDay !== null) {
                result.set(group.key, {
                    startDay: group.startDay,
                    endDay: group.endDay,
                    progress: group.weight ? group.done / group.weight : 0,
                    critical: group.critical,
                });
            }
        }
    };
    for (const row of rows) {
        if (row[0] === "g") {
            close(row[3]);
            open.push({ key: `g:${row[1]}`, depth: row[3], startDay: null, endDay: null, weight: 0, done: 0, critical: false });
            continue;
        }
        const bar = bars.get(row[1]);
        if (!bar) {
            continue;
        }
        const weight = bar.milestone ? 0 : bar.endDay - bar.startDay + 1;
        for (const group of open) {
            group.startDay = group.startDay === null ? bar.startDay : Math.min(group.startDay, bar.startDay);
            group.endDay = group.endDay === null ? bar.endDay : Math.max(group.endDay, bar.endDay);
            group.weight += weight;
            group.done += weight * (bar.progress || 0);
            group.critical = group.critical || Boolean(bar.critical);
        }
    }
    close(-1);
    return result;
}
