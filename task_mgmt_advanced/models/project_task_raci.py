# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date, format_datetime, format_list

from odoo.addons.project.models.project_task import CLOSED_STATES

# task writes that can change a RACI role or trigger a RACI notification
RACI_TRIGGERS = {"accountable_id", "consulted_user_ids", "informed_partner_ids", "user_ids", "stage_id", "state"}
# what Informed people follow: stage and state changes (Odoo's own subtypes) and RACI progress
# (completion, consultation, handover); Odoo's "Task Done" is left out, the RACI completion
# message says it (with who accepts the task)
INFORMED_SUBTYPES = (
    "project.mt_task_stage",
    "project.mt_task_changes_requested",
    "project.mt_task_approved",
    "project.mt_task_canceled",
    "task_mgmt_advanced.mt_task_raci_progress",
)
PROGRESS_SUBTYPE = "task_mgmt_advanced.mt_task_raci_progress"
ACTIVITY_CONSULTATION = "task_mgmt_advanced.mail_activity_type_raci_consultation"
ACTIVITY_ACCEPTANCE = "task_mgmt_advanced.mail_activity_type_acceptance"
ACTIVITY_HANDOVER = "task_mgmt_advanced.mail_activity_type_raci_handover"


class ProjectTask(models.Model):
    # one file per capability (RACI), as the conventions ask
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    accountable_id = fields.Many2one(
        "res.users", compute="_compute_accountable_id", store=True, readonly=False,
        precompute=True, index=True, tracking=True, domain=[("share", "=", False)], groups="base.group_user",
        help="The one person who answers for the task and accepts it once done (the 'A' of RACI). "
        "A new task takes its parent task's Accountable, else the project manager. Required once the "
        "task leaves the first stage of its project. Only project managers and the current Accountable "
        "can change it.",
    )
    consulted_user_ids = fields.Many2many(
        "res.users", "project_task_raci_consulted_rel", "task_id", "user_id", string="Consulted",
        compute="_compute_consulted_user_ids", store=True, readonly=False, precompute=True,
        domain=[("share", "=", False)], groups="base.group_user",
        help="People whose opinion is sought (the 'C' of RACI). They get a Consultation activity when the "
        "task reaches one of the consultation stages of its project.",
    )
    informed_partner_ids = fields.Many2many(
        "res.partner", "project_task_raci_informed_rel", "task_id", "partner_id", string="Informed",
        compute="_compute_informed_partner_ids", store=True, readonly=False, precompute=True,
        groups="base.group_user",
        help="People kept up to date (the 'I' of RACI), users or contacts. They follow the task and are "
        "notified of its stage changes, completion, consultations and handovers.",
    )
    raci_follower_partner_ids = fields.Many2many(
        "res.partner", "project_task_raci_follower_rel", "task_id", "partner_id",
        string="Followers Added by RACI", copy=False, readonly=True, groups="base.group_user",
        help="Informed people who were not following the task when they were added: they stop following "
        "when they are no longer Informed.",
    )
    raci_issue = fields.Selection(
        [("no_accountable", "No Accountable"), ("no_responsible", "No Responsible"),
         ("no_accountable_responsible", "No Accountable nor Responsible")],
        string="RACI Issue", compute="_compute_raci_issue", store=True, index="btree_not_null",
        groups="base.group_user",
        help="An open task of a project without an Accountable or without a Responsible (assignee).",
    )
    raci_accountable_required = fields.Boolean(
        compute="_compute_raci_accountable_required", string="Accountable Required", groups="base.group_user",
    )
    raci_can_edit_accountable = fields.Boolean(
        compute="_compute_raci_can_edit_accountable", string="Can Change the Accountable", groups="base.group_user",
    )

    # ------------------------------------------------------------------ constraints

    @api.constrains("stage_id", "accountable_id", "project_id")
    def _check_accountable_required(self):
        if not self.env.registry.ready:
            # modules' data files being loaded (other apps' demo data moves tasks of projects without
            # a manager); the RACI Issue check lists such tasks. Every other writer, the superuser
            # included, gets the rule.
            return
        # sudo: RACI fields are for internal users, the rule also holds for portal users moving tasks
        missing = self.sudo().filtered(
            lambda t: t.project_id.raci_require_accountable and t.stage_id and not t.accountable_id)
        if not missing:
            return
        first_stages = missing._task_mgmt_first_stages()
        for task in missing:
            first = first_stages.get(task.project_id.id)
            if task.stage_id != first:
                raise ValidationError(self.env._(
                    "Task '%(task)s' needs an Accountable to be in stage '%(stage)s': only tasks in the "
                    "first stage ('%(first)s') of project '%(project)s' can have none.",
                    task=task.display_name, stage=task.stage_id.display_name,
                    first=first.display_name or "", project=task.project_id.display_name,
                ))

    @api.constrains("accountable_id", "consulted_user_ids", "informed_partner_ids")
    def _check_raci_roles(self):
        for task in self.sudo():  # sudo: see _check_accountable_required
            accountable = task.accountable_id
            if accountable.share:
                raise ValidationError(self.env._(
                    "Task '%(task)s': the Accountable (%(user)s) must be an internal user.",
                    task=task.display_name, user=accountable.name,
                ))
            external = task.consulted_user_ids.filtered("share")
            if external:
                raise ValidationError(self.env._(
                    "Task '%(task)s': Consulted people must be internal users (%(users)s are not); "
                    "add them as Informed instead.",
                    task=task.display_name, users=format_list(self.env, external.mapped("name")),
                ))
            if accountable and accountable in task.consulted_user_ids:
                raise ValidationError(self.env._(
                    "Task '%(task)s': %(user)s cannot be both Accountable and Consulted.",
                    task=task.display_name, user=accountable.name,
                ))
            if accountable and accountable.partner_id in task.informed_partner_ids:
                raise ValidationError(self.env._(
                    "Task '%(task)s': %(user)s cannot be both Accountable and Informed.",
                    task=task.display_name, user=accountable.name,
                ))

    # ------------------------------------------------------------------ computes

    def _raci_default_accountable(self):
        """The Accountable a new task starts with: its parent task's, else the project manager."""
        self.ensure_one()
        user = self.parent_id.accountable_id or self.project_id.user_id
        return user if not user.share else self.env["res.users"]

    def _raci_default_consulted_informed(self):
        """(consulted users, informed partners) a new task starts with: its parent task's when the
        project says so, else the project's defaults; never its own Accountable."""
        self.ensure_one()
        project = self.project_id
        if self.parent_id and project.raci_subtasks_inherit_ci:
            consulted, informed = self.parent_id.consulted_user_ids, self.parent_id.informed_partner_ids
        else:
            consulted, informed = project.default_consulted_user_ids, project.default_informed_partner_ids
        return consulted - self.accountable_id, informed - self.accountable_id.partner_id

    @api.depends("project_id", "parent_id")
    def _compute_accountable_id(self):
        for task in self:
            if (task._origin and task.accountable_id) or not task.project_id:
                # an existing task keeps its Accountable when it moves to another project or parent
                task.accountable_id = task.accountable_id
            else:
                # a new task (also in a form, while its project or parent is chosen), or one without any
                task.accountable_id = task._raci_default_accountable()

    @api.depends("project_id", "parent_id")
    def _compute_consulted_user_ids(self):
        for task in self:
            if task._origin or not task.project_id:
                # only a new task takes the defaults; an existing task keeps its Consulted
                task.consulted_user_ids = task.consulted_user_ids
            else:
                task.consulted_user_ids = task._raci_default_consulted_informed()[0]

    @api.depends("project_id", "parent_id")
    def _compute_informed_partner_ids(self):
        for task in self:
            if task._origin or not task.project_id:
                task.informed_partner_ids = task.informed_partner_ids
            else:
                task.informed_partner_ids = task._raci_default_consulted_informed()[1]

    @api.depends("project_id", "accountable_id", "user_ids", "state")
    def _compute_raci_issue(self):
        for task in self:
            if not task.project_id or task.state in CLOSED_STATES:
                task.raci_issue = False
            elif not task.accountable_id:
                task.raci_issue = "no_accountable_responsible" if not task.user_ids else "no_accountable"
            else:
                task.raci_issue = "no_responsible" if not task.user_ids else False

    @api.depends("project_id.raci_require_accountable", "stage_id")
    def _compute_raci_accountable_required(self):
        first_stages = self.filtered("project_id")._task_mgmt_first_stages()
        for task in self:
            task.raci_accountable_required = bool(
                task.project_id.raci_require_accountable and task.stage_id
                and task.stage_id != first_stages.get(task.project_id.id)
            )

    @api.depends("accountable_id")
    @api.depends_context("uid")
    def _compute_raci_can_edit_accountable(self):
        manager = self._raci_user_manages_accountable()
        for task in self:
            task.raci_can_edit_accountable = manager or (
                bool(task._origin) and task._origin.accountable_id == self.env.user
            )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        explicit = self.browse([
            task.id for task, vals in zip(tasks, vals_list, strict=True) if "accountable_id" in vals
        ])
        explicit._raci_check_accountable_at_creation()
        # sudo: following, activities and messages are consequences of a creation the user was allowed to make
        raci_tasks = tasks.sudo().filtered("project_id")
        if raci_tasks:
            raci_tasks.filtered("informed_partner_ids")._raci_sync_informed_followers({})
            raci_tasks._raci_notify(consultation=raci_tasks)
        return tasks

    def write(self, vals):
        if not RACI_TRIGGERS & set(vals):
            return super().write(vals)
        if "accountable_id" in vals:
            self._raci_check_accountable_change(vals["accountable_id"])
        before = self._raci_snapshot()
        result = super().write(vals)
        self._raci_after_write(vals, before)
        return result

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not self._raci_user_manages_accountable():
            # a copy made by someone who may not choose the Accountable starts with its project's RACI defaults
            for vals in vals_list:
                for fname in ("accountable_id", "consulted_user_ids", "informed_partner_ids"):
                    if fname not in (default or {}):
                        vals.pop(fname, None)
        return vals_list

    def _message_auto_subscribe_followers(self, updated_values, default_subtype_ids):
        """The Accountable follows the task, like the assignees (no "assigned to you" email: the
        Handover activity tells them)."""
        followers = super()._message_auto_subscribe_followers(updated_values, default_subtype_ids)
        if updated_values.get("accountable_id"):
            # sudo: the Accountable may be a user the writer cannot read (another company)
            user = self.env["res.users"].sudo().browse(updated_values["accountable_id"])
            if user.active and user.partner_id:
                followers.append((user.partner_id.id, default_subtype_ids, False))
        return followers

    # ------------------------------------------------------------------ access

    def _raci_user_manages_accountable(self):
        return self.env.su or self.env.user.has_group("project.group_project_manager")

    def _raci_check_accountable_at_creation(self):
        """A task created by someone who is not a project manager keeps the default Accountable."""
        if not self or self._raci_user_manages_accountable():
            return
        for task in self.sudo():  # sudo: RACI fields are for internal users only
            default = task._raci_default_accountable()
            if task.accountable_id != default:
                raise AccessError(self.env._(
                    "Only a project manager can make %(user)s the Accountable of the new task '%(task)s' "
                    "(its default Accountable is %(default)s).",
                    user=task.accountable_id.name or self.env._("nobody"), task=task.display_name,
                    default=default.name or self.env._("nobody"),
                ))

    def _raci_check_accountable_change(self, value):
        """Only project managers and the current Accountable can change the Accountable."""
        if self._raci_user_manages_accountable():
            return
        new_id = self._fields["accountable_id"].convert_to_cache(value, self) or False
        for task in self.sudo():  # sudo: a portal user gets the same refusal
            if task.accountable_id.id != new_id and task.accountable_id != self.env.user:
                if task.accountable_id:
                    message = self.env._(
                        "Only a project manager or the current Accountable (%(user)s) can change the "
                        "Accountable of task '%(task)s'.", user=task.accountable_id.name, task=task.display_name,
                    )
                else:
                    message = self.env._(
                        "Only a project manager can set the Accountable of task '%(task)s'.", task=task.display_name,
                    )
                raise AccessError(message)

    # ------------------------------------------------------------------ notifications

    def _raci_snapshot(self):
        """{task id: (accountable, assignees, stage, state, informed)} before a write (read in batch)."""
        return {
            task.id: (task.accountable_id, task.user_ids, task.stage_id, task.state, task.informed_partner_ids)
            for task in self.sudo()  # sudo: portal users change stages and states through project sharing
        }

    def _raci_after_write(self, vals, before):
        # sudo: following, activities and messages are consequences of a change the user was allowed to make
        tasks = self.sudo().filtered(lambda t: t.project_id and t.id in before)
        if not tasks:
            return
        informed_before = {tid: snap[4] for tid, snap in before.items()}
        if "informed_partner_ids" in vals:
            tasks._raci_sync_informed_followers(informed_before)
        handovers = []
        for task in tasks:
            accountable, users, _stage, _state, _informed = before[task.id]
            if "accountable_id" in vals and accountable and task.accountable_id and task.accountable_id != accountable:
                handovers.append((task, "accountable", accountable, task.accountable_id))
            new_users = task.user_ids - users
            if "user_ids" in vals and users and new_users:
                handovers.append((task, "responsible", users - task.user_ids or users, new_users))
        consultation = tasks.filtered(lambda t: "stage_id" in vals and t.stage_id != before[t.id][2])
        done = tasks.filtered(lambda t: t.state == "1_done" and before[t.id][3] != "1_done")
        reopened = tasks.filtered(lambda t: t.state != "1_done" and before[t.id][3] == "1_done")
        if reopened:
            reopened._raci_activities(ACTIVITY_ACCEPTANCE).unlink()
        tasks._raci_notify(consultation=consultation, done=done, handovers=handovers)

    def _raci_sync_informed_followers(self, informed_before):
        """Informed people follow the task with the RACI subtypes. The ones RACI made followers (they
        were not following before) stop following when they are no longer Informed, unless they are
        assignee or Accountable. ``informed_before``: {task id: partners} before the change."""
        Partner = self.env["res.partner"]
        subtype_ids = [sid for sid in (self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
                                       for xmlid in INFORMED_SUBTYPES) if sid]
        following = defaultdict(set)
        # sudo: followers are mail's technical records
        for follower in self.env["mail.followers"].sudo().search_fetch(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id", "partner_id"],
        ):
            following[follower.res_id].add(follower.partner_id.id)
        # tasks grouped by the partners to act on, to subscribe / record / unsubscribe in batches
        subscribe, extend, record, unrecord, unsubscribe = (defaultdict(list) for _i in range(5))
        for task in self:
            added = task.informed_partner_ids - informed_before.get(task.id, Partner)
            removed = informed_before.get(task.id, Partner) - task.informed_partner_ids
            new_followers = frozenset(p.id for p in added if p.id not in following[task.id])
            if new_followers:
                subscribe[new_followers].append(task.id)
                record[new_followers].append(task.id)
            if added.ids and set(added.ids) - new_followers:
                extend[frozenset(added.ids) - new_followers].append(task.id)
            raci_added = removed & task.raci_follower_partner_ids
            if raci_added:
                unrecord[frozenset(raci_added.ids)].append(task.id)
                keep = task.user_ids.partner_id | task.accountable_id.partner_id
                if raci_added - keep:
                    unsubscribe[frozenset((raci_added - keep).ids)].append(task.id)
        for partner_ids, task_ids in subscribe.items():
            self.browse(task_ids).message_subscribe(partner_ids=list(partner_ids), subtype_ids=subtype_ids)
        for partner_ids, task_ids in extend.items():
            # people already following keep their subtypes and get the RACI ones on top
            self.env["mail.followers"]._insert_followers(
                self._name, task_ids, list(partner_ids), subtypes=dict.fromkeys(partner_ids, subtype_ids),
                existing_policy="update",
            )
        for partner_ids, task_ids in unsubscribe.items():
            self.browse(task_ids).message_unsubscribe(partner_ids=list(partner_ids))
        for partner_ids, task_ids in record.items():
            self.browse(task_ids).write({"raci_follower_partner_ids": [Command.link(pid) for pid in partner_ids]})
        for partner_ids, task_ids in unrecord.items():
            self.browse(task_ids).write({"raci_follower_partner_ids": [Command.unlink(pid) for pid in partner_ids]})

    def _raci_activities(self, xmlid):
        """The open activities of the given RACI type on these tasks."""
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
        if not activity_type_id or not self:
            return self.env["mail.activity"]
        # sudo: RACI activities of other people on these tasks
        return self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("activity_type_id", "=", activity_type_id)]
        )

    def _raci_notify(self, consultation=None, done=None, handovers=()):
        """Schedule the RACI activities (in one batch) and post the RACI progress messages.
        ``consultation``: tasks that reached a new stage (those in a consultation stage of their
        project ask their Consulted); ``done``: tasks that were just completed (their Accountable
        accepts them); ``handovers``: (task, role, previous holders, newcomers). Nobody gets an
        activity for a change they made themselves."""
        me = self.env.user
        todo, messages = [], defaultdict(list)
        for task, role, previous, newcomers in handovers:
            note = task._raci_handover_note(self._raci_role_label(role), previous)
            todo += [(ACTIVITY_HANDOVER, task, user, note) for user in newcomers if user != me]
            messages[task].append({"code": "raci_handover", "role": role, "previous": previous.mapped("name"),
                                   "newcomers": newcomers.mapped("name")})
        for task in (consultation or self.browse()).filtered(
                lambda t: t.stage_id and t.stage_id in t.project_id.raci_consultation_stage_ids):
            consulted = task.consulted_user_ids
            todo += [(ACTIVITY_CONSULTATION, task, user, False) for user in consulted if user != me]
            if consulted:
                messages[task].append({"code": "raci_consultation", "stage": task.stage_id.id,
                                       "stage_name": task.stage_id.display_name, "users": consulted.mapped("name")})
        formal_acceptance = "task_acceptance_required" in self.env["project.project"]._fields
        for task in done or self.browse():
            accountable = task.accountable_id
            if formal_acceptance and task.project_id.task_acceptance_required:
                # the project's acceptance workflow (approvals) asks its reviewer, by default the Accountable
                messages[task].append({"code": "raci_done", "by": "reviewer"})
            elif accountable and accountable != me:
                todo.append((ACTIVITY_ACCEPTANCE, task, accountable, False))
                messages[task].append({"code": "raci_done", "by": "accountable", "user": accountable.name})
            elif accountable:
                messages[task].append({"code": "raci_done", "by": "self", "user": accountable.name})
            else:
                messages[task].append({"code": "raci_done", "by": None})
        self._raci_schedule(todo)
        # the progress messages are for the people following RACI progress (the Informed): posted
        # (one per task, as each notifies its own followers) only on the tasks that have some
        progress = self.env.ref(PROGRESS_SUBTYPE, raise_if_not_found=False)
        if not messages or not progress:
            return
        # sudo: followers are mail's technical records
        audience = set(self.env["mail.followers"].sudo().search_fetch(
            [("res_model", "=", self._name), ("res_id", "in", [task.id for task in messages]),
             ("subtype_ids", "in", progress.ids)], ["res_id"],
        ).mapped("res_id"))
        for task, lines in messages.items():
            if task.id in audience:
                task._task_mgmt_post(lines, subtype_id=progress.id)

    def _raci_schedule(self, todo):
        """Create the activities of ``todo`` [(activity type xmlid, task, user, note)] in one batch,
        skipping the ones the user already has open on the task."""
        if not todo or self.env.context.get("mail_activity_automation_skip"):
            return
        types = {xmlid: self.env.ref(xmlid, raise_if_not_found=False) for xmlid in {t[0] for t in todo}}
        tasks = self.browse({t[1].id for t in todo})
        existing = {
            (act.activity_type_id.id, act.res_id, act.user_id.id)
            # sudo: the activities other people already have on these tasks
            for act in self.env["mail.activity"].sudo().search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", tasks.ids),
                 ("activity_type_id", "in", [t.id for t in types.values() if t])],
                ["activity_type_id", "res_id", "user_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for xmlid, task, user, note in todo:
            activity_type = types[xmlid]
            if not activity_type or (activity_type.id, task.id, user.id) in existing:
                continue
            existing.add((activity_type.id, task.id, user.id))
            vals_list.append({
                "res_model_id": model_id,
                "res_id": task.id,
                "activity_type_id": activity_type.id,
                "summary": activity_type.summary,
                "note": note or activity_type.default_note,
                "user_id": user.id,
                "date_deadline": activity_type._get_date_deadline(),
                "automated": True,
            })
        if vals_list:
            # sudo: the activities follow from a change the user was allowed to make on these tasks
            self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _raci_role_label(self, role):
        """A handed-over role's name in this environment's language."""
        return self.env._("Accountable") if role == "accountable" else self.env._("Responsible")

    @api.model
    def _task_mgmt_render_log_line(self, line, names):
        """The RACI progress notes logged as data, in this environment's language."""
        code = line["code"]
        if code == "raci_handover":
            return self.env._(
                "%(role)s handed over by %(previous)s to %(newcomers)s.", role=self._raci_role_label(line["role"]),
                previous=format_list(self.env, line["previous"]), newcomers=format_list(self.env, line["newcomers"]))
        if code == "raci_consultation":
            return self.env._(
                "Stage '%(stage)s' is a consultation point: %(users)s are consulted.",
                stage=names.get(("stage", line["stage"]), line["stage_name"]),
                users=format_list(self.env, line["users"]))
        if code == "raci_done":
            if line["by"] == "reviewer":
                return self.env._("Task done, awaiting acceptance.")
            if line["by"] == "accountable":
                return self.env._("Task done, awaiting acceptance by %s.", line["user"])
            if line["by"] == "self":
                return self.env._("Task done by its Accountable, %s.", line["user"])
            return self.env._("Task done.")
        return super()._task_mgmt_render_log_line(line, names)

    def _raci_handover_note(self, role, previous):
        """The context a newcomer needs: who handed over, when, the open sub-tasks and activities."""
        self.ensure_one()
        env = self.env
        lines = [Markup("<p>%s</p>") % env._(
            "%(role)s of '%(task)s' handed over by %(previous)s on %(when)s (change made by %(user)s).",
            role=role, task=self.display_name, previous=format_list(env, previous.mapped("name")),
            when=format_datetime(env, fields.Datetime.now()), user=env.user.name,
        )]
        subtasks = self.child_ids.filtered(lambda t: t.state not in CLOSED_STATES)
        lines.append(Markup("<p><b>%s</b></p>") % env._("Open sub-tasks"))
        if subtasks:
            lines.append(Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % env._(
                    "%(task)s (%(stage)s, %(users)s)", task=sub.display_name, stage=sub.stage_id.display_name or "",
                    users=format_list(env, sub.user_ids.mapped("name")) or env._("unassigned"),
                ) for sub in subtasks
            ))
        else:
            lines.append(Markup("<p>%s</p>") % env._("None."))
        activities = self.activity_ids
        lines.append(Markup("<p><b>%s</b></p>") % env._("Open activities"))
        if activities:
            lines.append(Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % env._(
                    "%(type)s: %(summary)s (%(user)s, due %(date)s)", type=act.activity_type_id.name or "",
                    summary=act.summary or "", user=act.user_id.name or "", date=format_date(env, act.date_deadline),
                ) for act in activities
            ))
        else:
            lines.append(Markup("<p>%s</p>") % env._("None."))
        return Markup().join(lines)
