/**
 * The Gantt chart in a real browser: drag a bar (its successor moves), link two bars by
 * dragging (the arrow appears), a link closing a cycle is refused with the server's message
 * and nothing moves, group by assignee, month scale.  Drags are pointer events dispatched
 * on the elements.
 */
import { registry } from "@web/core/registry";

const bar = (name) => `.o_gantt_tm_bar[data-name='${name}']`;

function pointer(el, type, x, y) {
    el.dispatchEvent(
        new PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, pointerId: 1 })
    );
}

async function waitFor(check, what) {
    for (let i = 0; i < 100; i++) {
        if (check()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Gantt tour: ${what}`);
}

function get(name) {
    return document.querySelector(bar(name));
}

/** Drag from a bar's end handle (or start) to the left half (start) of another bar. */
function dragLink(fromName, toName, fromEnd) {
    const from = get(fromName);
    const to = get(toName);
    const handle = from.querySelector(fromEnd ? ".o_gantt_tm_handle_end" : ".o_gantt_tm_handle_start");
    const a = from.getBoundingClientRect();
    const b = to.getBoundingClientRect();
    const y0 = a.top + a.height / 2;
    pointer(handle, "pointerdown", fromEnd ? a.right : a.left, y0);
    pointer(document.body, "pointermove", b.left + 2, b.top + b.height / 2);
    pointer(to, "pointerup", b.left + 2, b.top + b.height / 2);
}

const state = {};

registry.category("web_tour.tours").add("task_mgmt_gantt_tour", {
    steps: () => [
        {
            content: "The Gantt chart shows the project's bars and the FS arrow",
            trigger: `${bar("Tour: A")}, ${bar("Tour: B")}`,
            run() {
                state.bStart = get("Tour: B").dataset.start;
                state.aStart = get("Tour: A").dataset.start;
                if (document.querySelectorAll(".o_gantt_tm_arrow").length !== 1) {
                    throw new Error("Gantt tour: one arrow expected at first");
                }
            },
        },
        {
            content: "Drag A one week later",
            trigger: bar("Tour: A"),
            async run() {
                const el = get("Tour: A");
                const rect = el.getBoundingClientRect();
                const pxPerWeek = 7 * 18; // week scale: 18 px a day
                const x = rect.left + rect.width / 2;
                const y = rect.top + rect.height / 2;
                pointer(el, "pointerdown", x, y);
                pointer(document.body, "pointermove", x + pxPerWeek / 2, y);
                pointer(document.body, "pointermove", x + pxPerWeek, y);
                pointer(document.body, "pointerup", x + pxPerWeek, y);
                await waitFor(() => get("Tour: B").dataset.start !== state.bStart, "B did not follow A");
            },
        },
        {
            content: "Drag A one more week, then undo with Ctrl+Z",
            trigger: bar("Tour: A"),
            async run() {
                const before = get("Tour: A").dataset.start;
                const el = get("Tour: A");
                const rect = el.getBoundingClientRect();
                const x = rect.left + rect.width / 2;
                const y = rect.top + rect.height / 2;
                pointer(el, "pointerdown", x, y);
                pointer(document.body, "pointermove", x + 7 * 18, y);
                pointer(document.body, "pointerup", x + 7 * 18, y);
                await waitFor(() => get("Tour: A").dataset.start !== before, "A did not move");
                document.body.dispatchEvent(
                    new KeyboardEvent("keydown", { key: "z", ctrlKey: true, bubbles: true, cancelable: true })
                );
                await waitFor(() => get("Tour: A").dataset.start === before, "Ctrl+Z did not put A back");
            },
        },
        {
            content: "Click the arrow A → B",
            trigger: ".o_gantt_tm_arrow",
            run() {
                document.querySelector(".o_gantt_tm_arrow").dispatchEvent(new MouseEvent("click", { bubbles: true }));
            },
        },
        {
            content: "One working day of lag",
            trigger: ".modal .o_gantt_tm_link_lag",
            run: "edit 1",
        },
        {
            content: "Save the link",
            trigger: ".modal .o_gantt_tm_link_save",
            run: "click",
        },
        {
            content: "The arrow shows its lag",
            trigger: ".o_gantt_tm_arrow .o_gantt_tm_lag:contains(+1d)",
        },
        {
            content: "Link A's end to C's start by dragging",
            trigger: bar("Tour: C"),
            async run() {
                state.cStart = get("Tour: C").dataset.start;
                dragLink("Tour: A", "Tour: C", true);
                await waitFor(() => document.querySelectorAll(".o_gantt_tm_arrow").length === 2, "no new arrow");
                await waitFor(() => get("Tour: C").dataset.start !== state.cStart, "C did not move after A");
            },
        },
        {
            content: "A link from C back to A closes a cycle",
            trigger: bar("Tour: C"),
            run() {
                state.aStart = get("Tour: A").dataset.start;
                dragLink("Tour: C", "Tour: A", true);
            },
        },
        {
            content: "The server's message is shown",
            trigger: ".o_notification:contains(Dependency cycle)",
            run() {
                if (get("Tour: A").dataset.start !== state.aStart) {
                    throw new Error("Gantt tour: A moved after a refused link");
                }
                if (document.querySelectorAll(".o_gantt_tm_arrow").length !== 2) {
                    throw new Error("Gantt tour: the refused link was drawn");
                }
            },
        },
        {
            content: "Drag C's right edge one week later",
            trigger: `${bar("Tour: C")} .o_gantt_tm_resize`,
            async run() {
                const before = get("Tour: C").dataset.end;
                const handle = get("Tour: C").querySelector(".o_gantt_tm_resize");
                const rect = handle.getBoundingClientRect();
                const y = rect.top + rect.height / 2;
                pointer(handle, "pointerdown", rect.right - 1, y);
                pointer(document.body, "pointermove", rect.right - 1 + 7 * 18, y);
                pointer(document.body, "pointerup", rect.right - 1 + 7 * 18, y);
                await waitFor(() => get("Tour: C").dataset.end !== before, "C's end did not change");
            },
        },
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group by assignee",
            trigger: ".o_group_by_menu .o_menu_item:contains(Assignees)",
            run: "click",
        },
        {
            content: "Groups of assignees, the task with two assignees under both",
            trigger: ".o_gantt_tm_group_label:contains(Tour Planner)",
            run() {
                const groups = [...document.querySelectorAll(".o_gantt_tm_group_label")].map((el) => el.innerText);
                if (groups.length < 2) {
                    throw new Error(`Gantt tour: groups ${groups}`);
                }
                if (document.querySelectorAll(bar("Tour: B")).length !== 2) {
                    throw new Error("Gantt tour: B has two assignees and must appear twice");
                }
            },
        },
        {
            content: "Switch to the month scale",
            trigger: ".o_gantt_tm_scale_month",
            run: "click",
        },
        {
            content: "Month scale drawn with ISO weeks",
            trigger: ".o_gantt_tm_renderer[data-scale=month] .o_gantt_tm_header_bottom .o_gantt_tm_tick:contains(W)",
        },
    ],
});
