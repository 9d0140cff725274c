/**
 * Priority rules, as a project administrator: create a rule in the form, be refused with a
 * clear message on a bad value, correct it and save.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("task_mgmt_priority_rule_tour", {
    steps: () => [
        {
            content: "The default rules are listed",
            trigger: ".o_list_view .o_data_row:contains(Deadline within 3 working days)",
        },
        {
            content: "Create a rule",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour: deadline within 5 days",
        },
        {
            content: "When the deadline is near",
            trigger: ".o_field_widget[name=condition] select",
            run: 'select "deadline"',
        },
        {
            content: "Within 5 working days",
            trigger: ".o_field_widget[name=deadline_days] input",
            run: "edit 5",
        },
        {
            content: "Then raise the priority",
            trigger: ".o_field_widget[name=effect] select",
            run: 'select "raise"',
        },
        {
            content: "By 5 levels: too many",
            trigger: ".o_field_widget[name=raise_steps] input",
            run: "edit 5",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Refused, naming the rule and the value",
            trigger: ".modal-body:contains(Rule 'Tour: deadline within 5 days': a raise is by 1 to 3 levels, not 5.)",
        },
        {
            content: "Close the message",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "By 2 levels",
            trigger: ".o_field_widget[name=raise_steps] input",
            run: "edit 2",
        },
        {
            content: "Save again",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the breadcrumb names the rule",
            trigger: ".o_breadcrumb .active:contains(Tour: deadline within 5 days)",
        },
        {
            content: "Nothing left to save",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});
