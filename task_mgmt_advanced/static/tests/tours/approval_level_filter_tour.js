/**
 * An approval level's condition counts the tasks of its rule's projects only: the level,
 * opened from its rule, shows the count of the rule's project (3), not of every project (5).
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("task_mgmt_approval_level_filter_tour", {
    steps: () => [
        {
            content: "The rule's filter counts its project's tasks",
            trigger: ".o_form_view .o_field_widget[name=domain] :contains(3 record(s))",
        },
        {
            content: "Open the rule's level",
            trigger: ".o_field_widget[name=level_ids] .o_data_row td[name=name]:contains(Scoped level)",
            run: "click",
        },
        {
            content: "The level's condition counts the rule's project's tasks too",
            trigger: ".modal .o_field_widget[name=condition_domain] :contains(3 record(s))",
        },
        {
            content: "Not the tasks of every project",
            trigger: ".modal .o_field_widget[name=condition_domain]:not(:contains(5 record(s)))",
        },
    ],
});
