from . import project_task_dependency
from . import project_task
from . import project_project
from . import resource_calendar
