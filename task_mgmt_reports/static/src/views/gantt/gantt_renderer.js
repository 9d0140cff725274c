/**
 * Draws the Gantt chart: sticky header and label column, only the rows in (and near) the
 * viewport (virtualised), bars with progress, float and deadline, milestone diamonds (tasks
 * flagged as milestones and project milestones), a summary bar on each group row, dependency
 * arrows in an SVG layer (at every row of a task drawn twice); drag to move, resize and link.
 */
import { Component, onMounted, onWillUnmount, useEffect, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import {
    SCALES,
    arrowRowPairs,
    groupSummaries,
    isoWeekday,
    lagLabel,
    linkType,
    routeArrow,
    ticks,
    toIso,
    today,
} from "./gantt_scale";

export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 52;
const LABEL_WIDTH = 300;
const OVERSCAN = 10;
export const PALETTE = [
    "#6c9bd2", "#5fb49c", "#e5a84a", "#9b7fd1", "#4fb0c6", "#c9a35a",
    "#7fb069", "#d98bb0", "#8c9fb5", "#b5895a", "#5b8fa8", "#a3a84f",
];
const LINK_ENDS = { fs: [true, false], ss: [false, false], ff: [true, true], sf: [false, true] };
const DIAMOND_HALF = 10;

export class GanttRenderer extends Component {
    static template = "task_mgmt_reports.GanttRenderer";
    static props = {
        model: Object,
        openRecord: Function,
        editLink: Function,
        moveTask: Function,
        createLink: Function,
        zoom: Function,
    };

    setup() {
        this.scroller = useRef("scroller");
        this.timeline = useRef("timeline");
        this.state = useState({ scrollTop: 0, height: 600, drag: null });
        this.rowsCache = { version: -1 };
        this.frame = null;
        this.onPointerMove = this.onPointerMove.bind(this);
        this.onPointerUp = this.onPointerUp.bind(this);
        this.onWheel = this.onWheel.bind(this);
        this.onResize = () => this.measure();
        onMounted(() => {
            window.addEventListener("pointermove", this.onPointerMove);
            window.addEventListener("pointerup", this.onPointerUp);
            window.addEventListener("resize", this.onResize);
            this.scroller.el.addEventListener("wheel", this.onWheel, { passive: false });
            this.measure();
        });
        onWillUnmount(() => {
            window.removeEventListener("pointermove", this.onPointerMove);
            window.removeEventListener("pointerup", this.onPointerUp);
            window.removeEventListener("resize", this.onResize);
            if (this.frame) {
                cancelAnimationFrame(this.frame);
            }
        });
        // scroll to the focus date when the scale or the focus change, never after an edit
        useEffect(
            () => {
                const el = this.scroller.el;
                if (el) {
                    el.scrollLeft = Math.max(this.x(this.model.focus) - (el.clientWidth - LABEL_WIDTH) / 3, 0);
                }
            },
            () => [this.model.scale, this.model.focus, this.model.windowDays[0]]
        );
    }

    get model() {
        return this.props.model;
    }

    measure() {
        if (this.scroller.el) {
            this.state.height = this.scroller.el.clientHeight || 600;
        }
    }

    // ------------------------------------------------------------------ geometry

    get pxPerDay() {
        return SCALES[this.model.scale].pxPerDay;
    }

    x(day) {
        return (day - this.model.windowDays[0]) * this.pxPerDay;
    }

    dayAt(px) {
        return this.model.windowDays[0] + Math.floor(px / this.pxPerDay);
    }

    get timelineWidth() {
        const [start, stop] = this.model.windowDays;
        return (stop - start + 1) * this.pxPerDay;
    }

    get rows() {
        if (this.rowsCache.version !== this.model.version) {
            const rows = this.model.visibleRows();
            const indexOfTask = new Map();
            const rowsOfTask = new Map();
            let group = null;
            rows.forEach((row, index) => {
                if (row.type === "group") {
                    group = row.key;
                } else if (row.type === "task") {
                    if (!indexOfTask.has(row.id)) {
                        indexOfTask.set(row.id, index);
                        rowsOfTask.set(row.id, []);
                    }
                    rowsOfTask.get(row.id).push({ index, group });
                }
            });
            const summaries = groupSummaries(this.model.rows, this.model.bars);
            this.rowsCache = { version: this.model.version, rows, indexOfTask, rowsOfTask, summaries };
        }
        return this.rowsCache;
    }

    get range() {
        const count = this.rows.rows.length;
        const first = Math.max(0, Math.floor(this.state.scrollTop / ROW_HEIGHT) - OVERSCAN);
        const last = Math.min(count - 1, first + Math.ceil(this.state.height / ROW_HEIGHT) + 2 * OVERSCAN);
        return [first, last];
    }

    get slice() {
        const [first, last] = this.range;
        return this.rows.rows.slice(first, last + 1).map((row, offset) => ({
            ...row,
            index: first + offset,
            top: (first + offset) * ROW_HEIGHT,
        }));
    }

    get bodyHeight() {
        return Math.max(this.rows.rows.length * ROW_HEIGHT, this.state.height - HEADER_HEIGHT);
    }

    get headerRows() {
        const scale = SCALES[this.model.scale];
        const [start, stop] = this.model.windowDays;
        const build = (unit) =>
            ticks(unit, start, stop, this.pxPerDay).map((tick) => {
                const left = Math.max(this.x(tick.start), 0);
                const right = Math.min(this.x(tick.end), this.timelineWidth);
                return { ...tick, style: `left:${left}px;width:${Math.max(right - left, 0)}px;` };
            });
        return { top: build(scale.top), bottom: build(scale.bottom) };
    }

    get shadedDays() {
        if (this.pxPerDay < 4) {
            return [];
        }
        const days = [];
        for (const day of this.model.nonworking) {
            days.push({
                day,
                holiday: this.model.holidays.has(day),
                style: `left:${this.x(day)}px;width:${this.pxPerDay}px;`,
            });
        }
        return days;
    }

    get todayStyle() {
        const day = today();
        const [start, stop] = this.model.windowDays;
        if (day < start || day > stop) {
            return null;
        }
        return `left:${this.x(day) + this.pxPerDay / 2}px;`;
    }

    /** Left and right pixel edges of a bar, with the drag in progress applied. */
    box(bar) {
        let left = this.x(bar.startDay);
        let right = this.x(bar.endDay + 1);
        if (bar.milestone) {
            // a point: a diamond in the middle of its day
            const center = this.x(bar.startDay) + this.pxPerDay / 2;
            left = center - DIAMOND_HALF;
            right = center + DIAMOND_HALF;
        }
        const drag = this.state.drag;
        if (drag && drag.id === bar.id) {
            if (drag.mode === "move") {
                left += drag.dx;
                right += drag.dx;
            } else if (drag.mode === "resize" && !bar.milestone) {
                right = Math.max(left + this.pxPerDay, right + drag.dx);
            }
        }
        return [left, right];
    }

    barInfo(row) {
        const bar = this.model.bars.get(row.id);
        if (!bar) {
            return null;
        }
        const [left, right] = this.box(bar);
        const width = Math.max(right - left, 3);
        const color = PALETTE[Math.abs(bar.color || 0) % PALETTE.length];
        const classes = ["o_gantt_tm_bar"];
        if (bar.milestone) {
            classes.push("o_gantt_tm_milestone");
        }
        if (bar.critical) {
            classes.push("o_gantt_tm_critical");
        }
        if (bar.late) {
            classes.push("o_gantt_tm_late");
        }
        if (bar.done) {
            classes.push("o_gantt_tm_done");
        }
        if (this.state.drag && this.state.drag.id === bar.id) {
            classes.push("o_gantt_tm_dragging");
        }
        const info = {
            bar,
            className: classes.join(" "),
            style: `left:${left}px;top:${row.top + 6}px;width:${width}px;` +
                (bar.critical ? "" : `--gantt-bar-color:${color};`),
            progressStyle: `width:${Math.round((bar.progress || 0) * 100)}%;`,
            labelInside: !bar.milestone && width > 80,
            rowIndex: row.index,
            labelStyle: `left:${left + width + 6}px;top:${row.top + 6}px;`,
            title: this.barTitle(bar),
            floatStyle: null,
            deadlineStyle: null,
        };
        if (bar.total_float > 0 && bar.lateEndDay && bar.lateEndDay > bar.endDay) {
            const floatRight = this.x(bar.lateEndDay + 1);
            info.floatStyle = `left:${right}px;top:${row.top + ROW_HEIGHT - 9}px;width:${Math.max(floatRight - right, 2)}px;`;
        }
        const baseline = !bar.milestone && this.model.baselines && this.model.baselines.get(bar.id);
        if (baseline) {
            const ghostLeft = this.x(baseline[0]);
            info.ghostStyle = `left:${ghostLeft}px;top:${row.top + ROW_HEIGHT - 5}px;` +
                `width:${Math.max(this.x(baseline[1] + 1) - ghostLeft, 3)}px;`;
        }
        if (bar.deadlineDay !== null) {
            info.deadlineStyle = `left:${this.x(bar.deadlineDay + 1) - 1}px;top:${row.top + 3}px;`;
        }
        return info;
    }

    barTitle(bar) {
        const lines = [
            bar.name,
            bar.milestone
                ? _t("Milestone: %(date)s", { date: bar.start })
                : _t("%(start)s → %(end)s (%(days)s working days)", {
                      start: bar.start,
                      end: bar.end,
                      days: bar.duration || "?",
                  }),
            _t("Progress: %(progress)s", { progress: `${Math.round((bar.progress || 0) * 100)}%` }),
            _t("Total float: %(days)s working days", { days: bar.total_float || 0 }),
        ];
        if (bar.critical) {
            lines.push(_t("Critical"));
        }
        if (bar.deadline) {
            lines.push(_t("Deadline: %(date)s", { date: bar.deadline }));
        }
        if (bar.late) {
            lines.push(_t("Planned after its deadline"));
        }
        if (bar.pinned) {
            lines.push(_t("Start no earlier than %(date)s", { date: bar.pinned }));
        }
        return lines.join("\n");
    }

    milestoneInfo(row) {
        return this.model.milestones.map((milestone) => ({
            ...milestone,
            style: `left:${this.x(milestone.day + 1) - 7}px;top:${row.top + 9}px;`,
            title: _t("Milestone %(name)s: %(date)s", { name: milestone.name, date: toIso(milestone.day) }),
        }));
    }

    /** The summary bar of a group row: earliest start to latest end of its tasks. */
    summaryInfo(row) {
        const summary = this.rows.summaries.get(row.key);
        if (!summary) {
            return null;
        }
        const left = this.x(summary.startDay);
        const width = Math.max(this.x(summary.endDay + 1) - left, 3);
        const percent = Math.round(summary.progress * 100);
        return {
            className: `o_gantt_tm_summary${summary.critical ? " o_gantt_tm_summary_critical" : ""}`,
            style: `left:${left}px;top:${row.top + 9}px;width:${width}px;`,
            progressStyle: `width:${percent}%;`,
            title: _t("%(group)s: %(start)s → %(end)s, progress %(progress)s", {
                group: row.label,
                start: toIso(summary.startDay),
                end: toIso(summary.endDay),
                progress: `${percent}%`,
            }),
        };
    }

    labelStyle(row) {
        return `top:${row.top}px;padding-left:${8 + row.depth * 16}px;`;
    }

    // ------------------------------------------------------------------ arrows

    get svgBox() {
        const [first, last] = this.range;
        return { top: first * ROW_HEIGHT, height: (last - first + 1) * ROW_HEIGHT };
    }

    get svgStyle() {
        const { top, height } = this.svgBox;
        return `top:${top}px;height:${height}px;width:${this.timelineWidth}px;`;
    }

    anchor(taskId, atEnd, index = this.rows.indexOfTask.get(taskId)) {
        const bar = this.model.bars.get(taskId);
        if (index === undefined || !bar) {
            return null;
        }
        const [left, right] = this.box(bar);
        return { x: atEnd ? right : left, y: index * ROW_HEIGHT + ROW_HEIGHT / 2 };
    }

    get arrowPaths() {
        const { top, height } = this.svgBox;
        const bottom = top + height;
        const paths = [];
        const rowsOfTask = this.rows.rowsOfTask;
        for (const arrow of this.model.arrows.values()) {
            const predRows = rowsOfTask.get(arrow.pred);
            const succRows = rowsOfTask.get(arrow.succ);
            if (!predRows || !succRows) {
                continue;
            }
            const [fromEnd, toEnd] = LINK_ENDS[arrow.type] || LINK_ENDS.fs;
            const single = predRows.length === 1 && succRows.length === 1;
            const pairs = single ? [[predRows[0].index, succRows[0].index]] : arrowRowPairs(predRows, succRows);
            for (const [predIndex, succIndex] of pairs) {
                const path = this.arrowPath(arrow, fromEnd, toEnd, predIndex, succIndex, top, bottom);
                if (path) {
                    path.key = single ? String(arrow.id) : `${arrow.id}:${predIndex}:${succIndex}`;
                    paths.push(path);
                }
            }
        }
        return paths;
    }

    /** One drawn arrow between a row of the predecessor and a row of the successor. */
    arrowPath(arrow, fromEnd, toEnd, predIndex, succIndex, top, bottom) {
        const from = this.anchor(arrow.pred, fromEnd, predIndex);
        const to = this.anchor(arrow.succ, toEnd, succIndex);
        if (!from || !to) {
            return null;
        }
        if (Math.max(from.y, to.y) < top || Math.min(from.y, to.y) > bottom) {
            return null;
        }
        const points = routeArrow(from.x, from.y - top, fromEnd, to.x, to.y - top, toEnd, ROW_HEIGHT);
        const d = points.map(([px, py], i) => `${i ? "L" : "M"}${px},${py}`).join(" ");
        const [lx, ly] = points[points.length - 2];
        return {
            id: arrow.id,
            d,
            violated: arrow.violated,
            className: `o_gantt_tm_arrow${arrow.violated ? " o_gantt_tm_violated" : ""}`,
            label: lagLabel(arrow.lag),
            labelX: lx + (toEnd ? 4 : -4),
            labelY: ly - 4,
            labelAnchor: toEnd ? "start" : "end",
            title: this.arrowTitle(arrow),
            arrow,
        };
    }

    arrowTitle(arrow) {
        const pred = this.model.bars.get(arrow.pred);
        const succ = this.model.bars.get(arrow.succ);
        const text = `${pred ? pred.name : "?"} → ${succ ? succ.name : "?"} (${arrow.type.toUpperCase()}${lagLabel(arrow.lag)})`;
        if (!arrow.violated) {
            return text;
        }
        const warning = _t("The successor starts earlier than this link allows.");
        return `${text}\n${warning}`;
    }

    get dragLine() {
        const drag = this.state.drag;
        if (!drag || drag.mode !== "link") {
            return null;
        }
        const top = this.svgBox.top;
        return { x1: drag.x0, y1: drag.y0 - top, x2: drag.x, y2: drag.y - top };
    }

    // ------------------------------------------------------------------ events

    onScroll() {
        if (this.frame) {
            return;
        }
        this.frame = requestAnimationFrame(() => {
            this.frame = null;
            if (this.scroller.el) {
                this.state.scrollTop = this.scroller.el.scrollTop;
            }
        });
    }

    onWheel(ev) {
        if (!ev.ctrlKey) {
            return;
        }
        ev.preventDefault();
        const rect = this.timeline.el.getBoundingClientRect();
        this.props.zoom(ev.deltaY > 0 ? 1 : -1, this.dayAt(ev.clientX - rect.left));
    }

    toggle(key) {
        this.model.toggle(key);
    }

    timelinePoint(ev) {
        const rect = this.timeline.el.getBoundingClientRect();
        return { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
    }

    onBarPointerDown(ev, id, mode, rowIndex) {
        if (ev.button !== 0 || !this.model.archInfo.canEdit) {
            return;
        }
        ev.preventDefault();
        ev.stopPropagation();
        const point = this.timelinePoint(ev);
        const drag = { id, mode, startX: ev.clientX, dx: 0, moved: false };
        if (mode === "link-start" || mode === "link-end") {
            const anchor = this.anchor(id, mode === "link-end", rowIndex);
            Object.assign(drag, { mode: "link", fromEnd: mode === "link-end", x0: anchor.x, y0: anchor.y, ...point });
        }
        this.state.drag = drag;
    }

    onPointerMove(ev) {
        const drag = this.state.drag;
        if (!drag) {
            return;
        }
        if (drag.mode === "link") {
            const point = this.timelinePoint(ev);
            drag.x = point.x;
            drag.y = point.y;
        } else {
            drag.dx = ev.clientX - drag.startX;
        }
        drag.moved = drag.moved || Math.abs(ev.clientX - drag.startX) > 2;
    }

    async onPointerUp(ev) {
        const drag = this.state.drag;
        if (!drag) {
            return;
        }
        this.state.drag = null;
        if (drag.mode === "link") {
            const target = this.barElementAt(ev);
            if (!target) {
                return;
            }
            const succ = parseInt(target.dataset.id, 10);
            if (succ === drag.id) {
                return;
            }
            const rect = target.getBoundingClientRect();
            const toEnd = ev.clientX > rect.left + rect.width / 2;
            await this.props.createLink(drag.id, succ, linkType(drag.fromEnd, toEnd));
            return;
        }
        const days = Math.round((ev.clientX - drag.startX) / this.pxPerDay);
        if (!days) {
            return;
        }
        const bar = this.model.bars.get(drag.id);
        if (drag.mode === "move") {
            const start = this.nextWorkingDay(bar.startDay + days, days > 0 ? 1 : -1);
            await this.props.moveTask(drag.id, { planned_start_date: toIso(start) });
        } else {
            const end = Math.max(this.previousWorkingDay(bar.endDay + days), bar.startDay);
            await this.props.moveTask(drag.id, { planned_end_date: toIso(end) });
        }
    }

    barElementAt(ev) {
        const direct = ev.target && ev.target.closest && ev.target.closest(".o_gantt_tm_bar");
        if (direct) {
            return direct;
        }
        const el = document.elementFromPoint(ev.clientX, ev.clientY);
        return el && el.closest(".o_gantt_tm_bar");
    }

    isWorking(day) {
        return !this.model.nonworking.has(day);
    }

    nextWorkingDay(day, step) {
        for (let i = 0; i < 30 && !this.isWorking(day); i++) {
            day += step;
        }
        return day;
    }

    previousWorkingDay(day) {
        for (let i = 0; i < 30 && !this.isWorking(day); i++) {
            day -= 1;
        }
        return day;
    }

    isWeekStart(day) {
        return isoWeekday(day) === 1;
    }
}
