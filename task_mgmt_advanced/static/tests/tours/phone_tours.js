/**
 * The paths of a manager on a phone (390 x 844, touch; see tests/test_tours_phone.py):
 * decide from the task form's banner, from My Approvals (a second tap must not approve the
 * next level), accept a done task with a rating, move a card to another quadrant without
 * drag and drop, add a predecessor from the Planning tab's cards.
 */
import { registry } from "@web/core/registry";

const BANNER = ".o_form_view .o_task_mgmt_decision_banner";
const toast = (text) => `.o_notification:contains(${text})`;

/** A run() refusing a target smaller than a finger (44 px tall) before tapping it. */
function tapBigEnough(what) {
    return async function (helpers) {
        const { height } = helpers.anchor.getBoundingClientRect();
        if (height < 44) {
            throw new Error(`${what} is ${height} px tall: a finger needs 44 px`);
        }
        await helpers.click();
    };
}

registry.category("web_tour.tours").add("task_mgmt_phone_banner_approve_tour", {
    steps: () => [
        {
            content: "The banner explains the request and offers the decisions",
            trigger: `${BANNER}:contains(Waiting for approval) button[name=action_approval_reject]`,
        },
        {
            content: "Approve, a finger-sized button in the banner",
            trigger: `${BANNER} button[name=action_approval_approve]`,
            run: tapBigEnough("Approve"),
        },
        {
            content: "A toast names the task, the level and the outcome",
            trigger: toast("Tour: phone task") + `:contains(Lead):contains(approved)`,
        },
        {
            content: "Nothing left to decide: the banner is gone",
            trigger: `.o_form_view:not(:has(${BANNER} button[name=action_approval_approve]))`,
        },
    ],
});

registry.category("web_tour.tours").add("task_mgmt_phone_banner_reject_tour", {
    steps: () => [
        {
            content: "Reject from the banner",
            trigger: `${BANNER} button[name=action_approval_reject]`,
            run: tapBigEnough("Reject"),
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Not before the audit",
        },
        {
            content: "Confirm the rejection",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "A toast names the task, the level and the outcome",
            trigger: toast("Tour: phone task") + ":contains(Lead):contains(rejected)",
        },
        {
            content: "The banner is gone",
            trigger: `.o_form_view:not(:has(${BANNER} button[name=action_approval_approve]))`,
        },
    ],
});

const CARD = ".o_kanban_record:contains(Tour: phone task)";

registry.category("web_tour.tours").add("task_mgmt_phone_my_approvals_tour", {
    steps: () => [
        {
            content: "My Approvals shows cards on a phone; the level Lead waits",
            trigger: `.o_kanban_view ${CARD}:contains(Lead) button[name=action_approve]`,
            run: tapBigEnough("Approve"),
        },
        {
            content: "Approved, and the next level, also mine, is announced instead of drawn in its place",
            trigger: toast("Lead") + ":contains(approved):contains(also waits for you)",
        },
        {
            content: "Tap again where Approve was (the double tap)",
            trigger: `.o_kanban_view ${CARD}:contains(Lead) button[name=action_approve]`,
            run: "click",
        },
        {
            content: "The second tap is about Lead, already approved: nothing changes",
            trigger: toast("Lead") + ":contains(already approved)",
        },
    ],
});

registry.category("web_tour.tours").add("task_mgmt_phone_accept_tour", {
    steps: () => [
        {
            content: "The banner offers Accept to the reviewer",
            trigger: `${BANNER}:contains(waiting for acceptance) button[name=action_acceptance_accept]`,
            run: tapBigEnough("Accept"),
        },
        {
            content: "Rate the work 4 out of 5",
            trigger: ".modal .o_field_widget[name=quality_rating] label:contains(4 - Very good)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "A toast names the task and the rating",
            trigger: toast("Tour: phone task") + ":contains(accepted):contains(4/5)",
        },
        {
            content: "Nothing left to accept",
            trigger: `.o_form_view:not(:has(${BANNER} button[name=action_acceptance_accept]))`,
        },
    ],
});

