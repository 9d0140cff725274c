/**
 * The Gantt chart in a real browser: drag a bar (its successor moves), link two bars by
 * dragging (the arrow appears), a link closing a cycle is refused with the server's message
 * and nothing moves, a milestone task drawn as a diamond, group by assignee (summary bars on
 * the group rows, the arrows drawn at both rows of the task with two assignees), month scale,
 * export the XLSX.  Drags are pointer events dispatched on the elements.
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
                const diamond = get("Tour: M");
                const a = get("Tour: A").getBoundingClientRect();
                const m = diamond && diamond.getBoundingClientRect();
                const center = m ? m.left + m.width / 2 : NaN;
                // unlinked, M sits at the project's start, as A: a point in the middle of A's first day
                if (!diamond.classList.contains("o_gantt_tm_milestone") || m.width > 24 || !(center > a.left && center < a.left + 18)) {
                    throw new Error("Gantt tour: the milestone task is not drawn as a diamond on its day");
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
            content: "Each group row has a summary bar over its tasks; A → B is drawn to both rows of B",
            trigger: ".o_gantt_tm_summary",
            run() {
                const groups = document.querySelectorAll(".o_gantt_tm_group_label");
                const summaries = document.querySelectorAll(".o_gantt_tm_summary");
                if (summaries.length !== groups.length) {
                    throw new Error(`Gantt tour: ${summaries.length} summary bars for ${groups.length} groups`);
                }
                // the planner's group holds B and C: its summary runs from the first start to the last end
                const planner = [...groups].find((el) => el.innerText.includes("Tour Planner"));
                const summary = document.querySelector(`.o_gantt_tm_summary[data-key='${planner.dataset.key}']`);
                const top = summary.getBoundingClientRect().top;
                const bars = [...document.querySelectorAll(`${bar("Tour: B")}, ${bar("Tour: C")}`)]
                    .map((el) => el.getBoundingClientRect())
                    .filter((rect) => rect.top > top && rect.top < top + 3 * 32);
                const left = Math.min(...bars.map((rect) => rect.left));
                const right = Math.max(...bars.map((rect) => rect.right));
                const box = summary.getBoundingClientRect();
                if (bars.length !== 2 || Math.abs(box.left - left) > 1 || Math.abs(box.right - right) > 1) {
                    throw new Error(`Gantt tour: summary ${box.left}-${box.right}, tasks ${left}-${right}`);
                }
                // A → B (at both rows of B) and A → C
                const arrows = document.querySelectorAll(".o_gantt_tm_arrow");
                if (arrows.length !== 3) {
                    throw new Error(`Gantt tour: ${arrows.length} arrows drawn, 3 expected`);
                }
                const ids = [...arrows].map((el) => el.dataset.linkId);
                if (new Set(ids).size !== 2) {
                    throw new Error(`Gantt tour: arrows of links ${ids}`);
                }
            },
        },
        {
            content: "Collapse the planner's group: its summary bar stays",
            trigger: ".o_gantt_tm_group_label:contains(Tour Planner)",
            run: "click",
        },
        {
            content: "The collapsed group still shows its summary bar",
            trigger: ".o_gantt_tm_group_label:contains(Tour Planner) .fa-caret-right",
            run() {
                const planner = [...document.querySelectorAll(".o_gantt_tm_group_label")].find((el) =>
                    el.innerText.includes("Tour Planner")
                );
                if (!document.querySelector(`.o_gantt_tm_summary[data-key='${planner.dataset.key}']`)) {
                    throw new Error("Gantt tour: no summary bar on the collapsed group");
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
        {
            content: "Export the XLSX: the link's own URL is fetched (a headless browser keeps no download)",
            trigger: ".o_gantt_tm_export",
            run() {
                const link = document.querySelector(".o_gantt_tm_export");
                link.addEventListener(
                    "click",
                    (ev) => {
                        ev.preventDefault();
                        fetch(link.href).then(async (response) => {
                            const type = response.headers.get("Content-Type") || "";
                            const size = (await response.arrayBuffer()).byteLength;
                            state.exported = response.ok && type.includes("spreadsheetml") && size > 0;
                            state.exportDone = true;
                        });
                    },
                    { once: true }
                );
                link.click();
            },
        },
        {
            content: "The XLSX was downloaded",
            trigger: ".o_gantt_tm_export",
            async run() {
                await waitFor(() => state.exportDone, "the XLSX export did not answer");
                if (!state.exported) {
                    throw new Error("Gantt tour: the XLSX export failed");
                }
            },
        },
    ],
});
