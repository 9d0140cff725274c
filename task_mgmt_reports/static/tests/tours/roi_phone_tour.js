/**
 * The ROI dashboard on a phone (390 x 844, touch; tests/test_phone_tours.py): the figures as
 * stacked cards, nothing wider than the screen, the best deals as lines; tap one to open it.
 */
import { registry } from "@web/core/registry";

const DEAL = "Tour: phone deal";

registry.category("web_tour.tours").add("task_mgmt_reports_roi_phone_tour", {
    steps: () => [
        {
            content: "The dashboard renders its figures and the chart",
            trigger: ".o_roi_dashboard:has(.o_roi_kpi[data-kpi=won_revenue]) canvas",
        },
        {
            content: "Cards stacked two by two, nothing wider than the phone",
            trigger: ".o_roi_dashboard .o_roi_best .o_roi_phone_row:contains(" + DEAL + ")",
            run() {
                const screen = document.documentElement.clientWidth;
                const dashboard = document.querySelector(".o_roi_dashboard");
                if (dashboard.scrollWidth > dashboard.clientWidth + 1) {
                    throw new Error(`the dashboard is ${dashboard.scrollWidth} px wide on a ${screen} px screen`);
                }
                for (const card of document.querySelectorAll(".o_roi_kpi")) {
                    const { width, right } = card.getBoundingClientRect();
                    if (width > screen / 2 || right > screen) {
                        throw new Error(`KPI ${card.dataset.kpi} is ${width} px wide, right at ${right}`);
                    }
                }
                if (document.querySelector(".o_roi_dashboard table")) {
                    throw new Error("tables on a phone: the opportunities should be lines");
                }
            },
        },
        {
            content: "Its revenue is on its line",
            trigger: `.o_roi_best .o_roi_phone_row:contains(${DEAL}):contains(900,000)`,
        },
        {
            content: "Tap the deal",
            trigger: `.o_roi_best .o_roi_phone_row:contains(${DEAL})`,
            run: "click",
        },
        {
            content: "The opportunity opens",
            trigger: `.o_form_view .o_field_widget[name=name]:contains(${DEAL}), .o_form_view .o_field_widget[name=name] input:value(${DEAL}), .o_form_view .o_field_widget[name=name] textarea:value(${DEAL})`,
        },
    ],
});
