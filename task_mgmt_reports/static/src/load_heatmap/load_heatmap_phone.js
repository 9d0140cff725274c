/** @odoo-module **/
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";
import { formatFloat } from "@web/core/utils/numbers";
import { LoadHeatmap } from "./load_heatmap";

/**
 * The resource load heatmap on a phone (`env.isSmall`): one card per person (under their
 * group's title) with a coloured tile per period, in the colours of the desktop grid; a tap
 * on a tile lists its tasks inside the card, a tap on a task opens it.
 */
export class LoadHeatmapCards extends Component {
    static template = "task_mgmt_reports.LoadHeatmapCards";
    static props = {
        data: Object,
        lines: Array,
        cell: { type: [Object, { value: null }], optional: true }, // the open cell or null
        openCell: Function,
        openTask: Function,
        fallbackTitle: Function,
    };

    hours(value) {
        return formatFloat(value || 0, { digits: [16, 1] });
    }

    tile(cell, periodIndex) {
        const [load, capacity, , , level] = cell;
        const period = this.props.data.periods[periodIndex];
        return {
            index: periodIndex,
            label: period[2],
            past: period[3],
            level,
            percent: capacity ? `${Math.round((load / capacity) * 100)} %` : "",
            hours: load > 0 ? `${this.hours(load)} h` : "",
        };
    }

    tiles(row) {
        return row.cells.map((cell, index) => this.tile(cell, index));
    }

    isOpen(line, periodIndex) {
        const cell = this.props.cell;
        return Boolean(cell && cell.rowIndex === line.index && cell.periodIndex === periodIndex);
    }

    cellOf(line) {
        const cell = this.props.cell;
        return cell && cell.rowIndex === line.index ? cell : null;
    }
}

// the phone layout is chosen in the heatmap's template (load_heatmap_phone.xml)
LoadHeatmap.components = { ...LoadHeatmap.components, LoadHeatmapCards };
