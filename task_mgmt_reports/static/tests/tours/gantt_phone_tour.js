/**
 * The Gantt chart on a phone (390 x 844, touch; tests/test_phone_tours.py): switch to it from
 * the view menu, see a task's bar over the days of this week, next week with the button, back
 * with a swipe, tap the task to open it.
 */
import { registry } from "@web/core/registry";

const TASK = (name) => `.o_gantt_tm_m_task[data-name='${name}']`;

/** A task row (a finger-sized target) whose bar covers `days` days from Monday. */
function checkBar(days) {
    return async function (helpers) {
        const row = helpers.anchor.closest(".o_gantt_tm_m_task");
        const track = row.querySelector(".o_gantt_tm_m_track").getBoundingClientRect();
        const bar = helpers.anchor.getBoundingClientRect();
        const expected = (track.width * days) / 7;
        if (Math.abs(bar.left - track.left) > 2 || Math.abs(bar.width - expected) > 2) {
            throw new Error(
                `bar at ${bar.left - track.left}px, ${bar.width}px wide: expected 0px, ${expected}px`
            );
        }
        if (row.getBoundingClientRect().height < 44) {
            throw new Error("a task row must be at least 44 px tall");
        }
    };
}

function touch(el, type, x, y) {
    const point = new Touch({ identifier: 1, target: el, clientX: x, clientY: y });
    const touches = type === "touchend" ? [] : [point];
    el.dispatchEvent(
        new TouchEvent(type, { bubbles: true, cancelable: true, touches, changedTouches: [point] })
    );
}

registry.category("web_tour.tours").add("task_mgmt_reports_gantt_phone_tour", {
    steps: () => [
        {
            content: "Open the view menu of the project's tasks",
            trigger: ".o_cp_switch_buttons .o-dropdown-caret",
            run: "click",
        },
        {
            content: "Switch to the Gantt chart",
            trigger: ".o-dropdown-item:contains(Gantt Chart)",
            run: "click",
        },
        {
            content: "On a phone: the week's list, not the chart and its desktop toolbar",
            trigger: ".o_gantt_tm_view:has(.o_gantt_tm_mobile):not(:has(.o_gantt_tm_toolbar)):not(:has(.o_gantt_tm_scroll))",
        },
        {
            content: "A's bar covers Monday to Wednesday",
            trigger: `${TASK("Tour: phone A")} .o_gantt_tm_m_bar`,
            run: checkBar(3),
        },
        {
            content: "B starts this week too; C is next week",
            trigger: `.o_gantt_tm_mobile:not(:has(${TASK("Tour: phone C")})) ${TASK("Tour: phone B")}`,
        },
        {
            content: "Next week",
            trigger: ".o_gantt_tm_m_next",
            run: "click",
        },
        {
            content: "C's bar is there, A is not",
            trigger: `.o_gantt_tm_mobile:not(:has(${TASK("Tour: phone A")})) ${TASK("Tour: phone C")} .o_gantt_tm_m_bar`,
        },
        {
            content: "B goes on from last week: its bar starts at the week's edge, squared",
            trigger: `${TASK("Tour: phone B")} .o_gantt_tm_m_bar.o_gantt_tm_m_before`,
        },
        {
            content: "Swipe to the right: the previous week",
            trigger: ".o_gantt_tm_mobile .o_gantt_tm_m_rows",
            run() {
                const el = document.querySelector(".o_gantt_tm_mobile .o_gantt_tm_m_rows");
                touch(el, "touchstart", 60, 400);
                touch(el, "touchend", 300, 410);
            },
        },
        {
            content: "A is back",
            trigger: `.o_gantt_tm_mobile:not(:has(${TASK("Tour: phone C")})) ${TASK("Tour: phone A")}`,
        },
        {
            content: "Tap A",
            trigger: TASK("Tour: phone A"),
            run: "click",
        },
        {
            content: "Its form opens",
            trigger: ".o_form_view .o_field_widget[name=name] textarea:value(Tour: phone A), .o_form_view .o_field_widget[name=name]:contains(Tour: phone A)",
        },
    ],
});
