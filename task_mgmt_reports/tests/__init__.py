from . import test_gantt
from . import test_gantt_tour
from . import test_gantt_export
