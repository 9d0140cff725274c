# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Task Management Advanced",
    "summary": "RACI roles, typed dependencies with a working-calendar scheduler and critical path, "
               "Eisenhower priorities with rules, multi-level approvals and task acceptance",
    "version": "18.0.1.0.0",
    "category": "Services/Project",
    "website": "https://github.com/task-mgmt/task_mgmt",
    "author": "task_mgmt",
    "license": "LGPL-3",
    "depends": ["project", "hr", "mail", "resource"],
    "data": [
        "security/task_mgmt_advanced_security.xml",
        "security/ir.model.access.csv",
        "data/schedule_data.xml",
        "views/project_task_dependency_views.xml",
        "views/project_task_views.xml",
        "views/project_project_views.xml",
        "security/approval_security.xml",
        "data/approval_data.xml",
        "views/project_task_approval_rule_views.xml",
        "views/project_task_approval_request_views.xml",
        "views/project_task_approval_step_views.xml",
        "views/project_task_approval_decision_views.xml",
        "views/project_task_approval_task_views.xml",
        "views/project_task_approval_project_views.xml",
        "wizards/project_task_approval_wizard_views.xml",
        "wizards/project_task_force_move_views.xml",
        "data/raci_data.xml",
        "views/project_task_raci_views.xml",
        "views/project_project_raci_views.xml",
        "report/project_task_raci_line_views.xml",
        "data/priority_rule_data.xml",
        "views/project_task_priority_rule_views.xml",
        "views/project_task_priority_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/project_task_dependency_demo.xml",
        "demo/approval_demo.xml",
        "demo/raci_demo.xml",
        "demo/priority_demo.xml",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "assets": {
        "web.assets_backend": [
            "task_mgmt_advanced/static/src/raci_matrix/*",
        ],
        "web.assets_tests": [
            "task_mgmt_advanced/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    # same priority keys ('2') with another meaning: cannot be installed together
    "excludes": ["project_task_add_very_high"],
}
