# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import os
import tempfile

from werkzeug.exceptions import BadRequest
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import request
from odoo.osv import expression

from ..engine.xlsx import Column, ratio_percent, write_table

# measure: (kind, total); titles are the report fields' (translated) labels
MEASURE_COLUMNS = {
    "revenue": ("money", "sum"),
    "invoiced": ("money", "sum"),
    "to_invoice": ("money", "sum"),
    "weighted_revenue": ("money", "sum"),
    "hours": ("hours", "sum"),
    "cost": ("money", "sum"),
    "margin": ("money", "sum"),
    "roi": ("percent", ratio_percent("revenue", "cost", minus_key="cost")),
    "presales_cost": ("money", "sum"),
}
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RoiXlsxController(http.Controller):

    @http.route("/task_mgmt_reports/roi.xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def roi_xlsx(self, groupby="opportunity_id", domain="[]"):
        """The ROI table grouped by ``groupby`` as XLSX, streamed from a temporary file. The
        user's access rights, record rules and field groups apply (costs only for their readers)."""
        Report = request.env["crm.lead.report.roi"]
        Report.check_access("read")
        try:
            domain = expression.normalize_domain(json.loads(domain))
        except (ValueError, TypeError, AssertionError) as exc:
            raise BadRequest(request.env._("The ROI export received an invalid domain: %s", exc)) from exc
        try:
            measures, groups = Report.roi_table(domain, groupby)
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc
        env = request.env
        field = Report._fields[groupby]
        columns = [Column("group", field._description_string(env))] + [
            Column(m, Report._fields[m]._description_string(env), *MEASURE_COLUMNS[m])
            for m in measures
        ]
        if field.type == "selection":
            labels = dict(field._description_selection(env))
        else:
            labels = None

        def rows():
            for group, *values in groups:
                if labels is not None:
                    label = labels.get(group, "")
                elif field.type == "date":
                    label = group.strftime("%Y-%m") if group else ""
                else:
                    label = group.display_name if group else env._("None")
                yield {"group": label, **dict(zip(measures, values, strict=True))}

        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as tmp:
            path = tmp.name
        try:
            write_table(path, env._("ROI"), columns, rows(), total_label=env._("Total"))
            handle = open(path, "rb")  # noqa: SIM115 - closed by the response once sent
        finally:
            os.unlink(path)  # the open handle keeps the data until the response is sent
        size = os.fstat(handle.fileno()).st_size
        filename = f"roi_by_{groupby}.xlsx"
        return request.make_response(
            wrap_file(request.httprequest.environ, handle),
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", str(size)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )
