# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL, format_date, format_datetime

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.reminders import BEFORE, DEFAULT_WORK, ESCALATION, OVERDUE, due_reminders
from .project_task_reminder import REMINDER_SUBSCRIBED

# reminders (one task, one person) recorded per call of the scheduled action
REMINDER_BATCH = 2000
# digest emails (one person) written per call
DIGEST_BATCH = 500
# tasks already overdue by more than this many calendar days (plus the escalation delay) when
# reminders start are not chased: a follow-up that late tells nobody anything new
OVERDUE_HORIZON_DAYS = 31
ACTIVITY_TYPE = "task_mgmt_advanced.mail_activity_type_deadline_reminder"
DIGEST_TEMPLATE = "task_mgmt_advanced.reminder_digest_email"
# the columns a reminder row is inserted with (see _task_mgmt_insert)
INSERT_COLUMNS = ("task_id", "milestone_id", "project_id", "company_id", "partner_id", "user_id", "kind",
                  "threshold", "deadline", "day", "email_state")
INSERT_TYPES = ("int4", "int4", "int4", "int4", "int4", "int4", "varchar", "int4", "timestamp", "date", "varchar")


class ProjectTaskReminderLog(models.Model):
    _name = "project.task.reminder.log"
    _description = "Reminder Log"
    _order = "id desc"

    task_id = fields.Many2one("project.task", ondelete="cascade", index=True, readonly=True)
    milestone_id = fields.Many2one("project.milestone", ondelete="cascade", index="btree_not_null",
                                   readonly=True)
    project_id = fields.Many2one("project.project", ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Recipient", required=True, ondelete="cascade",
                                 readonly=True)
    user_id = fields.Many2one("res.users", ondelete="set null", readonly=True)
    kind = fields.Selection(
        [(BEFORE, "Deadline Warning"), (OVERDUE, "Overdue Follow-up"), (ESCALATION, "Escalation"),
         ("milestone", "Milestone Reached")],
        required=True, readonly=True,
    )
    threshold = fields.Integer(
        readonly=True, help="Working days: before the deadline for a warning (0: on the day), after it for "
        "an escalation.",
    )
    deadline = fields.Datetime(readonly=True, help="The task's deadline the reminder was about.")
    day = fields.Date(readonly=True, help="The recipient's day (in their time zone) the reminder was due.")
    email_state = fields.Selection(
        [("pending", "To Send"), ("sent", "Sent"), ("skipped", "Opted Out")],
        string="Email", readonly=True, index=True,
        help="To Send: waits for the day's digest. Opted Out: the person asked for no reminder emails "
        "(the activity remains).",
    )

    _sql_constraints = [
        # what makes the scheduled action idempotent: a reminder row is inserted before anything is sent
        ("task_reminder_unique", "UNIQUE(task_id, kind, threshold, deadline, partner_id)",
         "A task's reminder is sent once per deadline, threshold and person."),
        ("milestone_reminder_unique", "UNIQUE(milestone_id, kind, partner_id)",
         "A milestone is announced once per person."),
        ("one_target", "CHECK((task_id IS NULL) <> (milestone_id IS NULL))",
         "A reminder concerns either a task or a milestone."),
    ]

    @api.depends("task_id", "milestone_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for log in self:
            log.display_name = f"{(log.task_id or log.milestone_id).display_name}: {kinds.get(log.kind, '')}"

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _task_mgmt_cron_reminders(self, batch_size=None, now=None):
        """Scheduled action: the deadline reminders due now, then the day's digest emails, one
        batch per call (``ir.cron._notify_progress``: Odoo commits and calls again while some
        remain).

        A call computes the reminders due (set-based, see ``_task_mgmt_due``), records up to
        ``batch_size`` of them with ``INSERT … ON CONFLICT DO NOTHING RETURNING`` and creates the
        activities of the rows it inserted, in the same transaction: a second run, a run at the
        same time or a run after a crash never warns twice. Once no reminder is left, the calls
        write one digest email per person with all their rows waiting for one.
        Returns the number of reminders or digests handled."""
        now = now or fields.Datetime.now()
        # sudo: the daily run concerns every task and person, whoever the cron's user is
        Log = self.sudo()
        due = Log._task_mgmt_due(now)
        if due:
            batch = due[:batch_size or REMINDER_BATCH]
            Log._task_mgmt_record(batch)
            remaining = len(due) - len(batch) + Log._task_mgmt_pending_count()
            self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
            return len(batch)
        sent = Log._task_mgmt_send_digests(batch_size or DIGEST_BATCH)
        self.env["ir.cron"]._notify_progress(done=sent, remaining=Log._task_mgmt_pending_count() if sent else 0)
        return sent

    def _task_mgmt_pending_count(self):
        """Number of people waiting for a digest."""
        return self.env.execute_query(SQL(
            "SELECT COUNT(DISTINCT partner_id) FROM project_task_reminder_log WHERE email_state = 'pending'"))[0][0]

    def _task_mgmt_due(self, now):
        """The deadline reminders due at ``now`` and not recorded yet, as dicts of the columns
        of ``_task_mgmt_insert`` (plus ``lang`` and ``activity_date``), by task and person.

        A handful of queries whatever the number of tasks: the projects with reminders on, the
        open tasks whose deadline falls in their project's window (from the overdue horizon to
        the warning threshold, a day of margin for time zones), their assignees, the people
        and the rows already recorded.  The days are each person's own: their time zone gives
        their today and the deadline's date; the project's working calendar (with its
        holidays) counts the working days."""
        self.env.flush_all()
        projects = {row["id"]: row for row in self.env.execute_query_dict(SQL(
            """SELECT p.id, COALESCE(p.company_id, %s) AS company_id, p.user_id,
                      p.reminder_before_days, p.reminder_on_the_day, p.reminder_notify_accountable,
                      p.reminder_escalate, p.reminder_escalation_days
                 FROM project_project p
                WHERE p.active AND p.reminder_enabled""",
            self.env.company.id,
        ))}
        if not projects:
            return []
        works = self._task_mgmt_work_calendars({p["company_id"] for p in projects.values()}, now)
        today = now.date()
        windows = {}
        for project in projects.values():
            work, _tz = works[project["company_id"]]
            # the last deadline warned today anywhere on earth: the threshold's working day after
            # tomorrow (UTC), and a day of margin for the time zones ahead of UTC
            high = work.add_working_days(today + timedelta(days=1), project["reminder_before_days"])
            low = today - timedelta(days=OVERDUE_HORIZON_DAYS + 2 * project["reminder_escalation_days"])
            windows[project["id"]] = (datetime.combine(low, time.min),
                                      datetime.combine(high + timedelta(days=2), time.min))
        ids = list(windows)
        tasks = self.env.execute_query_dict(SQL(
            """SELECT t.id, t.project_id, t.date_deadline, t.accountable_id
                 FROM project_task t
                 JOIN unnest(%s::int[], %s::timestamp[], %s::timestamp[], %s::bool[])
                      AS w(project_id, low, high, escalate) ON w.project_id = t.project_id
                WHERE t.active AND t.state NOT IN %s
                  AND t.date_deadline >= w.low AND t.date_deadline < w.high
                  AND NOT EXISTS (
                      SELECT 1 FROM project_task_reminder_log l
                       WHERE l.task_id = t.id AND l.deadline = t.date_deadline
                         AND l.kind = CASE WHEN w.escalate THEN 'escalation' ELSE 'overdue' END)
                ORDER BY t.id""",
            ids, [windows[i][0] for i in ids], [windows[i][1] for i in ids],
            [projects[i]["reminder_escalate"] for i in ids], tuple(CLOSED_STATES),
        ))
        if not tasks:
            return []
        task_ids = [task["id"] for task in tasks]
        assignees = defaultdict(list)
        for task_id, user_id in self.env.execute_query(SQL(
                "SELECT task_id, user_id FROM project_task_user_rel WHERE task_id = ANY(%s) ORDER BY user_id",
                task_ids)):
            assignees[task_id].append(user_id)
        user_ids = {u for users in assignees.values() for u in users}
        user_ids |= {task["accountable_id"] for task in tasks if task["accountable_id"]}
        user_ids |= {p["user_id"] for p in projects.values() if p["user_id"]}
        people = {row["id"]: row for row in self.env.execute_query_dict(SQL(
            """SELECT u.id, u.partner_id, p.tz, COALESCE(p.lang, 'en_US') AS lang,
                      COALESCE(u.task_mgmt_reminder_email_opt_out, false) AS opt_out
                 FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                WHERE u.id = ANY(%s) AND u.active AND NOT u.share""",
            list(user_ids),
        ))}
        done = set(self.env.execute_query(SQL(
            """SELECT l.task_id, l.partner_id, l.kind, l.threshold
                 FROM project_task_reminder_log l JOIN project_task t ON t.id = l.task_id
                WHERE l.task_id = ANY(%s) AND l.deadline = t.date_deadline""",
            task_ids,
        )))
        return self._task_mgmt_due_rows(tasks, projects, works, assignees, people, done, now)

    def _task_mgmt_due_rows(self, tasks, projects, works, assignees, people, done, now):
        """Expand the candidate tasks into (task, person) reminder rows (plain Python, no query)."""
        local_today, local_deadline, due_cache = {}, {}, {}
        rows = []
        for task in tasks:
            project = projects[task["project_id"]]
            work, calendar_tz = works[project["company_id"]]
            settings = (project["reminder_before_days"], project["reminder_on_the_day"],
                        project["reminder_escalation_days"] if project["reminder_escalate"] else None)
            roles = defaultdict(set)
            for user_id in assignees[task["id"]]:
                roles[user_id] |= {BEFORE, OVERDUE}
            if task["accountable_id"]:
                warned = project["reminder_notify_accountable"]
                roles[task["accountable_id"]] |= {BEFORE, OVERDUE} if warned else {OVERDUE}
            if project["user_id"] and settings[2]:
                roles[project["user_id"]].add(ESCALATION)
            for user_id, kinds in sorted(roles.items()):
                person = people.get(user_id)
                if not person:
                    continue  # archived or portal user
                tz = person["tz"] or calendar_tz
                if tz not in local_today:
                    local_today[tz] = _localize(now, tz).date()
                today = local_today[tz]
                key = (task["date_deadline"], tz)
                if key not in local_deadline:
                    local_deadline[key] = _localize(task["date_deadline"], tz).date()
                deadline = local_deadline[key]
                due_key = (id(work), today, deadline, settings)
                if due_key not in due_cache:
                    due_cache[due_key] = due_reminders(work, today, deadline, *settings)
                for kind, threshold in due_cache[due_key]:
                    if kind not in kinds or (task["id"], person["partner_id"], kind, threshold) in done:
                        continue
                    rows.append({
                        "task_id": task["id"], "milestone_id": None, "project_id": project["id"],
                        "company_id": project["company_id"], "partner_id": person["partner_id"],
                        "user_id": user_id, "kind": kind, "threshold": threshold, "deadline": task["date_deadline"],
                        "day": today, "email_state": "skipped" if person["opt_out"] else "pending",
                        "lang": person["lang"], "activity_date": deadline if kind == BEFORE else today,
                    })
        return rows

    def _task_mgmt_work_calendars(self, company_ids, now):
        """{company id: (WorkCalendar of its working calendar over the reminder horizon, its time zone)}."""
        companies = self.env["res.company"].browse(company_ids)
        low = now.date() - timedelta(days=OVERDUE_HORIZON_DAYS + 200)
        high = now.date() + timedelta(days=200)
        works = {}
        for calendar, group in companies.grouped("resource_calendar_id").items():
            if calendar:
                work = (calendar._task_mgmt_work_calendar(low, high), calendar.tz or "UTC")
            else:
                work = (DEFAULT_WORK, "UTC")
            works.update(dict.fromkeys(group.ids, work))
        return works

    # ------------------------------------------------------------------ recording

    def _task_mgmt_insert(self, rows):
        """Insert reminder rows (dicts of INSERT_COLUMNS) skipping those already there (``ON
        CONFLICT DO NOTHING``): a concurrent run waits for the other's commit, then skips.
        Returns the rows inserted, with their ``id``."""
        if not rows:
            return []
        uid, now = self.env.uid, fields.Datetime.now()
        arrays = SQL(", ").join(
            SQL(f"%s::{kind}[]", [row[column] for row in rows])
            for column, kind in zip(INSERT_COLUMNS, INSERT_TYPES, strict=True)
        )
        columns = SQL(", ").join(SQL.identifier(column) for column in INSERT_COLUMNS)
        inserted = self.env.execute_query(SQL(
            """INSERT INTO project_task_reminder_log (%s, create_uid, create_date, write_uid, write_date)
               SELECT %s, %s, %s, %s, %s FROM unnest(%s) AS r(%s)
               ON CONFLICT DO NOTHING
               RETURNING id, task_id, milestone_id, kind, threshold, partner_id""",
            columns, columns, uid, now, uid, now, arrays, columns,
        ))
        ids = {tuple(key): log_id for log_id, *key in inserted}
        result = []
        for row in rows:
            log_id = ids.get((row["task_id"], row["milestone_id"], row["kind"], row["threshold"], row["partner_id"]))
            if log_id:
                result.append(dict(row, id=log_id))
        return result

    def _task_mgmt_record(self, rows):
        """Record these reminder rows and create the activities of the ones inserted now (one
        per task and person: an older reminder activity of the same task and person is
        replaced)."""
        inserted = self._task_mgmt_insert(rows)
        self.invalidate_model()
        if not inserted:
            return
        activity_type = self.env.ref(ACTIVITY_TYPE)
        Activity = self.env["mail.activity"].with_context(mail_activity_quick_update=True, **REMINDER_SUBSCRIBED.on())
        pairs = {(row["task_id"], row["user_id"]) for row in inserted}
        old = Activity.search([
            ("res_model", "=", "project.task"), ("res_id", "in", list({task for task, _user in pairs})),
            ("activity_type_id", "=", activity_type.id), ("user_id", "in", list({user for _task, user in pairs})),
        ])
        old.filtered(lambda activity: (activity.res_id, activity.user_id.id) in pairs).unlink()
        model_id = self.env["ir.model"]._get_id("project.task")
        summaries, latest = {}, {}
        for row in inserted:  # the nearest reminder of a task and person wins (escalation last)
            latest[(row["task_id"], row["user_id"])] = row
        self._task_mgmt_subscribe({(row["task_id"], row["partner_id"]) for row in latest.values()})
        # mail.activity computes each activity's document name (res_name) from its task browsed
        # alone: one read per activity unless the tasks' names are in the cache, read here at once
        self.env["project.task"].browse({row["task_id"] for row in latest.values()}).fetch(["name"])
        vals_list = []
        for row in latest.values():
            key = (row["lang"], row["kind"], row["threshold"])
            if key not in summaries:
                summaries[key] = self.with_context(lang=row["lang"])._task_mgmt_summary(row["kind"], row["threshold"])
            vals_list.append({
                "res_model_id": model_id, "res_id": row["task_id"], "user_id": row["user_id"],
                "activity_type_id": activity_type.id, "summary": summaries[key],
                "date_deadline": row["activity_date"], "automated": True,
            })
        Activity.create(vals_list)

    def _task_mgmt_subscribe(self, pairs):
        """The people follow the tasks they are reminded of (``pairs``: (task id, partner id)),
        with Odoo's default subtypes (a customer's: the external ones), existing followers kept
        as they are -- what ``mail.followers._insert_followers`` does for one person -- in two
        statements for all people (``ON CONFLICT DO NOTHING``: a follower added meanwhile by
        another transaction is kept too), instead of mail.activity's subscription per user and
        project."""
        if not pairs:
            return
        default, _internal, external = self.env["mail.message.subtype"].default_subtypes("project.task")
        partner_ids = list({partner for _task, partner in pairs})
        customers = set(self.env["res.partner"].search(
            [("id", "in", partner_ids), ("partner_share", "=", True)]).ids)
        self.env["mail.followers"].flush_model()
        pairs = sorted(pairs)
        inserted = self.env.execute_query(SQL(
            """INSERT INTO mail_followers (res_model, res_id, partner_id)
               SELECT 'project.task', r.task_id, r.partner_id
                 FROM unnest(%s::int[], %s::int[]) AS r(task_id, partner_id)
               ON CONFLICT DO NOTHING
               RETURNING id, partner_id""",
            [task for task, _partner in pairs], [partner for _task, partner in pairs],
        ))
        subtypes = [(follower_id, subtype_id) for follower_id, partner_id in inserted
                    for subtype_id in (external if partner_id in customers else default).ids]
        if subtypes:
            self.env.execute_query(SQL(
                """INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
                   SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING""",
                [follower for follower, _subtype in subtypes], [subtype for _follower, subtype in subtypes],
            ))
        # as mail.followers.create does: the documents' followers (and what they give access to)
        # are read again
        self.env["mail.followers"].invalidate_model()
        self.env["project.task"].invalidate_model(
            ["message_follower_ids", "message_partner_ids", "message_is_follower"])

    def _task_mgmt_summary(self, kind, threshold):
        """The one-line text of a reminder, in the environment's language."""
        if kind == BEFORE and threshold:
            return self.env._("Deadline in %(days)s working day(s)", days=threshold)
        if kind == BEFORE:
            return self.env._("Deadline today")
        if kind == OVERDUE:
            return self.env._("Overdue: past its deadline")
        return self.env._("Overdue for %(days)s working day(s): escalated to you as project manager", days=threshold)

    # ------------------------------------------------------------------ digests

    def _task_mgmt_send_digests(self, limit):
        """Write one digest email per person for their reminder rows waiting for one (up to
        ``limit`` people), in their language and time zone, and mark the rows sent in the same
        transaction.  The rows are locked (``SKIP LOCKED``): two runs never send one row twice.
        Returns the number of emails written."""
        rows = self.env.execute_query(SQL(
            """SELECT l.id FROM project_task_reminder_log l
                WHERE l.email_state = 'pending' AND l.partner_id IN (
                      SELECT DISTINCT partner_id FROM project_task_reminder_log
                       WHERE email_state = 'pending' ORDER BY partner_id LIMIT %s)
                ORDER BY l.partner_id, l.id FOR UPDATE SKIP LOCKED""",
            limit,
        ))
        if not rows:
            return 0
        logs = self.browse([log_id for (log_id,) in rows])
        logs.fetch(["task_id", "partner_id", "kind", "threshold", "deadline", "day", "company_id"])
        logs.task_id.fetch(["name", "project_id", "date_deadline"])
        for lang in set(logs.partner_id.mapped("lang")):  # the projects' names in each reader's language
            logs.task_id.project_id.with_context(lang=lang or "en_US").fetch(["name"])
        base_url = self.env["ir.config_parameter"].get_param("web.base.url", "")
        mails, texts = [], {}
        for partner, partner_logs in logs.grouped("partner_id").items():
            mails.append(partner_logs.with_context(lang=partner.lang or "en_US")._task_mgmt_digest(
                partner, base_url, texts))
        self.env["mail.mail"].create(mails)
        self.env.cr.execute(SQL(
            "UPDATE project_task_reminder_log SET email_state = 'sent', write_date = %s WHERE id = ANY(%s)",
            fields.Datetime.now(), logs.ids,
        ))
        logs.invalidate_recordset(["email_state"])
        return len(mails)

    def _task_mgmt_digest(self, partner, base_url, texts=None):
        """The mail.mail values of one person's digest (these rows), in the context's language.
        ``texts``: a dict kept from one person to the next, the deadlines and summaries already
        written (by language and time zone): many people share them."""
        tz = partner.tz or "UTC"
        texts = {} if texts is None else texts
        lang = self.env.lang

        def deadline(value):
            key = ("deadline", lang, tz, value)
            if key not in texts:
                texts[key] = format_datetime(self.env, value, tz=tz, dt_format="medium")
            return texts[key]

        def summary(kind, threshold):
            key = ("summary", lang, kind, threshold)
            if key not in texts:
                texts[key] = self._task_mgmt_summary(kind, threshold)
            return texts[key]

        order = {ESCALATION: 0, OVERDUE: 1, BEFORE: 2}
        sections = []
        for kind in sorted({log.kind for log in self}, key=order.get):
            kind_logs = self.filtered(lambda log, kind=kind: log.kind == kind).sorted(
                lambda log: (log.deadline, log.id))
            sections.append({
                "title": self._task_mgmt_section_title(kind),
                "lines": [{
                    "task": log.task_id.name,
                    "project": log.task_id.project_id.name or "",
                    "deadline": deadline(log.deadline),
                    "summary": summary(log.kind, log.threshold),
                    "url": f"{base_url}/odoo/project.task/{log.task_id.id}",
                } for log in kind_logs],
            })
        day = max(self.mapped("day"))
        if ("day", lang, day) not in texts:
            texts["day", lang, day] = format_date(self.env, day)
        day_text = texts["day", lang, day]
        body = self.env["ir.qweb"]._render(DIGEST_TEMPLATE, {
            "greeting": self.env._("Hello %(name)s,", name=partner.name),
            "intro": self.env._("Here are your task reminders for %(day)s (%(count)s task(s)).",
                                day=day_text, count=len(self.task_id)),
            "sections": sections,
        })
        company = self.company_id[:1] or self.env.company
        return {
            "subject": self.env._("Your task reminders for %(day)s (%(count)s task(s))",
                                  day=day_text, count=len(self.task_id)),
            "body_html": body,
            "email_from": company.partner_id.email_formatted or self.env.user.email_formatted,
            "recipient_ids": [fields.Command.link(partner.id)],
            "auto_delete": True,
        }

    def _task_mgmt_section_title(self, kind):
        if kind == ESCALATION:
            return self.env._("Escalated to you (project manager)")
        if kind == OVERDUE:
            return self.env._("Overdue tasks")
        return self.env._("Deadlines coming up")


def _localize(value, tz):
    """A naive UTC datetime in the time zone ``tz`` (UTC when unknown)."""
    try:
        zone = pytz.timezone(tz)
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return pytz.utc.localize(value).astimezone(zone)
