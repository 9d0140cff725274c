"""First paint of the Gantt chart in headless Chromium, side by side in the same run with OCA
``project_timeline``'s timeline view (vis-timeline) on the same tasks.

    python3 benchmarks/bench_gantt_browser.py --oca-path DIR [--tasks 2000] [--repeat 5]
                                              [--database tm_bench_timeline] [--template DB]
                                              [--http-port 8069]

``DIR`` holds the OCA addons ``project_timeline`` and ``web_timeline`` (e.g. ``pip install
--no-deps --target /tmp/oca odoo-addon-project_timeline==18.0.*`` then ``DIR`` is
``/tmp/oca/odoo/addons``): they are installed in the benchmark database only, never a
dependency of ours. The database is created from ``--template`` (a database with our addons,
e.g. a copy of the demo one) or by installing both addons, then gets ``project_timeline`` and a
project of ``--tasks`` tasks with typed links, scheduled, whose OCA dates
(``planned_date_start`` / ``planned_date_end``) are the planned dates; it is kept for the next
run. An Odoo server is started on ``--http-port`` and Chromium (DevTools protocol) opens the
project's tasks in each view ``--repeat`` times and measures (medians, with the number of bar
elements in the DOM): **page load** — from the navigation to the moment the first bars are in the
page (``performance.now()`` of the new document, so the web client's own start-up is included);
**view switch** — from a click on the view switcher, the list view of the same tasks being
open, to the first bars (the view's own data load and render). Target (issue #12): ours < 1 s and at
least 5x faster than the timeline.
"""

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402
from _env import dev, odoo_env, print_table  # noqa: E402
from bench_schedule_orm import build_project  # noqa: E402

PROJECT_NAME = "Bench Gantt browser"
VIEWS = {
    "gantt_tm (ours)": ("gantt_tm", "document.querySelectorAll('.o_gantt_tm_bar').length"),
    "OCA timeline": ("timeline", "document.querySelectorAll('.vis-item').length"),
}


def prepare(args, conf):
    db = _env._external_db() or {"host": "127.0.0.1", "port": _env._bench_port(), "user": dev.DB_USER}
    state, _demo = _env.database_state(db, args.database)
    if state == "missing" and args.template:
        conn = _env._connect(db, "postgres")
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{args.database}" TEMPLATE "{args.template}"')
        conn.close()
        state = "ready"
    if state != "ready":
        _env._run_odoo(conf, args.database, ["-i", ",".join(dev.ADDONS), "--without-demo=all"], "install")
    with odoo_env(conf, args.database) as env:
        installed = env["ir.module.module"].search_count([("name", "=", "project_timeline"),
                                                          ("state", "=", "installed")])
    if not installed:
        print("Installing OCA project_timeline in the benchmark database...", flush=True)
        _env._run_odoo(conf, args.database, ["-i", "project_timeline"], "install-timeline")
    with odoo_env(conf, args.database) as env:
        project = env["project.project"].search([("name", "=", PROJECT_NAME)], limit=1)
        if not project:
            print(f"Building a project of {args.tasks} tasks...", flush=True)
            project, tasks, _n = build_project(env, random.Random(args.seed), args.tasks, 2)
            project.name = PROJECT_NAME
            project._task_mgmt_schedule()
            env.flush_all()
            env.cr.execute(
                "UPDATE project_task SET planned_date_start = planned_start_date + time '08:00',"
                " planned_date_end = planned_end_date + time '17:00' WHERE project_id = %s", (project.id,))
            project.date_start = min(tasks.mapped("planned_start_date"))
        return project.id


def devtools(port):
    for _i in range(200):
        try:
            tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
            return next(t for t in tabs if t["type"] == "page")["webSocketDebuggerUrl"]
        except (OSError, StopIteration):
            time.sleep(0.2)
    raise RuntimeError("Chromium did not open its DevTools port")


class Page:
    def __init__(self, ws_url):
        import websocket  # noqa: PLC0415 (an Odoo test dependency)

        self.ws = websocket.create_connection(ws_url, timeout=120)
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")


def first_paint(page, url, count_js, timeout=120):
    page.call("Page.navigate", url="about:blank")
    page.call("Page.navigate", url=url)
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = page.evaluate(f"location.href.includes('view_type') && ({count_js}) > 0"
                              f" ? [performance.now(), {count_js}] : null")
        if found:
            return found[0] / 1000, found[1]
        time.sleep(0.02)
    raise RuntimeError(f"No bar drawn in {timeout} s at {url}")


