# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain-Python computations of the reports (no ``odoo`` import), unit-tested with pytest."""
