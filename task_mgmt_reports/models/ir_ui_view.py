# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import fields, models

# "gantt" is Enterprise's (web_gantt): this one has a name of its own so both can coexist
GANTT_VIEW_TYPE = ("gantt_tm", "Gantt Chart")
GANTT_VIEW_ATTRIBUTES = {
    "__validate__",  # ir.ui.view implementation detail
    "string", "js_class", "class", "create", "edit", "delete",
    "default_scale", "color_by", "data_method", "form_view_id",
}


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    type = fields.Selection(selection_add=[GANTT_VIEW_TYPE], ondelete={GANTT_VIEW_TYPE[0]: "cascade"})

    def _get_view_info(self):
        return {GANTT_VIEW_TYPE[0]: {"icon": "fa fa-align-left"}} | super()._get_view_info()

    def _validate_tag_gantt_tm(self, node, name_manager, node_info):
        """The root of a ``gantt_tm`` arch takes only the attributes the view reads."""
        if not node_info["validate"]:
            return
        unknown = set(node.attrib) - GANTT_VIEW_ATTRIBUTES
        if unknown:
            self._raise_view_error(self.env._(
                "Invalid attributes (%(invalid)s) in the Gantt Chart view; allowed: %(allowed)s.",
                invalid=", ".join(sorted(unknown)),
                allowed=", ".join(sorted(GANTT_VIEW_ATTRIBUTES - {"__validate__"})),
            ), node)
        for child in node.iterchildren(tag=etree.Element):
            self._raise_view_error(self.env._(
                "The Gantt Chart view takes no child element, got <%s>.", child.tag), child)
