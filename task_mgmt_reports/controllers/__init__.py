from . import roi_xlsx
from . import gantt_export
