# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX of the resource load grid (xlsxwriter, constant-memory mode: rows written in order).

Sheet 1: one row per employee under their department: unscheduled hours, then one cell per
period, the load as % of capacity coloured like the heatmap (under 70 %, 70-100 %, over
100 %, unavailable), or the load in hours where the reader may not see the capacity; a total
row. Sheet 2: the over-allocations (employee, period, excess hours, tasks). No ``odoo`` import.
"""

import xlsxwriter

COLOURS = {"low": "#D4EDDA", "ok": "#FFE8A1", "over": "#F5A3A3", "off": "#DEE2E6", "free": None}


def write_load_xlsx(target, grid, labels=None):
    """Write ``grid`` (the dict of ``task_mgmt.resource.load.get_load_grid``) to ``target`` (a
    path or binary file). ``labels``: translated texts keyed by the English ones. Returns the
    number of employee rows written."""
    labels = labels or {}

    def tr(text):
        return labels.get(text, text)

    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    try:
        bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        group = workbook.add_format({"bold": True, "bg_color": "#E9ECEF"})
        hours = workbook.add_format({"num_format": "0.0"})
        formats = {}
        for level, colour in COLOURS.items():
            base = {"bg_color": colour} if colour else {}
            formats[level, "pct"] = workbook.add_format({**base, "num_format": "0%", "align": "center"})
            formats[level, "h"] = workbook.add_format({**base, "num_format": '0.0" h"', "align": "center"})
            formats[level, "text"] = workbook.add_format({**base, "align": "center"})
        sheet = workbook.add_worksheet(tr("Resource Load")[:31])
        periods = grid["periods"]
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 26)
        sheet.set_column(2, 2, 12)
        sheet.set_column(3, 3 + len(periods), 10)
        sheet.freeze_panes(1, 2)
        header = [tr("Department"), tr("Employee"), tr("Unscheduled (h)")] + [p[2] for p in periods] + [tr("Total (h)")]
        for col, text in enumerate(header):
            sheet.write_string(0, col, text, bold)
        row_index = 0
        written = 0
        for _id, name, rows in grid["groups"]:
            row_index += 1
            sheet.write_string(row_index, 0, name, group)
            for index in rows:
                row = grid["rows"][index]
                row_index += 1
                written += 1
                sheet.write_string(row_index, 0, name)
                sheet.write_string(row_index, 1, row["name"])
                sheet.write_number(row_index, 2, row["unscheduled"], hours)
                for offset, (load, capacity, _actual, _planned, level) in enumerate(row["cells"]):
                    col = 3 + offset
                    if level == "off":
                        sheet.write_string(row_index, col, tr("Unavailable"), formats[level, "text"])
                    elif capacity:
                        sheet.write_number(row_index, col, load / capacity, formats[level, "pct"])
                    elif load or capacity is None:
                        sheet.write_number(row_index, col, load, formats[level, "h"])
                sheet.write_number(row_index, 3 + len(periods), row["load"], hours)
        row_index += 1
        sheet.write_string(row_index, 1, tr("Total (h)"), bold)
        for offset, (load, _capacity) in enumerate(grid["totals"]):
            sheet.write_number(row_index, 3 + offset, load, hours)

        over = workbook.add_worksheet(tr("Over-allocations")[:31])
        over.set_column(0, 0, 26)
        over.set_column(1, 2, 14)
        over.set_column(3, 3, 80)
        for col, text in enumerate([tr("Employee"), tr("Period"), tr("Excess (h)"), tr("Tasks")]):
            over.write_string(0, col, text, bold)
        for line, (row, period, excess, tasks) in enumerate(grid["over"], start=1):
            over.write_string(line, 0, grid["rows"][row]["name"])
            over.write_string(line, 1, periods[period][2])
            if excess is not None:
                over.write_number(line, 2, excess, hours)
            over.write_string(line, 3, ", ".join(f"{t[1]} ({t[3]:.1f} h)" for t in tasks))
    finally:
        workbook.close()
    return written
