/**
 * Open Project ▸ Reporting ▸ Utilisation: the pivot shows an employee's hours; a click on their
 * total opens the rows (their timesheet line among them); the graph draws the utilisation.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("task_mgmt_reports_utilisation_tour", {
    steps: () => [
        {
            content: "Open Project reporting",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: "Open the utilisation report",
            trigger: ".dropdown-menu .dropdown-item:contains(Utilisation)",
            run: "click",
        },
        {
            content: "The pivot shows the utilisation measure",
            trigger: ".o_pivot th:contains(Utilisation (%))",
        },
        {
            content: "The employee's total hours: the 4 h logged",
            trigger: ".o_pivot tr:has(th:contains(Tour: Ursula)) td.o_pivot_cell_value:nth-last-child(3):contains(04:00)",
        },
        {
            content: "Drill down from the employee's total hours",
            trigger: ".o_pivot tr:has(th:contains(Tour: Ursula)) td.o_pivot_cell_value:nth-last-child(3)",
            run: "click",
        },
        {
            content: "The rows of the cell: the timesheet line of the tour's project",
            trigger: ".o_list_renderer .o_data_row:has(td:contains(Tour: utilisation project)):has(td:contains(Timesheet))",
        },
        {
            content: "Back to the pivot",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb li:first-child a",
            run: "click",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_control_panel .o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
