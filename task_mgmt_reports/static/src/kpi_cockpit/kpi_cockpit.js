/** @odoo-module **/
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, onWillStart, onWillUnmount, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { formatFloat } from "@web/core/utils/numbers";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

/** The KPI cards: key of the engine's rates, label, format. */
const CARDS = [
    { key: "planned_completion_rate", label: _t("Planned completion"), fmt: "percent" },
    { key: "on_time_rate", label: _t("On time"), fmt: "percent" },
    { key: "overdue_rate", label: _t("Overdue (today)"), fmt: "percent" },
    { key: "throughput", label: _t("Throughput"), fmt: "int" },
    { key: "cycle_time", label: _t("Cycle time (days)"), fmt: "days" },
    { key: "lead_time", label: _t("Lead time (days)"), fmt: "days" },
    { key: "estimate_deviation", label: _t("Hours / estimate"), fmt: "ratio" },
    { key: "quality", label: _t("Quality (1-5)"), fmt: "ratio" },
    { key: "rework", label: _t("Rework"), fmt: "int" },
];

/** The earned-value rows: key of the engine's figures, label. */
const EVM_ROWS = [
    ["bac", _t("Budget at completion (BAC)")],
    ["pv", _t("Planned value (PV)")],
    ["ev", _t("Earned value (EV)")],
    ["ac", _t("Actual cost (AC)")],
    ["cpi", _t("Cost performance (CPI)")],
    ["spi", _t("Schedule performance (SPI)")],
    ["cv", _t("Cost variance (CV)")],
    ["sv", _t("Schedule variance (SV)")],
    ["eac", _t("Estimate at completion (EAC)")],
    ["etc", _t("Estimate to complete (ETC)")],
];

