from . import opportunity_project_task
from . import crm_lead
from . import roi_project_project
