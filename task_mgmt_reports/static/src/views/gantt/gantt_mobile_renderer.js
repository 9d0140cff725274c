/**
 * The Gantt chart on a phone (`env.isSmall`, as Odoo's own views switch layout): one week at a
 * time, the tasks planned in it as rows with their bar over the week's seven days; previous /
 * next week with the buttons or a horizontal swipe; a tap opens the task. No drag on a phone:
 * dates are changed from the task form.
 */
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { PALETTE } from "./gantt_renderer";
import { isoWeek, toIso, today, unitStart } from "./gantt_scale";

const { DateTime } = luxon;
const PAGE = 100; // task rows drawn at once; "Show more" draws the next ones
const SWIPE_PX = 60;

/**
 * The rows of one week: the tasks whose bar overlaps [weekStart, weekStart + 6], each under
 * the group rows above it (groups without any task this week are left out).
 *
 * @param {Object[]} rows the model's visibleRows()
 * @param {Map} bars task id -> bar (startDay, endDay)
 * @returns {Object[]} group and task rows, in order
 */
export function weekRows(rows, bars, weekStart) {
    const weekEnd = weekStart + 6;
    const result = [];
    const open = []; // group rows above the current row, outermost first
    for (const row of rows) {
        if (row.type === "group") {
            while (open.length && open[open.length - 1].row.depth >= row.depth) {
                open.pop();
            }
            open.push({ row, shown: false });
        } else if (row.type === "task") {
            const bar = bars.get(row.id);
            if (!bar || bar.startDay > weekEnd || bar.endDay < weekStart) {
                continue;
            }
            while (open.length && open[open.length - 1].row.depth >= row.depth) {
                open.pop();
            }
            for (const group of open) {
                if (!group.shown) {
                    group.shown = true;
                    result.push(group.row);
                }
            }
            result.push(row);
        }
    }
    return result;
}

/** Left and width (in % of the week) of the part of [start, end] inside the week. */
export function weekSpan(startDay, endDay, weekStart) {
    const first = Math.max(startDay, weekStart);
    const last = Math.min(endDay, weekStart + 6);
    return { left: ((first - weekStart) / 7) * 100, width: ((last - first + 1) / 7) * 100 };
}

export class GanttMobileRenderer extends Component {
    static template = "task_mgmt_reports.GanttMobileRenderer";
    static props = {
        model: Object,
        openRecord: Function,
        editLink: { type: Function, optional: true },
        moveTask: { type: Function, optional: true },
        createLink: { type: Function, optional: true },
        zoom: { type: Function, optional: true },
    };

    setup() {
        this.state = useState({
            weekStart: unitStart("week", this.model.focus),
            limit: PAGE,
            showUnscheduled: false,
        });
        this.touch = null;
    }

    get model() {
        return this.props.model;
    }

    get weekEnd() {
        return this.state.weekStart + 6;
    }

    get weekLabel() {
        const start = DateTime.fromISO(toIso(this.state.weekStart));
        const end = DateTime.fromISO(toIso(this.weekEnd));
        return {
            week: _t("W%(week)s", { week: isoWeek(this.state.weekStart) }),
            dates: `${start.toFormat("d LLL")} – ${end.toFormat("d LLL yyyy")}`,
        };
    }

    get days() {
        const now = today();
        const days = [];
        for (let day = this.state.weekStart; day <= this.weekEnd; day++) {
            const dt = DateTime.fromISO(toIso(day));
            days.push({
                day,
                name: dt.toFormat("ccc"),
                number: dt.day,
                nonworking: this.model.nonworking.has(day),
                holiday: this.model.holidays.has(day),
                today: day === now,
            });
        }
        return days;
    }

    get allRows() {
        return weekRows(this.model.visibleRows(), this.model.bars, this.state.weekStart);
    }

    get taskCount() {
        return this.allRows.filter((row) => row.type === "task").length;
    }

    get rows() {
        return this.allRows.slice(0, this.state.limit);
    }

    get hasMore() {
        return this.allRows.length > this.state.limit;
    }

    get milestones() {
        return this.model.milestones
            .filter((m) => m.day >= this.state.weekStart && m.day <= this.weekEnd)
            .map((m) => ({ ...m, date: this.shortDate(m.day) }));
    }

    shortDate(day) {
        return DateTime.fromISO(toIso(day)).toFormat("ccc d LLL");
    }

    barInfo(row) {
        const bar = this.model.bars.get(row.id);
        const classes = ["o_gantt_tm_m_bar"];
        for (const flag of ["critical", "late", "done", "milestone"]) {
            if (bar[flag]) {
                classes.push(`o_gantt_tm_${flag}`);
            }
        }
        if (bar.startDay < this.state.weekStart) {
            classes.push("o_gantt_tm_m_before");
        }
        if (bar.endDay > this.weekEnd) {
            classes.push("o_gantt_tm_m_after");
        }
        const { left, width } = weekSpan(bar.startDay, bar.endDay, this.state.weekStart);
        const color = PALETTE[Math.abs(bar.color || 0) % PALETTE.length];
        const info = {
            bar,
            className: classes.join(" "),
            style: `left:${left}%;width:${width}%;` + (bar.critical ? "" : `--gantt-bar-color:${color};`),
            progressStyle: `width:${Math.round((bar.progress || 0) * 100)}%;`,
            dates: bar.milestone
                ? this.shortDate(bar.startDay)
                : `${this.shortDate(bar.startDay)} → ${this.shortDate(bar.endDay)}`,
            progress: Math.round((bar.progress || 0) * 100),
            deadlineStyle: null,
        };
        if (bar.deadlineDay !== null && bar.deadlineDay >= this.state.weekStart && bar.deadlineDay <= this.weekEnd) {
            info.deadlineStyle = `left:calc(${((bar.deadlineDay - this.state.weekStart + 1) / 7) * 100}% - 2px);`;
        }
        return info;
    }

    groupStyle(row) {
        return `padding-left:${0.75 + row.depth * 0.75}rem;`;
    }

    async goWeek(weekStart) {
        this.state.weekStart = weekStart;
        this.state.limit = PAGE;
        const [first, last] = this.model.windowDays;
        if (weekStart < first || weekStart + 6 > last) {
            // the loaded window ends: load the one around this week
            await this.model.setFocus(weekStart + 3);
        }
    }

    shift(weeks) {
        return this.goWeek(this.state.weekStart + 7 * weeks);
    }

    goToday() {
        return this.goWeek(unitStart("week", today()));
    }

    onTouchStart(ev) {
        const touch = ev.touches[0];
        this.touch = touch ? { x: touch.clientX, y: touch.clientY } : null;
    }

    onTouchEnd(ev) {
        const touch = ev.changedTouches[0];
        if (!this.touch || !touch) {
            return;
        }
        const dx = touch.clientX - this.touch.x;
        const dy = touch.clientY - this.touch.y;
        this.touch = null;
        if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) {
            // swipe left: the next week, as turning a page
            this.shift(dx < 0 ? 1 : -1);
        }
    }
}
