from . import project_task_approval_reject
from . import project_task_approval_delegate
from . import project_task_accept
from . import project_task_force_move
