/**
 * Open an opportunity, plan tasks from a template project, see them in the Tasks tab, open the
 * ROI dashboard and drill into the opportunity.
 */
import { registry } from "@web/core/registry";

const DEAL = "Tour: roll-out deal";

registry.category("web_tour.tours").add("task_mgmt_reports_crm_roi_tour", {
    steps: () => [
        {
            content: "Plan Tasks on the opportunity",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_plan_tasks]",
            run: "click",
        },
        {
            content: "Copy a template project",
            trigger: ".modal .o_field_widget[name=mode] input[data-value=template]",
            run: "click",
        },
        {
            content: "Into the delivery project",
            trigger: ".modal .o_field_widget[name=project_id] input",
            run: "edit Tour: delivery",
        },
        {
            trigger: ".ui-menu-item > a:contains(Tour: delivery)",
            run: "click",
        },
        {
            content: "From the template",
            trigger: ".modal .o_field_widget[name=template_project_id] input",
            run: "edit Tour: template",
        },
        {
            trigger: ".ui-menu-item > a:contains(Tour: template)",
            run: "click",
        },
        {
            content: "Plan",
            trigger: ".modal button[name=action_plan]",
            run: "click",
        },
        {
            content: "The planned tasks are listed",
            trigger: ".o_list_view .o_data_row:contains(Tour: design)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Tour: build)",
        },
        {
            content: "Back to the opportunity",
            trigger: `.o_breadcrumb .breadcrumb-item a:contains(${DEAL})`,
            run: "click",
        },
        {
            content: "Open the Tasks tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=tasks]",
            run: "click",
        },
        {
            content: "The tab lists the planned tasks",
            trigger: ".o_field_widget[name=task_ids] .o_data_row:contains(Tour: build)",
        },
        {
            content: "Open CRM reporting",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: "Open the ROI dashboard",
            trigger: ".dropdown-menu .dropdown-item:contains(ROI Dashboard)",
            run: "click",
        },
        {
            content: "The deal is among the best won opportunities: drill into it",
            trigger: `.o_roi_dashboard .o_roi_best tbody tr:contains(${DEAL})`,
            run: "click",
        },
        {
            content: "The opportunity opens",
            trigger: `.o_breadcrumb .active:contains(${DEAL})`,
        },
    ],
});
