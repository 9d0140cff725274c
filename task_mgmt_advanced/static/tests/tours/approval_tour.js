/**
 * An approver finds the request in "My Approvals", opens it and approves: the task moves.
 */
import { registry } from "@web/core/registry";

const TASK = "Tour: task to review";

registry.category("web_tour.tours").add("task_mgmt_approval_tour", {
    steps: () => [
        {
            content: "The request waits in My Approvals",
            trigger: `.o_list_view .o_data_row:contains(${TASK}) td[name=name]`,
            run: "click",
        },
        {
            content: "Approve",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
            run: "click",
        },
        {
            content: "The level is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Approved)",
        },
        {
            content: "No decision left to take",
            trigger: ".o_form_view:not(:has(button[name=action_approve]))",
        },
    ],
});
