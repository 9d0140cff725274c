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

const { DateTime } = luxon;

/** Period presets: [start, end] as luxon dates. */
const PERIODS = {
    year: () => [DateTime.now().startOf("year"), DateTime.now().endOf("year")],
    quarter: () => [DateTime.now().startOf("quarter"), DateTime.now().endOf("quarter")],
    last12: () => [DateTime.now().minus({ months: 12 }).plus({ days: 1 }), DateTime.now()],
};

export class RoiDashboard extends Component {
    static template = "task_mgmt_reports.RoiDashboard";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.canvasRef = useRef("canvas");
        this.state = useState({ period: "last12", data: null });
        this.chart = null;
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        useEffect(
            () => this.renderChart(),
            () => [this.state.data]
        );
        onWillUnmount(() => this.chart && this.chart.destroy());
    }

    get periodLabels() {
        return [
            ["last12", _t("Last 12 months")],
            ["year", _t("This year")],
            ["quarter", _t("This quarter")],
        ];
    }

    async load() {
        const [start, end] = PERIODS[this.state.period]();
        this.state.data = await this.orm.call("crm.lead.report.roi", "roi_dashboard_data", [], {
            date_from: start.toISODate(),
            date_to: end.toISODate(),
        });
    }

    async setPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    money(value) {
        if (typeof value !== "number") {
            return "";
        }
        const { symbol, position } = this.state.data.currency;
        const amount = formatFloat(value, { digits: [16, 0] });
        return position === "before" ? `${symbol} ${amount}` : `${amount} ${symbol}`;
    }

    percent(value) {
        return typeof value !== "number" ? "–" : `${formatFloat(value, { digits: [16, 1] })} %`;
    }

    get kpis() {
        const data = this.state.data;
        const list = [
            { key: "won_revenue", label: _t("Won revenue"), status: "won", fmt: "money" },
            { key: "weighted_revenue", label: _t("Weighted pipeline"), status: "open", fmt: "money" },
        ];
        if (data.can_see_costs) {
            list.push(
                { key: "cost", label: _t("Cost"), fmt: "money", lowerIsBetter: true },
                { key: "margin", label: _t("Margin"), fmt: "money" },
                { key: "roi", label: _t("ROI"), fmt: "percent" },
                { key: "lost_presales_cost", label: _t("Pre-sales cost of lost deals"), status: "lost",
                  fmt: "money", lowerIsBetter: true }
            );
        }
        list.push({ key: "hours", label: _t("Hours"), fmt: "hours" });
        return list.map((kpi) => {
            const current = data.current[kpi.key];
            const previous = data.previous[kpi.key];
            const delta = previous ? ((current - previous) / Math.abs(previous)) * 100 : null;
            const good = delta === null ? null : kpi.lowerIsBetter ? delta <= 0 : delta >= 0;
            const format = kpi.fmt === "money" ? (v) => this.money(v)
                : kpi.fmt === "percent" ? (v) => this.percent(v) : (v) => formatFloat(v, { digits: [16, 1] });
            return { ...kpi, value: format(current), previous: format(previous), delta, good };
        });
    }

    renderChart() {
        if (!this.canvasRef.el || !this.state.data) {
            return;
        }
        if (this.chart) {
            this.chart.destroy();
        }
        const months = this.state.data.months;
        const datasets = [
            { label: _t("Revenue"), data: months.map((m) => m.revenue), backgroundColor: "#1f77b4" },
        ];
        if (this.state.data.can_see_costs) {
            datasets.push({ label: _t("Cost"), data: months.map((m) => m.cost), backgroundColor: "#ff7f0e" });
        }
        this.chart = new Chart(this.canvasRef.el, {
            type: "bar",
            data: { labels: months.map((m) => m.month), datasets },
            options: { maintainAspectRatio: false, animation: false },
        });
    }

    openRoi(status) {
        const [start, end] = this.state.data.period;
        const domain = [["opportunity_id", "!=", false], ["date", ">=", start], ["date", "<=", end]];
        if (status) {
            domain.push(["opportunity_status", "=", status]);
        }
        this.action.doAction("task_mgmt_reports.crm_lead_report_roi_action", {
            additionalContext: { search_default_with_opportunity: 0 },
            props: { domain },
        });
    }

    openOpportunity(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "crm.lead",
            res_id: id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("task_mgmt_reports.roi_dashboard", RoiDashboard);
