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
