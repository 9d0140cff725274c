from . import test_gantt