export class KpiCockpit extends Component {
    static template = "task_mgmt_reports.KpiCockpit";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.canvasRef = useRef("canvas");
        this.trendRef = useRef("trend");
        this.trendChart = null;
        this.notification = useService("notification");
        this.state = useState({
            projects: [], projectId: null, period: "month", unit: "hours", evmUnit: "hours", data: null,
        });
        this.chart = null;
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.loadProjects();
            await this.load();
        });
        useEffect(
            () => this.renderChart(),
            () => [this.state.data, this.state.unit]
        );
        useEffect(
            () => this.renderTrend(),
            () => [this.state.data, this.state.evmUnit]
        );
        onWillUnmount(() => {
            this.chart?.destroy();
            this.trendChart?.destroy();
        });
    }

    get periodLabels() {
        return [
            ["week", _t("Week")],
            ["month", _t("Month")],
            ["quarter", _t("Quarter")],
        ];
    }

    async loadProjects() {
        this.state.projects = await this.orm.searchRead("project.project", [], ["display_name"], {
            order: "name",
            limit: 500,
        });
        const context = this.props.action?.context || {};
        let projectId = context.active_model === "project.project" ? context.active_id : null;
        if (!projectId) {
            const [latest] = await this.orm.searchRead(
                "project.task.baseline", [["is_current", "=", true]], ["project_id"],
                { order: "date desc, id desc", limit: 1 }
            );
            projectId = latest ? latest.project_id[0] : this.state.projects[0]?.id;
        }
        this.state.projectId = projectId || null;
    }

    async load() {
        if (!this.state.projectId) {
            this.state.data = null;
            return;
        }
        this.state.data = await this.orm.call("project.project", "get_cockpit_data", [[this.state.projectId]], {
            period: this.state.period,
        });
    }

    async onProjectChange(ev) {
        this.state.projectId = parseInt(ev.target.value, 10);
        await this.load();
    }

    exportXlsx() {
        const params = new URLSearchParams({ project_id: this.state.projectId, period: this.state.period });
        this.action.doAction({
            type: "ir.actions.act_url",
            url: `/task_mgmt_reports/kpi_cockpit.xlsx?${params}`,
            target: "download",
        });
    }

    async setPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    setUnit(unit) {
        this.state.unit = unit;
    }

    format(value, fmt) {
        if (value === null || value === undefined) {
            return "–";
        }
        if (fmt === "percent") {
            return `${formatFloat(value, { digits: [16, 1] })} %`;
        }
        if (fmt === "int") {
            return formatFloat(value, { digits: [16, 0] });
        }
        return formatFloat(value, { digits: [16, fmt === "ratio" ? 2 : 1] });
    }

    get cards() {
        const { current, previous } = this.state.data.kpis;
        const lower = new Set(this.state.data.lower_is_better);
        return CARDS.map((card) => {
            const now = current[card.key];
            const before = previous[card.key];
            const delta = now !== null && before !== null && before !== undefined ? now - before : null;
            const good = !delta ? null : lower.has(card.key) ? delta < 0 : delta > 0;
            return {
                ...card,
                value: this.format(now, card.fmt),
                previous: this.format(before, card.fmt),
                arrow: !delta ? "" : delta > 0 ? "▲" : "▼",
                good,
            };
        });
    }

    get beforeAfterRows() {
        const kpis = this.state.data.before_after.kpis;
        return CARDS.map((card) => {
            const row = kpis[card.key];
            return {
                key: card.key,
                label: card.label,
                before: this.format(row.before, card.fmt),
                after: this.format(row.after, card.fmt),
                change: row.change === null ? "–" : `${row.change > 0 ? "+" : ""}${this.format(row.change, "percent")}`,
                better: row.better,
            };
        });
    }

    get evmRows() {
        const { hours, money } = this.state.data.evm;
        const ratios = new Set(["cpi", "spi"]);
        return EVM_ROWS.map(([key, label]) => ({
            key,
            label,
            hours: this.format(hours[key], ratios.has(key) ? "ratio" : "days"),
            money: money ? this.format(money[key], ratios.has(key) ? "ratio" : "int") : "",
        }));
    }

    renderChart() {
        if (!this.canvasRef.el || !this.state.data) {
            return;
        }
        if (this.chart) {
            this.chart.destroy();
        }
        const series = this.state.data.burndown[this.state.unit];
        this.chart = new Chart(this.canvasRef.el, {
            type: "line",
            data: {
                labels: series.days,
                datasets: [
                    { label: _t("Scope"), data: series.scope, borderColor: "#adb5bd", borderDash: [2, 2],
                      pointRadius: 0, stepped: true },
                    { label: _t("Remaining"), data: series.remaining, borderColor: "#1f77b4",
                      backgroundColor: "rgba(31, 119, 180, 0.1)", fill: true, pointRadius: 0 },
                    { label: _t("Ideal (plan)"), data: series.ideal, borderColor: "#2ca02c", borderDash: [6, 4],
                      pointRadius: 0 },
                    { label: _t("Forecast"), data: series.forecast, borderColor: "#ff7f0e", borderDash: [2, 4],
                      pointRadius: 0 },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { x: { ticks: { maxTicksLimit: 12 } }, y: { beginAtZero: true } },
            },
        });
    }

    /** The earned value trend over the status dates of the snapshots: PV, EV, AC and EAC on
     * the left axis (hours, or money for those allowed), CPI and SPI on the right one. */
    renderTrend() {
        if (!this.trendRef.el || !this.state.data) {
            return;
        }
        this.trendChart?.destroy();
        const trend = this.state.data.evm_trend;
        const series = (this.state.evmUnit === "money" && trend.money) || trend.hours;
        // false: no figure at that date (a ratio without denominator), a gap in the line
        const line = (label, values, color, extra = {}) => ({
            label, data: values.map((v) => (v === false ? null : v)), borderColor: color, backgroundColor: color, pointRadius: 3, spanGaps: true, ...extra,
        });
        this.trendChart = new Chart(this.trendRef.el, {
            type: "line",
            data: {
                labels: trend.dates,
                datasets: [
                    line(_t("Planned value (PV)"), series.pv, "#2ca02c", { borderDash: [6, 4] }),
                    line(_t("Earned value (EV)"), series.ev, "#1f77b4"),
                    line(_t("Actual cost (AC)"), series.ac, "#d62728"),
                    line(_t("Estimate at completion (EAC)"), series.eac, "#9467bd", { borderDash: [2, 3] }),
                    line(_t("Cost performance (CPI)"), series.cpi, "#ff7f0e", { yAxisID: "ratio", borderWidth: 1 }),
                    line(_t("Schedule performance (SPI)"), series.spi, "#17becf", { yAxisID: "ratio", borderWidth: 1 }),
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: { beginAtZero: true, title: { display: true, text: series === trend.money ? trend.currency : _t("Hours") } },
                    ratio: { position: "right", beginAtZero: true, suggestedMax: 1.5, grid: { drawOnChartArea: false },
                             title: { display: true, text: _t("CPI / SPI") } },
                },
            },
        });
        // the number of status dates drawn (read by the tour)
        this.trendRef.el.dataset.points = trend.dates.length;
    }

    setEvmUnit(unit) {
        this.state.evmUnit = unit;
    }

    async takeSnapshot() {
        await this.orm.call("project.project", "action_evm_snapshot", [[this.state.projectId]]);
        this.notification.add(_t("Earned value snapshot taken."), { type: "success" });
        await this.load();
    }

    openSnapshots() {
        this.action.doAction("task_mgmt_reports.project_evm_snapshot_action", {
            additionalContext: { search_default_project_id: this.state.projectId },
        });
    }

    openKpis() {
        this.action.doAction("task_mgmt_reports.project_task_report_kpi_action", {
            additionalContext: { search_default_project_id: this.state.projectId },
        });
    }

    openSlipped() {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Slipped Tasks"),
            res_model: "project.task",
            views: [[false, "list"], [false, "form"]],
            domain: [["project_id", "=", this.state.projectId], ["baseline_slipped", "=", true]],
        });
    }

    openTask(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "project.task",
            res_id: id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("task_mgmt_reports.kpi_cockpit", KpiCockpit);
