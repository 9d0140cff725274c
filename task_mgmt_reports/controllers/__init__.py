from . import gantt_export
