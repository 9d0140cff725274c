"""Scheduling engine of ``task_mgmt_advanced``: plain Python, no ``odoo`` import.

``workcalendar`` turns dates into working-day positions and back; ``scheduler`` runs the
critical path method on those positions. The ORM layer reads records in batches, calls these
modules and writes the results back in batches.
"""
