# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .crm_common import CrmTaskCase


@tagged("post_install", "-at_install")
class TestCrmAccess(CrmTaskCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_task = cls._task("Own deal task", opportunity_id=cls.opportunity.id)
        cls.own_private_task = cls._task("Own deal, private project", cls.private_project,
                                         opportunity_id=cls.opportunity.id)
        cls.other_deal_task = cls._task("Colleague's deal task", opportunity_id=cls.opportunity2.id)
        cls.plain_task = cls._task("No opportunity")
        cls.private_plain_task = cls._task("Private, no opportunity", cls.private_project)
        cls.all_tasks = (cls.own_task | cls.own_private_task | cls.other_deal_task | cls.plain_task
                         | cls.private_plain_task)

    def _visible(self, user):
        return self.env["project.task"].with_user(user).search([("id", "in", self.all_tasks.ids)])

    def test_salesman_sees_only_own_opportunity_tasks(self):
        """A salesperson (own documents) reads their opportunities' tasks, even in a private project, no other."""
        self.assertEqual(self._visible(self.salesman), self.own_task | self.own_private_task)
        self.own_private_task.with_user(self.salesman).read(["name", "stage_id", "user_ids"])
        with self.assertRaises(AccessError):
            self.other_deal_task.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            self.plain_task.with_user(self.salesman).read(["name"])

    def test_salesman_sees_tasks_from_opportunity(self):
        """The Tasks tab of the salesperson's opportunity lists its tasks."""
        lead = self.opportunity.with_user(self.salesman)
        self.assertEqual(lead.task_ids, self.own_task | self.own_private_task)
        self.assertEqual(lead.task_count, 2)
        self.assertEqual(lead.action_view_tasks()["context"].get("create"), False)

    def test_salesman_cannot_write(self):
        """A salesperson cannot change, create or delete a task of their opportunity."""
        task = self.own_task.with_user(self.salesman)
        with self.assertRaises(AccessError):
            task.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            task.unlink()
        with self.assertRaises(AccessError):
            self.env["project.task"].with_user(self.salesman).create({
                "name": "New", "project_id": self.project.id, "opportunity_id": self.opportunity.id})

    def test_salesman_all_leads_sees_every_opportunity_task(self):
        """A salesperson with all documents reads the tasks of every opportunity, not other tasks."""
        self.assertEqual(self._visible(self.sales_all), self.own_task | self.own_private_task | self.other_deal_task)

    def test_lost_opportunity_tasks_stay_visible(self):
        """The tasks of a lost (archived) opportunity stay readable by its salesperson."""
        self.opportunity.action_set_lost()
        self.assertEqual(self._visible(self.salesman), self.own_task | self.own_private_task)

    def test_project_user_keeps_odoo_rules(self):
        """A project user sees the tasks of non-private projects as in Odoo, opportunity or not."""
        self.assertEqual(self._visible(self.project_user), self.own_task | self.other_deal_task | self.plain_task)
        self.private_project.message_subscribe(self.project_user.partner_id.ids)
        self.assertEqual(self._visible(self.project_user), self.all_tasks)

    def test_project_manager_who_sells_keeps_odoo_rules(self):
        """A project manager who is also a salesperson sees every task as a project manager."""
        self.assertEqual(self._visible(self.project_manager), self.all_tasks)

    def test_plain_employee_unchanged(self):
        """An employee without sales or project rights keeps Odoo's rule (non-private projects)."""
        self.assertEqual(self._visible(self.employee), self.own_task | self.other_deal_task | self.plain_task)

    def test_portal_sees_nothing(self):
        """A portal user reads none of these tasks."""
        self.assertFalse(self._visible(self.portal))

    def test_plan_tasks_needs_project_rights(self):
        """A salesperson who is not a project user cannot plan tasks."""
        with self.assertRaises(AccessError):
            self.env["crm.lead.plan.tasks"].with_user(self.salesman).create({
                "lead_id": self.opportunity.id, "project_id": self.project.id, "task_name": "x",
            })

    def test_salesman_who_logs_time_keeps_odoo_rules(self):
        """A salesperson who is also a timesheet user sees the tasks Odoo shows employees, to log time on them."""
        self.salesman.groups_id = [(4, self.env.ref("hr_timesheet.group_hr_timesheet_user").id)]
        self.assertEqual(self._visible(self.salesman),
                         self.own_task | self.own_private_task | self.other_deal_task | self.plain_task)
