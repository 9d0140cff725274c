# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re
import tempfile

from werkzeug.exceptions import BadRequest
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import request
from odoo.osv import expression


class GanttExportController(http.Controller):
    """Downloads of the Gantt chart: written to an anonymous temporary file (on disk, not in
    memory) as the current user (record rules apply), then streamed."""

    def _stream(self, fileobj, filename, mimetype):
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(0)
        headers = [
            ("Content-Type", mimetype),
            ("Content-Length", str(size)),
            ("Content-Disposition", http.content_disposition(filename)),
        ]
        return request.make_response(wrap_file(request.httprequest.environ, fileobj), headers=headers)

    @http.route("/task_mgmt_reports/gantt/xlsx", type="http", auth="user", methods=["GET"])
    def gantt_xlsx(self, domain="[]", scale="day", **kwargs):
        try:
            domain = json.loads(domain)
            expression.expression(domain, request.env["project.task"])  # validates the domain
        except (ValueError, TypeError, AssertionError) as error:
            raise BadRequest(request.env._("Invalid domain for the Gantt export: %s", error)) from None
        fileobj = tempfile.TemporaryFile()  # pylint: disable=consider-using-with  # closed by the response
        request.env["project.task"]._gantt_write_xlsx(fileobj, domain, "week" if scale == "week" else "day")
        return self._stream(fileobj, "gantt.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @http.route("/task_mgmt_reports/project/<int:project_id>/mspdi", type="http", auth="user", methods=["GET"])
    def project_mspdi(self, project_id, **kwargs):
        project = request.env["project.project"].browse(project_id).exists()
        if not project:
            raise BadRequest(request.env._("Project %s does not exist.", project_id))
        fileobj = tempfile.TemporaryFile()  # pylint: disable=consider-using-with  # closed by the response
        project._gantt_write_mspdi(fileobj)
        name = re.sub(r"[^\w\- ]+", "", project.name).strip() or "project"
        return self._stream(fileobj, f"{name}.xml", "application/xml")
