/**
 * RACI in the task form: the Accountable cannot also be Consulted (clear message), another
 * person can.
 */
import { registry } from "@web/core/registry";

const CONSULTED = ".o_field_widget[name=consulted_user_ids]";

registry.category("web_tour.tours").add("task_mgmt_raci_tour", {
    steps: () => [
        {
            content: "Open the RACI tab",
            trigger: ".o_notebook .nav-link:contains(RACI)",
            run: "click",
        },
        {
            content: "Consult the Accountable: type the name",
            trigger: `${CONSULTED} input`,
            run: "edit Tour Accountable",
        },
        {
            content: "Pick the Accountable",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Accountable)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Refused, naming the task and the person",
            trigger: ".modal-body:contains(Tour Accountable cannot be both Accountable and Consulted)",
        },
        {
            content: "Close the message",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Back in the Consulted field",
            trigger: `${CONSULTED}:has(.o_tag:contains(Tour Accountable)) input`,
            run: "click",
        },
        {
            content: "Remove the Accountable from Consulted (Backspace)",
            trigger: `${CONSULTED} input`,
            run: "press Backspace",
        },
        {
            content: "Removed",
            trigger: `${CONSULTED}:not(:has(.o_tag:contains(Tour Accountable)))`,
        },
        {
            content: "Consult someone else",
            trigger: `${CONSULTED} input`,
            run: "edit Tour Consultant",
        },
        {
            content: "Pick them",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Consultant)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: `.o_form_view:not(:has(.o_form_button_save:visible)) ${CONSULTED} .o_tag:contains(Tour Consultant)`,
        },
    ],
});
