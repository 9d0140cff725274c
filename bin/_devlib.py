"""Shared helpers of ``bin/demo`` and ``bin/test``: a loopback PostgreSQL cluster, an
Odoo configuration file and the checks of an Odoo install log.

Nothing here installs Odoo: Odoo 18.0 must already be importable by ``python3``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("task_mgmt_advanced", "task_mgmt_reports")
DB_USER = "odoo"


def die(message, code=2):
    print(message, file=sys.stderr, flush=True)
    sys.exit(code)


def require_odoo():
    """Stop at once, with one line, unless ``import odoo`` gives Odoo 18.0."""
    try:
        import odoo.release  # noqa: PLC0415 (only importable once Odoo is installed)
    except ImportError:
        die("Odoo 18.0 is not importable by python3 (see README, Prerequisites): stopping.")
    if odoo.release.serie != "18.0":
        die(f"python3 imports Odoo {odoo.release.serie}, not 18.0 (see README): stopping.")
    return odoo


# the executables Odoo's browser tests look for (odoo.tests.common._find_executable)
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def require_browser():
    """Stop at once, with one line, unless a browser for Odoo's tours is on the PATH."""
    if not any(shutil.which(name) for name in BROWSERS):
        die("No Chromium or Chrome on the PATH for the browser tours (Debian: apt-get install chromium; "
            "see README, Prerequisites): stopping.")


def warm_browser():
    """Start the browser once, headless, before the tests: Odoo gives it 10 s to open its
    DevTools port, which a cold start (its files out of the page cache after the installs)
    can exceed on a loaded machine.  Returns the seconds it took."""
    browser = next(shutil.which(name) for name in BROWSERS if shutil.which(name))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(suffix="_chrome_warmup") as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        f"--user-data-dir={profile}", "--dump-dom", "about:blank"],
                       capture_output=True, timeout=180, check=False)
    return time.monotonic() - started


def odoo_addons_path():
    """Odoo's own addon folders followed by this repository."""
    import odoo  # noqa: PLC0415

    root = Path(odoo.__file__).resolve().parent.parent
    paths = [root / "addons", root / "odoo" / "addons"]
    return ",".join(str(p) for p in paths if p.is_dir()) + f",{REPO}"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def pg_bindir():
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    try:
        out = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        die("PostgreSQL server binaries not found (pg_ctl, or pg_config --bindir).")
    for candidate in (Path(out), Path("/usr/lib/postgresql/15/bin")):
        if (candidate / "pg_ctl").exists():
            return candidate
    die("PostgreSQL server binaries not found (pg_ctl, or pg_config --bindir).")


class PgCluster:
    """A PostgreSQL cluster in ``datadir`` that listens on 127.0.0.1 only.

    PostgreSQL refuses to run as root: when we are root, the cluster runs as ``nobody``.
    """

    def __init__(self, datadir, port, fast=False):
        self.datadir = Path(datadir)
        self.port = port
        self.fast = fast
        self.bindir = pg_bindir()
        self.as_nobody = os.geteuid() == 0

    def _cmd(self, args):
        cmd = [str(self.bindir / args[0]), *args[1:]]
        return ["runuser", "-u", "nobody", "--", *cmd] if self.as_nobody else cmd

    def _run(self, args, **kwargs):
        return subprocess.run(self._cmd(args), check=True, **kwargs)

    @property
    def initialized(self):
        return (self.datadir / "PG_VERSION").exists()

    def init(self):
        self.datadir.mkdir(parents=True, exist_ok=True)
        if self.as_nobody:
            shutil.chown(self.datadir, "nobody", "nogroup")
            # nobody must be able to reach the folder
            parent = self.datadir.parent
            parent.chmod(parent.stat().st_mode | 0o755)
        self._run(
            ["initdb", "-D", str(self.datadir), "-U", DB_USER, "-A", "trust",
             "-E", "UTF8", "--no-locale"],
            stdout=subprocess.DEVNULL,
        )
        settings = [
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            f"port = {self.port}",
            "max_connections = 200",
        ]
        if self.fast:  # throw-away cluster: durability is not needed
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with open(self.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# task_mgmt\n" + "\n".join(settings) + "\n")

    def running(self):
        status = self._cmd(["pg_ctl", "status", "-D", str(self.datadir)])
        return subprocess.run(status, capture_output=True, check=False).returncode == 0

    def start(self):
        if not self.initialized:
            self.init()
        if self.running():
            return
        self._run(
            ["pg_ctl", "start", "-w", "-t", "60", "-D", str(self.datadir),
             "-l", str(self.datadir / "server.log"), "-o", f"-p {self.port}"],
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        if self.initialized and self.running():
            self._run(
                ["pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.datadir)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )

    def psql(self, sql, dbname="postgres"):
        return subprocess.run(
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port),
             "-U", DB_USER, "-d", dbname, "-tAc", sql],
            capture_output=True, text=True, check=True,
        ).stdout.strip()


def write_odoo_conf(path, db, data_dir, extra=None):
    """Write an Odoo configuration file for ``db`` (a dict: host, port, user, password)."""
    lines = [
        "[options]",
        f"db_host = {db['host']}",
        f"db_port = {db['port']}",
        f"db_user = {db['user']}",
        f"db_password = {db.get('password') or 'False'}",
        f"addons_path = {odoo_addons_path()}",
        f"data_dir = {data_dir}",
        "http_interface = 127.0.0.1",
        "list_db = True",
    ]
    for key, value in (extra or {}).items():
        lines.append(f"{key} = {value}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def odoo_command(conf, *args):
    return [sys.executable, "-m", "odoo", "-c", str(conf), *args]


LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
# Warnings Odoo itself prints on these machines, whatever addons are installed.
CORE_WARNINGS = (
    re.compile(r"Running as user 'root' is a security risk"),
)


def install_log_problems(log_text):
    """Return the log lines that fail an install: every ERROR or CRITICAL, and every WARNING
    except the ones Odoo core prints whatever the addons (``CORE_WARNINGS``)."""
    problems = []
    lines = log_text.splitlines()
    for index, line in enumerate(lines):
        match = LOG_LINE.match(line)
        if not match:
            continue
        level = match["level"]
        if level in ("ERROR", "CRITICAL"):
            # the log line and the end of its traceback, where the error itself is
            end = index + 1
            while end < len(lines) and not LOG_LINE.match(lines[end]):
                end += 1
            detail = lines[index + 1:end]
            problems.append("\n".join([line, *(["..."] if len(detail) > 12 else []), *detail[-12:]]))
        elif level == "WARNING" and not any(p.search(match["msg"]) for p in CORE_WARNINGS):
            problems.append(line)
    return problems


def run_logged(cmd, log_path, env=None):
    """Run ``cmd`` writing stdout+stderr to ``log_path``; return (returncode, seconds)."""
    start = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        code = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, check=False).returncode
    return code, time.monotonic() - start


def make_tempdir(prefix):
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path
