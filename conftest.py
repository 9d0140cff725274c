"""pytest settings of the whole repository.

A skipped test is a failed test here: Odoo skips browser tests when it finds no browser or no
``websocket-client``, and a test that did not run must never count as passing."""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: skipped, which counts as a failure here: {reason}"
