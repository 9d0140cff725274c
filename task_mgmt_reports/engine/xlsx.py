# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Constant-memory XLSX tables (no Odoo import).

A table is a header row, data rows written in order as they come (xlsxwriter's
``constant_memory`` mode keeps one row in memory) and a total row. Columns say how their
cells look and how their total is made::

    cols = [Column("name", "Opportunity"), Column("revenue", "Revenue", "money", total="sum")]
    write_table(path, "ROI", cols, ({"name": n, "revenue": r} for n, r in rows))
"""
from collections.abc import Callable
from dataclasses import dataclass

import xlsxwriter

KINDS = {"text", "money", "hours", "percent", "number"}
NUM_FORMATS = {"money": "#,##0.00", "hours": "#,##0.00", "percent": "0.0", "number": "0.00"}
WIDTHS = {"text": 32, "money": 15, "hours": 10, "percent": 10, "number": 12}


@dataclass(frozen=True)
class Column:
    """One column: ``key`` in each row, ``title`` in the header, ``kind`` (text, money, hours,
    percent) and ``total``: None, "sum", or a function of the column sums (by key)."""

    key: str
    title: str
    kind: str = "text"
    total: None | str | Callable[[dict], object] = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")


def cell_value(column, value):
    """What goes into a cell: text for text columns, a number (or None) for the others."""
    if column.kind == "text":
        if value is None or value is False:
            return ""
        return str(value)
    if value is None or value is False:
        return None
    return float(value)


def ratio_percent(numerator_key, denominator_key, minus_key=None):
    """A total function: ``(sums[num] - sums[minus]) / sums[den] × 100``, None when the denominator is 0."""
    def total(sums):
        den = sums.get(denominator_key) or 0.0
        if not den:
            return None
        num = sums.get(numerator_key) or 0.0
        if minus_key:
            num -= sums.get(minus_key) or 0.0
        return num / den * 100
    return total


def write_table(target, sheet_name, columns, rows, total_label="Total"):
    """Write ``rows`` (an iterable of dicts) under a header into ``target`` (a path or a binary
    file object), then a total row when a column asks for one. Returns the number of data rows."""
    return write_tables(target, [(sheet_name, columns, rows)], total_label)[0]


def write_tables(target, tables, total_label="Total"):
    """Several tables, one sheet each, written one after the other (``tables``: ``[(sheet name,
    columns, rows)]``, as :func:`write_table`). Returns the number of data rows of each."""
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    try:
        styles = {
            "bold": workbook.add_format({"bold": True, "bottom": 1}),
            "total_text": workbook.add_format({"bold": True, "top": 1}),
            "formats": {kind: workbook.add_format({"num_format": fmt}) for kind, fmt in NUM_FORMATS.items()},
            "total_formats": {kind: workbook.add_format({"num_format": fmt, "bold": True, "top": 1})
                              for kind, fmt in NUM_FORMATS.items()},
        }
        return [_write_sheet(workbook.add_worksheet(name[:31]), styles, columns, rows, total_label)
                for name, columns, rows in tables]
    finally:
        workbook.close()


def _write_sheet(sheet, styles, columns, rows, total_label):
    formats, total_formats, total_text = styles["formats"], styles["total_formats"], styles["total_text"]
    for col, column in enumerate(columns):
        sheet.set_column(col, col, WIDTHS[column.kind])
        sheet.write_string(0, col, column.title, styles["bold"])
    sums = {column.key: 0.0 for column in columns if column.kind != "text"}
    row_index = 0
    for row_index, row in enumerate(rows, start=1):
        for col, column in enumerate(columns):
            value = cell_value(column, row.get(column.key))
            if column.kind == "text":
                sheet.write_string(row_index, col, value)
            elif value is None:
                sheet.write_blank(row_index, col, None, formats[column.kind])
            else:
                sums[column.key] += value
                sheet.write_number(row_index, col, value, formats[column.kind])
    if any(column.total for column in columns):
        total_row = row_index + 1
        for col, column in enumerate(columns):
            if col == 0:
                sheet.write_string(total_row, col, total_label, total_text)
                continue
            value = sums.get(column.key) if column.total == "sum" else (
                column.total(sums) if callable(column.total) else None)
            if value is None or column.kind == "text":
                sheet.write_blank(total_row, col, None, total_text)
            else:
                sheet.write_number(total_row, col, value, total_formats[column.kind])
    return row_index
