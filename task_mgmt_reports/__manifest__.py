# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Task Management Reports",
    "summary": "Gantt, resource-load and ROI reports over CRM, sales and timesheets",
    "version": "18.0.1.0.0",
    "category": "Services/Project",
    "website": "https://github.com/task-mgmt/task_mgmt",
    "author": "task_mgmt",
    "license": "LGPL-3",
    "depends": ["task_mgmt_advanced", "crm", "sale_project", "hr_timesheet", "sale_crm"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "views/menus.xml",
        "security/crm_security.xml",
        "report/crm_lead_report_roi_views.xml",
        "views/roi_menus.xml",
        "views/crm_lead_views.xml",
        "views/opportunity_project_task_views.xml",
        "wizards/crm_lead_plan_tasks_views.xml",
        "views/roi_project_project_views.xml",
        "views/project_task_gantt_views.xml",
        "views/resource_load_views.xml",
    ],
    "demo": [
        "demo/crm_roi_demo.xml",
        "demo/project_task_gantt_demo.xml",
        "demo/resource_load_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "task_mgmt_reports/static/src/dashboards/roi_dashboard.js",
            "task_mgmt_reports/static/src/dashboards/roi_dashboard.xml",
            "task_mgmt_reports/static/src/views/gantt/**/*",
            "task_mgmt_reports/static/src/load_heatmap/**/*",
        ],
        "web.assets_tests": [
            "task_mgmt_reports/static/tests/tours/crm_roi_tour.js",
            "task_mgmt_reports/static/tests/tours/gantt_*.js",
            "task_mgmt_reports/static/tests/tours/load_*.js",
            "task_mgmt_reports/static/tests/tours/roi_*.js",
        ],
        "web.assets_unit_tests": [
            "task_mgmt_reports/static/tests/gantt_*.test.js",
        ],
    },
}
