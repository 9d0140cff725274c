from . import test_dependency
from . import test_approval
from . import test_raci
from . import test_priority
from . import test_tours
from . import test_schedule_bulk
