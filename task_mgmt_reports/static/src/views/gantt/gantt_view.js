/**
 * The `gantt_tm` view type: arch parser, model (one RPC), renderer, controller; on a phone
 * (`env.isSmall`) the week-by-week MobileRenderer instead of the chart.
 */
import { registry } from "@web/core/registry";
import { GanttArchParser } from "./gantt_arch_parser";
import { GanttController } from "./gantt_controller";
import { GanttMobileRenderer } from "./gantt_mobile_renderer";
import { GanttModel } from "./gantt_model";
import { GanttRenderer } from "./gantt_renderer";

export const ganttTmView = {
    type: "gantt_tm",
    searchMenuTypes: ["filter", "groupBy", "favorite"],
    ArchParser: GanttArchParser,
    Controller: GanttController,
    Model: GanttModel,
    Renderer: GanttRenderer,
    MobileRenderer: GanttMobileRenderer,
    props: (props, view) => {
        const archInfo = new view.ArchParser().parse(props.arch, props.relatedModels, props.resModel);
        return {
            ...props,
            Model: view.Model,
            Renderer: view.Renderer,
            MobileRenderer: view.MobileRenderer,
            archInfo,
        };
    },
};

registry.category("views").add("gantt_tm", ganttTmView);
