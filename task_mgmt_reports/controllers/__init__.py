from . import roi_xlsx
