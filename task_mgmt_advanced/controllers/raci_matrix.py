# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import tempfile

from werkzeug.exceptions import BadRequest
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import request

from ..engine.raci_xlsx import write_raci_matrix

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _flag(value):
    return str(value).lower() in ("1", "true", "yes")


class RaciMatrixController(http.Controller):

    @http.route("/task_mgmt_advanced/raci_matrix.xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def raci_matrix_xlsx(self, project_id, open_only="1", mine="0", missing_accountable="0"):
        """The RACI matrix of a project as XLSX (every task, not only the first screen),
        streamed from a temporary file; only the tasks the user may read."""
        env = request.env
        try:
            project_id = int(project_id)
        except ValueError as exc:
            raise BadRequest(env._("The RACI export needs a project id, not %r.", project_id)) from exc
        matrix = env["project.task.raci.line"].get_matrix(
            project_id, open_only=_flag(open_only), mine=_flag(mine),
            missing_accountable=_flag(missing_accountable), limit=0)
        labels = {
            "task": env._("Task"), "stage": env._("Stage"),
            "missing_accountable": env._("no Accountable"),
            "legend": env._("R = Responsible (assignee), A = Accountable, C = Consulted, I = Informed"),
        }
        title = env._("RACI: %(project)s", project=matrix["project"]["name"])
        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as tmp:
            path = tmp.name
        try:
            write_raci_matrix(path, title, labels, matrix["tasks"], matrix["people"], matrix["cells"])
            handle = open(path, "rb")  # noqa: SIM115 - closed by the response once sent
        finally:
            os.unlink(path)  # the open handle keeps the data until the response is sent
        size = os.fstat(handle.fileno()).st_size
        return request.make_response(
            wrap_file(request.httprequest.environ, handle),
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", str(size)),
                ("Content-Disposition", http.content_disposition(f"raci_matrix_{project_id}.xlsx")),
            ],
        )
