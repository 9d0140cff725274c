/**
 * The RACI matrix from a project's smart button: tasks × people with letters, the filters,
 * a click on a cell opens the task.
 */
import { registry } from "@web/core/registry";

const TR = (name) => `tr:has(.o_raci_task a:contains(${name}))`;
const ROW = (name) => `.o_raci_matrix_table ${TR(name)}`;

registry.category("web_tour.tours").add("task_mgmt_raci_matrix_tour", {
    steps: () => [
        {
            content: "Open the project's RACI matrix",
            trigger: ".oe_stat_button[name=action_view_raci_matrix]",
            run: "click",
        },
        {
            content: "The lead is Responsible and Accountable of the design task (two letters)",
            trigger: `${ROW("Tour design")} td[data-letters=RA] .o_raci_R + .o_raci_A`,
        },
        {
            content: "The reviewer is Consulted",
            trigger: `${ROW("Tour design")} td[data-letters=C]`,
        },
        {
            content: "The task without Accountable is flagged",
            trigger: `${ROW("Tour orphan")} .o_raci_missing_a`,
        },
        {
            content: "Only tasks without an Accountable",
            trigger: "button[data-filter=missing_accountable]",
            run: "click",
        },
        {
            content: "The design task is filtered out",
            trigger: `.o_raci_matrix_table:not(:has(${TR("Tour design")})) ${TR("Tour orphan")}`,
        },
        {
            content: "Click the orphan's cell",
            trigger: `${ROW("Tour orphan")} td[data-letters=R]`,
            run: "click",
        },
        {
            content: "The task form opens",
            trigger: ".o_form_view .o_field_widget[name=name] textarea:value(Tour orphan), .o_form_view .o_field_widget[name=name]:contains(Tour orphan)",
        },
    ],
});

registry.category("web_tour.tours").add("task_mgmt_raci_matrix_zh_tour", {
    steps: () => [
        {
            content: "Open the project's RACI matrix",
            trigger: ".oe_stat_button[name=action_view_raci_matrix]",
            run: "click",
        },
        {
            content: "The legend and the filters are in Chinese",
            trigger: ".o_raci_matrix_legend:contains(问责人):contains(咨询人)",
        },
        {
            content: "The filter buttons are in Chinese",
            trigger: "button[data-filter=missing_accountable]:contains(缺少问责人)",
        },
        {
            content: "The letters stay R / A / C / I",
            trigger: `${ROW("Tour design")} td[data-letters=RA]`,
        },
    ],
});
