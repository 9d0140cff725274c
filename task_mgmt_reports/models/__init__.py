from . import opportunity_project_task
from . import crm_lead
from . import roi_project_project
from . import ir_ui_view
from . import ir_actions_act_window_view
from . import project_task_gantt
from . import project_project_gantt
from . import task_mgmt_resource_load
