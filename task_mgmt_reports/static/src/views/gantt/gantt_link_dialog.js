/**
 * Change the type or lag of a dependency drawn on the chart, or delete it.
 */
import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

export class GanttLinkDialog extends Component {
    static template = "task_mgmt_reports.GanttLinkDialog";
    static components = { Dialog };
    static props = {
        arrow: Object,
        predName: String,
        succName: String,
        onSave: Function,
        onDelete: Function,
        close: Function,
    };

    setup() {
        this.state = useState({ type: this.props.arrow.type, lag: this.props.arrow.lag });
        this.types = [
            ["fs", _t("Finish to Start")],
            ["ss", _t("Start to Start")],
            ["ff", _t("Finish to Finish")],
            ["sf", _t("Start to Finish")],
        ];
    }

    async save() {
        await this.props.onSave({ dependency_type: this.state.type, lag_days: parseInt(this.state.lag, 10) || 0 });
        this.props.close();
    }

    async remove() {
        await this.props.onDelete();
        this.props.close();
    }
}
