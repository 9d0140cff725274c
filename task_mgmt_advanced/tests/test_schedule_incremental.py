# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..engine.scheduler import Network
from ..models import project_project
from ..models.project_task import SCHEDULE_RESULT_FIELDS
from .common import TaskMgmtCase

KINDS = ["fs", "fs", "ss", "ff", "sf"]


@tagged("post_install", "-at_install")
class TestIncrementalCascade(TaskMgmtCase):
    """A project's scheduled network kept between requests (``NETWORK_CACHE``): a cascade
    recomputes only what the change reaches, and gives what a full schedule gives, also when
    the database was changed behind the process's back."""

    def setUp(self):
        super().setUp()
        project_project.NETWORK_CACHE.clear()
        self.addCleanup(project_project.NETWORK_CACHE.clear)
        self.project.dependency_enforcement = "native"  # tasks are closed below, whatever their links
        rng = random.Random(7)
        self.rng = rng
        self.tasks = self.env["project.task"].create([
            {"name": f"N{i}", "project_id": self.project.id, "stage_id": self.stages[0].id,
             "duration_days": rng.randint(1, 6), "is_milestone": i % 11 == 5}
            for i in range(40)
        ])
        ids = self.tasks.ids
        pairs = {(ids[rng.randrange(max(0, i - 8), i)], ids[i]) for i in range(1, len(ids)) for _ in range(2)}
        self.env["project.task.dependency"].create([
            {"predecessor_id": p, "successor_id": s, "dependency_type": rng.choice(KINDS),
             "lag_days": rng.randint(-2, 3)}
            for p, s in sorted(pairs)
        ])
        self.project._task_mgmt_schedule()  # the plan is kept from here on

    def _outputs(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, %s FROM project_task WHERE project_id = %%s ORDER BY id" % ", ".join(SCHEDULE_RESULT_FIELDS),
            [self.project.id])
        return self.env.cr.fetchall()

    def _assert_as_full_schedule(self):
        """A full schedule (no plan kept) finds nothing to change: the rows already hold its result."""
        before = self._outputs()
        with patch.object(project_project, "NETWORK_CACHE_SIZE", 0):
            written = self.project._task_mgmt_schedule()
        self.assertEqual(written, 0)
        self.assertEqual(self._outputs(), before)

    def _spy(self):
        """Patch that records whether each schedule used the kept plan (True) or read the whole
        project again (False)."""
        Project = type(self.env["project.project"])
        used = []
        original = Project._task_mgmt_update_plan

        def spy(project, *args):
            changes = original(project, *args)
            used.append(changes is not None)
            return changes

        return patch.object(Project, "_task_mgmt_update_plan", spy), used

    def test_random_edits_equal_full_schedule(self):
        """Durations, hours, milestones, pinned starts, dragged starts and a closed task,
        changed one after the other on a 40-task network with every link kind and lags: each
        cascade uses the kept plan and leaves exactly what a full schedule computes."""
        patcher, used = self._spy()
        rng = self.rng
        with patcher:
            for step in range(14):
                task = self.tasks[rng.randrange(len(self.tasks))]
                choice = step % 7
                if choice == 0:
                    task.duration_days = rng.randint(1, 9)
                elif choice == 1:
                    task.write({"duration_days": 0, "allocated_hours": rng.choice([4, 12, 30])})
                elif choice == 2:
                    task.pinned_start_date = date(2026, 1, 5) + timedelta(days=rng.randint(0, 40))
                elif choice == 3:
                    task.pinned_start_date = False
                elif choice == 4:
                    task.planned_start_date = date(2026, 1, 5) + timedelta(days=rng.randint(0, 30))  # a drag
                elif choice == 5:
                    task.is_milestone = not task.is_milestone
                else:
                    task.write({"state": "1_done", "duration_days": task.duration_days + 2})
                self.assertTrue(used and used[-1], f"step {step}: the kept plan was used")
                self._assert_as_full_schedule()

    def test_change_behind_the_process_back_is_seen(self):
        """Rows changed by SQL (another worker, another addon): a duration, a link's lag, a
        closed task, an archived task, a holiday.  The kept plan no longer matches the
        database: when only task rows changed (the same tasks), they are re-read and the kept
        network recomputes from them; a link, the set of tasks or the calendar changed, the
        next cascade reads the whole project again.  Either way its result is a full
        schedule's."""
        patcher, used = self._spy()
        Project = type(self.env["project.project"])
        a, b = self.tasks[3], self.tasks[20]
        changes = [
            ("UPDATE project_task SET duration_days = duration_days + 3 WHERE id = %s", [a.id], True),
            ("UPDATE project_task_dependency SET lag_days = lag_days + 2 WHERE id = "
             "(SELECT min(id) FROM project_task_dependency WHERE project_id = %s)", [self.project.id], False),
            ("UPDATE project_task SET state = '1_done' WHERE id = %s", [self.tasks[10].id], True),
            ("UPDATE project_task SET planned_start_date = NULL, planned_end_date = NULL, total_float_days = NULL"
             " WHERE project_id = %s", [self.project.id], True),
            ("UPDATE project_task SET active = false WHERE id = %s", [self.tasks[30].id], False),
        ]
        with patcher:
            for query, params, kept in changes:
                self.env.flush_all()
                self.env.cr.execute(query, params)
                self.env.invalidate_all()
                with patch.object(Project, "_task_mgmt_stale_rows", autospec=True,
                                  side_effect=Project._task_mgmt_stale_rows) as stale:
                    b.duration_days += 1
                self.assertEqual(used[-1], kept, query)
                if kept:
                    self.assertEqual(stale.call_count, 1, query)
                self._assert_as_full_schedule()
            self._holiday(date(2026, 1, 14))  # flags the project only: nothing moves yet
            b.duration_days += 1
            self.assertEqual(used[-1], False, "a holiday changes the calendar: the plan is not used")
            self._assert_as_full_schedule()

    def test_rolled_back_cascade_leaves_no_stale_plan(self):
        """A cascade rolled back (its transaction failed after it) leaves the plan claiming rows
        the database does not hold: the next cascade sees it, re-reads the task rows and
        recomputes from those the database holds, as a full schedule does."""
        patcher, used = self._spy()
        Project = type(self.env["project.project"])
        with patcher:
            with self.assertRaises(ValueError), self.env.cr.savepoint():
                self.tasks[0].duration_days += 4
                self.assertTrue(used[-1])
                raise ValueError("rolled back")
            self.env.invalidate_all()
            with patch.object(Project, "_task_mgmt_stale_rows", autospec=True,
                              side_effect=Project._task_mgmt_stale_rows) as stale:
                self.tasks[25].duration_days += 1
            self.assertEqual(stale.call_count, 1)
            self._assert_as_full_schedule()

    def test_incremental_cascade_recomputes_only_downstream(self):
        """Lengthening the last task updates the network for that task only: the engine's
        forward pass does not walk the other tasks, and only moved rows are written."""
        last = self.tasks[-1]
        with patch.object(Network, "update", autospec=True, side_effect=Network.update) as update, \
                patch.object(type(self.env["project.task"]), "_task_mgmt_write_schedule", autospec=True,
                             side_effect=type(self.env["project.task"])._task_mgmt_write_schedule) as write:
            last.duration_days += 1
        self.assertEqual(update.call_count, 1)
        self.assertEqual([task[0] for task in update.call_args.args[1]], [last.id])
        written = set(write.call_args_list[-1].args[1])
        self.assertIn(last.id, written)
        self.assertLess(len(written), len(self.tasks))
        self._assert_as_full_schedule()

    def test_refusal_drops_the_plan(self):
        """A cascade that moves a task the user may not write is refused, naming the task, and
        nothing is written; the plan it was computed on is dropped, not kept."""
        frozen = self.tasks[-1]
        frozen.name = "Frozen successor"
        self.env["ir.rule"].create({
            "name": "test: frozen tasks are read-only",
            "model_id": self.env["ir.model"]._get_id("project.task"),
            "domain_force": "[('name', 'not like', 'Frozen')]",
            "perm_read": False, "perm_create": False, "perm_unlink": False, "perm_write": True,
        })
        before = self._outputs()
        preds = self.env["project.task.dependency"].search([("successor_id", "=", frozen.id)]).predecessor_id
        with self.assertRaisesRegex(AccessError, "Frozen successor"), self.env.cr.savepoint():
            preds[:1].with_user(self.user).write({"pinned_start_date": date(2026, 12, 1)})
        self.env.invalidate_all()
        self.assertEqual(self._outputs(), before)
        self.assertFalse(project_project.NETWORK_CACHE)
        self._assert_as_full_schedule()
