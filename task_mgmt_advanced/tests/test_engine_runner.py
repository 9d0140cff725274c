# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engine's plain tests (pytest functions in ``test_engine_*.py``) and its doctests, run by
Odoo's (and OCA's) test runner too.

Odoo 18's runner collects the ``unittest`` cases defined in the addon's ``tests/test_*``
modules (it does not call ``load_tests``): each engine test module becomes one ``BaseCase``
class below, with one method per test function (per parameter set of a parametrized one), and
each engine module one class with one method per doctest. ``load_tests`` offers the same cases
to ``python -m unittest`` (as OCA queue_job's ``test_runner_channels.py`` does for its doctests).

Under pytest, the functions run from their own modules and the doctests from the functions
below; the classes are marked ``__test__ = False`` so that pytest does not run them twice.
"""
import doctest
import inspect

from odoo.tests import BaseCase, tagged

from ..engine import graph, priority, reminders, scheduler, workcalendar
from . import (
    test_engine_graph,
    test_engine_network,
    test_engine_priority,
    test_engine_reminders,
    test_engine_scheduler,
    test_engine_workcalendar,
)

ENGINE_MODULES = (graph, priority, reminders, scheduler, workcalendar)
ENGINE_TEST_MODULES = (
    test_engine_graph, test_engine_network, test_engine_priority, test_engine_reminders, test_engine_scheduler,
    test_engine_workcalendar,
)


def _parameter_sets(func):
    """[(method name suffix, keyword arguments)] of a test function: one empty set, or one per
    row of its ``pytest.mark.parametrize`` marks (combined, as pytest does)."""
    sets = [("", {})]
    for mark in reversed(getattr(func, "pytestmark", [])):
        if mark.name != "parametrize":
            continue
        names, rows = mark.args[0], mark.args[1]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        expanded = []
        for suffix, kwargs in sets:
            for index, row in enumerate(rows):
                # a pytest.param(...) keeps its values in .values; a bare row is the value itself
                # when there is one name
                values = tuple(row.values) if hasattr(row, "values") else (row if len(names) > 1 else (row,))
                expanded.append((f"{suffix}_{index}", {**kwargs, **dict(zip(names, values, strict=True))}))
        sets = expanded
    return sets


def _function_method(func, kwargs):
    def test(self):
        func(**kwargs)

    test.__doc__ = func.__doc__
    return test


def _doctest_method(test):
    def run(self):
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        output = []
        result = runner.run(test, out=output.append, clear_globs=False)
        self.assertFalse(result.failed, "".join(output))

    run.__doc__ = f"Doctests of {test.name}."
    return run


def _case(name, methods):
    cls = type(name, (BaseCase,), {"__test__": False, "__module__": __name__, **methods})
    return tagged("post_install", "-at_install", "task_mgmt_engine")(cls)


def _function_cases():
    cases = {}
    for module in ENGINE_TEST_MODULES:
        methods = {}
        for fname, func in vars(module).items():
            if fname.startswith("test_") and inspect.isfunction(func) and func.__module__ == module.__name__:
                for suffix, kwargs in _parameter_sets(func):
                    methods[f"{fname}{suffix}"] = _function_method(func, kwargs)
        name = "Test" + "".join(part.title() for part in module.__name__.rsplit(".", 1)[-1][5:].split("_"))
        cases[name] = _case(name, methods)
    return cases


def _doctest_cases():
    cases = {}
    finder = doctest.DocTestFinder(exclude_empty=True)
    for module in ENGINE_MODULES:
        short = module.__name__.rsplit(".", 1)[-1]
        methods = {
            f"test_doctest_{test.name.rsplit('.', 1)[-1]}": _doctest_method(test)
            for test in finder.find(module) if test.examples
        }
        if methods:
            name = f"TestEngine{short.title()}Doctests"
            cases[name] = _case(name, methods)
    return cases


# module-level names: what Odoo's loader looks for
globals().update(_function_cases())
globals().update(_doctest_cases())


def load_tests(loader, tests, ignore):
    """The same cases for ``python -m unittest`` (the load_tests protocol)."""
    for value in list(globals().values()):
        if isinstance(value, type) and issubclass(value, BaseCase) and value.__module__ == __name__:
            tests.addTests(loader.loadTestsFromTestCase(value))
    return tests


# -- under pytest: the doctests (the functions run from their own modules) ---------------------


def test_engine_doctests():
    """Every doctest of the engine modules passes (the examples in their docstrings)."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    examples = 0
    for module in ENGINE_MODULES:
        for test in finder.find(module):
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            output = []
            result = runner.run(test, out=output.append, clear_globs=False)
            assert not result.failed, "".join(output)
            examples += result.attempted
    assert examples >= 3, "the engine's doctests were found"
