"""Shared infrastructure of the benchmarks: a benchmark database, an Odoo environment on it,
and small helpers to time code and count its queries.

Typical use in a benchmark script::

    from _env import bench_database, median_time, odoo_env, print_table, sql_count

    with bench_database() as conf, odoo_env(conf, "tm_bench") as env:
        before = sql_count(env)
        median, timings = median_time(lambda: env["project.task"].search_count([]), repeat=5)
        print_table([("search_count", f"{median:.3f}", sql_count(env) - before)],
                    ["what", "median s", "queries"])

The database lives in a project-local PostgreSQL cluster, ``.local/bench-pg`` (git-ignored),
bound to 127.0.0.1 on a port chosen once and kept in ``.local/bench-pg.port``. To use an existing
PostgreSQL server instead, set ``TASK_MGMT_DB_HOST`` (and optionally ``TASK_MGMT_DB_PORT``,
``TASK_MGMT_DB_USER``, ``TASK_MGMT_DB_PASSWORD``).
"""

import hashlib
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bin"))
import _devlib as dev

REPO = dev.REPO

LOCAL = dev.REPO / ".local"
BENCH_PG = LOCAL / "bench-pg"
BENCH_PORT_FILE = LOCAL / "bench-pg.port"
BENCH_CONF = LOCAL / "odoo-bench.conf"
BENCH_DATA_DIR = LOCAL / "bench-data"
DEFAULT_DATABASE = "tm_bench"


def _external_db():
    """Connection parameters of the PostgreSQL server named by ``TASK_MGMT_DB_*``, or None."""
    if not os.environ.get("TASK_MGMT_DB_HOST"):
        return None
    return {
        "host": os.environ["TASK_MGMT_DB_HOST"],
        "port": int(os.environ.get("TASK_MGMT_DB_PORT", "5432")),
        "user": os.environ.get("TASK_MGMT_DB_USER", dev.DB_USER),
        "password": os.environ.get("TASK_MGMT_DB_PASSWORD", ""),
    }


def _bench_port():
    if BENCH_PORT_FILE.exists():
        return int(BENCH_PORT_FILE.read_text().strip())
    port = dev.free_port()
    BENCH_PORT_FILE.write_text(f"{port}\n")
    return port


def _connect(db, dbname):
    import psycopg2  # noqa: PLC0415 (an Odoo dependency, importable once Odoo is)

    return psycopg2.connect(host=db["host"], port=db["port"], user=db["user"],
                            password=db.get("password") or None, dbname=dbname)


