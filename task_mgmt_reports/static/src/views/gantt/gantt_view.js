/**
 * The `gantt_tm` view type: arch parser, model (one RPC), renderer, controller.
 */
import { registry } from "@web/core/registry";
import { GanttArchParser } from "./gantt_arch_parser";
import { GanttController } from "./gantt_controller";
import { GanttModel } from "./gantt_model";
import { GanttRenderer } from "./gantt_renderer";

export const ganttTmView = {
    type: "gantt_tm",
    searchMenuTypes: ["filter", "groupBy", "favorite"],
    ArchParser: GanttArchParser,
    Controller: GanttController,
    Model: GanttModel,
    Renderer: GanttRenderer,
    props: (props, view) => {
        const archInfo = new view.ArchParser().parse(props.arch, props.relatedModels, props.resModel);
        return {
            ...props,
            Model: view.Model,
            Renderer: view.Renderer,
            archInfo,
        };
    },
};

registry.category("views").add("gantt_tm", ganttTmView);
