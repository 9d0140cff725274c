# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tests.common import new_test_user

from ..hooks import _priority_post_init, uninstall_hook
from .common import TaskMgmtCase

# January 2026: Monday 5, Tuesday 6, Wednesday 7, Thursday 8, Friday 9, Monday 12, Tuesday 13, ...
MONDAY = "2026-01-05 09:00:00"
THURSDAY = "2026-01-08 09:00:00"


def deadline(day, month=1, year=2026):
    return datetime(year, month, day, 17, 0)


@tagged("post_install", "-at_install")
class TestPriority(TaskMgmtCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["project.task.priority.rule"]
        cls.Rule.search([]).active = False  # each test sets the rules it needs
        Department = cls.env["hr.department"]
        cls.dep_sales = Department.create({"name": "Sales (prio)", "company_id": cls.company.id})
        cls.dep_tech = Department.create({"name": "Tech (prio)", "company_id": cls.company.id})
        groups = "project.group_project_user"
        cls.top = new_test_user(cls.env, "tm_top", groups=groups, name="Top Tina")
        cls.boss = new_test_user(cls.env, "tm_boss", groups=groups, name="Boss Bea")
        cls.worker = new_test_user(cls.env, "tm_worker", groups=groups, name="Worker Will")
        cls.seller = new_test_user(cls.env, "tm_seller", groups=groups, name="Seller Sam")
        Employee = cls.env["hr.employee"]
        top = Employee.create({"name": "Top Tina", "user_id": cls.top.id, "department_id": cls.dep_tech.id,
                               "company_id": cls.company.id})
        boss = Employee.create({"name": "Boss Bea", "user_id": cls.boss.id, "department_id": cls.dep_tech.id,
                                "parent_id": top.id, "company_id": cls.company.id})
        Employee.create({"name": "Worker Will", "user_id": cls.worker.id, "department_id": cls.dep_tech.id,
                         "parent_id": boss.id, "company_id": cls.company.id})
        Employee.create({"name": "Seller Sam", "user_id": cls.seller.id, "department_id": cls.dep_sales.id,
                         "company_id": cls.company.id})
        cls.other_project = cls.env["project.project"].create({
            "name": "Elsewhere", "type_ids": [Command.set(cls.stages.ids)], "privacy_visibility": "employees",
        })

    def _rule(self, name, **vals):
        return self.Rule.create({"name": name, "company_id": False, **vals})

    def _notes(self, task, text):
        return task.message_ids.filtered(lambda m: text in (m.body or ""))

    # ------------------------------------------------------------------ levels and quadrants

    def test_four_levels_with_odoo_19_keys(self):
        """Priorities are Odoo 19's: '0' Low, '1' Medium, '2' High, '3' Urgent, with a colour each."""
        selection = self.env["project.task"]._fields["priority"]._description_selection(self.env)
        self.assertEqual(selection, [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Urgent")])
        task = self._task("Colours")
        colours = []
        for level in ("0", "1", "2", "3"):
            task.priority = level
            colours.append(task.priority_color)
        self.assertEqual(colours, [10, 3, 2, 1])  # green, yellow, orange, red

    @freeze_time(MONDAY)
    def test_quadrant_sets_the_priority(self):
        """A plain task is Q4 Low; important makes it Q2 High; a deadline within 3 working days
        (Thursday) makes it Q1 Urgent; each change is logged on the task."""
        task = self._task("Plan")
        self.assertEqual((task.quadrant, task.priority), ("q4", "0"))
        task.is_important = True
        self.assertEqual((task.quadrant, task.priority), ("q2", "2"))
        task.date_deadline = deadline(8)
        self.assertEqual((task.is_urgent, task.quadrant, task.priority), (True, "q1", "3"))
        self.assertFalse(task.priority_pinned)
        self.assertTrue(self._notes(task, "Priority High → Urgent from the quadrant Do First"))

    @freeze_time(MONDAY)
    def test_dragging_to_a_quadrant_sets_the_flags(self):
        """Moving a card to Delegate sets Urgent (by hand) and not Important, hence Medium; the
        grouped view shows all four quadrants even when empty."""
        task = self._task("Drag me", is_important=True)
        task.write({"quadrant": "q3"})
        self.assertEqual((task.is_important, task.is_urgent, task.urgent_manual), (False, True, True))
        self.assertEqual(task.priority, "1")
        groups = self.env["project.task"].read_group([("id", "=", task.id)], ["quadrant"], ["quadrant"])
        self.assertEqual([g["quadrant"] for g in groups], ["q1", "q2", "q3", "q4"])

    @freeze_time(MONDAY)
    def test_urgency_follows_the_deadline_unless_set_by_hand(self):
        """Thursday is within 3 working days, Friday is not; with Wednesday a holiday, Friday is;
        urgency set by hand stays when the deadline moves, until it follows the deadline again;
        a wider project window makes the task urgent."""
        task = self._task("Deadline", date_deadline=deadline(8))
        self.assertTrue(task.is_urgent)
        task.date_deadline = deadline(9)
        self.assertFalse(task.is_urgent)
        self._holiday(date(2026, 1, 7))
        task._task_mgmt_priority_refresh_urgency()
        self.assertTrue(task.is_urgent)
        task.write({"is_urgent": False})
        self.assertTrue(task.urgent_manual)
        task.date_deadline = deadline(6)
        self.assertFalse(task.is_urgent)
        task.action_priority_urgency_auto()
        self.assertEqual((task.urgent_manual, task.is_urgent, task.priority), (False, True, "1"))
        later = self._task("Later", date_deadline=deadline(14))
        self.assertEqual((later.is_urgent, later.priority), (False, "0"))
        self.project.urgency_days = 8
        self.assertEqual((later.is_urgent, later.priority), (True, "1"))

    @freeze_time(MONDAY)
    def test_form_deadline_change_is_not_urgency_by_hand(self):
        """In the form, a new deadline recomputes Urgent (sent on save with the deadline): the
        urgency still follows the deadline; ticking Urgent by hand freezes it."""
        task = self._task("Form")
        with Form(task) as form:
            form.date_deadline = deadline(8)
        self.assertEqual((task.is_urgent, task.urgent_manual, task.priority), (True, False, "1"))
        with Form(task) as form:
            form.is_urgent = False
        self.assertEqual((task.is_urgent, task.urgent_manual, task.priority), (False, True, "0"))

    # ------------------------------------------------------------------ conditions

    @freeze_time(MONDAY)
    def test_deadline_condition_raises_from_the_quadrant(self):
        """"Deadline within 3 working days: raise 1": Thursday gives urgent (Medium) + 1 = High,
        logged naming the rule; moved to the 20th the task falls back to Low."""
        self._rule("Close deadline", condition="deadline", deadline_days=3, effect="raise", raise_steps=1)
        task = self._task("Report", date_deadline=deadline(8))
        self.assertEqual(task.priority, "2")
        self.assertEqual(task.priority_rule_ids.mapped("name"), ["Close deadline"])
        self.assertTrue(self._notes(task, "Priority Low → High by rule(s) 'Close deadline'"))
        task.date_deadline = deadline(20)
        self.assertEqual(task.priority, "0")
        self.assertFalse(task.priority_rule_ids)

    def test_departments_condition_counts_assignees_and_consulted(self):
        """People of two departments make the task at least High; one department does not;
        a consulted user counts like an assignee."""
        self._rule("Cross-team", condition="departments", department_count=2, effect="at_least", level="2")
        both = self._task("Both", user_ids=[Command.set([self.worker.id, self.seller.id])])
        same = self._task("Same", user_ids=[Command.set([self.worker.id, self.boss.id])])
        self.assertEqual((both.priority, same.priority), ("2", "0"))
        if "consulted_user_ids" in self.env["project.task"]._fields:
            consulted = self._task("Consulted", user_ids=[Command.set([self.worker.id])])
            self.assertEqual(consulted.priority, "0")
            consulted.consulted_user_ids = [Command.set([self.seller.id])]
            self.assertEqual(consulted.priority, "2")

    def test_manager_condition_direct_and_chain(self):
        """A task the worker's manager assigns is Urgent (direct rule); one assigned by the
        manager's manager only by the chain rule; one the worker assigns himself by neither."""
        direct = self._rule("By my manager", condition="manager", manager_scope="direct", effect="level", level="3")
        Task = self.env["project.task"]
        vals = {"project_id": self.project.id, "user_ids": [Command.set([self.worker.id])]}
        by_boss = Task.with_user(self.boss).create({"name": "From boss", **vals})
        by_top = Task.with_user(self.top).create({"name": "From top", **vals})
        by_self = Task.with_user(self.worker).create({"name": "Mine", **vals})
        self.assertEqual(by_boss.assigned_by_id, self.boss)
        self.assertEqual((by_boss.priority, by_top.priority, by_self.priority), ("3", "0", "0"))
        direct.manager_scope = "chain"
        (by_top | by_self)._task_mgmt_apply_priority_rules()
        self.assertEqual((by_top.priority, by_self.priority), ("3", "0"))
        # reassigning: who assigns counts, not who created
        late = Task.with_user(self.worker).create({"name": "Reassigned", "project_id": self.project.id})
        late.with_user(self.boss).user_ids = [Command.set([self.worker.id])]
        self.assertEqual((late.assigned_by_id, late.priority), (self.boss, "3"))

    def test_filter_only_rule_marks_important_within_its_projects(self):
        """A filter-only rule on one project marks its matching tasks important (Q2 High) and
        leaves other projects' tasks alone."""
        self._rule("Invoices matter", condition="filter", filter_domain="[('name', 'ilike', 'invoice')]",
                   effect="important", project_ids=[Command.set(self.project.ids)])
        inside = self._task("Send invoice")
        outside = self._task("Send invoice", project=self.other_project)
        other = self._task("Send letter")
        self.assertEqual((inside.is_important, inside.priority), (True, "2"))
        self.assertEqual((outside.is_important, outside.priority, other.priority), (False, "0", "0"))
        self.assertTrue(self._notes(inside, "Marked important by rule 'Invoices matter'"))

    # ------------------------------------------------------------------ order, stop, pinning

    def test_rule_order_and_stop_here(self):
        """Set Medium then raise 1 gives High; with the raise first, Medium; a matching "stop
        here" rule keeps the later ones from applying."""
        set_medium = self._rule("Medium", sequence=10, condition="filter", effect="level", level="1")
        raise_one = self._rule("Raise", sequence=20, condition="filter", effect="raise", raise_steps=1)
        task = self._task("Ordered")
        self.assertEqual(task.priority, "2")
        raise_one.sequence = 5
        task._task_mgmt_apply_priority_rules()
        self.assertEqual(task.priority, "1")
        raise_one.write({"sequence": 20, "stop": False})
        set_medium.stop = True
        task._task_mgmt_apply_priority_rules()
        self.assertEqual(task.priority, "1")
        self.assertEqual(task.priority_rule_ids, set_medium | raise_one)  # both match, one applies

    def test_priority_set_by_hand_pins_the_task(self):
        """A priority set by hand stays whatever the rules say, until someone unpins it."""
        self._rule("Everything urgent", condition="filter", effect="level", level="3")
        task = self._task("Hand")
        self.assertEqual(task.priority, "3")
        task.with_user(self.user).priority = "1"
        self.assertTrue(task.priority_pinned)
        task.name = "Hand (renamed)"
        task._task_mgmt_apply_priority_rules()
        self.assertEqual(task.priority, "1")
        task.with_user(self.user).action_priority_unpin()
        self.assertEqual((task.priority_pinned, task.priority), (False, "3"))

    def test_write_evaluates_only_the_rules_reading_changed_fields(self):
        """Renaming a task evaluates no rule; a new deadline evaluates the deadline rule only;
        with no active rule, a new deadline evaluates none."""
        deadline_rule = self._rule("Deadline", condition="deadline", effect="raise")
        self._rule("People", condition="departments", effect="at_least", level="2")
        task = self._task("Watched")
        Task = self.registry["project.task"]
        original = Task._task_mgmt_rule_matches
        calls = []

        def spy(records, spec, today, limits):
            calls.append(spec.name)
            return original(records, spec, today, limits)

        with patch.object(Task, "_task_mgmt_rule_matches", spy):
            task.name = "Watched (renamed)"
            self.assertEqual(calls, [])
            task.date_deadline = deadline(20)
            self.assertEqual(calls, [deadline_rule.name])
            self.Rule.search([]).active = False
            calls.clear()
            task.date_deadline = deadline(21)
            self.assertEqual(calls, [])

    # ------------------------------------------------------------------ daily run, server action

    def test_daily_run_resumes_after_a_crash_without_double_effect(self):
        """Five tasks due Monday 12: on Monday 5 no rule applies; on Thursday 8 the daily run (2
        tasks a batch) crashes after its first batch: the first two are raised, the rest not;
        run again it goes on from the third; each task is raised once, with one note, and a
        third run changes nothing."""
        with freeze_time(MONDAY):
            self._rule("Close deadline", condition="deadline", deadline_days=3, effect="raise", raise_steps=1)
            tasks = self.env["project.task"].browse([
                self._task(f"Batch {i}", date_deadline=deadline(12)).id for i in range(5)])
        self.assertEqual(set(tasks.mapped("priority")), {"0"})
        Task = self.registry["project.task"]
        original = Task._task_mgmt_priority_refresh
        calls = []

        def crash_on_second_batch(records, rule_ids=None, today=None):
            calls.append(len(records))
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return original(records, rule_ids, today)

        domain = [("id", "in", tasks.ids)]
        Daily = self.env["project.task"]

        def run_like_the_cron():
            """One batch per call until nothing is left, as ir.cron does with the progress API."""
            done = 0
            while handled := Daily._task_mgmt_priority_daily(batch_size=2, domain=domain):
                done += handled
            return done

        with freeze_time(THURSDAY):
            # not assertRaises: Odoo's rolls back everything done inside it
            crashed = False
            with patch.object(Task, "_task_mgmt_priority_refresh", crash_on_second_batch):
                try:
                    run_like_the_cron()
                except RuntimeError:
                    crashed = True
            self.assertTrue(crashed)
            self.env.invalidate_all()
            self.assertEqual(tasks.mapped("priority"), ["2", "2", "0", "0", "0"])
            self.assertEqual([bool(t.priority_rules_checked_at) for t in tasks], [True, True, False, False, False])
            self.assertEqual(run_like_the_cron(), 3)
            self.assertEqual(set(tasks.mapped("priority")), {"2"})
            for task in tasks:
                self.assertEqual(len(self._notes(task, "by rule(s) 'Close deadline'")), 1, task.name)
            self.assertEqual(run_like_the_cron(), 0, "the day's run is over")
        with freeze_time("2026-01-09 09:00:00"):
            self.assertEqual(run_like_the_cron(), 5, "a new day evaluates every task again")
            for task in tasks:
                self.assertEqual(len(self._notes(task, "by rule(s) 'Close deadline'")), 1, task.name)

    def test_server_action_applies_the_rules_to_its_records(self):
        """The "Apply Priority Rules" server action (what an automation rule calls) raises the
        selected open tasks whose deadline came close, leaves a pinned and a done one alone."""
        self._rule("Close deadline", condition="deadline", deadline_days=3, effect="raise", raise_steps=1)
        with freeze_time(MONDAY):
            open_task = self._task("Open", date_deadline=deadline(12))
            pinned = self._task("Pinned", date_deadline=deadline(12), priority="0", priority_pinned=True)
            done = self._task("Done", date_deadline=deadline(12))
            done.state = "1_done"
        action = self.env.ref("task_mgmt_advanced.project_task_action_server_apply_priority_rules")
        records = open_task | pinned | done
        with freeze_time(THURSDAY):
            action.with_context(active_model="project.task", active_ids=records.ids, active_id=open_task.id).run()
        self.assertEqual((open_task.priority, pinned.priority, done.priority), ("2", "0", "0"))
        self.assertEqual(open_task.is_urgent, True)

    # ------------------------------------------------------------------ bad input, access

    def test_invalid_filters_are_refused_naming_the_rule(self):
        """Unknown fields, unreadable text, something else than a list and Python code are
        refused when the rule is saved, with the rule's name in the message."""
        for text in ("[('no_such_field', '=', 1)]", "[('name', '=',", "42",
                     "[('name', '=', __import__('os').getcwd())]", "[('name', 'bogus', 'x')]"):
            with self.assertRaises(ValidationError, msg=text) as caught:
                self._rule("Broken filter", condition="filter", filter_domain=text)
            self.assertIn("Broken filter", str(caught.exception))
        rule = self._rule("Good filter", condition="filter",
                          filter_domain="[('date_deadline', '<', "
                                        "(context_today() + relativedelta(days=7)).isoformat())]")
        self.assertEqual(rule._task_mgmt_domain()[0][0], "date_deadline")
        with self.assertRaises(ValidationError):
            rule.filter_domain = "[('project_id.no_such_field', '=', 1)]"

    def test_only_project_administrators_manage_rules(self):
        """A project user reads the rules but cannot create, change or delete them (RPC goes
        through the same checks); a project manager can; the task actions check write access."""
        rule = self._rule("Admin rule", condition="filter", effect="raise")
        self.assertEqual(rule.with_user(self.user).name, "Admin rule")
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.user).create({"name": "Mine", "condition": "filter"})
        with self.assertRaises(AccessError):
            rule.with_user(self.user).write({"effect": "important"})
        with self.assertRaises(AccessError):
            rule.with_user(self.user).unlink()
        created = self.Rule.with_user(self.manager).create({"name": "Manager's", "condition": "filter"})
        self.assertTrue(created.exists())
        hidden_project = self.env["project.project"].create({"name": "Private", "privacy_visibility": "followers"})
        hidden = self._task("Hidden", project=hidden_project)
        outsider = new_test_user(self.env, "tm_outsider", groups="project.group_project_user")
        for method in ("action_priority_unpin", "action_priority_accept_suggestion",
                       "action_priority_dismiss_suggestion", "action_priority_urgency_auto"):
            with self.assertRaises(AccessError, msg=method):
                getattr(hidden.with_user(outsider), method)()

    def test_rule_change_restarts_the_daily_run(self):
        """Saving a rule refreshes the cached rules and makes the day's run evaluate every open
        task again."""
        domain = []
        Daily = self.env["project.task"]
        with freeze_time(THURSDAY):
            rule = self._rule("Cached", condition="filter", effect="raise")
            domain = [("id", "=", self._task("Checked").id)]
            self.assertEqual(Daily._task_mgmt_priority_daily(domain=domain), 1)
            self.assertEqual(Daily._task_mgmt_priority_daily(domain=domain), 0)
        with freeze_time("2026-01-08 10:00:00"):
            rule.raise_steps = 2
            specs = {s.id: s for s in self.Rule._task_mgmt_rule_specs()}
            self.assertEqual(specs[rule.id].raise_steps, 2)
        with freeze_time("2026-01-08 11:00:00"):
            self.assertEqual(Daily._task_mgmt_priority_daily(domain=domain), 1)
            self.assertEqual(Daily._task_mgmt_priority_daily(domain=domain), 0)
        rule.active = False
        self.assertNotIn(rule.id, {s.id for s in self.Rule._task_mgmt_rule_specs()})

    # ------------------------------------------------------------------ migration

    def test_install_migrates_the_star_and_uninstall_reverses_it(self):
        """Odoo 18's star ('1') becomes High and Important on install; on uninstall High and
        Urgent become the star again and Medium becomes Low."""
        starred, plain = self._task("Starred"), self._task("Plain")
        self.env.cr.execute("UPDATE project_task SET priority = '1' WHERE id = %s", [starred.id])
        self.env.invalidate_all()
        _priority_post_init(self.env)
        self.assertEqual((starred.priority, starred.is_important, starred.quadrant), ("2", True, "q2"))
        self.assertEqual(plain.priority, "0")
        medium, urgent = self._task("Medium", priority="1"), self._task("Urgent", priority="3")
        uninstall_hook(self.env)
        self.env.invalidate_all()
        self.assertEqual([t.priority for t in (starred, plain, medium, urgent)], ["1", "0", "0", "1"])

    def test_default_rules_on_demo_data(self):
        """With demo data, the task a manager assigned is Urgent, the two-department one High,
        the one set by hand keeps its Urgent priority pinned.  (The test suite runs on the
        database with demo data: a missing demo record fails, it is never skipped.)"""
        press = self.env.ref("task_mgmt_advanced.priority_demo_task_press")
        pricing = self.env.ref("task_mgmt_advanced.priority_demo_task_pricing")
        venue = self.env.ref("task_mgmt_advanced.priority_demo_task_venue")
        self.assertEqual(press.with_context(active_test=False).priority_rule_ids,
                         self.env.ref("task_mgmt_advanced.project_task_priority_rule_manager"))
        self.assertEqual((press.priority, pricing.priority, venue.priority, venue.priority_pinned),
                         ("3", "2", "3", True))

    # ------------------------------------------------------------------ suggestions

    def _history(self, user, late, on_time):
        """Tasks ``user`` finished in December 2025: ``late`` after their deadline, ``on_time``
        before; plus two late ones in August (more than 90 days before 5 January)."""
        tasks = self.env["project.task"]
        for i in range(late + on_time + 2):
            old = i >= late + on_time
            task = self._task(f"Done {i}", project=self.other_project, user_ids=[Command.set(user.ids)],
                              date_deadline=datetime(2025, 8 if old else 12, 10, 17))
            tasks |= task
            task.write({"state": "1_done",
                        "date_end": datetime(2025, 8 if old else 12, 12 if (i < late or old) else 8, 10)})
        return tasks

    @freeze_time(MONDAY)
    def test_suggestion_score_and_explanation(self):
        """Due Wednesday (2 working days: 0.8 × 40 = 32), 4 open tasks waiting (0.8 × 20 = 16),
        its assignee late on 3 of 10 tasks in the last 90 days (0.3 × 40 = 12): 60, High, with
        each reason and its points (critical path and work left weigh 0 here)."""
        self._weights(deadline=40, blocked=20, critical=0, effort=0, history=40)
        self._history(self.worker, late=3, on_time=7)
        task = self._task("Key task", date_deadline=deadline(7), user_ids=[Command.set(self.worker.ids)])
        for i in range(4):
            self._link(task, self._task(f"Waiting {i}"))
        self._link(task, self._task("Finished successor", state="1_done"))
        task._task_mgmt_priority_suggest()
        self.assertEqual((task.suggested_priority, task.priority_score), ("2", 60))
        self.assertEqual(task.priority_explanation, (
            "deadline in 2 working day(s) (+32); 4 task(s) wait on it (+16); its assignee Worker Will "
            "finished 30% of their tasks late in the last 90 days (3 of 10) (+12)"))

    def _weights(self, **weights):
        for name, weight in weights.items():
            self.env["ir.config_parameter"].set_param(f"task_mgmt_advanced.priority_weight_{name}", weight)

    @freeze_time(MONDAY)
    def test_project_history_and_suggestion_list(self):
        """A project that finished half its tasks late suggests Medium for a task due in 5
        working days (0.5 × 40 + 0.5 × 40 = 40 of 100 points); the task shows in the suggestion
        list; accepting sets and pins the priority and logs it; a dismissed suggestion hides."""
        self._weights(deadline=40, blocked=20, critical=0, effort=0, history=40)
        self._history(self.seller, late=3, on_time=3)
        task = self._task("In late project", project=self.other_project, date_deadline=deadline(12))
        other = self._task("Other", project=self.other_project, date_deadline=deadline(12))
        (task | other)._task_mgmt_priority_suggest()
        self.assertEqual((task.suggested_priority, task.priority_score), ("1", 40))
        self.assertIn("its project finished 50% of its tasks late in the last 90 days (3 of 6)",
                      task.priority_explanation)
        action = self.env.ref("task_mgmt_advanced.project_task_action_priority_suggestion")
        listed = self.env["project.task"].search(literal_eval(action.domain))
        self.assertIn(task, listed)
        task.with_user(self.user).action_priority_accept_suggestion()
        self.assertEqual((task.priority, task.priority_pinned, task.has_priority_suggestion), ("1", True, False))
        self.assertTrue(self._notes(task, "Priority suggestion accepted: Low → Medium (score 40)"))
        other.with_user(self.user).action_priority_dismiss_suggestion()
        self.assertFalse(other.has_priority_suggestion)
        other.write({"suggested_priority": "2"})
        self.assertTrue(other.has_priority_suggestion)
