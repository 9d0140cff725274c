# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_kpi_evm import DAY, EvmCase

SUNDAY = date(2027, 3, 7)


@tagged("post_install", "-at_install")
@freeze_time("2027-03-08 09:00:00")
class TestEvmSnapshot(EvmCase):
    """Monday March 8th 2027: the weekly run snapshots the earned value at Sunday 7th (the end of
    the last full week). At that date Spec and Build were planned in full (PV 20 h), Test not yet;
    EV = 10 h (Spec done) + 2 h (Build's), AC = 12 + 2 = 14 h (the 10th's 5 h are later)."""

    def _snapshots(self, project=None):
        return self.env["project.evm.snapshot"].search([("project_id", "=", (project or self.project).id)])

    def _run_cron(self, batch_size=None):
        """Call the scheduled action as Odoo does until it reports nothing remaining; the calls'
        (done, remaining) reports."""
        reports = []
        Cron = type(self.env["ir.cron"])
        with patch.object(Cron, "_notify_progress", autospec=True) as progress:
            for _call in range(1000):
                self.env["project.evm.snapshot"]._cron_snapshot(batch_size=batch_size)
                kwargs = progress.call_args.kwargs
                reports.append((kwargs["done"], kwargs["remaining"]))
                if not kwargs["remaining"]:
                    break
        return reports

    def test_cron_figures_on_the_worked_example(self):
        """The snapshot at Sunday 7th: BAC 40 h, PV 20 h, EV 12 h, AC 14 h, CPI 12/14 = 0.857,
        SPI 12/20 = 0.6, CV -2 h, SV -8 h, EAC 40 × 14/12 = 46.67 h, ETC 32.67 h; in money (50 an
        hour): BAC 2,000, PV 1,000, EV 600, AC 700, EAC 2,333.33."""
        self._run_cron()
        snapshot = self._snapshots()
        self.assertEqual(len(snapshot), 1)
        self.assertEqual(snapshot.status_date, SUNDAY)
        self.assertEqual(snapshot.baseline, self.project.current_baseline_id.name)
        expected = {"bac_hours": 40, "pv_hours": 20, "ev_hours": 12, "ac_hours": 14, "cpi_hours": 0.857,
                    "spi": 0.6, "cv_hours": -2, "sv_hours": -8, "eac_hours": 40 * 14 / 12,
                    "etc_hours": 40 * 14 / 12 - 14, "bac_amount": 2000, "pv_amount": 1000, "ev_amount": 600,
                    "ac_amount": 700, "eac_amount": 2000 * 14 / 12, "cpi_amount": 0.857}
        for field, value in expected.items():
            self.assertAlmostEqual(snapshot[field], value, places=2, msg=field)

    def test_cron_idempotent_and_resumable(self):
        """Batches of one project: each call reports one done and the rest remaining; a second run
        writes nothing; a run stopped half-way (as after a crash) and run again completes
        without writing any project twice, and so does an insert racing the cron."""
        reports = self._run_cron(batch_size=1)
        Snapshot = self.env["project.evm.snapshot"]
        count = Snapshot.search_count([("status_date", "=", SUNDAY)])
        self.assertGreater(count, 1, "every active project with tasks has its snapshot (demo ones too)")
        self.assertEqual(reports[0], (1, count - 1))
        self.assertEqual(reports[-1], (1, 0))
        self.assertEqual(self._run_cron(), [(0, 0)], "a second run finds nothing to do")
        # a crash half-way: the batch inserted by the first call stays, the next run does the rest
        Snapshot.search([("status_date", "=", SUNDAY), ("project_id", "!=", self.project.id)]).unlink()
        self.assertEqual(self._run_cron(batch_size=2)[-1][1], 0)
        self.assertEqual(Snapshot.search_count([("status_date", "=", SUNDAY)]), count)
        # a concurrent run inserting the same project and date: ON CONFLICT DO NOTHING
        self.assertEqual(Snapshot.sudo()._insert_snapshots(self.project, SUNDAY), 0)
        self.assertEqual(len(self._snapshots()), 1)
        grouped = Snapshot._read_group([("status_date", "=", SUNDAY)], ["project_id"], ["__count"])
        self.assertEqual({n for _project, n in grouped}, {1}, "one snapshot per project and status date")

    def test_next_week_adds_a_point(self):
        """A week later the run snapshots Sunday 14th (Test planned and 5 h logged): the trend has
        two status dates, oldest first, PV 20 h then 40 h."""
        self._run_cron()
        with freeze_time("2027-03-15 06:00:00"):
            self._run_cron()
        trend = self.project.with_user(self.user).get_evm_trend()
        self.assertEqual(trend["dates"], ["2027-03-07", "2027-03-14"])
        self.assertEqual(trend["hours"]["pv"], [20.0, 40.0])
        self.assertEqual(trend["hours"]["ac"], [14.0, 19.0])
        self.assertAlmostEqual(trend["hours"]["spi"][1], (10 + 2 + 5) / 40, places=3)

    def test_snapshot_now(self):
        """A project user takes today's snapshot; taking it again after more hours were logged
        replaces today's figures (one row per date); the portal and a bad limit are refused."""
        result = self.project.with_user(self.user).action_evm_snapshot()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self._snapshots().status_date, DAY[8])
        self.env["account.analytic.line"].create({
            "name": "More", "project_id": self.project.id, "task_id": self.build.id,
            "employee_id": self.employee.id, "unit_amount": 3, "date": DAY[8]})
        self.project.with_user(self.user).action_evm_snapshot()
        self.assertEqual(len(self._snapshots()), 1)
        self.assertEqual(self._snapshots().ac_hours, 17)
        with self.assertRaises(AccessError):
            self.project.with_user(self.portal).action_evm_snapshot()
        with self.assertRaises(AccessError):
            self.secret.with_user(self.user).action_evm_snapshot()
        with self.assertRaises(UserError):
            self.project.with_user(self.user).get_evm_trend(limit="all")
        action = self.project.with_user(self.user).action_view_evm_snapshots()
        self.assertEqual(self.env[action["res_model"]].with_user(self.user).search(action["domain"]), self._snapshots())

    def test_money_for_administrators_and_accounting_only(self):
        """A project user reads the hours of the snapshots, never the money, whatever the context
        says; the project administrator and an accountant get both in the trend."""
        self._run_cron()
        forged = {"evm_money": True, "show_cost": True, "active_test": False, "uid": self.manager.id}
        snapshot = self._snapshots().with_user(self.user).with_context(**forged)
        self.assertEqual(snapshot.ev_hours, 12)
        for field in ("ac_amount", "bac_amount", "eac_amount", "cpi_amount"):
            with self.assertRaises(AccessError, msg=field):
                snapshot.read([field])
        with self.assertRaises(AccessError):
            snapshot.search_read([("ac_amount", ">", 0)], ["id"])
        trend = self.project.with_user(self.user).with_context(**forged).get_evm_trend()
        self.assertEqual(trend["hours"]["ev"], [12.0])
        self.assertFalse(trend["money"])
        self.assertFalse(self.project.with_user(self.user).with_context(**forged).get_earned_value()["money"])
        accountant = new_test_user(self.env, "evm_accountant", name="Acc Ounting",
                                   groups="project.group_project_user,account.group_account_readonly")
        for user in (self.manager, accountant):
            trend = self.project.with_user(user).get_evm_trend()
            self.assertEqual(trend["money"]["ac"], [700.0], user.name)
            self.assertEqual(self._snapshots().with_user(user).ac_amount, 700)

    def test_record_rules(self):
        """Snapshots follow their project: a followers-only project's are hidden from a user who
        does not follow it, another company's from a user of this company only, and the portal
        reads none."""
        self._task("Secret task", project=self.secret, allocated_hours=4)
        other = self.env["res.company"].create({"name": "EVM Other Co"})
        foreign = self.env["project.project"].create({"name": "Foreign", "company_id": other.id})
        self.env["project.task"].create({"name": "Foreign task", "project_id": foreign.id, "allocated_hours": 2})
        self._run_cron()
        Snapshot = self.env["project.evm.snapshot"]
        self.assertTrue(self._snapshots(self.secret) and self._snapshots(foreign))
        visible = Snapshot.with_user(self.user).search([]).project_id
        self.assertIn(self.project, visible)
        self.assertNotIn(self.secret, visible)
        self.assertNotIn(foreign, visible)
        self.assertIn(self.secret, Snapshot.with_user(self.manager).search([]).project_id)
        self.manager.company_ids = [(4, other.id)]
        manager = Snapshot.with_user(self.manager)
        self.assertNotIn(foreign, manager.with_context(allowed_company_ids=[self.manager.company_id.id]).search(
            []).project_id, "another company's snapshots only when that company is selected")
        self.assertIn(foreign, manager.with_context(
            allowed_company_ids=[self.manager.company_id.id, other.id]).search([]).project_id)
        with self.assertRaises(AccessError):
            foreign.with_user(self.user).get_evm_trend()
        with self.assertRaises(AccessError):
            Snapshot.with_user(self.portal).search([])
