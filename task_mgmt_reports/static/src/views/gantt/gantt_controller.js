/**
 * Gantt view controller: layout with the search bar, toolbar (scales, zoom, today, colour,
 * export, unscheduled tasks), edits with the server's message on refusal, Ctrl+Z undo.
 */
import { Component, onMounted, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { useModelWithSampleData } from "@web/model/model";
import { Layout } from "@web/search/layout";
import { SearchBar } from "@web/search/search_bar/search_bar";
import { useSearchBarToggler } from "@web/search/search_bar/search_bar_toggler";
import { CogMenu } from "@web/search/cog_menu/cog_menu";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { standardViewProps } from "@web/views/standard_view_props";
import { GanttLinkDialog } from "./gantt_link_dialog";
import { SCALE_ORDER, SCALES, scaleLabels, today, toIso } from "./gantt_scale";

export class GanttController extends Component {
    static template = "task_mgmt_reports.GanttController";
    static components = { Layout, SearchBar, CogMenu, Dropdown, DropdownItem };
    static props = {
        ...standardViewProps,
        Model: Function,
        Renderer: Function,
        MobileRenderer: { type: Function, optional: true },
        archInfo: Object,
    };

    setup() {
        this.action = useService("action");
        this.notification = useService("notification");
        this.dialog = useService("dialog");
        this.model = useModelWithSampleData(this.props.Model, {
            resModel: this.props.resModel,
            archInfo: this.props.archInfo,
        });
        this.searchBarToggler = useSearchBarToggler();
        this.state = useState({ busy: false, showUnscheduled: false });
        this.scaleLabels = scaleLabels();
        this.scales = SCALE_ORDER;
        this.colorOptions = [
            ["project", _t("Project")],
            ["stage", _t("Stage")],
            ["priority", _t("Priority")],
        ];
        this.onKeyDown = this.onKeyDown.bind(this);
        onMounted(() => document.addEventListener("keydown", this.onKeyDown));
        onWillUnmount(() => document.removeEventListener("keydown", this.onKeyDown));
    }

    get rendererProps() {
        return {
            model: this.model,
            openRecord: (id) => this.openRecord(id),
            editLink: (arrow) => this.editLink(arrow),
            moveTask: (id, values) => this.moveTask(id, values),
            createLink: (pred, succ, type) => this.createLink(pred, succ, type),
            zoom: (step, day) => this.zoom(step, day),
        };
    }

    /** On a phone (as Odoo's own views decide), the week-by-week list instead of the chart. */
    get Renderer() {
        return this.env.isSmall && this.props.MobileRenderer ? this.props.MobileRenderer : this.props.Renderer;
    }

    get exportUrl() {
        const params = new URLSearchParams({
            domain: JSON.stringify(this.model.searchParams.domain || []),
            scale: this.model.scale === "day" || this.model.scale === "week" ? "day" : "week",
        });
        return `/task_mgmt_reports/gantt/xlsx?${params}`;
    }

    get mspdiUrl() {
        const projectId = this.props.context.default_project_id;
        return projectId ? `/task_mgmt_reports/project/${projectId}/mspdi` : false;
    }

    async run(fn) {
        try {
            return await fn();
        } catch (error) {
            const message = error.data?.message || error.message || String(error);
            this.notification.add(message, { type: "danger", title: _t("Change refused"), autocloseDelay: 15000 });
            // the bar is drawn from the model, which the refused change left untouched
            this.model.notify();
            return false;
        }
    }

    moveTask(id, values) {
        return this.run(() => this.model.writeTask(id, values));
    }

    createLink(pred, succ, type) {
        return this.run(() =>
            this.model.linkOperation("create", {
                predecessor_id: pred,
                successor_id: succ,
                dependency_type: type,
                lag_days: 0,
            })
        );
    }

    editLink(arrow) {
        const pred = this.model.bars.get(arrow.pred);
        const succ = this.model.bars.get(arrow.succ);
        this.dialog.add(GanttLinkDialog, {
            arrow,
            predName: pred ? pred.name : "",
            succName: succ ? succ.name : "",
            onSave: (values) => this.run(() => this.model.linkOperation("write", values, arrow.id)),
            onDelete: () => this.run(() => this.model.linkOperation("unlink", {}, arrow.id)),
        });
    }

    openRecord(id) {
        const resIds = [...this.model.bars.keys()];
        this.action.switchView("form", { resId: id, resIds });
    }

    setScale(scale) {
        return this.model.setScale(scale);
    }

    zoom(step, day) {
        const index = SCALE_ORDER.indexOf(this.model.scale) + step;
        if (index < 0 || index >= SCALE_ORDER.length) {
            return;
        }
        return this.model.setScale(SCALE_ORDER[index], day);
    }

    goToday() {
        return this.model.setFocus(today());
    }

    shift(direction) {
        const scale = SCALES[this.model.scale];
        return this.model.setFocus(this.model.focus + direction * Math.round((scale.before + scale.after) / 2));
    }

    get focusLabel() {
        return toIso(this.model.focus);
    }

    async onKeyDown(ev) {
        if (!(ev.ctrlKey || ev.metaKey) || ev.key.toLowerCase() !== "z" || ev.shiftKey) {
            return;
        }
        const tag = ev.target && ev.target.tagName;
        if (tag === "INPUT" || tag === "TEXTAREA" || ev.target.isContentEditable) {
            return;
        }
        ev.preventDefault();
        const done = await this.run(() => this.model.undo());
        if (done === false && !this.model.history.length) {
            this.notification.add(_t("Nothing to undo."), { type: "info" });
        }
    }

    openUnscheduled(id) {
        this.openRecord(id);
    }
}
