/**
 * Every project of the list (the test opens the demo's), as a new user would try it: open its form, press Schedule, then
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

/** The smart buttons of the form: [label, open()] (a button under "More" opens the menu first). */
async function smartButtons() {
    const box = buttonBox();
    if (!box) {
        return [];
    }
    const direct = [...box.querySelectorAll(":scope > button.oe_stat_button")];
    const result = direct.map((button) => [button.textContent.trim().replace(/\s+/g, " "), () => button.click()]);
    const more = box.querySelector(".o_button_more");
    if (more) {
        more.click();
        await waitFor(() => document.querySelector(".o_dropdown_more"), "the More menu");
        const count = document.querySelectorAll(".o_dropdown_more button.oe_stat_button").length;
        more.click();
        await delay(200);
        for (let index = 0; index < count; index++) {
            const open = async () => {
                buttonBox().querySelector(".o_button_more").click();
                await waitFor(() => document.querySelector(".o_dropdown_more"), "the More menu");
                document.querySelectorAll(".o_dropdown_more button.oe_stat_button")[index].click();
            };
            result.push([`More #${index + 1}`, open]);
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

async function tryProject() {
    await waitFor(onForm, "the project form");
    await delay(500);
    const name = projectName();
    checkErrors(`Project '${name}' opened`);
    const schedule = document.querySelector(".o_form_view button[name=action_schedule_tasks]");
    if (schedule) {
        schedule.click();
        await delay(1500);
        checkErrors(`Project '${name}', Schedule`);
        document.querySelectorAll(".o_notification_close").forEach((close) => close.click());
    }
    const buttons = await smartButtons();
    for (const [index, [label]] of buttons.entries()) {
        await waitFor(onForm, "the project form");
        const [, open] = (await smartButtons())[index];
        const crumbs = document.querySelectorAll(".o_breadcrumb .breadcrumb-item").length;
        await open();
        const where = `Project '${name}', smart button '${label}'`;
        const opened = () => document.querySelectorAll(".o_breadcrumb .breadcrumb-item").length > crumbs;
        try {
            await waitFor(() => document.querySelector(".modal, " + ERRORS) || opened(), where, 4000);
        } catch {
            // nothing opened here: a link to another page (the customer preview), or a download
            checkErrors(where);
            continue;
        }
        await delay(600);
        checkErrors(where);
        await backToForm(where);
    }
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
        // one step a project (a step has at most 60 s): room for 40 projects
        ...Array.from({ length: 40 }, (_, slot) => ({
            content: `Project ${slot + 1}: the form, Schedule and each smart button without an error`,
            trigger: ".o_form_view .o_field_widget[name=name]",
            timeout: 60000,
            async run() {
                if (document.body.classList.contains("o_tm_demo_projects_done")) {
                    return;
                }
                await tryProject();
                const limit = parseInt(document.querySelector(".o_pager_limit").textContent, 10);
                const value = parseInt(document.querySelector(".o_pager_value").textContent, 10);
                if (value >= limit) {
                    document.body.classList.add("o_tm_demo_projects_done");
                    return;
                }
                const before = projectName();
                document.querySelector(".o_pager_next").click();
                await waitFor(() => onForm() && projectName() !== before, "the next project");
            },
        })),
        {
            content: "Every project was tried",
            trigger: "body.o_tm_demo_projects_done",
        },
    ],
});
