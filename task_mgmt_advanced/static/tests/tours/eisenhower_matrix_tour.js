/**
 * The Eisenhower matrix: a card dragged from "Drop" to "Do First" becomes important and
 * urgent, and its priority follows (Urgent).
 */
import { registry } from "@web/core/registry";

const column = (title) => `.o_kanban_group:has(.o_column_title:contains(${title}))`;
const TASK = "Tour: matrix task";

registry.category("web_tour.tours").add("task_mgmt_eisenhower_matrix_tour", {
    steps: () => [
        {
            content: "The four quadrants are columns",
            trigger: `${column("Do First")} ~ ${column("Schedule")} ~ ${column("Delegate")} ~ ${column("Drop")}`,
        },
        {
            content: "On a desktop, a 2 x 2 board with its axes named",
            trigger: ".o_task_mgmt_matrix:has(.o_task_mgmt_axis_urgent:contains(Urgent)):has(.o_task_mgmt_axis_not_urgent:contains(Not urgent)):has(.o_task_mgmt_axis_important:contains(Important)):has(.o_task_mgmt_axis_not_important:contains(Not important))",
        },
        {
            content: "Each quadrant shows its count",
            trigger: `${column("Do First")} .o_column_title span.text-truncate + span`,
        },
        {
            content: "Drag the task from Drop to Do First",
            trigger: `${column("Drop")} .o_kanban_record:contains(${TASK})`,
            run: `drag_and_drop(${column("Do First")})`,
        },
        {
            content: "It is in Do First, now Urgent",
            trigger: `${column("Do First")} .o_kanban_record:contains(${TASK}):contains(Urgent)`,
        },
        {
            content: "And no longer in Drop",
            trigger: `${column("Drop")}:not(:has(.o_kanban_record:contains(${TASK})))`,
        },
    ],
});
