/**
 * The resource load heatmap on a phone (390 x 844, touch; tests/test_phone_tours.py): a card
 * per person, tap the red week, its tasks listed in the card, tap one to open it.
 */
import { registry } from "@web/core/registry";

const CARD = ".o_load_card[data-employee='Tour Paula']";

registry.category("web_tour.tours").add("task_mgmt_reports_load_phone_tour", {
    steps: () => [
        {
            content: "On a phone: a card per person, no grid",
            trigger: `.o_load_heatmap:not(:has(.o_load_table)) .o_load_cards ${CARD}`,
        },
        {
            content: "The filters are folded; unfold them",
            trigger: ".o_load_heatmap:not(:has(.o_load_filters)) .o_load_filters_toggle",
            run: "click",
        },
        {
            content: "The filters are there",
            trigger: ".o_load_filters .o_load_date_from",
        },
        {
            content: "Tap Paula's red week (a finger-sized tile)",
            trigger: `${CARD} .o_load_tile.o_load_over:contains(120 %)`,
            async run(helpers) {
                const { height } = helpers.anchor.getBoundingClientRect();
                if (height < 44) {
                    throw new Error(`the tile is ${height} px tall: a finger needs 44 px`);
                }
                await helpers.click();
            },
        },
        {
            content: "Its tasks are listed in her card",
            trigger: `${CARD} .o_load_cell_tasks .o_load_card_task:contains(Tour review):contains(8.0 h)`,
        },
        {
            content: "Tap the integration task",
            trigger: `${CARD} .o_load_cell_tasks .o_load_card_task:contains(Tour integration)`,
            run: "click",
        },
        {
            content: "Its form opens",
            trigger: ".o_form_view .o_field_widget[name=name] textarea:value(Tour integration), .o_form_view .o_field_widget[name=name]:contains(Tour integration)",
        },
    ],
});