def switch_paint(page, list_url, view_type, count_js, timeout=120):
    """Seconds from a click on the view switcher (the list view of the same tasks being open)
    to the first bars: the view's own load and render, without the web client's start-up."""
    page.call("Page.navigate", url="about:blank")
    page.call("Page.navigate", url=list_url)
    deadline = time.time() + timeout
    while not page.evaluate("!!document.querySelector('.o_list_view .o_data_row')"):
        if time.time() > deadline:
            raise RuntimeError(f"The list view did not open at {list_url}")
        time.sleep(0.05)
    page.evaluate(f"window.__benchStart = performance.now();"
                  f" document.querySelector('.o_switch_view.o_{view_type}').click(); 1")
    while time.time() < deadline:
        found = page.evaluate(f"({count_js}) > 0 ? [performance.now() - window.__benchStart, {count_js}] : null")
        if found:
            return found[0] / 1000, found[1]
        time.sleep(0.02)
    raise RuntimeError(f"No bar drawn in {timeout} s after switching to {view_type}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oca-path", required=True)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--database", default="tm_bench_timeline")
    parser.add_argument("--template", default="")
    parser.add_argument("--http-port", type=int, default=8069)
    args = parser.parse_args()
    dev.require_odoo()
    _env.LOCAL.mkdir(exist_ok=True)
    db = _env._external_db() or {"host": "127.0.0.1", "port": _env._bench_port(), "user": dev.DB_USER}
    conf = dev.write_odoo_conf(_env.LOCAL / "odoo-bench-timeline.conf", db, _env.BENCH_DATA_DIR,
                               {"max_cron_threads": 0, "workers": 0, "log_level": "warn",
                                "http_port": args.http_port})
    text = conf.read_text() if hasattr(conf, "read_text") else Path(conf).read_text()
    text = text.replace("addons_path = ", f"addons_path = {args.oca_path},", 1)
    Path(conf).write_text(text)
    project_id = prepare(args, conf)
    server = subprocess.Popen(dev.odoo_command(conf, "-d", args.database, "--db-filter", f"^{args.database}$"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    chromium = None
    try:
        base = f"http://127.0.0.1:{args.http_port}"
        for _i in range(300):
            try:
                urllib.request.urlopen(base + "/web/login")
                break
            except OSError:
                time.sleep(0.2)
        import requests  # noqa: PLC0415 (an Odoo dependency)

        session = requests.Session()
        session.post(base + "/web/session/authenticate", json={"jsonrpc": "2.0", "params": {
            "db": args.database, "login": "admin", "password": "admin"}})
        sid = session.cookies["session_id"]
        debug_port = dev.free_port()
        chromium = subprocess.Popen(
            [shutil.which("chromium") or shutil.which("chromium-browser") or "google-chrome", "--headless=new",
             "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={debug_port}", "--window-size=1600,1000",
             f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = Page(devtools(debug_port))
        page.call("Network.enable")
        page.call("Network.setCookie", name="session_id", value=sid, domain="127.0.0.1", path="/")
        action = f"{base}/odoo/action-project.act_project_project_2_project_task_all?active_id={project_id}"
        rows = []
        medians = {}
        for label, (view_type, count_js) in VIEWS.items():
            url = f"{action}&view_type={view_type}"
            first_paint(page, url, count_js)  # warm-up: assets in the browser cache
            runs = [first_paint(page, url, count_js) for _i in range(args.repeat)]
            medians[label] = statistics.median(seconds for seconds, _count in runs)
            rows.append((f"page load to first bars, {label}, {args.tasks} tasks", medians[label],
                         f"{runs[-1][1]} bars in the DOM"))
            switches = [switch_paint(page, f"{action}&view_type=list", view_type, count_js)
                        for _i in range(args.repeat)]
            medians[f"switch {label}"] = statistics.median(seconds for seconds, _count in switches)
            rows.append((f"view switch to first bars, {label}, {args.tasks} tasks", medians[f"switch {label}"],
                         f"{switches[-1][1]} bars in the DOM"))
        for what in ("", "switch "):
            ours, theirs = medians[f"{what}gantt_tm (ours)"], medians[f"{what}OCA timeline"]
            rows.append((f"ratio timeline / ours ({what or 'page load'})".replace("(switch )", "(view switch)"),
                         f"{theirs / ours:.1f}x", ""))
        print_table(rows, ["what", "median s", "DOM"])
    finally:
        if chromium:
            chromium.terminate()
        server.terminate()
        server.wait(30)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
