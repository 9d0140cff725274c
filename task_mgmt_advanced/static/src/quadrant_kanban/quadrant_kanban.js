/** @odoo-module */
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { kanbanView } from "@web/views/kanban/kanban_view";

/**
 * The Eisenhower matrix: Odoo's kanban grouped by quadrant, laid out as a 2 x 2 board with its
 * axes named (Urgent / Not urgent across, Important / Not important down). Same columns, same
 * drag and drop (a drop sets Important / Urgent), same counts in the column titles; grouped by
 * anything else, it is Odoo's kanban.
 */
export class QuadrantKanbanRenderer extends KanbanRenderer {
    static template = "task_mgmt_advanced.QuadrantKanbanRenderer";

    get isMatrix() {
        const list = this.props.list;
        return Boolean(list.isGrouped && list.groupByField && list.groupByField.name === "quadrant");
    }

    getGroupClasses(group, isGroupProcessing) {
        const classes = super.getGroupClasses(group, isGroupProcessing);
        if (this.isMatrix && group.value) {
            return `${classes} o_task_mgmt_quadrant o_task_mgmt_quadrant_${group.value}`;
        }
        return classes;
    }
}

export const quadrantKanbanView = {
    ...kanbanView,
    Renderer: QuadrantKanbanRenderer,
};

registry.category("views").add("task_mgmt_quadrant_kanban", quadrantKanbanView);