def database_state(db, dbname):
    """``"missing"`` (no database), ``"empty"`` (exists, addons not installed) or ``"ready"``;
    for ``"ready"`` also whether it holds demo data: ``("ready", demo)``."""
    conn = _connect(db, "postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            if not cr.fetchone():
                return "missing", None
    finally:
        conn.close()
    conn = _connect(db, dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'ir_module_module'")
            if not cr.fetchone()[0]:
                return "empty", None
            cr.execute("SELECT count(*) FROM ir_module_module WHERE name IN %s AND state = 'installed'",
                       (dev.ADDONS,))
            if cr.fetchone()[0] != len(dev.ADDONS):
                return "empty", None
            cr.execute("SELECT demo FROM ir_module_module WHERE name = 'base'")
            return "ready", bool(cr.fetchone()[0])
    finally:
        conn.close()


def addons_fingerprint():
    """A hash of the addons' source files (tests and readme left out): it changes when the code
    the database was installed with changes."""
    digest = hashlib.sha1(usedforsecurity=False)
    for addon in dev.ADDONS:
        for path in sorted((dev.REPO / addon).rglob("*")):
            parts = path.relative_to(dev.REPO).parts
            if (not path.is_file() or path.suffix == ".pyc"
                    or {"__pycache__", "tests", "readme"} & set(parts)):
                continue
            digest.update("/".join(parts).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint_file(name):
    return LOCAL / f"bench-{name}.fingerprint"


def _run_odoo(conf, name, args, what):
    log_path = LOCAL / f"bench-{what}-{name}.log"
    cmd = dev.odoo_command(conf, "-d", name, *args, "--stop-after-init", "--no-http", "--log-level=info")
    code, seconds = dev.run_logged(cmd, log_path)
    if code:
        tail = "\n".join(log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise RuntimeError(f"Odoo {what} of {name} failed (exit {code}), see {log_path}:\n{tail}")
    return seconds


def _install_addons(conf, name, demo):
    """Create ``name`` (Odoo creates a missing database) with both addons installed."""
    fingerprint = addons_fingerprint()
    args = ["-i", ",".join(dev.ADDONS)] + ([] if demo else ["--without-demo=all"])
    print(f"Creating benchmark database {name} with {', '.join(dev.ADDONS)}"
          f"{' and demo data' if demo else ''} (1 to 3 minutes; log: .local/bench-install-{name}.log)...",
          flush=True)
    seconds = _run_odoo(conf, name, args, "install")
    _fingerprint_file(name).write_text(fingerprint + "\n")
    print(f"Database {name} created in {seconds:.0f} s.", flush=True)


def _update_addons(conf, name):
    fingerprint = addons_fingerprint()
    print(f"Updating {', '.join(dev.ADDONS)} in {name} (log: .local/bench-update-{name}.log)...", flush=True)
    seconds = _run_odoo(conf, name, ["-u", ",".join(dev.ADDONS)], "update")
    _fingerprint_file(name).write_text(fingerprint + "\n")
    print(f"Database {name} updated in {seconds:.0f} s.", flush=True)


def _needs_update(name, update):
    if update == "auto":
        recorded = _fingerprint_file(name)
        return not recorded.exists() or recorded.read_text().strip() != addons_fingerprint()
    return bool(update)


@contextmanager
def bench_database(name=DEFAULT_DATABASE, demo=False, keep=True, update="auto"):
    """Make sure database ``name`` exists with both addons installed; yield the Odoo config path.

    Without ``TASK_MGMT_DB_HOST`` the database lives in the local cluster ``.local/bench-pg``,
    started here if needed and stopped on exit unless ``keep`` (the default keeps it running, so
    consecutive benchmarks do not pay the start-up). An existing database is reused: ``demo``
    only applies when the database is created. ``update``: ``True`` updates both addons in an
    existing database, ``False`` never does, ``"auto"`` does when the addons' files changed since
    this machine last installed or updated them there (``addons_fingerprint``).
    """
    dev.require_odoo()
    LOCAL.mkdir(exist_ok=True)
    db = _external_db()
    cluster = None
    if db is None:
        port = _bench_port()
        cluster = dev.PgCluster(BENCH_PG, port)
        if not cluster.running():
            if not cluster.initialized and not dev.port_is_free(port):
                raise RuntimeError(f"Port {port} (from {BENCH_PORT_FILE}) is taken: remove that file.")
            print(f"Starting the benchmark PostgreSQL cluster (.local/bench-pg) on 127.0.0.1:{port}",
                  flush=True)
            cluster.start()
        db = {"host": "127.0.0.1", "port": port, "user": dev.DB_USER}
    conf = dev.write_odoo_conf(BENCH_CONF, db, BENCH_DATA_DIR,
                               {"max_cron_threads": 0, "workers": 0, "log_level": "warn"})
    try:
        state, has_demo = database_state(db, name)
        if state != "ready":
            _install_addons(conf, name, demo)
            state, has_demo = database_state(db, name)
            if state != "ready":
                raise RuntimeError(f"Database {name}: the addons are not installed after the install run.")
        else:
            if has_demo != demo:
                print(f"Note: database {name} {'has' if has_demo else 'has no'} demo data "
                      f"(asked demo={demo}); reusing it as it is.", flush=True)
            if _needs_update(name, update):
                _update_addons(conf, name)
        yield conf
    finally:
        if cluster is not None and not keep:
            cluster.stop()


_odoo_config_parsed = set()


@contextmanager
def odoo_env(conf, dbname):
    """Yield an ``odoo.api.Environment`` of the superuser on a new cursor of ``dbname``.

    Commits when the block ends normally, rolls back when it raises. Odoo is configured from
    ``conf`` (once per process and database).
    """
    odoo = dev.require_odoo()
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415 (Odoo is checked first)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    key = (str(conf), dbname)
    if key not in _odoo_config_parsed:
        odoo.tools.config.parse_config(["-c", str(conf), "-d", dbname], setup_logging=True)
        _odoo_config_parsed.add(key)
    registry = Registry(dbname)
    cr = registry.cursor()
    try:
        env = api.Environment(cr, SUPERUSER_ID, {})
        yield env
        cr.commit()
    except BaseException:
        cr.rollback()
        raise
    finally:
        cr.close()


def median_time(fn, repeat=5, warmup=0):
    """Call ``fn`` ``warmup`` times untimed, then ``repeat`` times timed.

    Return ``(median seconds, [seconds of each timed call])``.
    """
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    for _i in range(warmup):
        fn()
    timings = []
    for _i in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), timings


def sql_count(env):
    """Number of queries run so far on ``env.cr``: take the difference around the code measured."""
    return env.cr.sql_log_count


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def print_table(rows, headers, file=None):
    """Print ``rows`` (sequences of cells) under ``headers`` as an aligned text table.

    Floats are printed with 3 decimals and integers with thousands separators; numbers are
    right-aligned, text left-aligned.
    """
    rows = [list(row) for row in rows]
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [len(str(h)) for h in headers]
    for row in cells:
        for index, text in enumerate(row):
            widths[index] = max(widths[index], len(text))
    numeric = [  # a column of numbers (empty cells aside) is right-aligned
        all(isinstance(row[i], int | float) and not isinstance(row[i], bool)
            for row in rows if i < len(row) and row[i] not in ("", None))
        for i in range(len(headers))
    ]

    def line(texts):
        parts = [t.rjust(w) if num else t.ljust(w) for t, w, num in zip(texts, widths, numeric, strict=False)]
        return "  ".join(parts).rstrip()

    out = file or sys.stdout
    print(line([str(h) for h in headers]), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in cells:
        print(line(row), file=out)
    out.flush()

