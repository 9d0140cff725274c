/**
 * Data of the Gantt chart: one RPC (`get_gantt_data`) for the window around the focus date,
 * edits through `gantt_write` / `gantt_link`, whose answer patches the drawn bars and arrows
 * in place (no reload, so the chart never jumps after an edit), and the undo history.
 */
import { Model } from "@web/model/model";
import { SCALES, toDay, toIso, today } from "./gantt_scale";

function zip(columns, values) {
    const obj = {};
    columns.forEach((column, index) => (obj[column] = values[index]));
    return obj;
}

export class GanttModel extends Model {
    setup(params) {
        this.resModel = params.resModel;
        this.archInfo = params.archInfo;
        this.scale = params.archInfo.defaultScale;
        this.colorBy = params.archInfo.colorBy;
        this.focus = today();
        this.collapsed = new Set();
        this.history = [];
        this.version = 0;
        this.data = null;
        this.firstLoad = true;
    }

    get window() {
        const scale = SCALES[this.scale];
        return [this.focus - scale.before, this.focus + scale.after];
    }

    async load(searchParams) {
        this.searchParams = searchParams;
        await this.fetch();
        if (this.firstLoad) {
            this.firstLoad = false;
            const bounds = this.data.bounds;
            const [start, stop] = this.window;
            if (!this.data.bars.length && bounds[0]) {
                const first = toDay(bounds[0]);
                const last = toDay(bounds[1] || bounds[0]);
                if (last < start || first > stop) {
                    // nothing planned around today: show where the plan is
                    this.focus = first + SCALES[this.scale].before / 3;
                    await this.fetch();
                }
            }
        }
    }

    async fetch() {
        const [start, stop] = this.window;
        const { domain, context, groupBy } = this.searchParams;
        const data = await this.orm.call(
            this.resModel,
            this.archInfo.dataMethod,
            [domain, groupBy || [], toIso(start), toIso(stop)],
            { color_by: this.colorBy, context }
        );
        this.process(data);
    }

    process(data) {
        this.bars = new Map();
        for (const values of data.bars) {
            this.addBar(zip(data.bar_columns, values));
        }
        this.arrowColumns = data.arrow_columns;
        this.barColumns = data.bar_columns;
        this.arrows = new Map();
        for (const values of data.arrows) {
            const arrow = zip(data.arrow_columns, values);
            this.arrows.set(arrow.id, arrow);
        }
        this.nonworking = new Set(data.nonworking.map(toDay));
        this.holidays = new Set(data.holidays.map(toDay));
        this.rows = data.rows;
        this.parentIndexes = new Set();
        data.rows.forEach((row, index) => {
            const next = data.rows[index + 1];
            if (row[0] === "t" && next && next[0] === "t" && next[2] > row[2]) {
                this.parentIndexes.add(index);
            }
        });
        this.milestones = data.milestones.map(([id, name, deadline, reached, projectId]) => ({
            id,
            name,
            day: toDay(deadline),
            reached,
            projectId,
        }));
        this.unscheduled = data.unscheduled;
        this.unscheduledCount = data.unscheduled_count;
        this.windowDays = data.window.map(toDay);
        // the current baseline of the drawn tasks: task id -> [start day, end day]
        this.baselines = new Map(
            (data.baselines || []).map(([id, start, end]) => [id, [toDay(start), toDay(end)]])
        );
        this.data = data;
        this.version++;
    }

    addBar(bar) {
        bar.startDay = toDay(bar.start);
        bar.endDay = toDay(bar.end);
        bar.lateEndDay = bar.late_end ? toDay(bar.late_end) : null;
        bar.deadlineDay = bar.deadline ? toDay(bar.deadline) : null;
        this.bars.set(bar.id, bar);
    }

    /** Row list with collapsed groups (and collapsed parents) left out. */
    visibleRows() {
        const result = [];
        if (this.milestones.length) {
            result.push({ type: "milestones", key: "__milestones" });
        }
        let hideDeeperThan = Infinity;
        this.rows.forEach((row, index) => {
            const depth = row[0] === "g" ? row[3] : row[2];
            if (depth > hideDeeperThan) {
                return;
            }
            hideDeeperThan = Infinity;
            if (row[0] === "g") {
                const key = `g:${row[1]}`;
                result.push({ type: "group", key, label: row[2], depth, count: row[4] });
                if (this.collapsed.has(key)) {
                    hideDeeperThan = depth;
                }
            } else {
                const hasChildren = this.parentIndexes.has(index);
                const key = `t:${index}:${row[1]}`;
                result.push({ type: "task", key, id: row[1], depth, hasChildren });
                if (hasChildren && this.collapsed.has(`t:${row[1]}`)) {
                    hideDeeperThan = depth;
                }
            }
        });
        return result;
    }

    toggle(key) {
        if (this.collapsed.has(key)) {
            this.collapsed.delete(key);
        } else {
            this.collapsed.add(key);
        }
        this.version++;
        this.notify();
    }

    async setScale(scale, focus) {
        this.scale = scale;
        if (focus !== undefined) {
            this.focus = focus;
        }
        await this.fetch();
        this.notify();
    }

    async setFocus(focus) {
        this.focus = focus;
        await this.fetch();
        this.notify();
    }

    async setColorBy(colorBy) {
        this.colorBy = colorBy;
        await this.fetch();
        this.notify();
    }

    applyChanges(changes) {
        const moved = new Set();
        for (const values of changes.bars) {
            const bar = zip(this.barColumns, values);
            if (this.bars.has(bar.id)) {
                this.addBar(bar);
                moved.add(bar.id);
            }
        }
        for (const id of changes.touched_ids) {
            moved.add(id);
        }
        for (const [id, arrow] of this.arrows) {
            if (moved.has(arrow.pred) || moved.has(arrow.succ)) {
                this.arrows.delete(id);
            }
        }
        for (const values of changes.arrows) {
            const arrow = zip(this.arrowColumns, values);
            if (this.bars.has(arrow.pred) && this.bars.has(arrow.succ)) {
                this.arrows.set(arrow.id, arrow);
            }
        }
        this.version++;
        this.notify();
        return moved;
    }

    drawnIds() {
        return [...this.bars.keys()];
    }

    /** Move/resize a task; remembers how to undo it. Throws the server's error. */
    async writeTask(id, values, { undoable = true } = {}) {
        const bar = this.bars.get(id);
        const before = {};
        if ("planned_start_date" in values) {
            before.planned_start_date = bar.start;
            before.pinned_start_date = bar.pinned || false;
        }
        if ("planned_end_date" in values) {
            before.planned_end_date = bar.end;
        }
        const changes = await this.orm.call(
            this.resModel,
            "gantt_write",
            [id, values, this.drawnIds()],
            { color_by: this.colorBy, context: this.searchParams.context }
        );
        if (undoable) {
            this.history.push({ id, values: before });
        }
        return this.applyChanges(changes);
    }

    async undo() {
        const last = this.history.pop();
        if (!last) {
            return false;
        }
        await this.writeTask(last.id, last.values, { undoable: false });
        return true;
    }

    async linkOperation(operation, values, linkId) {
        const changes = await this.orm.call(
            this.resModel,
            "gantt_link",
            [operation, values || {}, linkId || false, this.drawnIds()],
            { color_by: this.colorBy, context: this.searchParams.context }
        );
        if (operation === "unlink") {
            this.arrows.delete(linkId);
        }
        return this.applyChanges(changes);
    }
}
