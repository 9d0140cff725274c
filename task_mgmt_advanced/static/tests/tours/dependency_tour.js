/**
 * A typed dependency added from the task form (Planning tab): the successor is rescheduled.
 */
import { registry } from "@web/core/registry";

const LINKS = ".o_field_widget[name=predecessor_link_ids]";

registry.category("web_tour.tours").add("task_mgmt_dependency_tour", {
    steps: () => [
        {
            content: "Open the Planning tab",
            trigger: ".o_notebook .nav-link:contains(Planning)",
            run: "click",
        },
        {
            content: "Add a predecessor",
            trigger: `${LINKS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Search the task to wait for",
            trigger: `${LINKS} .o_data_row .o_field_widget[name=predecessor_id] input`,
            run: "edit Tour: pour",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour: pour concrete)",
            run: "click",
        },
        {
            content: "One working day of lag",
            trigger: `${LINKS} .o_data_row .o_field_widget[name=lag_days] input`,
            run: "edit 1",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its link",
            trigger: `.o_form_view:not(:has(.o_form_button_save:visible)) ${LINKS} .o_data_row:contains(Tour: pour concrete)`,
        },
    ],
});
