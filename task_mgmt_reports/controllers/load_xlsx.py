# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import tempfile

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.http import request

from .gantt_export import GanttExportController


class ResourceLoadXlsxController(http.Controller):
    """XLSX of the resource load heatmap: computed as the current user (same access as the
    heatmap), written to a temporary file in constant-memory mode, streamed."""

    @http.route("/task_mgmt_reports/load.xlsx", type="http", auth="user", methods=["GET"])
    def load_xlsx(self, filters="{}", **kwargs):
        try:
            filters = json.loads(filters)
        except ValueError as error:
            raise BadRequest(request.env._("Invalid filters for the resource load export: %s", error)) from None
        if not isinstance(filters, dict):
            raise BadRequest(request.env._("The resource load filters must be a JSON object."))
        fileobj = tempfile.TemporaryFile()  # pylint: disable=consider-using-with  # closed by the response
        request.env["task_mgmt.resource.load"]._load_write_xlsx(fileobj, filters)
        return GanttExportController._stream(self, fileobj, "resource_load.xlsx",
                                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
