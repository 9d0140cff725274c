from . import crm_lead_report_roi
