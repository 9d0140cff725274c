/** @odoo-module **/
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { MultiRecordSelector } from "@web/core/record_selectors/multi_record_selector";
import { registry } from "@web/core/registry";
import { formatFloat } from "@web/core/utils/numbers";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

const { DateTime } = luxon;
const ROW_PAGE = 150; // rows rendered at once; "Show more" renders the next ones

/**
 * Resource load heatmap (issue #14): employees grouped by department against periods; a
 * cell is the load as % of the capacity, coloured under 70 %, 70-100 %, over 100 % and time
 * off ("Unavailable"). One RPC (task_mgmt.resource.load.get_load_grid) loads the grid; a click
 * on a cell lists its tasks; the over-allocations and levelling suggestions are listed below.
 */
export class LoadHeatmap extends Component {
    static template = "task_mgmt_reports.LoadHeatmap";
    static components = { Layout, MultiRecordSelector };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        const context = this.props.action?.context || {};
        const monday = DateTime.now().startOf("week");
        this.state = useState({
            filters: {
                scale: "week",
                group_by: context.default_group_by === "project" ? "project" : "department",
                date_from: monday.minus({ weeks: 1 }).toISODate(),
                date_to: monday.plus({ weeks: 11 }).endOf("week").toISODate(),
                department_ids: context.default_department_ids || [],
                project_ids: context.default_project_ids || [],
                employee_ids: context.default_employee_ids || [],
            },
            data: null,
            cell: null,
            suggestions: null,
            rowLimit: ROW_PAGE,
            loading: false,
        });
        onWillStart(() => this.load());
    }

    get scales() {
        return [
            ["day", _t("Day")],
            ["week", _t("Week")],
            ["month", _t("Month")],
        ];
    }

    get groupings() {
        return [
            ["department", _t("By department")],
            ["project", _t("By project")],
        ];
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("task_mgmt.resource.load", "get_load_grid", [], {
                filters: this.state.filters,
            });
            this.state.cell = null;
            this.state.suggestions = null;
        } finally {
            this.state.loading = false;
        }
    }

    async setFilter(name, value) {
        this.state.filters[name] = value;
        if (name === "scale") {
            const start = DateTime.fromISO(this.state.filters.date_from);
            const spans = { day: { weeks: 3 }, week: { weeks: 12 }, month: { months: 12 } };
            this.state.filters.date_to = start.plus(spans[value]).minus({ days: 1 }).toISODate();
        }
        await this.load();
    }

    onDate(name, ev) {
        if (ev.target.value) {
            this.setFilter(name, ev.target.value);
        }
    }

    /** Group headers and employee rows, in display order, cut at the row limit. */
    get lines() {
        const data = this.state.data;
        const lines = [];
        let shown = 0;
        for (const [id, name, rows] of data.groups) {
            if (shown >= this.state.rowLimit) {
                break;
            }
            lines.push({ key: `g${id}`, group: true, name, count: rows.length });
            for (const index of rows) {
                if (shown++ >= this.state.rowLimit) {
                    break;
                }
                lines.push({ key: `r${index}`, group: false, index, row: data.rows[index] });
            }
        }
        return lines;
    }

    hours(value) {
        return formatFloat(value || 0, { digits: [16, 1] });
    }

    percent(load, capacity) {
        return capacity ? Math.round((load / capacity) * 100) : null;
    }

    cellTitle(row, cell, period) {
        const [load, capacity, actual, planned, level] = cell;
        const parts = [`${row.name} · ${period[2]}`, _t("Load: %s h", this.hours(load))];
        if (capacity !== false) {
            parts.push(_t("Capacity: %s h", this.hours(capacity)));
        }
        if (actual) {
            parts.push(_t("Logged: %s h", this.hours(actual)));
        }
        if (planned !== false && period[3]) {
            parts.push(_t("Planned: %s h", this.hours(planned)));
        }
        if (level === "off") {
            parts.push(_t("Unavailable"));
        }
        if (row.project_id !== undefined) {
            parts.push(_t("Hours on this project; colour: the employee's whole load"));
        }
        return parts.join("\n");
    }

    fallbackTitle(row) {
        return row.fallback === "flexible"
            ? _t("Flexible hours: counted as the schedule's hours per day, Monday to Friday")
            : _t("No working schedule: counted as 8 hours a day, Monday to Friday");
    }

    get overLines() {
        const data = this.state.data;
        return data.over.map(([row, period, excess, tasks]) => ({
            key: `${row}-${period}`,
            row,
            period,
            employee: data.rows[row].name,
            label: data.periods[period][2],
            excess,
            tasks: tasks.map((t) => `${t[1]} (${this.hours(t[3])} h)`).join(", "),
        }));
    }

    async openCell(rowIndex, periodIndex, allProjects = false) {
        const data = this.state.data;
        const row = data.rows[rowIndex];
        const unscheduled = periodIndex === null;
        const period = unscheduled ? null : data.periods[periodIndex];
        // a row of the grouping by project: the tasks of that project only
        const filters =
            row.project_id && !allProjects
                ? { ...this.state.filters, project_ids: [row.project_id] }
                : this.state.filters;
        const tasks = await this.orm.call("task_mgmt.resource.load", "get_load_cell_tasks", [
            filters,
            row.id,
            period ? period[0] : false,
            period ? period[1] : false,
        ]);
        this.state.cell = {
            employee: row.name,
            label: unscheduled ? _t("Unscheduled") : period[2],
            tasks,
            rowIndex,
            periodIndex,
        };
    }

    openTask(taskId) {
        if (!taskId) {
            return;
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "project.task",
            res_id: taskId,
            views: [[false, "form"]],
        });
    }

    async loadSuggestions() {
        this.state.suggestions = await this.orm.call(
            "task_mgmt.resource.load",
            "get_load_suggestions",
            [],
            { filters: this.state.filters }
        );
    }

    effectText(effect) {
        const [name, before, after, pctBefore, pctAfter] = effect;
        if (pctBefore === false) {
            return `${name}: ${this.hours(before)} h → ${this.hours(after)} h`;
        }
        return `${name}: ${pctBefore} % → ${pctAfter} % (${this.hours(before)} h → ${this.hours(after)} h)`;
    }

    suggestionText(s) {
        if (s.kind === "shift") {
            return _t("Start “%(task)s” %(days)s working day(s) later, on %(date)s", {
                task: s.task,
                days: s.days,
                date: s.new_start,
            });
        }
        return _t("Give %(employee)s's share of “%(task)s” to %(colleague)s", {
            employee: s.employee,
            task: s.task,
            colleague: s.colleague,
        });
    }

    async applySuggestion(suggestion) {
        await this.orm.call("task_mgmt.resource.load", "action_apply_load_suggestion", [suggestion]);
        this.notification.add(_t("Suggestion applied."), { type: "success" });
        await this.load();
        await this.loadSuggestions();
    }

    exportXlsx() {
        const filters = encodeURIComponent(JSON.stringify(this.state.filters));
        this.action.doAction({
            type: "ir.actions.act_url",
            url: `/task_mgmt_reports/load.xlsx?filters=${filters}`,
            target: "download",
        });
    }
}

registry.category("actions").add("task_mgmt_reports.resource_load", LoadHeatmap);
