# Copyright 2026 task_mgmt
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_date, format_datetime, formatLang

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..engine.digest import digest_week

# people whose digest is written per call of the scheduled action
DIGEST_BATCH = 100
# tasks listed per project and section (the count says how many there are)
DIGEST_LINES = 10
DIGEST_TEMPLATE = "task_mgmt_reports.project_weekly_digest_email"


class ProjectDigestLog(models.Model):
    _name = "project.digest.log"
    _description = "Weekly Project Digest Log"
    _order = "week desc, id desc"
    _rec_name = "week"

    user_id = fields.Many2one("res.users", string="Recipient", required=True, ondelete="cascade", readonly=True)
    partner_id = fields.Many2one("res.partner", ondelete="cascade", readonly=True)
    week = fields.Date(required=True, readonly=True, help="The Monday the digest was sent for (it reports on the "
                       "seven days before).")
    project_count = fields.Integer(string="Projects", readonly=True)

    _sql_constraints = [
        # what makes the scheduled action idempotent: the row is inserted in the transaction of the mail
        ("user_week_unique", "UNIQUE(user_id, week)", "A person gets one weekly digest per week."),
    ]

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_send_digests(self, batch_size=None, now=None):
        """Scheduled action (hourly): the weekly digest of every person due one — from Monday 07:00
        in their time zone — ``batch_size`` people per call (``ir.cron._notify_progress``: Odoo
        commits and calls again while some remain). A call inserts the people's log rows with
        ``ON CONFLICT DO NOTHING RETURNING`` and writes the emails of the rows it inserted, in the
        same transaction: a second run, a run at the same time (it waits for the other's commit,
        then skips) or a run after a crash (the crashed batch rolled back whole) never sends two
        digests for the same person and week. Returns the number of digests written."""
        now = now or fields.Datetime.now()
        # sudo: the run concerns every project with a digest and its people, whoever the cron's user is
        Log = self.sudo()
        due = Log._digest_due(now)
        batch = due[:batch_size or DIGEST_BATCH]
        inserted = Log._digest_insert(batch)
        if inserted:
            Log._digest_send(inserted, now)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))
        return len(inserted)

    def _digest_due(self, now):
        """The people due a digest at ``now``, as dicts (user, partner, language, time zone, week,
        project ids), by user id. One query: the manager and the Accountables of the open tasks of
        the active projects with the digest on, each with the projects they may read (the
        project's company among theirs; a followers-only project when they manage or follow it),
        and the last week they got a digest for."""
        self.env.flush_all()
        rows = self.env.execute_query_dict(SQL(
            """WITH projects AS (
                   SELECT id, user_id, company_id, privacy_visibility FROM project_project
                    WHERE active AND digest_enabled),
               people AS (
                   SELECT p.id AS project_id, p.user_id FROM projects p WHERE p.user_id IS NOT NULL
                   UNION
                   SELECT t.project_id, t.accountable_id FROM project_task t JOIN projects p ON p.id = t.project_id
                    WHERE t.active AND t.accountable_id IS NOT NULL AND t.state NOT IN %s)
               SELECT u.id AS user_id, u.partner_id, rp.tz, COALESCE(rp.lang, 'en_US') AS lang,
                      array_agg(pe.project_id ORDER BY pe.project_id) AS project_ids,
                      (SELECT MAX(l.week) FROM project_digest_log l WHERE l.user_id = u.id) AS last_week
                 FROM people pe
                 JOIN projects p ON p.id = pe.project_id
                 JOIN res_users u ON u.id = pe.user_id
                 JOIN res_partner rp ON rp.id = u.partner_id
                WHERE u.active AND NOT u.share
                  AND (p.company_id IS NULL OR EXISTS (
                       SELECT 1 FROM res_company_users_rel r WHERE r.user_id = u.id AND r.cid = p.company_id))
                  AND (p.privacy_visibility != 'followers' OR p.user_id = u.id OR EXISTS (
                       SELECT 1 FROM mail_followers f WHERE f.res_model = 'project.project' AND f.res_id = p.id
                          AND f.partner_id = u.partner_id))
                GROUP BY u.id, rp.tz, rp.lang
                ORDER BY u.id""",
            tuple(CLOSED_STATES)))
        due = []
        for row in rows:
            week = digest_week(now, row["tz"])
            if week and (row["last_week"] is None or row["last_week"] < week):
                due.append(dict(row, week=week))
        return due

    def _digest_insert(self, people):
        """Insert the log rows of ``people`` (dicts of ``_digest_due``) skipping the ones already
        there; returns the people whose row was inserted now."""
        if not people:
            return []
        uid, now = self.env.uid, fields.Datetime.now()
        inserted = {user_id for (user_id,) in self.env.execute_query(SQL(
            """INSERT INTO project_digest_log (user_id, partner_id, week, project_count,
                                               create_uid, create_date, write_uid, write_date)
               SELECT r.user_id, r.partner_id, r.week, r.project_count, %s, %s, %s, %s
                 FROM unnest(%s::int[], %s::int[], %s::date[], %s::int[]) AS r(user_id, partner_id, week, project_count)
               ON CONFLICT (user_id, week) DO NOTHING
               RETURNING user_id""",
            uid, now, uid, now, [p["user_id"] for p in people], [p["partner_id"] for p in people],
            [p["week"] for p in people], [len(p["project_ids"]) for p in people]))}
        self.invalidate_model()
        return [person for person in people if person["user_id"] in inserted]

    # ------------------------------------------------------------------ content

    def _digest_send(self, people, now):
        """Write one email per person (their projects in one digest), the data read for the whole
        batch: the KPIs of each week concerned by one ``_read_group``, the slipped and overdue tasks
        and the pending approvals by one search each."""
        project_ids = sorted({pid for person in people for pid in person["project_ids"]})
        projects = self.env["project.project"].browse(project_ids)
        projects.fetch(["name", "company_id"])
        Report = self.env["project.task.report.kpi"]
        kpis = {}
        for week in {person["week"] for person in people}:
            kpis[week] = {row["group"][0]: row["kpis"] for row in Report.get_kpis(
                "week", week - timedelta(days=7), week - timedelta(days=1), groupby="project_id",
                project_ids=project_ids) if row["group"]}
        Task = self.env["project.task"]
        open_domain = [("project_id", "in", project_ids), ("state", "not in", list(CLOSED_STATES))]
        slipped = Task.search(open_domain + [("baseline_slipped", "=", True)], order="planned_end_date desc, id")
        overdue = Task.search(open_domain + [("date_deadline", "<", now)], order="date_deadline, id")
        approvals = self.env["project.task.approval.request"].search(
            [("project_id", "in", project_ids), ("state", "=", "pending")], order="request_date, id")
        by_project = {key: defaultdict(list) for key in ("slipped", "overdue", "approvals")}
        for key, records in (("slipped", slipped), ("overdue", overdue), ("approvals", approvals)):
            for record in records:
                by_project[key][record.project_id.id].append(record)
        base_url = self.env["ir.config_parameter"].get_param("web.base.url", "")
        mails = [self.with_context(lang=person["lang"])._digest_mail(
            person, projects.browse(person["project_ids"]), kpis[person["week"]], by_project, base_url)
            for person in people]
        self.env["mail.mail"].create(mails)

    def _digest_kpi_lines(self, rates):
        """(label, formatted value) of the KPIs of the digest, in the context's language."""
        rates = dict(rates or {})
        rates["throughput"] = rates.get("throughput") or 0  # no task done: 0, not "no data"

        def fmt(key, digits, suffix=""):
            value = rates.get(key)
            return "–" if value is None else formatLang(self.env, value, digits=digits) + suffix

        return [
            (self.env._("Planned completion"), fmt("planned_completion_rate", 1, " %")),
            (self.env._("On time"), fmt("on_time_rate", 1, " %")),
            (self.env._("Tasks done"), fmt("throughput", 0)),
            (self.env._("Cycle time (days)"), fmt("cycle_time", 1)),
            (self.env._("Hours / estimate"), fmt("estimate_deviation", 2)),
        ]

    def _digest_mail(self, person, projects, kpis, by_project, base_url):
        """The mail.mail values of one person's digest, in the context's language and the person's
        time zone."""
        tz = person["tz"] or "UTC"
        week = person["week"]

        def url(record):
            return f"{base_url}/odoo/{record._name}/{record.id}"

        sections = []
        for project in projects.sorted("name"):
            slipped = by_project["slipped"][project.id]
            overdue = by_project["overdue"][project.id]
            approvals = by_project["approvals"][project.id]
            sections.append({
                "name": project.name, "url": url(project),
                "kpis": self._digest_kpi_lines(kpis.get(project.id)),
                "slipped": [{"name": task.name, "url": url(task),
                             "detail": self.env._("%(days)s working day(s) late, planned end %(date)s",
                                                  days=task.baseline_finish_slip,
                                                  date=format_date(self.env, task.planned_end_date))}
                            for task in slipped[:DIGEST_LINES]],
                "slipped_more": max(len(slipped) - DIGEST_LINES, 0),
                "overdue": [{"name": task.name, "url": url(task),
                             "detail": self.env._("deadline %(date)s", date=format_datetime(
                                 self.env, task.date_deadline, tz=tz, dt_format="medium"))}
                            for task in overdue[:DIGEST_LINES]],
                "overdue_more": max(len(overdue) - DIGEST_LINES, 0),
                "approvals": [{"name": request.task_id.name, "url": url(request.task_id),
                               "detail": self.env._("waiting since %(date)s, approvers: %(who)s", date=format_datetime(
                                   self.env, request.request_date, tz=tz, dt_format="medium"),
                                   who=", ".join(request.current_approver_ids.mapped("name")) or "–")}
                              for request in approvals[:DIGEST_LINES]],
                "approvals_more": max(len(approvals) - DIGEST_LINES, 0),
            })
        start, end = week - timedelta(days=7), week - timedelta(days=1)
        partner = self.env["res.partner"].browse(person["partner_id"])
        body = self.env["ir.qweb"]._render(DIGEST_TEMPLATE, {
            "greeting": self.env._("Hello %(name)s,", name=partner.name),
            "intro": self.env._("Your projects' week from %(start)s to %(end)s:",
                                start=format_date(self.env, start), end=format_date(self.env, end)),
            "sections": sections,
            "more": lambda count: self.env._("and %(count)s more", count=count),
        })
        company = projects.company_id[:1] or self.env.company
        return {
            "subject": self.env._("Weekly digest: %(count)s project(s), week of %(date)s",
                                  count=len(projects), date=format_date(self.env, start)),
            "body_html": body,
            "email_from": company.partner_id.email_formatted or self.env.user.email_formatted,
            "recipient_ids": [fields.Command.link(partner.id)],
            "auto_delete": True,
        }
