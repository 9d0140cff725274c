# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The constant-memory XLSX writer, without a database (values computed by hand)."""
import io
import unittest

import openpyxl

from ..engine.xlsx import Column, cell_value, ratio_percent, write_table

COLUMNS = [
    Column("name", "Opportunity"),
    Column("revenue", "Revenue", "money", total="sum"),
    Column("cost", "Cost", "money", total="sum"),
    Column("roi", "ROI (%)", "percent", total=ratio_percent("revenue", "cost", minus_key="cost")),
]


def _read(buffer):
    buffer.seek(0)
    sheet = openpyxl.load_workbook(buffer).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


class TestXlsxEngine(unittest.TestCase):

    def test_rows_in_order_and_totals(self):
        """Header, rows in the order given, sums and the ROI of the totals (not of the rows)."""
        rows = [
            {"name": "Won deal", "revenue": 3500, "cost": 1100, "roi": 218.18},
            {"name": "Lost deal", "revenue": 0, "cost": 240, "roi": -100},
            {"name": False, "revenue": 100, "cost": None, "roi": None},
        ]
        buffer = io.BytesIO()
        self.assertEqual(write_table(buffer, "ROI", COLUMNS, iter(rows)), 3)
        table = _read(buffer)
        self.assertEqual(table[0], ["Opportunity", "Revenue", "Cost", "ROI (%)"])
        self.assertEqual(table[1], ["Won deal", 3500, 1100, 218.18])
        self.assertEqual(table[2], ["Lost deal", 0, 240, -100])
        self.assertEqual(table[3], ["", 100, None, None])  # empty name, blank cost and ROI
        # totals: revenue 3600, cost 1340, ROI (3600 - 1340) / 1340 × 100
        self.assertEqual(table[4][:3], ["Total", 3600, 1340])
        self.assertAlmostEqual(table[4][3], 168.6567, places=3)

    def test_no_cost_no_roi(self):
        """A total ROI over a zero cost is left blank, not a division error."""
        buffer = io.BytesIO()
        write_table(buffer, "ROI", COLUMNS, [{"name": "A", "revenue": 10, "cost": 0}])
        self.assertEqual(_read(buffer)[2], ["Total", 10, 0, None])

    def test_empty_table(self):
        """No rows: the header and a zero total row."""
        buffer = io.BytesIO()
        self.assertEqual(write_table(buffer, "ROI", COLUMNS, []), 0)
        self.assertEqual(_read(buffer), [["Opportunity", "Revenue", "Cost", "ROI (%)"], ["Total", 0, 0, None]])

    def test_cell_values(self):
        """Text cells take text (False and None become empty), number cells numbers or nothing."""
        text, money = Column("a", "A"), Column("b", "B", "money")
        self.assertEqual(cell_value(text, False), "")
        self.assertEqual(cell_value(text, 12), "12")
        self.assertIsNone(cell_value(money, None))
        self.assertEqual(cell_value(money, 3), 3.0)

    def test_unknown_kind_refused(self):
        """A column of an unknown kind is refused at once, naming it."""
        with self.assertRaisesRegex(ValueError, "'x'.*'date'"):
            Column("x", "X", "date")
