/**
 * Open the delivery cockpit from Project ▸ Reporting: KPI cards, the burndown in hours then in
 * tasks, the baseline's finish slip, the earned value trend (in money, then a snapshot taken now),
 * and drill into a slipped task.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("task_mgmt_reports_kpi_cockpit_tour", {
    steps: () => [
        {
            content: "Open Project reporting",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: "Open the delivery cockpit",
            trigger: ".dropdown-menu .dropdown-item:contains(Delivery Cockpit)",
            run: "click",
        },
        {
            content: "The project of the latest baseline is shown, with its finish slip",
            trigger: ".o_kpi_baseline:contains(Tour: plan) .o_kpi_finish_slip:contains(2)",
        },
        {
            content: "One task done this month",
            trigger: ".o_kpi_card[data-kpi=throughput] .o_kpi_value:contains(1)",
        },
        {
            content: "The burndown is drawn",
            trigger: "canvas.o_kpi_burndown",
        },
        {
            content: "Show the burndown in tasks",
            trigger: ".o_kpi_cockpit_units button[data-unit=tasks]",
            run: "click",
        },
        {
            trigger: ".o_kpi_cockpit_units button.btn-primary[data-unit=tasks]",
        },
        {
            content: "The earned value trend is drawn over the two weekly snapshots",
            trigger: ".o_kpi_evm_trend canvas.o_kpi_evm_trend_chart[data-points='2']",
        },
        {
            content: "The administrator may switch the trend to money",
            trigger: ".o_kpi_evm_units button[data-unit=money]",
            run: "click",
        },
        {
            trigger: ".o_kpi_evm_units button.btn-primary[data-unit=money]",
        },
        {
            content: "Take a snapshot now",
            trigger: ".o_kpi_evm_snapshot",
            run: "click",
        },
        {
            content: "Today's status date is added to the trend",
            trigger: ".o_kpi_evm_trend canvas.o_kpi_evm_trend_chart[data-points='3']",
        },
        {
            content: "Drill into the slipped task",
            trigger: ".o_kpi_slipped tbody tr:contains(Tour: build)",
            run: "click",
        },
        {
            content: "The task opens",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Tour: build), .o_breadcrumb .active:contains(Tour: build)",
        },
    ],
});
