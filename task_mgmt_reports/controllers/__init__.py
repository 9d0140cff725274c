from . import roi_xlsx
from . import gantt_export
from . import load_xlsx
from . import kpi_xlsx
