# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._task_mgmt_outdate_projects()
        return leaves

    def write(self, vals):
        if {"calendar_id", "company_id", "resource_id", "date_from", "date_to"} & set(vals):
            self._task_mgmt_outdate_projects()
            result = super().write(vals)
            self._task_mgmt_outdate_projects()
            return result
        return super().write(vals)

    def unlink(self):
        self._task_mgmt_outdate_projects()
        return super().unlink()

    def _task_mgmt_outdate_projects(self):
        """Flag the automatic projects planned on the calendars of these public holidays and
        company-wide leaves for the nightly re-plan (leaves of single resources do not count)."""
        leaves = self.filtered(lambda leave: not leave.resource_id)
        if not leaves:
            return
        Calendar = self.env["resource.calendar"]
        projects = leaves.calendar_id._task_mgmt_projects()
        general = leaves.filtered(lambda leave: not leave.calendar_id)
        if general:
            projects |= Calendar._task_mgmt_projects(companies=general.company_id)
        projects._task_mgmt_mark_outdated()
