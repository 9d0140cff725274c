from . import project_task_raci_line
