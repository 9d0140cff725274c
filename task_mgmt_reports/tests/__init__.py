from . import test_crm_link
from . import test_crm_access
from . import test_roi_report
from . import test_roi_xlsx
from . import test_crm_tour
from . import test_gantt
from . import test_gantt_tour
from . import test_gantt_export
