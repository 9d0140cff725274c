/** @odoo-module **/
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { SelectMenu } from "@web/core/select_menu/select_menu";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

export const ROLE_NAMES = {
    R: _t("Responsible"),
    A: _t("Accountable"),
    C: _t("Consulted"),
    I: _t("Informed"),
};

/** Title of a cell: "Mitchell Admin: Responsible, Accountable". */
export function cellTitle(person, letters) {
    return `${person}: ${[...letters].map((l) => ROLE_NAMES[l]).join(", ")}`;
}

export class RaciMatrix extends Component {
    static template = "task_mgmt_advanced.RaciMatrix";
    static components = { Layout, SelectMenu };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const params = this.props.action.params || {};
        this.state = useState({
            projectId: params.project_id || null,
            projects: [],
            filters: { open_only: true, mine: false, missing_accountable: false },
            data: null,
        });
        onWillStart(async () => {
            this.state.projects = await this.orm.searchRead("project.project", [], ["display_name"], {
                order: "name",
            });
            if (!this.state.projectId && this.state.projects.length) {
                this.state.projectId = this.state.projects[0].id;
            }
            await this.load();
        });
    }

    get projectChoices() {
        return this.state.projects.map((p) => ({ value: p.id, label: p.display_name }));
    }

    get filterLabels() {
        return [
            ["open_only", _t("Open tasks")],
            ["mine", _t("My tasks")],
            ["missing_accountable", _t("Missing Accountable")],
        ];
    }

    async load() {
        if (!this.state.projectId) {
            this.state.data = null;
            return;
        }
        this.state.data = await this.orm.call("project.task.raci.line", "get_matrix", [this.state.projectId], {
            ...this.state.filters,
        });
    }

    async selectProject(projectId) {
        this.state.projectId = projectId;
        await this.load();
    }

    async toggleFilter(key) {
        this.state.filters[key] = !this.state.filters[key];
        await this.load();
    }

    letters(task, person) {
        const row = this.state.data.cells[task.id];
        return (row && row[person.id]) || "";
    }

    /** The people of a task with their letters, in the matrix's column order (phone cards). */
    taskPeople(task) {
        const row = this.state.data.cells[task.id] || {};
        return this.state.data.people
            .filter((person) => row[person.id])
            .map((person) => ({ person, letters: [...row[person.id]] }));
    }

    cellTitle(person, letters) {
        return cellTitle(person.name, letters);
    }

    openTask(task) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "project.task",
            res_id: task.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    get exportUrl() {
        const f = this.state.filters;
        const flag = (v) => (v ? "1" : "0");
        return (
            `/task_mgmt_advanced/raci_matrix.xlsx?project_id=${this.state.projectId}` +
            `&open_only=${flag(f.open_only)}&mine=${flag(f.mine)}` +
            `&missing_accountable=${flag(f.missing_accountable)}`
        );
    }
}

registry.category("actions").add("task_mgmt_advanced.raci_matrix", RaciMatrix);
