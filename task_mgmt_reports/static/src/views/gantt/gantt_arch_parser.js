/**
 * Reads the <gantt_tm> arch: default_scale, color_by, data_method, string, create/edit.
 */
import { exprToBoolean } from "@web/core/utils/strings";
import { SCALES } from "./gantt_scale";

export class GanttArchParser {
    parse(arch) {
        const scale = arch.getAttribute("default_scale") || "week";
        const colorBy = arch.getAttribute("color_by") || "project";
        return {
            string: arch.getAttribute("string") || "",
            defaultScale: scale in SCALES ? scale : "week",
            colorBy: ["project", "stage", "priority"].includes(colorBy) ? colorBy : "project",
            dataMethod: arch.getAttribute("data_method") || "get_gantt_data",
            canEdit: exprToBoolean(arch.getAttribute("edit") || "1"),
            formViewId: arch.getAttribute("form_view_id")
                ? parseInt(arch.getAttribute("form_view_id"), 10)
                : false,
        };
    }
}
