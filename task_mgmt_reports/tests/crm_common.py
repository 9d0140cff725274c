# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests.common import TransactionCase, new_test_user


def won_deal(env, name, partner_name, amount=900000):
    """A won opportunity of the admin whose confirmed sales order sells a service for ``amount``."""
    partner = env["res.partner"].create({"name": partner_name})
    deal = env["crm.lead"].create({
        "name": name, "type": "opportunity", "partner_id": partner.id,
        "user_id": env.ref("base.user_admin").id, "expected_revenue": amount, "probability": 90})
    product = env["product.product"].create({"name": "Tour service", "type": "service", "list_price": amount})
    order = env["sale.order"].create({
        "partner_id": partner.id, "opportunity_id": deal.id,
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": amount})]})
    order.action_confirm()
    deal.action_set_won()
    return deal


class CrmTaskCase(TransactionCase):
    """Opportunities of two salespeople, a project of each visibility, a service product that
    creates a task in a project when its sales order is confirmed, and users of each kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.salesman = new_test_user(cls.env, "crm_sal", groups="sales_team.group_sale_salesman",
                                     name="Sales Sam")
        cls.salesman2 = new_test_user(cls.env, "crm_sal2", groups="sales_team.group_sale_salesman",
                                      name="Sales Sue")
        cls.sales_all = new_test_user(cls.env, "crm_all", groups="sales_team.group_sale_salesman_all_leads",
                                      name="Sales Alma")
        cls.sales_manager = new_test_user(cls.env, "crm_mgr", groups="sales_team.group_sale_manager",
                                          name="Sales Manager Max")
        cls.project_user = new_test_user(cls.env, "crm_pu", groups="project.group_project_user",
                                         name="Project Paul")
        cls.project_manager = new_test_user(
            cls.env, "crm_pm", groups="project.group_project_manager,sales_team.group_sale_salesman",
            name="Project Pia")
        cls.employee = new_test_user(cls.env, "crm_emp", groups="base.group_user", name="Plain Pat")
        cls.portal = new_test_user(cls.env, "crm_portal", groups="base.group_portal", name="Portal Poe")
        cls.customer = cls.env["res.partner"].create({"name": "Acme (test)"})
        cls.customer2 = cls.env["res.partner"].create({"name": "Globex (test)"})
        cls.stages = cls.env["project.task.type"].create([
            {"name": name, "sequence": seq} for seq, name in enumerate(["New", "Doing", "Done"])
        ])
        cls.project = cls._project("Delivery", privacy_visibility="employees")
        cls.private_project = cls._project("Private delivery", privacy_visibility="followers")
        cls.opportunity = cls._opportunity("Big deal", cls.salesman, cls.customer, 10000, 40)
        cls.opportunity2 = cls._opportunity("Other deal", cls.salesman2, cls.customer2, 5000, 20)

    @classmethod
    def _project(cls, name, **vals):
        return cls.env["project.project"].create({
            "name": name, "type_ids": [(6, 0, cls.stages.ids)], "allow_task_dependencies": True,
            "date_start": date(2026, 1, 5), "schedule_mode": "manual", "allow_billable": True,
            "company_id": cls.company.id,
            **vals,
        })

    @classmethod
    def _opportunity(cls, name, user, partner, expected, probability, **vals):
        return cls.env["crm.lead"].create({
            "name": name, "type": "opportunity", "user_id": user.id, "partner_id": partner.id,
            "expected_revenue": expected, "probability": probability, **vals,
        })

    @classmethod
    def _task(cls, name, project=None, **vals):
        project = project or cls.project
        return cls.env["project.task"].create({"name": name, "project_id": project.id, **vals})

    @classmethod
    def _service_product(cls, name, price, project, **vals):
        return cls.env["product.product"].create({
            "name": name, "type": "service", "list_price": price, "invoice_policy": "order",
            "service_tracking": "task_global_project", "project_id": project.id, **vals,
        })

    @classmethod
    def _order(cls, opportunity, lines, partner=None, confirm=True, **vals):
        """A sales order of ``opportunity`` with (product, quantity, unit price) lines."""
        order = cls.env["sale.order"].create({
            "partner_id": (partner or opportunity.partner_id).id,
            "opportunity_id": opportunity.id if opportunity else False,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty, "price_unit": price})
                           for product, qty, price in lines],
            **vals,
        })
        if confirm:
            order.action_confirm()
        return order
