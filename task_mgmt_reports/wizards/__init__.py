from . import crm_lead_plan_tasks
