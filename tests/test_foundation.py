"""The repository as an integrator meets it: both addons installed with their demo data,
every window action they add opens all its views, they uninstall cleanly, and pip builds
their wheels."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
from psycopg2 import sql

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("task_mgmt_advanced", "task_mgmt_reports")


@tagged("standard", "post_install", "-at_install")
class TestInstalled(TransactionCase):
    def test_addons_installed(self):
        """Both addons and the Odoo apps they build on are installed."""
        modules = self.env["ir.module.module"].search(
            [("name", "in", [*ADDONS, "project", "hr", "crm", "sale_project", "hr_timesheet"])]
        )
        self.assertEqual(
            {m.name: m.state for m in modules},
            dict.fromkeys([*ADDONS, "project", "hr", "crm", "sale_project", "hr_timesheet"], "installed"),
        )

    def test_manifest_versions(self):
        """Manifests carry an 18.0.x.y.z version and a license, as OCA requires."""
        for addon in ADDONS:
            module = self.env["ir.module.module"].search([("name", "=", addon)])
            self.assertRegex(module.installed_version, r"^18\.0\.\d+\.\d+\.\d+$")
            self.assertEqual(module.license, "LGPL-3")

    def test_demo_data_shows_the_features(self):
        """The demo project is scheduled from its typed links and shows a critical path."""
        project = self.env.ref("task_mgmt_advanced.demo_project_office_move")
        tasks = project.task_ids
        self.assertGreaterEqual(len(tasks), 8)
        self.assertEqual(
            set(tasks.predecessor_link_ids.mapped("dependency_type")), {"fs", "ss", "ff", "sf"}
        )
        self.assertTrue(all(tasks.mapped("planned_start_date")))
        self.assertTrue(tasks.filtered("is_critical"))

    def test_every_action_opens_its_views(self):
        """Every window action of our addons loads each of its view types through the ORM."""
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.actions.act_window")]
        )
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        for action in actions:
            view_types = [v for v in action.view_mode.split(",") if v]
            views = [(False, vt) for vt in view_types]
            if action.view_id:
                views[view_types.index(action.view_id.type)] = (action.view_id.id, action.view_id.type)
            if action.search_view_id:
                views.append((action.search_view_id.id, "search"))
            else:
                views.append((False, "search"))
            result = self.env[action.res_model].get_views(views)
            self.assertEqual(set(result["views"]), {vt for _id, vt in views}, action.name)

    def test_every_view_validates(self):
        """Every view our addons add (or inherit) renders through the ORM for its model."""
        data = self.env["ir.model.data"].search([("module", "in", ADDONS), ("model", "=", "ir.ui.view")])
        views = self.env["ir.ui.view"].browse(data.mapped("res_id"))
        for view in views:
            root = view
            while root.mode != "primary" and root.inherit_id:
                root = root.inherit_id
            if root.type == "qweb":
                continue
            arch = self.env[root.model].get_views([(root.id, root.type)])["views"][root.type]["arch"]
            self.assertTrue(arch, view.xml_id)


def _pg_params():
    conf = os.environ["TASK_MGMT_TEST_CONF"]
    values = {}
    for line in Path(conf).read_text().splitlines():
        key, sep, value = line.partition(" = ")
        if sep:
            values[key.strip()] = value.strip()
    return conf, {"host": values["db_host"], "port": int(values["db_port"]), "user": values["db_user"]}


UNINSTALL_SCRIPT = """
import sys
import odoo
from odoo import api, SUPERUSER_ID
conf, dbname, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
odoo.tools.config.parse_config(["-c", conf, "-d", dbname])
registry = odoo.modules.registry.Registry(dbname)
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.module.module"].search([("name", "in", names)]).button_immediate_uninstall()
"""


@tagged("standard", "post_install", "-at_install")
class TestUninstall(TransactionCase):
    def test_uninstall_leaves_no_trace(self):
        """Uninstalling both addons from a copy of the no-demo database removes their data and
        columns, logs no error, and leaves Odoo's project app working."""
        conf, pg = _pg_params()
        source = os.environ["TASK_MGMT_TEST_NODEMO_DB"]
        copy = f"{source}_uninstall"
        admin = psycopg2.connect(dbname="postgres", **pg)
        admin.autocommit = True
        with admin.cursor() as cr:
            cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(copy)))
            cr.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(copy), sql.Identifier(source))
            )
        try:
            run = subprocess.run(
                [sys.executable, "-c", UNINSTALL_SCRIPT, conf, copy, ",".join(ADDONS)],
                capture_output=True, text=True, check=False, timeout=600,
            )
            log = run.stdout + run.stderr
            self.assertEqual(run.returncode, 0, log[-3000:])
            self.assertNotIn(" ERROR ", log, log[-3000:])
            conn = psycopg2.connect(dbname=copy, **pg)
            try:
                with conn.cursor() as cr:
                    cr.execute("SELECT name, state FROM ir_module_module WHERE name IN %s", (ADDONS,))
                    self.assertEqual(dict(cr.fetchall()), dict.fromkeys(ADDONS, "uninstalled"))
                    cr.execute("SELECT count(*) FROM ir_model_data WHERE module IN %s", (ADDONS,))
                    self.assertEqual(cr.fetchone()[0], 0)
                    cr.execute(
                        "SELECT count(*) FROM ir_model_fields WHERE id IN "
                        "(SELECT res_id FROM ir_model_data WHERE model = 'ir.model.fields' AND module IN %s)",
                        (ADDONS,),
                    )
                    self.assertEqual(cr.fetchone()[0], 0)
                    cr.execute("SELECT state FROM ir_module_module WHERE name = 'project'")
                    self.assertEqual(cr.fetchone()[0], "installed")
            finally:
                conn.close()
        finally:
            with admin.cursor() as cr:
                cr.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy)))
            admin.close()


@tagged("standard", "post_install", "-at_install")
class TestPackaging(TransactionCase):
    def test_pip_wheel_builds_both_addons(self):
        """`pip wheel` builds one OCA-style wheel per addon (whool reads the manifest)."""
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--disable-pip-version-check", "-w", out, *(str(REPO / a) for a in ADDONS)],
                capture_output=True, text=True, check=False, timeout=300,
            )
            self.assertEqual(run.returncode, 0, run.stdout[-2000:] + run.stderr[-2000:])
            names = sorted(os.listdir(out))
        self.assertEqual(len(names), 2, names)
        self.assertTrue(names[0].startswith("odoo_addon_task_mgmt_advanced-18.0."), names)
        self.assertTrue(names[1].startswith("odoo_addon_task_mgmt_reports-18.0."), names)
