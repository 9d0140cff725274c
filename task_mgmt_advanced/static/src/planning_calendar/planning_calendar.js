/** @odoo-module */
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { calendarView } from "@web/views/calendar/calendar_view";

/**
 * The planning calendar: Odoo's calendar with, under its filters, the legend of the colours the
 * server gives each task (`planning_color`): critical, behind plan, on track, closed.
 */
export class PlanningCalendarController extends CalendarController {
    static template = "task_mgmt_advanced.PlanningCalendarController";
}

export const planningCalendarView = {
    ...calendarView,
    Controller: PlanningCalendarController,
};

registry.category("views").add("task_mgmt_planning_calendar", planningCalendarView);
