/**
 * The RACI matrix on a phone (390 x 844, touch; tests/test_tours_phone_raci.py): pick the
 * project, read each task's people and letters on its card, filter, tap a card to open the task.
 */
import { registry } from "@web/core/registry";

const CARD = (name) => `.o_raci_card:has(.o_raci_card_name:contains(${name}))`;

registry.category("web_tour.tours").add("task_mgmt_raci_matrix_phone_tour", {
    steps: () => [
        {
            content: "On a phone the matrix is cards, not a table one column per person",
            trigger: ".o_raci_matrix:has(.o_raci_cards):not(:has(.o_raci_matrix_table))",
        },
        {
            content: "Open the project picker",
            trigger: ".o_raci_matrix_project .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Search the project",
            trigger: "input.o_select_menu_sticky",
            run: "edit Tour: phone matrix",
        },
        {
            content: "Pick it",
            trigger: ".o_select_menu_item:contains(Tour: phone matrix)",
            run: "click",
        },
        {
            content: "The lead is Responsible and Accountable of the design task",
            trigger: `${CARD("Tour design")} .o_raci_card_person[data-letters=RA]:contains(Tour Lead) .o_raci_R + .o_raci_A`,
        },
        {
            content: "The reviewer is Consulted",
            trigger: `${CARD("Tour design")} .o_raci_card_person[data-letters=C]:contains(Tour Reviewer)`,
        },
        {
            content: "The task without Accountable is flagged",
            trigger: `${CARD("Tour orphan")} .o_raci_missing_a`,
        },
        {
            content: "Only tasks without an Accountable",
            trigger: "button[data-filter=missing_accountable]",
            run: "click",
        },
        {
            content: "The design task is filtered out",
            trigger: `.o_raci_cards:not(:has(.o_raci_card_name:contains(Tour design))) ${CARD("Tour orphan")}`,
        },
        {
            content: "Tap the orphan's card",
            trigger: CARD("Tour orphan"),
            run: "click",
        },
        {
            content: "The task form opens",
            trigger: ".o_form_view .o_field_widget[name=name] textarea:value(Tour orphan), .o_form_view .o_field_widget[name=name]:contains(Tour orphan)",
        },
    ],
});
