# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProjectTask(models.Model):
    """Copies and recurring occurrences keep their typed links, remapped as Odoo remaps
    ``depend_on_ids``: a link between two copied tasks joins the two copies; a link to a task
    outside the copied set joins the copy to that same task; the original tasks keep theirs."""

    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    def copy(self, default=None):
        copies = super().copy(default)
        self._task_mgmt_copy_links(copies)
        return copies

    def _task_mgmt_copy_links(self, copies):
        """After Odoo's copy (which rewrote the copies' ``depend_on_ids``, mirrored as plain
        finish-to-start links): give each copy exactly its original's links — same type and
        lag — with the copied tasks remapped (one search, then batched create/write/unlink)."""
        mapping, _native = self._create_task_mapping(copies)
        # sudo: Odoo's copy already checked the user's access to these tasks; a link's other
        # end may lie in a project the user cannot read, as Odoo's own remap keeps it
        originals = self.browse(list(mapping)).sudo().filtered("allow_task_dependencies")
        if not originals:
            return
        Link = self.env["project.task.dependency"].sudo()
        copy_ids = [copy.id for copy in mapping.values()]
        links = Link.search_fetch(
            ["|", "|", "|", ("predecessor_id", "in", originals.ids), ("successor_id", "in", originals.ids),
             ("predecessor_id", "in", copy_ids), ("successor_id", "in", copy_ids)],
            ["predecessor_id", "successor_id", "dependency_type", "lag_days"],
        )
        original_ids, copy_set = set(originals.ids), set(copy_ids)

        def remap(task_id):
            return mapping[task_id].id if task_id in mapping else task_id

        wanted, existing = {}, {}
        for link in links:
            pred, succ = link.predecessor_id.id, link.successor_id.id
            if pred in copy_set or succ in copy_set:
                existing[(pred, succ)] = link
            if pred in original_ids or succ in original_ids:
                wanted[(remap(pred), remap(succ))] = (link.dependency_type, link.lag_days)
        stale = Link.browse([link.id for pair, link in existing.items() if pair not in wanted])
        if stale:
            stale.unlink()
        groups = {}
        for pair, (kind, lag) in wanted.items():
            link = existing.get(pair)
            if link and (link.dependency_type, link.lag_days) != (kind, lag):
                groups.setdefault((kind, lag), []).append(link.id)
        for (kind, lag), link_ids in groups.items():
            Link.browse(link_ids).write({"dependency_type": kind, "lag_days": lag})
        new = [{"predecessor_id": pred, "successor_id": succ, "dependency_type": kind, "lag_days": lag}
               for (pred, succ), (kind, lag) in wanted.items() if (pred, succ) not in existing and pred != succ]
        if new:
            Link.create(new)
