from . import crm_lead_report_roi
from . import project_task_report_kpi
from . import project_task_report_approval
from . import project_task_report_escalation
from . import task_mgmt_report_utilisation
