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
    "depends": ["task_mgmt_advanced", "crm", "sale_project", "hr_timesheet"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "views/menus.xml",
        "views/project_task_gantt_views.xml",
    ],
    "demo": [
        "demo/project_task_gantt_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "task_mgmt_reports/static/src/views/gantt/**/*",
        ],
        "web.assets_tests": [
            "task_mgmt_reports/static/tests/tours/gantt_*.js",
        ],
        "web.assets_unit_tests": [
            "task_mgmt_reports/static/tests/gantt_*.test.js",
        ],
    },
}
