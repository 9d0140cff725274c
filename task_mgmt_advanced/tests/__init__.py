from . import test_dependency
from . import test_approval
from . import test_raci
from . import test_priority
from . import test_tours
from . import test_compat
from . import test_rpc_security
from . import test_approval_paths
# the engine's plain tests: run by pytest from their modules, by Odoo's runner through test_engine_runner
from . import test_engine_graph
from . import test_engine_priority
from . import test_engine_scheduler
from . import test_engine_workcalendar
from . import test_engine_runner
from . import test_schedule_bulk
from . import test_milestone
