# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..engine import kpi
from ..engine.kpi import TaskFact
from .kpi_common import KpiCase

# The March 2027 data set of test_engine_kpi.py (today Monday 15th), moved by whole weeks so that
# its "today" falls in the real current week: the view counts open and overdue tasks at the
# database's CURRENT_DATE, which freezegun does not move.
_TODAY = date.today()
BASE = _TODAY - timedelta(days=_TODAY.weekday() + 14)  # plays Monday, March 1st 2027


def day(month, number):
    """The test's date that plays ``2027-month-number``."""
    return BASE + (date(2027, month, number) - date(2027, 3, 1))


MAR = {d: day(3, d) for d in range(1, 32)}
PERIOD = (str(MAR[1]), str(MAR[31]))


@tagged("post_install", "-at_install")
class TestKpiReport(KpiCase):
    """The hand-computed March 2027 data set of test_engine_kpi.py, as real tasks: the SQL view
    gives the engine's sums, the rates follow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create({"name": "Ann Assignee", "user_id": cls.ann.id})

        def task(name, project=None, created=None, assigned=None, done=None, hours=0.0, spent=0.0, **vals):
            record = cls._task(name, project=project, allocated_hours=hours,
                               user_ids=[(6, 0, cls.ann.ids)] if assigned else False, **vals)
            if spent:
                cls.env["account.analytic.line"].create({
                    "name": name, "project_id": record.project_id.id, "task_id": record.id,
                    "employee_id": cls.employee.id, "unit_amount": spent, "date": done or MAR[1]})
            if done:
                record.state = "1_done"
            cls._set_dates(record, create_date=datetime.combine(created, datetime.min.time()),
                           date_assign=assigned and datetime.combine(assigned, datetime.min.time()),
                           kpi_done_date=done and datetime.combine(done, datetime.min.time()))
            return record

        cls.a = task("A", created=day(2, 26), planned_end_date=MAR[5], date_deadline=MAR[5],
                     assigned=MAR[1], done=MAR[4], hours=8, spent=10)
        cls.b = task("B", created=MAR[1], planned_end_date=MAR[10], date_deadline=MAR[11], assigned=MAR[8],
                     hours=8, spent=6)
        # B was sent back once by its reviewer (rated 2), then done on the 12th
        cls.b.state = "1_done"
        cls.b._approval_acceptance_write({"acceptance_state": "changes_requested", "quality_rating": 2})
        cls.b.state = "1_done"
        cls._set_dates(cls.b, kpi_done_date=datetime.combine(MAR[12], datetime.min.time()))
        cls.a._approval_acceptance_write({"acceptance_state": "accepted", "quality_rating": 4})
        cls.c = task("C", created=MAR[1], planned_end_date=MAR[12], date_deadline=MAR[11], assigned=MAR[2])
        cls.d = task("D", created=MAR[2], planned_end_date=day(4, 2))
        cls.e = task("E", created=MAR[2], planned_end_date=MAR[5], date_deadline=MAR[3])
        cls.e.state = "1_canceled"
        cls.f = task("F", created=day(2, 1), planned_end_date=day(2, 20), done=day(2, 19))
        cls.g = task("G", created=MAR[8], done=MAR[9])
        cls.hidden = task("Hidden", project=cls.secret, created=MAR[1], planned_end_date=MAR[3], done=MAR[2])
        cls.Report = cls.env["project.task.report.kpi"]

    def test_view_sums_are_the_engines(self):
        """March 2027 of the project: the view's sums equal the engine's on the same facts, and the
        rates are the hand-computed ones (33.33 % planned completion, 50 % on time, 50 % overdue,
        3 done, cycle 3.5 and lead 4.67 working days, hours as estimated, quality 3, one rework)."""
        self.assertEqual(self.b.kpi_rework_count, 1)
        facts = [
            TaskFact(created=day(2, 26), planned_end=MAR[5], deadline=MAR[5], assigned=MAR[1], done=MAR[4],
                     allocated_hours=8, effective_hours=10, rating=4),
            TaskFact(created=MAR[1], planned_end=MAR[10], deadline=MAR[11], assigned=MAR[8], done=MAR[12],
                     allocated_hours=8, effective_hours=6, rating=2, rework=1),
            TaskFact(created=MAR[1], planned_end=MAR[12], deadline=MAR[11], assigned=MAR[2]),
            TaskFact(created=MAR[2], planned_end=day(4, 2)),
            TaskFact(created=MAR[2], planned_end=MAR[5], deadline=MAR[3], cancelled=True),
            TaskFact(created=day(2, 1), planned_end=day(2, 20), done=day(2, 19)),
            TaskFact(created=MAR[8], done=MAR[9]),
        ]
        sums = self.Report.with_user(self.user).get_kpi_totals(*PERIOD, project_ids=[self.project.id])
        self.assertEqual(sums, {k: float(v) for k, v in kpi.kpi_sums(facts, MAR[1], MAR[31], _TODAY).items()})
        rates = kpi.kpi_rates(sums)
        self.assertEqual(rates["planned_completion_rate"], 33.3333)
        self.assertEqual(rates["on_time_rate"], 50.0)
        self.assertEqual(rates["overdue_rate"], 50.0)
        self.assertEqual(rates["throughput"], 3)
        self.assertEqual(rates["cycle_time"], 3.5)
        self.assertEqual(rates["lead_time"], 4.6667)
        self.assertEqual(rates["estimate_deviation"], 1.0)
        self.assertEqual(rates["quality"], 3.0)
        self.assertEqual(rates["rework"], 1)

    def test_pivot_rates_are_ratios_of_sums(self):
        """In the pivot, a project's rate is the ratio of its sums (not an average of rows)."""
        domain = [("project_id", "=", self.project.id), ("date", ">=", MAR[1]), ("date", "<=", MAR[31])]
        [(planned, on_time, deviation, done)] = self.Report.with_user(self.user)._read_group(
            domain, [], ["planned_completion_rate:sum", "on_time_rate:sum", "estimate_deviation:sum",
                         "done_count:sum"])
        self.assertAlmostEqual(planned, 100 / 3)
        self.assertEqual(on_time, 50.0)
        self.assertEqual(deviation, 1.0)
        self.assertEqual(done, 3)

    def test_periods_and_groups(self):
        """By week: A is done in the week of March 1st, G in the week of the 8th with B; by
        assignee: Ann has A, B (done) and C (open); February holds F."""
        weeks = self.Report.with_user(self.user).get_kpis("week", str(MAR[1]), str(MAR[14]),
                                                          project_ids=[self.project.id])
        self.assertEqual([w["kpis"]["throughput"] for w in weeks if w["kpis"]["throughput"]], [1, 2])
        by_user = self.Report.with_user(self.user).get_kpis("quarter", *PERIOD, "user_ids",
                                                            project_ids=[self.project.id])
        ann = [row for row in by_user if row["group"] and row["group"][0] == self.ann.id]
        self.assertEqual(sum(row["sums"]["done_count"] for row in ann), 2)
        self.assertEqual(sum(row["sums"]["open_count"] for row in ann), 1)
        february = self.Report.get_kpi_totals(str(day(2, 1)), str(day(2, 28)), project_ids=[self.project.id])
        self.assertEqual(february["done_count"], 1)

    def test_no_task_in_period(self):
        """A quarter without any task: no row, and the totals give no rate."""
        self.assertEqual(self.Report.get_kpis("quarter", "2026-01-01", "2026-03-31", project_ids=[self.project.id]),
                         [])
        rates = kpi.kpi_rates(self.Report.get_kpi_totals("2026-01-01", "2026-03-31", project_ids=[self.project.id]))
        self.assertIsNone(rates["planned_completion_rate"])
        self.assertEqual(rates["throughput"], 0)

    @freeze_time("2027-03-15 10:00:00")
    def test_reopened_task(self):
        """Done on the 15th, reopened, done again on April 2nd: counted done once, in April."""
        task = self._task("Reopened", planned_end_date=MAR[15])
        task.state = "1_done"
        self.assertEqual(task.kpi_done_date, datetime(2027, 3, 15, 10, 0))
        task.state = "01_in_progress"
        self.assertFalse(task.kpi_done_date)
        with freeze_time("2027-04-02 09:00:00"):
            task.state = "1_done"
            self.assertEqual(task.kpi_done_date, datetime(2027, 4, 2, 9, 0))
        lines = self.Report.search([("task_id", "=", task.id)])
        self.assertEqual(sorted(lines.mapped("kind")), ["done", "planned"])
        self.assertEqual(lines.filtered(lambda line: line.kind == "done").date, date(2027, 4, 2))

    def test_subtasks_counted_once_each(self):
        """A parent of 6 h including its subtask's 2 h, both done: two tasks done, with 4 h and 2 h
        (the parent's own share), so the 6 h are not counted as 8."""
        parent = self._task("Parent", allocated_hours=6)
        child = self._task("Child", allocated_hours=2, parent_id=parent.id)
        (parent | child).state = "1_done"
        lines = self.Report.search([("task_id", "in", (parent | child).ids), ("kind", "=", "done")])
        self.assertEqual(len(lines), 2)
        self.assertEqual(sorted(lines.mapped("allocated_hours")), [2.0, 4.0])
        self.assertEqual(lines.filtered(lambda line: line.task_id == child).parent_id, parent)

    def test_weekdays_sql_matches_python(self):
        """The SQL function counting working days equals the engine's formula."""
        pairs = [(date(2027, 3, 1 + i), date(2027, 3, 1 + i + n)) for i in range(7) for n in range(0, 20, 3)]
        for start, stop in pairs:
            self.env.cr.execute(SQL("SELECT task_mgmt_weekdays(%s, %s), task_mgmt_weekdays(%s, %s)",
                                    start, stop, stop, start))
            self.assertEqual(self.env.cr.fetchone(),
                             (kpi.weekdays_between(start, stop), kpi.weekdays_between(stop, start)))

    def test_access(self):
        """A project user sees the KPIs of the projects they can read, not of a followers-only
        project; the project administrator sees both; portal users nothing."""
        both = [self.project.id, self.secret.id]
        user_rows = self.Report.with_user(self.user).get_kpis("quarter", *PERIOD, "project_id",
                                                              project_ids=both)
        self.assertEqual({row["group"][0] for row in user_rows}, {self.project.id})
        manager_rows = self.Report.with_user(self.manager).get_kpis("quarter", *PERIOD,
                                                                    "project_id", project_ids=both)
        self.assertEqual({row["group"][0] for row in manager_rows}, set(both))
        with self.assertRaises(AccessError):
            self.Report.with_user(self.portal).get_kpis("month")

    def test_bad_input(self):
        """Unknown periods, groupings, ids that are not ids and dates that are not dates are refused
        with a message naming them."""
        Report = self.Report.with_user(self.user)
        with self.assertRaisesRegex(UserError, "year"):
            Report.get_kpis("year")
        with self.assertRaisesRegex(UserError, "name"):
            Report.get_kpis("month", groupby="name")
        with self.assertRaisesRegex(UserError, "projects"):
            Report.get_kpis("month", project_ids="1 OR 1=1")
        with self.assertRaisesRegex(UserError, "not a date"):
            Report.get_kpis("month", date_from="yesterday")
        with self.assertRaisesRegex(UserError, "empty"):
            Report.get_kpi_totals("2027-03-31", "2027-03-01")
        with self.assertRaisesRegex(UserError, "before"):
            Report.compare_periods(["2027-03-01"], ["2027-03-01", "2027-03-31"])

    def test_compare_periods(self):
        """"February" against "March": throughput 1 → 3 (+200 %, better)."""
        result = self.Report.with_user(self.user).compare_periods(
            [str(day(2, 1)), str(day(2, 28))], list(PERIOD), project_ids=[self.project.id])
        self.assertEqual(result["throughput"], {"before": 1, "after": 3, "change": 200.0, "better": True})
