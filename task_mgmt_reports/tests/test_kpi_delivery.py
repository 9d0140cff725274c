# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPIs of issue #15 beyond the task lines: department grouping, utilisation, approval lead
time per level and priority escalations by rule, on hand-computed data (March 2027: the 1st is a
Monday)."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .kpi_common import KpiCase

MARCH = ("2027-03-01", "2027-03-31")


@tagged("post_install", "-at_install")
class TestKpiDelivery(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo, cls.doing, cls.review, cls.done_stage = cls.stages
        Department = cls.env["hr.department"]
        cls.dep_x = Department.create({"name": "Delivery X (kpi)", "company_id": cls.company.id})
        cls.dep_y = Department.create({"name": "Delivery Y (kpi)", "company_id": cls.company.id})
        cls.bob = new_test_user(cls.env, "kpi_bob", groups="project.group_project_user", name="Bob Board")
        cls.cleo = new_test_user(cls.env, "kpi_cleo", groups="project.group_project_user", name="Cleo Board")
        Employee = cls.env["hr.employee"]
        cls.ann_emp = Employee.create({"name": "Ann Assignee", "user_id": cls.ann.id, "department_id": cls.dep_x.id,
                                       "company_id": cls.company.id})
        cls.bob_emp = Employee.create({"name": "Bob Board", "user_id": cls.bob.id, "department_id": cls.dep_x.id,
                                       "company_id": cls.company.id})
        cls.cleo_emp = Employee.create({"name": "Cleo Board", "user_id": cls.cleo.id, "department_id": cls.dep_y.id,
                                        "company_id": cls.company.id})
        cls.Report = cls.env["project.task.report.kpi"]
        cls.Load = cls.env["task_mgmt.resource.load"]

    def _done(self, name, users, done_on, project=None):
        task = self._task(name, project=project, user_ids=[Command.set(users.ids)])
        task.state = "1_done"
        self._set_dates(task, kpi_done_date=datetime.combine(done_on, datetime.min.time()))
        return task

    def _timesheet(self, employee, day, hours):
        self.env["account.analytic.line"].create({
            "name": "Work", "project_id": self.project.id, "employee_id": employee.id, "unit_amount": hours,
            "date": day})

    # ------------------------------------------------------------------ department grouping

    def test_kpis_by_department(self):
        """T1 (Ann of X and Cleo of Y) and T2 (Ann and Bob, both of X) done in March: X has done 2
        (T2 once, though two of its people did it), Y 1; the project total is 2."""
        self._done("T1", self.ann | self.cleo, date(2027, 3, 4))
        self._done("T2", self.ann | self.bob, date(2027, 3, 10))
        rows = self.Report.with_user(self.user).get_kpis("quarter", *MARCH, "department_ids",
                                                         project_ids=[self.project.id])
        done = {row["group"][1]: row["sums"]["done_count"] for row in rows if row["group"]}
        self.assertEqual(done, {"Delivery X (kpi)": 2.0, "Delivery Y (kpi)": 1.0})
        total = self.Report.get_kpi_totals(*MARCH, project_ids=[self.project.id])
        self.assertEqual(total["done_count"], 2.0)
        only_y = self.Report.get_kpi_totals(*MARCH, project_ids=[self.project.id], department_ids=[self.dep_y.id])
        self.assertEqual(only_y["done_count"], 1.0)
        # the pivot groups by department too: T1, the task of Y, is also X's
        groups = self.Report._read_group(
            [("project_id", "=", self.project.id), ("department_ids", "=", self.dep_y.id)],
            ["department_ids"], ["done_count:sum"])
        self.assertEqual(sorted((department.id, count) for department, count in groups),
                         [(self.dep_x.id, 1), (self.dep_y.id, 1)])
        with self.assertRaisesRegex(UserError, "departments"):
            self.Report.get_kpis("month", department_ids="x")

    def test_department_in_the_tasks_company(self):
        """Ann also has an employee in department Z of another company: a task of a project of
        this company counts for X only, a task without company for X and Z."""
        other = self.env["res.company"].create({"name": "Other (kpi)"})
        dep_z = self.env["hr.department"].create({"name": "Delivery Z (kpi)", "company_id": other.id})
        self.env["hr.employee"].create({"name": "Ann elsewhere", "user_id": self.ann.id, "department_id": dep_z.id,
                                        "company_id": other.id})
        ours = self.env["project.project"].create({"name": "Ours (kpi)", "company_id": self.company.id,
                                                   "type_ids": [Command.set(self.stages.ids)]})
        in_ours = self._done("In ours", self.ann, date(2027, 3, 4), project=ours)
        no_company = self._done("No company", self.ann, date(2027, 3, 4))
        self.assertEqual((in_ours.company_id, no_company.company_id), (self.company, self.env["res.company"]))
        lines = self.Report.search([("task_id", "in", (in_ours | no_company).ids), ("kind", "=", "done")])
        self.assertEqual({line.task_id.name: set(line.department_ids.ids) for line in lines},
                         {"In ours": {self.dep_x.id}, "No company": {self.dep_x.id, dep_z.id}})

    # ------------------------------------------------------------------ utilisation

    def _utilisation_data(self):
        """Ann: off Monday 8 - Friday 12 March, 72 h logged in March and 14 h on April 1st-9th;
        Bob (same department) logs nothing."""
        self.env["resource.calendar.leaves"].create({
            "name": "Ann off", "resource_id": self.ann_emp.resource_id.id, "calendar_id": self.calendar.id,
            "date_from": datetime(2027, 3, 8, 0, 0), "date_to": datetime(2027, 3, 12, 23, 59, 59),
            "time_type": "leave"})
        for day in (1, 2, 3, 4, 5, 15, 16, 17, 18):
            self._timesheet(self.ann_emp, date(2027, 3, day), 8)
        self._timesheet(self.ann_emp, date(2027, 4, 1), 14)

    def test_utilisation_by_employee(self):
        """March: 23 working days x 8 h = 184 h, minus Ann's week off = 144 h; 72 h logged = 50 %.
        April 1st-9th (the period is clipped): 7 days = 56 h, 14 h logged = 25 %. Bob: 0 h of
        184 h = 0 %."""
        self._utilisation_data()
        rows = self.Load.with_user(self.manager).get_utilisation(
            "month", "2027-03-01", "2027-04-09", employee_ids=(self.ann_emp | self.bob_emp).ids)
        got = {(row["period"], row["group"][1]): (row["hours"], row["capacity"], row["utilisation"]) for row in rows}
        self.assertEqual(got, {
            ("2027-03-01", "Ann Assignee"): (72.0, 144.0, 50.0),
            ("2027-04-01", "Ann Assignee"): (14.0, 56.0, 25.0),
            ("2027-03-01", "Bob Board"): (0.0, 184.0, 0.0),
            ("2027-04-01", "Bob Board"): (0.0, 56.0, 0.0),
        })
        self.assertEqual(rows[0]["period_end"], "2027-03-31")

    def test_utilisation_by_department_and_week_off(self):
        """Department X in March: (72 + 0) h ÷ (144 + 184) h = 21.95 %; Ann's week of March 8th
        has no capacity: no utilisation (None), not 0."""
        self._utilisation_data()
        rows = self.Load.with_user(self.manager).get_utilisation("month", *MARCH, "department",
                                                                 department_ids=[self.dep_x.id])
        self.assertEqual([(r["group"][0], r["hours"], r["capacity"], r["utilisation"]) for r in rows],
                         [(self.dep_x.id, 72.0, 328.0, 21.9512)])
        [week] = self.Load.with_user(self.manager).get_utilisation(
            "week", "2027-03-08", "2027-03-14", employee_ids=self.ann_emp.ids)
        self.assertEqual((week["hours"], week["capacity"], week["utilisation"]), (0.0, 0.0, None))

    def test_utilisation_access_and_input(self):
        """A project user sees only their own utilisation, a portal user none; bad periods,
        groupings and dates are refused naming them."""
        self._utilisation_data()
        rows = self.Load.with_user(self.ann).get_utilisation("month", *MARCH)
        self.assertEqual({row["group"][0] for row in rows}, {self.ann_emp.id})
        self.assertEqual(self.Load.with_user(self.user).get_utilisation("month", *MARCH), [])
        with self.assertRaises(AccessError):
            self.Load.with_user(self.portal).get_utilisation("month", *MARCH)
        Load = self.Load.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "year"):
            Load.get_utilisation("year", *MARCH)
        with self.assertRaisesRegex(UserError, "project_id"):
            Load.get_utilisation("month", *MARCH, groupby="project_id")
        with self.assertRaisesRegex(UserError, "empty"):
            Load.get_utilisation("month", "2027-03-31", "2027-03-01")
        with self.assertRaisesRegex(UserError, "two dates"):
            Load.get_utilisation("month", "March", "2027-03-01")
        with self.assertRaisesRegex(UserError, "employee_ids"):
            Load.get_utilisation("month", *MARCH, employee_ids="1 OR 1=1")
        with self.assertRaisesRegex(UserError, "at most"):
            Load.get_utilisation("week", "2020-01-01", "2027-03-01")

    # ------------------------------------------------------------------ approval lead time

    def test_approval_lead_time_per_level(self):
        """P: requested Monday 1st 9:00, level Lead approved Wednesday 3rd 15:00 (54 h, 2 working
        days), level Board (Bob and Cleo) approved Monday 8th 11:00 (116 h, 3 working days). Q:
        requested Tuesday 2nd 10:00, Lead rejected at 12:00 (2 h, 0 days; Board cancelled, not
        counted). Lead: 2 decisions, 28 h and 1 day on average; Board: 1, 116 h, 3 days."""
        rule = self.env["project.task.approval.rule"].create({
            "name": "Review sign-off", "project_ids": [Command.set(self.project.ids)], "transition": "stage",
            "stage_id": self.review.id, "level_ids": [
                Command.create({"sequence": 1, "name": "Lead", "approver_type": "users",
                                "approver_user_ids": [Command.set(self.ann.ids)]}),
                Command.create({"sequence": 2, "name": "Board", "approver_type": "users", "mode": "all",
                                "approver_user_ids": [Command.set((self.bob | self.cleo).ids)]}),
            ]})
        lead, board = rule.level_ids.sorted("sequence")
        p, q = self._task("P"), self._task("Q")
        with freeze_time("2027-03-01 09:00:00"):
            p.with_user(self.user).write({"stage_id": self.review.id})
        with freeze_time("2027-03-02 10:00:00"):
            q.with_user(self.user).write({"stage_id": self.review.id})
        steps = (p | q).approval_request_ids.step_ids
        step = {(s.task_id.name, s.name): s for s in steps}
        with freeze_time("2027-03-02 12:00:00"):
            step["Q", "Lead"].with_user(self.ann).action_reject("Not ready")
        with freeze_time("2027-03-03 15:00:00"):
            step["P", "Lead"].with_user(self.ann).action_approve()
        with freeze_time("2027-03-08 09:00:00"):
            step["P", "Board"].with_user(self.bob).action_approve()
        with freeze_time("2027-03-08 11:00:00"):
            step["P", "Board"].with_user(self.cleo).action_approve()
        self.assertEqual(p.stage_id, self.review)
        Approval = self.env["project.task.report.approval"].with_user(self.user)
        lines = Approval.search([("task_id", "in", (p | q).ids)])
        self.assertEqual(sorted((line.task_id.name, line.level_name, line.state, line.lead_hours, line.lead_days)
                                for line in lines),
                         [("P", "Board", "approved", 116.0, 3), ("P", "Lead", "approved", 54.0, 2),
                          ("Q", "Lead", "rejected", 2.0, 0)])
        groups = Approval._read_group([("task_id", "in", (p | q).ids)], ["level_id"],
                                      ["decided_count:sum", "avg_lead_hours:sum", "avg_lead_days:sum"])
        self.assertEqual(sorted(groups, key=lambda g: g[0].sequence),
                         [(lead, 2, 28.0, 1.0), (board, 1, 116.0, 3.0)])
        by_month = Approval._read_group([("task_id", "in", (p | q).ids)], ["date:month"], ["rejected_count:sum"])
        self.assertEqual(by_month, [(date(2027, 3, 1), 1)])
        with self.assertRaises(AccessError):
            self.env["project.task.report.approval"].with_user(self.portal).search([])

    # ------------------------------------------------------------------ escalations

    def test_priority_escalations_by_rule(self):
        """Rules "Medium" (set Medium) and "Raise" (raise by one) raise a new task from Low to
        High: one raise, counted for each rule. Lowering the priority (rule "Calm", set Low) is
        not an escalation. A followers-only project's raises are the project administrator's
        only."""
        Rule = self.env["project.task.priority.rule"]
        Rule.search([]).active = False
        medium = Rule.create({"name": "Medium", "company_id": False, "sequence": 10, "condition": "filter",
                              "effect": "level", "level": "1"})
        raise_one = Rule.create({"name": "Raise", "company_id": False, "sequence": 20, "condition": "filter",
                                 "effect": "raise", "raise_steps": 1})
        with freeze_time("2027-03-04 10:00:00"):
            task = self._task("Escalated")
            secret = self._task("Secret escalated", project=self.secret)
        self.assertEqual(task.priority, "2")
        (medium | raise_one).active = False
        Rule.create({"name": "Calm", "company_id": False, "condition": "filter", "effect": "level", "level": "0"})
        task._task_mgmt_apply_priority_rules()
        self.assertEqual(task.priority, "0")
        Escalation = self.env["project.task.report.escalation"]
        lines = Escalation.with_user(self.user).search([("task_id", "in", (task | secret).ids)])
        self.assertEqual(sorted((line.rule_id.name, line.old_priority, line.new_priority, line.date,
                                 line.raise_count) for line in lines),
                         [("Medium", "0", "2", date(2027, 3, 4), 1), ("Raise", "0", "2", date(2027, 3, 4), 0)])
        by_rule = Escalation.with_user(self.manager)._read_group(
            [("task_id", "in", (task | secret).ids)], ["rule_id"], ["escalation_count:sum", "raise_count:sum"])
        self.assertEqual(sorted((rule.name, count, raises) for rule, count, raises in by_rule),
                         [("Medium", 2, 2), ("Raise", 2, 0)])
        with self.assertRaises(AccessError):
            Escalation.with_user(self.portal).search([])
