# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Task Management Advanced",
    "summary": "Typed task dependencies with a working-calendar scheduler and critical path",
    "version": "18.0.1.0.0",
    "category": "Services/Project",
    "website": "https://github.com/task-mgmt/task_mgmt",
    "author": "task_mgmt",
    "license": "LGPL-3",
    "depends": ["project", "hr", "mail", "resource"],
    "data": [
        "security/task_mgmt_advanced_security.xml",
        "security/ir.model.access.csv",
        "views/project_task_dependency_views.xml",
        "views/project_task_views.xml",
        "views/project_project_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/project_task_dependency_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
}
