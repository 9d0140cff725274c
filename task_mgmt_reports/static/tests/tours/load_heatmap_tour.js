/**
 * Open Project ▸ Reporting ▸ Resource Load, click a red cell, see its tasks, ask for levelling
 * suggestions, apply the shift of a task within its float: the cell is no longer red.
 */
import { registry } from "@web/core/registry";

const ROW = ".o_load_row[data-employee='Tour Paula']";

registry.category("web_tour.tours").add("task_mgmt_reports_load_tour", {
    steps: () => [
        {
            content: "Open Project reporting",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: "Open the resource load",
            trigger: ".dropdown-menu .dropdown-item:contains(Resource Load)",
            run: "click",
        },
        {
            content: "Tour Paula is over-allocated next week: click the red cell",
            trigger: `${ROW} td.o_load_over`,
            run: "click",
        },
        {
            content: "The cell's tasks are listed",
            trigger: ".o_load_cell_tasks tr:contains(Tour review):contains(8)",
        },
        {
            trigger: ".o_load_cell_tasks tr:contains(Tour integration)",
        },
        {
            content: "Her week is in the over-allocations",
            trigger: ".o_load_over_list tr:contains(Tour Paula)",
        },
        {
            content: "Ask for levelling suggestions",
            trigger: ".o_load_over_list .o_load_suggest",
            run: "click",
        },
        {
            content: "Shift the review within its float",
            trigger: ".o_load_suggestion:contains(Tour review):contains(120 % → 100 %) .o_load_apply",
            run: "click",
        },
        {
            content: "The cell is no longer red",
            trigger: `${ROW}:not(:has(td.o_load_over))`,
        },
    ],
});
