/**
 * Every project of the list (the test lists the demo's), as a new user would try it: open its form, press Schedule, then
 * each smart button (those under "More" too), coming back to the form each time. Any error
 * (an error dialog, a red notification, a field marked invalid) fails the tour, naming the
 * project and the button.
 */
import { registry } from "@web/core/registry";

const ERRORS = ".o_error_dialog, .o_notification:has(.o_notification_bar.bg-danger), .o_form_view .o_field_invalid";

function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(test, what, timeout = 20000) {
    const start = Date.now();
    while (!test()) {
        if (Date.now() - start > timeout) {
            throw new Error(`Timeout waiting for ${what}`);
        }
        await delay(100);
    }
}

function projectName() {
    return document.querySelector(".o_breadcrumb .o_last_breadcrumb_item")?.textContent.trim() || "?";
}

function checkErrors(where) {
    const error = document.querySelector(ERRORS);
    if (error) {
        throw new Error(`${where}: ${error.textContent.trim().slice(0, 300)}`);
    }
}

function buttonBox() {
    return document.querySelector(".o_control_panel .o-form-buttonbox, .o_form_view .o-form-buttonbox");
}

function onForm() {
    return Boolean(document.querySelector(".o_form_view .o_field_widget[name=name]")) && !document.querySelector(".modal");
}

// buttons that leave the back office (the portal's view of the project): not a screen of ours
const LEAVING = "[name=action_customer_preview]";

function moreButtons() {
    return [...document.querySelectorAll(".o_dropdown_more button.oe_stat_button")].filter(
        (button) => !button.matches(LEAVING)
    );
}

/** A smart button's identity across visits: its name and label without the figures (a count may change). */
function buttonKey(button) {
    const label = button.textContent.replace(/[\d.,%:]+/g, "").trim().replace(/\s+/g, " ");
    return `${button.getAttribute("name") || ""}|${label}`;
}

/**
 * The smart buttons of the form: [key, label, open()] (a button under "More" opens the menu
 * first; it is found again by its key when it is opened).
 */
async function smartButtons() {
    const box = buttonBox();
    if (!box) {
        return [];
    }
    const label = (button) => button.textContent.trim().replace(/\s+/g, " ");
    const direct = [...box.querySelectorAll(":scope > button.oe_stat_button")].filter(
        (button) => !button.matches(LEAVING)
    );
    const result = direct.map((button) => [buttonKey(button), label(button), () => button.click()]);
    const more = box.querySelector(".o_button_more");
    if (more) {
        more.click();
        await waitFor(() => document.querySelector(".o_dropdown_more"), "the More menu");
        const hidden = moreButtons().map((button) => [buttonKey(button), label(button)]);
        more.click();
        await delay(200);
        for (const [key, text] of hidden) {
            const open = async () => {
                buttonBox().querySelector(".o_button_more").click();
                await waitFor(() => document.querySelector(".o_dropdown_more"), "the More menu");
                const button = moreButtons().find((candidate) => buttonKey(candidate) === key);
                if (!button) {
                    throw new Error(`Project '${visit.name}': the smart button '${text}' left the More menu`);
                }
                button.click();
            };
            result.push([key, text, open]);
        }
    }
    return result;
}

async function backToForm(where) {
    const modal = document.querySelector(".modal .btn-close, .modal .o_form_button_cancel");
    if (modal) {
        modal.click();
    } else {
        const crumbs = document.querySelectorAll(".o_breadcrumb .breadcrumb-item a");
        crumbs[crumbs.length - 1].click();
    }
    await waitFor(onForm, `the project form again after ${where}`);
    await delay(200);
}

/** The state of the visit, from one step to the next. */
const visit = { done: false, started: false, seen: new Set(), name: "" };

/** One move of the visit: a project's form and Schedule, one smart button, or the next project. */
async function visitStep() {
    if (visit.done) {
        return;
    }
    await waitFor(onForm, "the project form");
    if (!visit.started) {
        await delay(500);
        visit.name = projectName();
        checkErrors(`Project '${visit.name}' opened`);
        const schedule = document.querySelector(".o_form_view button[name=action_schedule_tasks]");
        if (schedule) {
            schedule.click();
            await delay(1500);
            checkErrors(`Project '${visit.name}', Schedule`);
            document.querySelectorAll(".o_notification_close").forEach((close) => close.click());
        }
        visit.started = true;
        visit.seen = new Set();
        return;
    }
    // the buttons are read again at each move (the form is rendered anew after each button,
    // after Schedule a count may change): the next one not pressed yet, by its key
    const next = (await smartButtons()).find(([key]) => !visit.seen.has(key));
    if (next) {
        const [key, label, open] = next;
        visit.seen.add(key);
        const where = `Project '${visit.name}', smart button '${label}'`;
        const crumbs = document.querySelectorAll(".o_breadcrumb .breadcrumb-item").length;
        await open();
        const opened = () => document.querySelectorAll(".o_breadcrumb .breadcrumb-item").length > crumbs;
        try {
            await waitFor(() => document.querySelector(".modal, " + ERRORS) || opened(), where, 4000);
        } catch {
            // nothing opened here: a link to another page (the customer preview), or a download
            checkErrors(where);
            return;
        }
        await delay(600);
        checkErrors(where);
        await backToForm(where);
        return;
    }
    const limit = parseInt(document.querySelector(".o_pager_limit").textContent, 10);
    const value = parseInt(document.querySelector(".o_pager_value").textContent, 10);
    if (value >= limit) {
        visit.done = true;
        document.body.classList.add("o_tm_demo_projects_done");
        return;
    }
    const before = projectName();
    document.querySelector(".o_pager_next").click();
    await waitFor(() => onForm() && projectName() !== before, "the next project");
    visit.started = false;
}

registry.category("web_tour.tours").add("task_mgmt_demo_projects_tour", {
    steps: () => [
        {
            content: "The projects as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the first project of the list",
            trigger: ".o_list_view .o_data_row:first-child td[name=display_name]",
            run: "click",
        },
        // one step a move (a step has at most 60 s): room for 10 projects of 20 smart buttons
        // (the test lists 7; each step left over once the visit is done still costs a step)
        ...Array.from({ length: 10 * 22 }, () => ({
            content: "The next move of the visit: a project, Schedule, a smart button, the next project",
            trigger: ".o_form_view .o_field_widget[name=name]",
            timeout: 60000,
            run: visitStep,
        })),
        {
            content: "Every project was tried",
            trigger: "body.o_tm_demo_projects_done",
        },
    ],
});
