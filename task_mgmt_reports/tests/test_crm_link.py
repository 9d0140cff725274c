# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .crm_common import CrmTaskCase


@tagged("post_install", "-at_install")
class TestCrmLink(CrmTaskCase):

    def test_counts_open_and_late(self):
        """An opportunity counts its tasks, the open ones and the open ones past their deadline."""
        past = fields.Datetime.now() - timedelta(days=3)
        self._task("Open, late", opportunity_id=self.opportunity.id, date_deadline=past)
        self._task("Open", opportunity_id=self.opportunity.id)
        self._task("Done, late", opportunity_id=self.opportunity.id, date_deadline=past, state="1_done")
        self._task("Other opportunity", opportunity_id=self.opportunity2.id)
        self.assertEqual(
            (self.opportunity.task_count, self.opportunity.task_open_count, self.opportunity.task_late_count),
            (3, 2, 1))
        self.assertEqual(self.opportunity2.task_count, 1)

    def test_task_of_another_company_refused(self):
        """A task cannot work for an opportunity of another company."""
        other = self.env["res.company"].create({"name": "Other Co (test)"})
        lead = self._opportunity("Abroad", self.env["res.users"], self.customer, 10, 10, company_id=other.id)
        with self.assertRaisesRegex(ValidationError, "Wrong company.*Abroad"):
            self._task("Wrong company", opportunity_id=lead.id)

    def test_sale_order_task_gets_opportunity(self):
        """A task that sale_project creates from an order of an opportunity works for that opportunity."""
        product = self._service_product("Setup", 500, self.project)
        order = self._order(self.opportunity, [(product, 2, 500)])
        task = order.order_line.task_id
        self.assertTrue(task)
        self.assertEqual(task.opportunity_id, self.opportunity)
        self.assertEqual(self.opportunity.task_ids, task)

    def test_link_set_by_hand_wins(self):
        """A task linked by hand to an opportunity keeps it when it gets a sales order of another one."""
        product = self._service_product("Setup", 500, self.project)
        order = self._order(self.opportunity2, [(product, 1, 500)])
        task = self._task("Manual link", opportunity_id=self.opportunity.id)
        task.sale_line_id = order.order_line
        self.assertEqual(task.opportunity_id, self.opportunity)

    def test_merge_keeps_tasks(self):
        """Merging opportunities moves the tasks of the merged ones to the one that remains."""
        t1 = self._task("T1", opportunity_id=self.opportunity.id)
        t2 = self._task("T2", opportunity_id=self.opportunity2.id)
        merged = (self.opportunity | self.opportunity2).merge_opportunity()
        self.assertTrue(merged.exists())
        self.assertEqual((t1 | t2).opportunity_id, merged)
        self.assertEqual(merged.task_count, 2)

    def test_convert_keeps_tasks(self):
        """A lead converted to an opportunity keeps its tasks."""
        lead = self.env["crm.lead"].create({"name": "Lead", "type": "lead", "partner_id": self.customer.id})
        task = self._task("Pre-sales call", opportunity_id=lead.id)
        lead.convert_opportunity(self.customer)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(task.opportunity_id, lead)

    def test_plan_single_task(self):
        """Plan Tasks creates one task in the chosen project, linked to the opportunity, starting at the start."""
        wizard = Form(self.env["crm.lead.plan.tasks"].with_context(default_lead_id=self.opportunity.id))
        wizard.project_id = self.project
        wizard.task_name = "Kick-off"
        wizard.start_date = date(2026, 3, 2)
        action = wizard.save().action_plan()
        task = self.env["project.task"].search(action["domain"])
        self.assertEqual(len(task), 1)
        self.assertEqual((task.name, task.project_id, task.opportunity_id, task.planned_start_date),
                         ("Kick-off", self.project, self.opportunity, date(2026, 3, 2)))

    def test_plan_single_needs_a_title(self):
        """Planning a single task without a title is refused with a message naming the opportunity."""
        wizard = self.env["crm.lead.plan.tasks"].create({
            "lead_id": self.opportunity.id, "project_id": self.project.id, "mode": "single", "task_name": " ",
        })
        with self.assertRaisesRegex(UserError, "Big deal"):
            wizard.action_plan()

    def test_plan_from_template(self):
        """A template's tasks are copied with typed links and lags, RACI and dates shifted to the start."""
        template = self._project("Template")
        consulted = self.project_user
        informed = self.customer2
        a = self._task("Design", template, planned_start_date=date(2026, 1, 5), planned_end_date=date(2026, 1, 9),
                       duration_days=5, accountable_id=self.project_manager.id,
                       consulted_user_ids=[(6, 0, consulted.ids)], informed_partner_ids=[(6, 0, informed.ids)],
                       date_deadline=datetime(2026, 1, 16, 12, 0))
        b = self._task("Build", template, planned_start_date=date(2026, 1, 14), planned_end_date=date(2026, 1, 20),
                       duration_days=5)
        c = self._task("Test", template, planned_start_date=date(2026, 1, 14), planned_end_date=date(2026, 1, 15),
                       duration_days=2)
        self.env["project.task.dependency"].create([
            {"predecessor_id": a.id, "successor_id": b.id, "dependency_type": "fs", "lag_days": 2},
            {"predecessor_id": b.id, "successor_id": c.id, "dependency_type": "ss", "lag_days": 0},
        ])
        target = self._project("Customer rollout")
        wizard = self.env["crm.lead.plan.tasks"].create({
            "lead_id": self.opportunity.id, "project_id": target.id, "mode": "template",
            "template_project_id": template.id, "start_date": date(2026, 3, 2),
        })
        tasks = self.env["project.task"].search(wizard.action_plan()["domain"], order="id")
        self.assertEqual(tasks.mapped("name"), ["Design", "Build", "Test"])
        self.assertEqual(tasks.project_id, target)
        self.assertEqual(tasks.opportunity_id, self.opportunity)
        design, build, _test = tasks
        # the template started on 5 January: everything moves 56 days later
        self.assertEqual((design.planned_start_date, design.planned_end_date), (date(2026, 3, 2), date(2026, 3, 6)))
        self.assertEqual(build.planned_start_date, date(2026, 3, 11))
        self.assertEqual(design.date_deadline, datetime(2026, 3, 13, 12, 0))
        self.assertEqual(design.accountable_id, self.project_manager)
        self.assertEqual(design.consulted_user_ids, consulted)
        self.assertEqual(design.informed_partner_ids, informed)
        links = self.env["project.task.dependency"].search([("successor_id", "in", tasks.ids)])
        self.assertEqual(
            sorted((link.predecessor_id.name, link.successor_id.name, link.dependency_type, link.lag_days)
                   for link in links),
            [("Build", "Test", "ss", 0), ("Design", "Build", "fs", 2)])
        self.assertEqual(build.depend_on_ids, design, "FS links stay in sync with Odoo's native dependencies")
        # the template itself is untouched
        self.assertEqual(template.task_ids.opportunity_id, self.env["crm.lead"])

    def test_plan_from_template_refuses_same_project(self):
        """Copying a template into itself is refused, naming the project."""
        wizard = self.env["crm.lead.plan.tasks"].create({
            "lead_id": self.opportunity.id, "project_id": self.project.id, "mode": "template",
            "template_project_id": self.project.id,
        })
        with self.assertRaisesRegex(UserError, "Delivery"):
            wizard.action_plan()

    def test_plan_in_other_company_project_refused(self):
        """A project of another company cannot receive the opportunity's tasks."""
        other = self.env["res.company"].create({"name": "Other Co (test)"})
        foreign = self._project("Foreign", company_id=other.id)
        with self.assertRaises(UserError):
            self.env["crm.lead.plan.tasks"].create({
                "lead_id": self.opportunity.id, "project_id": foreign.id, "mode": "single", "task_name": "x",
            }).action_plan()

    def test_smart_buttons(self):
        """The opportunity opens its tasks, a task opens its opportunity."""
        task = self._task("T", opportunity_id=self.opportunity.id)
        action = self.opportunity.action_view_tasks()
        self.assertEqual(self.env["project.task"].search(action["domain"]), task)
        self.assertEqual(task.action_open_opportunity()["res_id"], self.opportunity.id)


@tagged("post_install", "-at_install")
class TestSubtasksKeepOdooBehaviour(CrmTaskCase):

    def test_subtasks_take_parent_sale_line_and_opportunity(self):
        """Tasks set under a parent with a sales order item all get its customer and item (and
        so its opportunity), as in Odoo: our company checks must not run in the middle of the
        recomputation of the tasks' project and company (regression of Odoo's
        sale_project test_linking_on_parent_with_multiple_tasks)."""
        product = self._service_product("Setup (test)", 100, self.project)
        order = self._order(self.opportunity, [(product, 5, 100)])
        line = order.order_line
        parent = self._task("Parent", partner_id=self.customer.id, sale_line_id=line.id)
        children = self.env["project.task"].create([
            {"name": f"Child {i}", "project_id": self.project.id, "user_ids": False} for i in range(5)])
        self.assertFalse(children.sale_line_id)
        children.write({"parent_id": parent.id})
        self.assertEqual(children.mapped("partner_id"), self.customer)
        for child in children:
            self.assertEqual(child.sale_line_id, line, child.name)
            self.assertEqual(child.opportunity_id, self.opportunity, child.name)
