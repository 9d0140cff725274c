# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import tempfile

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.http import request

from .gantt_export import GanttExportController


class KpiCockpitXlsxController(http.Controller):
    """XLSX of the delivery cockpit's tables of one project: computed as the current user (read
    access to the project, record rules; money figures for project administrators only), written
    to a temporary file in constant-memory mode, streamed."""

    @http.route("/task_mgmt_reports/kpi_cockpit.xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def kpi_cockpit_xlsx(self, project_id=None, period="month", **kwargs):
        if not project_id or not str(project_id).isdigit():
            raise BadRequest(request.env._("The cockpit export needs a project id, not %r.", project_id))
        project = request.env["project.project"].browse(int(project_id)).exists()
        if not project:
            raise BadRequest(request.env._("Project %s does not exist.", project_id))
        fileobj = tempfile.TemporaryFile()  # pylint: disable=consider-using-with  # closed by the response
        project._kpi_write_xlsx(fileobj, period)
        name = re.sub(r"[^\w\- ]+", "", project.name).strip() or "project"
        return GanttExportController._stream(self, fileobj, f"{name} - KPIs.xlsx",
                                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