const column = (title) => `.o_kanban_group:has(.o_column_title:contains(${title}))`;
const MATRIX_TASK = "Tour: phone matrix task";

registry.category("web_tour.tours").add("task_mgmt_phone_quadrant_tour", {
    steps: () => [
        {
            content: "The four quadrants as a 2 x 2 overview with their counts",
            trigger: `${column("Do First")} ~ ${column("Schedule")} ~ ${column("Delegate")} ~ ${column("Drop")}`,
            run() {
                const titles = [...document.querySelectorAll(".o_kanban_group .o_column_title")];
                if (titles.length !== 4 || !titles.every((t) => /\(\d+\)/.test(t.textContent))) {
                    throw new Error("Each of the four quadrants shows its count");
                }
                const box = (title) =>
                    [...document.querySelectorAll(".o_kanban_group")]
                        .find((g) => g.querySelector(".o_column_title").textContent.includes(title))
                        .getBoundingClientRect();
                const [q1, q2, q3, q4] = ["Do First", "Schedule", "Delegate", "Drop"].map(box);
                const sameRow = (a, b) => Math.abs(a.top - b.top) < 2;
                if (!(sameRow(q1, q2) && sameRow(q3, q4) && q3.top > q1.bottom - 2 && q2.left > q1.left)) {
                    throw new Error("The quadrants are not laid out 2 x 2");
                }
                if (q1.right > window.innerWidth + 1 || q2.right > window.innerWidth + 1) {
                    throw new Error("The overview is wider than the screen");
                }
            },
        },
        {
            content: "Open the card's menu",
            trigger: `${column("Drop")} .o_kanban_record:contains(${MATRIX_TASK}) .o_dropdown_kanban .dropdown-toggle`,
            run: "click",
        },
        {
            content: "Move it to Do First",
            trigger: ".o-dropdown--kanban-record-menu .o_task_mgmt_quadrant_menu a:contains(Do First)",
            run: "click",
        },
        {
            content: "A toast confirms",
            trigger: toast(MATRIX_TASK) + ":contains(Do First)",
        },
        {
            content: "The card is in Do First",
            trigger: `${column("Do First")} .o_kanban_record:contains(${MATRIX_TASK}):contains(Urgent)`,
        },
        {
            content: "And no longer in Drop",
            trigger: `${column("Drop")}:not(:has(.o_kanban_record:contains(${MATRIX_TASK})))`,
        },
    ],
});

const LINKS = ".o_field_widget[name=predecessor_link_ids]";

registry.category("web_tour.tours").add("task_mgmt_phone_predecessor_tour", {
    steps: () => [
        {
            content: "Open the Planning tab",
            trigger: ".o_notebook .nav-link:contains(Planning)",
            run: "click",
        },
        {
            content: "The predecessors are cards on a phone; add one",
            trigger: `${LINKS} .o_field_x2many_kanban .o_x2m_control_panel button`,
            run: "click",
        },
        {
            content: "Choose the task to wait for (a phone opens a search screen)",
            trigger: ".modal .o_field_widget[name=predecessor_id] input",
            run: "click",
        },
        {
            content: "Show the search bar",
            trigger: ".modal:has(.modal-title:contains(Predecessor)) .o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            content: "Search it",
            trigger: ".modal:has(.modal-title:contains(Predecessor)) .o_searchview_input",
            run: "edit Tour: pour && press Enter",
        },
        {
            content: "Pick it",
            trigger: ".modal:has(.modal-title:contains(Predecessor)) .o_kanban_record:contains(Tour: pour concrete)",
            run: "click",
        },
        {
            content: "One working day of lag",
            trigger: ".modal .o_field_widget[name=lag_days] input",
            run: "edit 1",
        },
        {
            content: "Keep the link",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "It shows as a card",
            trigger: `${LINKS} .o_kanban_record:contains(Tour: pour concrete)`,
        },
        {
            content: "Save the task",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: `.o_form_view:not(:has(.o_form_button_save:visible)) ${LINKS} .o_kanban_record:contains(Tour: pour concrete)`,
        },
    ],
});
