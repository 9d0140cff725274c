"""Cost of creating a task with our addons against plain Odoo, over XML-RPC (issue #10, must-have 4).

    python3 benchmarks/bench_create_overhead.py [--plain-template plain_base] [--ours-template tm_base]
                                                [--creates 150] [--port 8069] [--bulk-tasks 5000]
                                                [--bulk-repeat 3] [--skip-rpc] [--skip-bulk] [--keep]

**Creation overhead** (the measurement of the issue): two copies made with ``createdb -T`` —
``--plain-template`` (the base modules and demo data without our addons) and
``--ours-template`` (the same with both addons; the copy is updated to this checkout's code
with ``-u``) — served by **one** Odoo server (``--workers 0``, no cron thread). As the demo
administrator, after 10 warm-up creates in each, ``--creates`` XML-RPC ``create`` calls of one
task in the demo project "Office Design" (``project.project_project_1``; automatic scheduling
and typed dependencies in ours) alternate between the two databases, so that both see the same
machine load. Medians of the wall-clock time of each call, and their ratio (target ≤ 1.15).

**Bulk creation** (in-process, on the "ours" copy, rolled back): 1,000 tasks in one ``create``
and 1,000 tasks imported with ``load`` into an automatic project of 5 tasks and into one of
``--bulk-tasks`` tasks with typed links; the median time of each over ``--bulk-repeat`` runs
(each rolled back) and how many times the project was scheduled
(``project.project._task_mgmt_schedule``): it must neither schedule once per task nor grow with
the project's size.

The PostgreSQL server is the one of ``benchmarks/_env.py`` (``TASK_MGMT_DB_HOST`` …); the two
copies are dropped at the end unless ``--keep``.
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
import xmlrpc.client
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import LOCAL, _connect, _external_db, dev, odoo_env, print_table  # noqa: E402
from bench_schedule_orm import build_project  # noqa: E402

PLAIN_COPY = "tm_create_plain"
OURS_COPY = "tm_create_ours"


def db_params():
    db = _external_db()
    if db is None:
        dev.die("Set TASK_MGMT_DB_HOST (and TASK_MGMT_DB_PORT) to the PostgreSQL server holding the templates.")
    return db


def copy_database(db, template, name):
    conn = _connect(db, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cr.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        conn.close()


def drop_database(db, name):
    conn = _connect(db, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()


def write_conf(db, port):
    LOCAL.mkdir(exist_ok=True)
    return dev.write_odoo_conf(LOCAL / "odoo-create-bench.conf", db, LOCAL / "create-bench-data", {
        "http_port": port, "gevent_port": port + 1, "workers": 0, "max_cron_threads": 0,
        "log_level": "warn",
    })


def wait_for_server(url, server, seconds=300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            dev.die(f"The Odoo server stopped (exit {server.returncode}), see .local/create-bench-server.log")
        try:
            xmlrpc.client.ServerProxy(url + "common").version()
            return
        except OSError:
            time.sleep(1)
    dev.die("The Odoo server did not answer in time.")


class Client:
    """The demo administrator of one database, over XML-RPC."""

    def __init__(self, url, dbname):
        self.dbname = dbname
        self.uid = xmlrpc.client.ServerProxy(url + "common").authenticate(dbname, "admin", "admin", {})
        if not self.uid:
            dev.die(f"Cannot log in as admin/admin on {dbname} (a database with demo data is needed).")
        self.models = xmlrpc.client.ServerProxy(url + "object", allow_none=True)
        self.project_id = self.call("ir.model.data", "search_read",
                                    [("module", "=", "project"), ("name", "=", "project_project_1")],
                                    ["res_id"])[0]["res_id"]
        self.count = 0

    def call(self, model, method, *args):
        return self.models.execute_kw(self.dbname, self.uid, "admin", model, method, list(args))

    def create(self):
        """Create one task; return the seconds the call took."""
        self.count += 1
        vals = {"name": f"Created over XML-RPC {self.count}", "project_id": self.project_id}
        start = time.perf_counter()
        self.call("project.task", "create", [vals])
        return time.perf_counter() - start


def prepare_ours(db, args, conf):
    copy_database(db, args.ours_template, OURS_COPY)
    print(f"Updating our addons in {OURS_COPY} to this checkout...", flush=True)
    code, seconds = dev.run_logged(
        dev.odoo_command(conf, "-d", OURS_COPY, "-u", ",".join(dev.ADDONS), "--stop-after-init", "--no-http"),
        LOCAL / "create-bench-update.log")
    if code:
        dev.die(f"Update failed (exit {code}), see .local/create-bench-update.log")
    print(f"  done in {seconds:.0f} s", flush=True)


def rpc_overhead(args, db, conf):
    copy_database(db, args.plain_template, PLAIN_COPY)
    print("Starting one Odoo server for both databases...", flush=True)
    with open(LOCAL / "create-bench-server.log", "w", encoding="utf-8") as log:
        server = subprocess.Popen(dev.odoo_command(conf), stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{args.port}/xmlrpc/2/"
        wait_for_server(url, server)
        plain, ours = Client(url, PLAIN_COPY), Client(url, OURS_COPY)
        for _i in range(10):
            plain.create()
            ours.create()
        timings = {PLAIN_COPY: [], OURS_COPY: []}
        for _i in range(args.creates):
            for client in (plain, ours):
                timings[client.dbname].append(client.create())
        plain_median = statistics.median(timings[PLAIN_COPY])
        ours_median = statistics.median(timings[OURS_COPY])
        print_table([
            (f"plain Odoo ({args.plain_template} copy)", args.creates, plain_median * 1000, "1.00x"),
            (f"with task_mgmt ({args.ours_template} copy)", args.creates, ours_median * 1000,
             f"{ours_median / plain_median:.2f}x"),
        ], ["database", "creates", "median ms", "vs plain"])
    finally:
        server.terminate()
        server.wait(timeout=60)


class _Undo(Exception):
    """Raised to roll a savepoint back."""


def bulk_insert(Task, project, way):
    """1,000 tasks into ``project``, in one ``create`` or one ``load`` (an import)."""
    if way == "create":
        Task.create([{"name": f"Bulk {i}", "project_id": project.id, "duration_days": 3} for i in range(1000)])
        return
    result = Task.load(["name", "project_id/.id", "duration_days"],
                       [[f"Imported {i}", str(project.id), "3"] for i in range(1000)])
    if result["messages"]:
        raise RuntimeError(result["messages"])


def bulk_creation(args, conf):
    """1,000 tasks created in one call and imported, in a small and a big automatic project."""
    with odoo_env(conf, OURS_COPY) as env:
        try:
            print(f"Building an automatic project of {args.bulk_tasks} tasks...", flush=True)
            big, _tasks, n_links = build_project(env, random.Random(3), args.bulk_tasks, 3)
            big._task_mgmt_schedule()
            small = env["project.project"].create({"name": "Bench small", "date_start": big.date_start,
                                                   "type_ids": [(6, 0, big.type_ids.ids)]})
            env["project.task"].create([{"name": f"Small {i}", "project_id": small.id, "duration_days": 5}
                                        for i in range(5)])
            (big | small).write({"schedule_mode": "auto"})
            env.flush_all()
            Task = env["project.task"].with_context(tracking_disable=True, mail_create_nolog=True)
            Project = type(env["project.project"])
            rows = []
            for project, label in ((small, "5 tasks"), (big, f"{args.bulk_tasks} tasks, {n_links} links")):
                for way in ("create", "load"):
                    timings, calls = [], {"n": 0}
                    original = Project._task_mgmt_schedule

                    def counting(self, *a, _original=original, _calls=calls, **kw):
                        _calls["n"] += bool(self)
                        return _original(self, *a, **kw)

                    for _run in range(args.bulk_repeat):
                        try:
                            with env.cr.savepoint(), patch.object(Project, "_task_mgmt_schedule", counting):
                                start = time.perf_counter()
                                bulk_insert(Task, project, way)
                                env.flush_all()
                                timings.append(time.perf_counter() - start)
                                raise _Undo
                        except _Undo:
                            env.invalidate_all()
                    rows.append((f"1,000 tasks, {way}", label, statistics.median(timings), calls["n"]))
            print_table(rows, ["what", "into an automatic project of", "median s",
                               f"project schedules ({args.bulk_repeat} runs)"])
        finally:
            env.cr.rollback()
    import odoo  # noqa: PLC0415 (imported by odoo_env already)

    odoo.modules.registry.Registry.delete(OURS_COPY)
    odoo.sql_db.close_db(OURS_COPY)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain-template", default="plain_base")
    parser.add_argument("--ours-template", default="tm_base")
    parser.add_argument("--creates", type=int, default=150)
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--bulk-tasks", type=int, default=5000)
    parser.add_argument("--bulk-repeat", type=int, default=3)
    parser.add_argument("--skip-rpc", action="store_true")
    parser.add_argument("--skip-bulk", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database copies")
    args = parser.parse_args()
    dev.require_odoo()
    db = db_params()
    conf = write_conf(db, args.port)
    try:
        prepare_ours(db, args, conf)
        if not args.skip_rpc:
            rpc_overhead(args, db, conf)
        if not args.skip_bulk:
            bulk_creation(args, conf)
    finally:
        if not args.keep:
            drop_database(db, PLAIN_COPY)
            drop_database(db, OURS_COPY)


if __name__ == "__main__":
    main()
