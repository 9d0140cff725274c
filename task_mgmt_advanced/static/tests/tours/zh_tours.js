/**
 * The task form and My Approvals for a user working in Simplified Chinese: the screens, the
 * suggestion's explanation and the chatter notes logged by the priority rules read in Chinese
 * although an English-speaking user's changes produced them.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("task_mgmt_task_form_zh_tour", {
    steps: () => [
        {
            content: "The chatter note of the priority rule is in Chinese, with the rule's Chinese name",
            trigger: ".o-mail-Message-body:contains(依据规则 '导览：截止临近')",
        },
        {
            content: "The RACI tab is there",
            trigger: ".o_notebook .nav-link[name=raci]",
        },
        {
            content: "Open the Priority tab (优先级)",
            trigger: ".o_notebook .nav-link[name=task_mgmt_priority]:contains(优先级)",
            run: "click",
        },
        {
            content: "The suggestion's explanation is in Chinese",
            trigger: ".o_field_widget[name=priority_explanation]:contains(截止日期还有)",
        },
        {
            content: "The suggestion can be used (采用建议)",
            trigger: "button[name=action_priority_accept_suggestion]:contains(采用建议)",
        },
    ],
});

registry.category("web_tour.tours").add("task_mgmt_approval_zh_tour", {
    steps: () => [
        {
            content: "My Approvals (我的审批) names the move approved and the time left in working hours",
            trigger: ".o_list_view .o_data_row:contains(导览：待审任务):contains(导览待办 → 导览审核):contains(个工作小时)",
        },
        {
            content: "Approve (批准)",
            trigger: ".o_list_view .o_data_row:contains(导览：待审任务) button[name=action_approve]:contains(批准)",
            run: "click",
        },
        {
            content: "The decision is confirmed in Chinese",
            trigger: ".o_notification:contains(任务“导览：待审任务”，级别“组长”)",
        },
    ],
});
