# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The RACI matrix as an XLSX sheet (no Odoo import): tasks down the side, people across the
top, the letters R / A / C / I in the cells, one colour per role, written with xlsxwriter in
constant-memory mode (one row in memory at a time)::

    write_raci_matrix(path, "RACI: Office Move", labels, tasks, people, cells)

``tasks``: dicts with ``id``, ``name``, ``stage``, ``missing_accountable``; ``people``: dicts
with ``id`` and ``name``; ``cells``: ``{task id: {person id: "RA"}}`` (keys may be strings,
as after JSON); ``labels``: the translated ``task``, ``stage``, ``legend`` and
``missing_accountable`` texts.
"""

import xlsxwriter

ROLE_COLOURS = {"R": "#DCEBFA", "A": "#FADBD8", "C": "#FCF3CF", "I": "#EAEDED"}
SHEET_NAME_MAX = 31


def _cell_format(letters):
    """The role whose colour a cell takes: Accountable first, then Responsible, Consulted, Informed."""
    for role in "ARCI":
        if role in letters:
            return role
    return None


def write_raci_matrix(path, title, labels, tasks, people, cells):
    """Write the matrix to ``path``; returns the number of task rows written."""
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "in_memory": False})
    try:
        sheet = workbook.add_worksheet(title[:SHEET_NAME_MAX].replace("/", "-").replace(":", " "))
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "rotation": 60, "align": "center", "valign": "bottom",
                                      "border": 1})
        head_left = workbook.add_format({"bold": True, "valign": "bottom", "border": 1})
        warn = workbook.add_format({"font_color": "#B03A2E"})
        role_formats = {
            role: workbook.add_format({"bg_color": colour, "align": "center", "bold": True, "border": 1})
            for role, colour in ROLE_COLOURS.items()
        }
        empty = workbook.add_format({"border": 1})
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 18)
        if people:
            sheet.set_column(2, 1 + len(people), 6)
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, labels["legend"])
        sheet.set_row(3, 110)
        sheet.write(3, 0, labels["task"], head_left)
        sheet.write(3, 1, labels["stage"], head_left)
        for col, person in enumerate(people, start=2):
            sheet.write(3, col, person["name"], header)
        sheet.freeze_panes(4, 2)
        row = 4
        for task in tasks:
            by_person = cells.get(task["id"]) or cells.get(str(task["id"])) or {}
            name = task["name"]
            if task.get("missing_accountable"):
                sheet.write(row, 0, f"{name} ({labels['missing_accountable']})", warn)
            else:
                sheet.write(row, 0, name)
            sheet.write(row, 1, task.get("stage") or "")
            for col, person in enumerate(people, start=2):
                letters = by_person.get(person["id"]) or by_person.get(str(person["id"])) or ""
                role = _cell_format(letters)
                sheet.write(row, col, letters, role_formats[role] if role else empty)
            row += 1
        return row - 4
    finally:
        workbook.close()
