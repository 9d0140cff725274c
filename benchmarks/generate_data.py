#!/usr/bin/env python3
"""Fill a benchmark database with a realistic, reproducible dataset, through the ORM.

    python3 benchmarks/generate_data.py [--database tm_bench] [--tasks 100000] [--seed 42]
                                        [--batch 2000] [--workers 2] [--force] [sizes...]

The database is prepared by ``_env.bench_database`` (created with both addons if missing). Every
record is created through the ORM (``Model.create(list_of_vals)`` per batch, a commit per batch),
with the mail contexts that bulk imports use; only reads go through SQL.

The whole dataset is planned first, from ``random.Random(seed)``: the same seed gives the same
data. People, projects, CRM and sales are then created by this process; tasks, their
dependencies and their timesheets are created by ``--workers`` processes, each for its own
projects (with more than one worker, record ids interleave differently from run to run; the
data is the same). A database that already holds generated data is refused unless ``--force``.
"""

import argparse
import json
import math
import os
import pickle
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _env import DEFAULT_DATABASE, LOCAL, bench_database, odoo_env, print_table

MARKER = "task_mgmt.bench_seed"
RUNS_PARAM = "task_mgmt.bench_runs"
BULK_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
}
TODAY = date.today()
ELAPSED_FIELDS = ("working_hours_open", "working_hours_close", "working_days_open", "working_days_close")

# ---------------------------------------------------------------------------------------------
# Word lists (English and Chinese: Chinese-speaking users are a first audience)
# ---------------------------------------------------------------------------------------------
WESTERN_FIRST = [
    "Alice", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Isabel", "Jack", "Laura",
    "Marc", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Samuel", "Tara", "Victor", "Wendy", "Yann",
    "Anna", "Lukas", "Sofia", "Mateo", "Priya", "Arjun", "Fatima", "Omar", "Kenji", "Yuki",
]
WESTERN_LAST = [
    "Martin", "Smith", "Dubois", "Garcia", "Müller", "Rossi", "Johnson", "Brown", "Lefebvre", "Novak",
    "Kowalski", "Silva", "Jensen", "Nakamura", "Sato", "Patel", "Khan", "Haddad", "O'Brien", "Weber",
]
CHINESE_SURNAMES = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
]
CHINESE_GIVEN = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀兰", "霞", "平", "刚", "浩", "宇", "欣怡", "子涵", "梓轩", "一诺", "思远", "嘉怡",
]
DEPARTMENT_BASES = [
    ("Engineering", "研发部"), ("Quality Assurance", "质量保证部"), ("Product", "产品部"),
    ("Sales", "销售部"), ("Customer Success", "客户成功部"), ("Operations", "运营部"),
    ("Finance", "财务部"), ("Marketing", "市场部"), ("Infrastructure", "基础架构部"),
    ("Data", "数据部"),
]
SITES = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu", "Singapore", "Paris", "Berlin"]
SITES_ZH = {"Shanghai": "上海", "Beijing": "北京", "Shenzhen": "深圳", "Hangzhou": "杭州", "Chengdu": "成都"}
JOB_TITLES = {
    "Engineering": ["Software Engineer", "Senior Developer", "Tech Lead", "前端工程师", "后端工程师"],
    "Quality Assurance": ["QA Engineer", "Test Analyst", "测试工程师"],
    "Product": ["Product Manager", "UX Designer", "产品经理"],
    "Sales": ["Account Executive", "Sales Manager", "销售代表"],
    "Customer Success": ["Consultant", "Support Engineer", "实施顾问"],
    "Operations": ["Project Coordinator", "Operations Analyst", "项目助理"],
    "Finance": ["Controller", "Accountant", "会计"],
    "Marketing": ["Marketing Specialist", "Content Writer", "市场专员"],
    "Infrastructure": ["DevOps Engineer", "SRE", "运维工程师"],
    "Data": ["Data Engineer", "Data Analyst", "数据分析师"],
}
COMPANY_WORDS = [
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell",
    "Cyberdyne", "Aperture", "Gringotts", "Oceanic", "Pied Piper", "Massive Dynamic", "Blue Sun",
]
COMPANY_SUFFIXES = ["Ltd", "Inc.", "GmbH", "SA", "Group", "Holdings", "Labs", "Systems"]
CHINESE_COMPANY_WORDS = ["星辰", "华信", "远航", "天宇", "金桥", "博远", "中联", "恒通", "云帆", "瑞丰", "海川", "鼎盛"]
CHINESE_COMPANY_KINDS = ["科技有限公司", "信息技术有限公司", "制造有限公司", "贸易有限公司", "咨询有限公司"]
PROJECT_THEMES = [
    "ERP Rollout", "CRM Migration", "Mobile App", "Customer Portal", "Data Warehouse", "Website Redesign",
    "Payment Gateway", "Supply Chain", "HR Onboarding", "Cloud Migration", "Security Audit", "BI Dashboards",
    "Warehouse Automation", "E-commerce Platform", "API Platform",
]
PROJECT_THEMES_ZH = [
    "智慧工厂升级", "供应链数字化", "ERP实施", "客户门户", "移动应用开发", "数据中台建设", "官网改版",
    "财务共享中心", "仓储自动化", "电商平台", "信息安全审计", "营销自动化",
]
PHASES = ["Phase 1", "Phase 2", "Phase 3", "Pilot", "Rollout", "v2", "一期", "二期", "三期"]
TASK_VERBS = [
    "Design", "Implement", "Review", "Test", "Document", "Deploy", "Analyse", "Refactor", "Migrate",
    "Validate", "Prepare", "Configure", "Fix", "Optimise",
]
TASK_OBJECTS = [
    "login page", "invoice export", "REST API", "data model", "user permissions", "search filters",
    "email templates", "dashboard", "import script", "payment flow", "PDF report", "mobile layout",
    "backup policy", "load tests", "release notes", "integration tests", "onboarding guide",
]
TASK_NAMES_ZH = [
    "编写接口文档", "测试支付流程", "设计数据库表结构", "修复登录问题", "准备上线方案", "优化查询性能",
    "配置权限", "整理需求", "客户培训", "数据迁移", "编写测试用例", "代码评审", "部署测试环境",
]
TIMESHEET_WORDS = [
    "Analysis", "Development", "Meeting with customer", "Code review", "Testing", "Bug fixing",
    "Documentation", "Deployment", "需求分析", "开发", "测试", "会议", "文档编写",
]
STAGE_TEMPLATES = [
    ["New", "In Progress", "Review", "Done"],
    ["Backlog", "Specification", "Development", "Testing", "Done"],
    ["待办", "进行中", "审核", "已完成"],
    ["To Do", "Doing", "Waiting for Customer", "Review", "Done"],
]
TAG_NAMES = [
    "Backend", "Frontend", "Customer", "Internal", "Urgent", "Bug", "Feature", "Documentation",
    "前端", "后端", "客户需求", "紧急", "Blocked by vendor", "Quick win",
]
SERVICES = [
    ("Consulting (hours)", 120.0), ("Development (hours)", 95.0), ("Project Management (hours)", 110.0),
    ("Training (days)", 800.0), ("Support Package", 1500.0), ("实施服务 (人天)", 900.0),
]


def person_name(rng):
    if rng.random() < 0.45:
        return rng.choice(CHINESE_SURNAMES) + rng.choice(CHINESE_GIVEN)
    return f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}"


def company_name(rng, index):
    if rng.random() < 0.45:
        city = rng.choice(list(SITES_ZH.values()))
        return f"{city}{rng.choice(CHINESE_COMPANY_WORDS)}{rng.choice(CHINESE_COMPANY_KINDS)} {index}"
    return f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIXES)} {index}"


def task_name(rng):
    if rng.random() < 0.35:
        return rng.choice(TASK_NAMES_ZH)
    return f"{rng.choice(TASK_VERBS)} {rng.choice(TASK_OBJECTS)}"


def at_hour(day, hour=17):
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def runs_of(values):
    """``[(value, begin, end)]`` for the runs of equal consecutive values."""
    runs = []
    begin = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[begin]:
            runs.append((values[begin], begin, index))
            begin = index
    return runs


def spread(total, weights, minimum=1):
    """Split ``total`` into ``len(weights)`` integers proportional to ``weights``, each >= minimum."""
    count = len(weights)
    if total < minimum * count:
        raise ValueError(f"cannot give {minimum} to each of {count} parts out of {total}")
    rest = total - minimum * count
    wsum = sum(weights)
    shares = [rest * w / wsum for w in weights]
    parts = [minimum + math.floor(s) for s in shares]
    missing = total - sum(parts)
    by_fraction = sorted(range(count), key=lambda i: shares[i] - math.floor(shares[i]), reverse=True)
    for i in by_fraction[:missing]:
        parts[i] += 1
    return parts


# ---------------------------------------------------------------------------------------------
# Dependencies and the schedule
# ---------------------------------------------------------------------------------------------
def create_dependencies(env, links, batch=2000, progress=None):
    """Create typed dependencies (``project.task.dependency``): ``links`` is a list of
    ``(successor id, predecessor id, type, lag in working days)``.

    One ``create()`` per batch and a commit after it. The addon mirrors the finish-to-start links
    in Odoo's native ``depend_on_ids`` (one INSERT per batch; Odoo then recomputes the "waiting"
    state of the successors) and checks the batch for cycles with one recursive query. The
    projects should be in manual scheduling mode meanwhile (see ``schedule_projects``): in
    automatic mode each batch would reschedule the projects it touches."""
    Link = env["project.task.dependency"]
    done = 0
    for part in chunks(links, batch):
        Link.create([
            {"successor_id": succ, "predecessor_id": pred, "dependency_type": kind, "lag_days": lag}
            for succ, pred, kind, lag in part
        ])
        env.flush_all()  # recompute (task states) in this environment, with its context
        env.cr.commit()
        env.invalidate_all()
        done += len(part)
        if progress:
            progress(done)
    return done


def schedule_projects(env, modes, batch=20):
    """Schedule each project once (``_task_mgmt_schedule``: one read of its tasks and links,
    the plain-Python engine, grouped writes), ``batch`` projects at a time with a commit, then
    give each project its final scheduling mode. ``modes``: ``{project id: "auto" | "manual"}``.
    Return the number of tasks whose dates the scheduler wrote."""
    Project = env["project.project"]
    written = 0
    for part in chunks(sorted(modes), batch):
        written += Project.browse(part)._task_mgmt_schedule()
        env.flush_all()
        env.cr.commit()
        env.invalidate_all()
    by_mode = defaultdict(list)
    for project_id, mode in modes.items():
        by_mode[mode].append(project_id)
    for mode, ids in by_mode.items():  # the mode only decides what later changes do
        Project.browse(ids).write({"schedule_mode": mode})
    env.flush_all()
    env.cr.commit()
    return written


# ---------------------------------------------------------------------------------------------
# Creation in batches, shared by the main process and the workers
# ---------------------------------------------------------------------------------------------
class BatchWriter:
    def __init__(self, env, batch, started, prefix=""):
        from odoo.fields import Command  # noqa: PLC0415 (Odoo is set up by _env)

        self.Command = Command
        # every record is created, and every computed field recomputed, with the bulk context:
        # the flush before each commit runs in this environment
        self.env = env(context=dict(env.context, **BULK_CONTEXT))
        self.batch = batch
        self.started = started
        self.prefix = prefix
        self.timings = []  # (what, records, seconds)

    def log(self, message):
        print(f"[{time.time() - self.started:7.1f} s] {self.prefix}{message}", flush=True)

    def step(self, what, count, seconds):
        self.timings.append((what, count, seconds))
        rate = count / seconds if seconds else 0.0
        self.log(f"{what}: {count:,} in {seconds:.1f} s ({rate:,.0f}/s)")

    def commit(self):
        """Flush (recomputations included) in the bulk environment, commit, empty the cache."""
        self.env.flush_all()
        self.env.cr.commit()
        self.env.invalidate_all()

    def create_batches(self, model, vals_list, label=None, before_create=None, after_create=None,
                       creators=None):
        """Create ``vals_list`` in batches, commit after each; return the ids, in order.

        ``before_create(vals_list)`` and ``after_create(records)`` are called around each batch.
        ``creators``: the user who creates each record (a list like ``vals_list``), default the
        superuser; the records are then created in runs of the same creator (with sudo)."""
        label = label or model
        if not vals_list:
            return []
        Model = self.env[model]
        ids = []
        start = time.time()
        total = len(vals_list)
        for offset in range(0, total, self.batch):
            part = vals_list[offset:offset + self.batch]
            if before_create:
                before_create(part)
            if creators:
                records = Model.browse()
                for uid, begin, end in runs_of(creators[offset:offset + self.batch]):
                    records += Model.with_user(uid).sudo().create(part[begin:end]).with_env(self.env)
            else:
                records = Model.create(part)
            if after_create:
                after_create(records)
            ids.extend(records.ids)
            self.commit()
            if total > self.batch:
                self.log(f"  {label}: {len(ids):,}/{total:,} ({time.time() - start:.1f} s)")
        self.step(label, len(ids), time.time() - start)
        return ids


# ---------------------------------------------------------------------------------------------
# A shard: the tasks, dependencies and timesheets of some projects (one worker)
# ---------------------------------------------------------------------------------------------
class ShardWriter(BatchWriter):
    """Creates one shard, planned by ``Generator.make_shards``: plain data, no ids but its own.

    ``shard["tasks"]``: ``(vals, parent index or None, creator uid)``, parents first;
    ``shard["dependencies"]``: ``(task index, predecessor index)``;
    ``shard["timesheets"]``: ``(vals, task index or None)``.
    """

    def run(self, shard):
        tasks = shard["tasks"]
        ids = [None] * len(tasks)
        tops = [i for i, (_v, parent, _c) in enumerate(tasks) if parent is None]
        subs = [i for i, (_v, parent, _c) in enumerate(tasks) if parent is not None]
        # tasks are created by their project manager (create_uid, first follower)
        created = self.create_batches(
            "project.task", [tasks[i][0] for i in tops], "project.task (parents)",
            after_create=self.skip_elapsed_compute, creators=[tasks[i][2] for i in tops])
        for i, task_id in zip(tops, created, strict=True):
            ids[i] = task_id
        sub_vals = [dict(tasks[i][0], parent_id=ids[tasks[i][1]]) for i in subs]
        created = self.create_batches(
            "project.task", sub_vals, "project.task (subtasks)",
            after_create=self.skip_elapsed_compute, creators=[tasks[i][2] for i in subs])
        for i, task_id in zip(subs, created, strict=True):
            ids[i] = task_id

        links = [(ids[t], ids[p], kind, lag) for t, p, kind, lag in shard["dependencies"]]
        start = time.time()
        total = len(links)

        def progress(done):
            self.log(f"  dependencies: {done:,}/{total:,} links ({time.time() - start:.1f} s)")

        create_dependencies(self.env, links, batch=self.batch, progress=progress if total > self.batch else None)
        self.restore_review_states(tasks, ids)
        self.step("project.task.dependency (typed links)", len(links), time.time() - start)
        start = time.time()
        written = schedule_projects(self.env, dict(shard["projects"]))
        self.step("schedule (one run per project)", written, time.time() - start)

        timesheets = [dict(vals, task_id=ids[task]) if task is not None else vals
                      for vals, task in shard["timesheets"]]
        self.create_batches("account.analytic.line", timesheets, "account.analytic.line (timesheets)",
                            before_create=self.prefetch_timesheet_tasks)
        return self.timings

    def restore_review_states(self, tasks, ids):
        """Linking dependencies recomputes the state of the tasks linked ("waiting" or "in
        progress"): give the tasks planned "approved" or "changes requested" that are not waiting
        their state back, one write per state (as a reviewer would)."""
        Task = self.env["project.task"]
        for state in ("02_changes_requested", "03_approved"):
            planned = Task.browse([ids[i] for i, (vals, _p, _c) in enumerate(tasks) if vals["state"] == state])
            planned.filtered(lambda task: task.state == "01_in_progress").write({"state": state})
        self.commit()

    def skip_elapsed_compute(self, tasks):
        """The ORM computes the "working hours/days to assign/close" of each new task, one task at
        a time, from the working calendar between create_date and date_assign/date_end (about 3 ms
        a task: a quarter of the whole run). Here those dates are all "now", so the result is 0,
        the value created: drop the pending computation (the ORM's own ``remove_to_compute``)."""
        for fname in ELAPSED_FIELDS:
            self.env.remove_to_compute(tasks._fields[fname], tasks)

    def prefetch_timesheet_tasks(self, vals_list):
        """hr_timesheet reads the project and company of each line's task from a record browsed
        alone, so without this each line fetches its task (about 40 columns) on its own."""
        task_ids = {vals["task_id"] for vals in vals_list if vals.get("task_id")}
        self.env["project.task"].browse(task_ids).fetch(["project_id", "company_id"])


# ---------------------------------------------------------------------------------------------
# The generator (main process)
# ---------------------------------------------------------------------------------------------
class Generator(BatchWriter):
    def __init__(self, env, args, started):
        super().__init__(env, args.batch, started)
        self.args = args
        self.seed = args.seed
        self.company = self.env.company

    def random(self, section):
        """A generator of its own for each part of the data: a change in one part (or in Odoo's
        reference data a part picks from) leaves the other parts as they were."""
        return Random(f"{self.seed}:{section}")

    def run(self, conf):
        a = self.args
        self.log(f"Generating into {self.env.cr.dbname}: {a.tasks:,} tasks, {a.projects:,} projects, "
                 f"{a.departments} departments, {a.employees} employees, {a.partners:,} customers, "
                 f"{a.leads:,} opportunities, {a.orders:,} sale orders, {a.timesheets:,} timesheet lines "
                 f"(seed {a.seed}, {a.workers} worker(s)).")
        self.create_partners()
        self.create_departments()
        self.create_users_and_employees()
        self.create_manager_hierarchy()
        self.create_stages_and_tags()
        self.create_projects()
        self.create_products()
        # everything else is planned before anything runs in parallel: the same seed, the same data
        start = time.time()
        self.plan_tasks()
        dependencies = self.plan_dependencies()
        timesheets = self.plan_timesheets()
        opportunities = self.plan_opportunities()
        orders, confirm = self.plan_sale_orders()
        self.log(f"planned in {time.time() - start:.1f} s")
        self.create_personal_stages()
        shards = self.make_shards(dependencies, timesheets)
        start = time.time()
        if len(shards) == 1:
            self.timings += ShardWriter(self.env, self.batch, self.started).run(shards[0])
            self.create_opportunities(opportunities)
            self.create_sale_orders(orders, confirm)
        else:
            workers = self.start_workers(shards, conf)
            try:
                # CRM and sales meanwhile: they touch none of the workers' records
                self.create_opportunities(opportunities)
                self.create_sale_orders(orders, confirm)
            except BaseException:
                for _path, process in workers:  # only the processes started above
                    process.terminate()
                raise
            self.wait_workers(workers)
        seconds = time.time() - start
        self.timings.append((f"= tasks, links, timesheets ({len(shards)} worker(s)) with CRM, sales", "", seconds))
        self.log(f"tasks, links, timesheets, CRM and sales done in {seconds:.1f} s")

    # -- workers ---------------------------------------------------------------------------
    def make_shards(self, dependencies, timesheets):
        """Split the projects between the workers (balanced by tasks and timesheets); give each
        task an index in its shard, parents first."""
        count = max(1, min(self.args.workers, len(self.projects)))
        load = defaultdict(int)
        for item in timesheets:
            load[item["project"]["id"]] += 1
        shard_of = {}
        totals = [0] * count
        for project in sorted(self.projects, key=lambda p: -(len(p["tasks"]) * 3 + load[p["id"]])):
            target = totals.index(min(totals))
            shard_of[project["id"]] = target
            totals[target] += len(project["tasks"]) * 3 + load[project["id"]]
        shards = [{"tasks": [], "dependencies": [], "timesheets": [], "projects": []} for _ in range(count)]
        for project in self.projects:
            shards[shard_of[project["id"]]]["projects"].append((project["id"], project["schedule_mode"]))
        for parents_first in (True, False):
            for project in self.projects:  # project order, as planned
                shard = shards[shard_of[project["id"]]]
                for item in project["tasks"]:
                    if (item["parent"] is None) == parents_first:
                        item["index"] = len(shard["tasks"])
                        parent = item["parent"]["index"] if item["parent"] else None
                        shard["tasks"].append((item.pop("vals"), parent, project["manager"]))
        for task, predecessor, kind, lag in dependencies:
            shards[shard_of[task["project"]["id"]]]["dependencies"].append(
                (task["index"], predecessor["index"], kind, lag))
        for item in timesheets:
            task = item["task"]["index"] if item["task"] else None
            shards[shard_of[item["project"]["id"]]]["timesheets"].append((item["vals"], task))
        return shards

    def start_workers(self, shards, conf):
        workers = []
        for number, shard in enumerate(shards, start=1):
            path = LOCAL / f"bench-generate-{self.env.cr.dbname}-{number}.pickle"
            with open(path, "wb") as file:
                pickle.dump(shard, file, protocol=pickle.HIGHEST_PROTOCOL)
            cmd = [sys.executable, __file__, "--database", self.env.cr.dbname, "--batch", str(self.batch),
                   "--worker", str(path), "--conf", str(conf), "--started", repr(self.started),
                   "--label", f"w{number}"]
            workers.append((path, subprocess.Popen(cmd)))
            self.log(f"worker w{number}: {len(shard['tasks']):,} tasks, {len(shard['dependencies']):,} links, "
                     f"{len(shard['timesheets']):,} timesheet lines")
        return workers

    def wait_workers(self, workers):
        failed = []
        per_step = defaultdict(lambda: [0, 0.0])
        for path, process in workers:
            if process.wait():
                failed.append(path.name)
                continue
            result = path.with_suffix(".json")
            for what, count, seconds in json.loads(result.read_text()):
                per_step[what][0] += count
                per_step[what][1] = max(per_step[what][1], seconds)  # they run side by side
            result.unlink()
            path.unlink()
        if failed:
            raise RuntimeError(f"worker(s) failed: {', '.join(failed)} (see their output above)")
        self.timings += [(f"{what} (workers)", count, seconds) for what, (count, seconds) in per_step.items()]

    # -- partners, departments, people, projects ---------------------------------------------
    def create_partners(self):
        rng = self.random("partners")
        countries = {code: self.env.ref(f"base.{code}").id for code in ("cn", "sg", "fr", "de", "us")}
        vals_list = []
        for i in range(self.args.partners):
            name = company_name(rng, i + 1)
            chinese = any("\u4e00" <= ch <= "\u9fff" for ch in name)
            country = "cn" if chinese else rng.choice(["sg", "fr", "de", "us"])
            vals_list.append({
                "name": name,
                "is_company": True,
                "country_id": countries[country],
                "city": rng.choice(list(SITES_ZH.values())) if chinese else rng.choice(SITES[5:]),
                "email": f"contact{i + 1}@customer{i + 1}.example.com",
                "customer_rank": 1,
            })
        self.partner_ids = self.create_batches("res.partner", vals_list)

    # -- departments and people -------------------------------------------------------------
    def create_departments(self):
        rng = self.random("departments")
        n = self.args.departments
        roots = min(n, len(DEPARTMENT_BASES))
        self.department_kind = []  # English base name of each department
        vals_list = []
        for i in range(roots):
            en, zh = DEPARTMENT_BASES[i]
            vals_list.append({"name": f"{en} / {zh}", "company_id": self.company.id})
            self.department_kind.append(en)
        root_ids = self.create_batches("hr.department", vals_list, "hr.department (roots)")
        vals_list = []
        for i in range(n - roots):
            parent = i % roots
            site = SITES[(i // roots) % len(SITES)]
            en, zh = DEPARTMENT_BASES[parent]
            name = f"{zh} {SITES_ZH[site]}" if site in SITES_ZH and rng.random() < 0.5 else f"{en} {site}"
            vals_list.append({"name": name, "parent_id": root_ids[parent], "company_id": self.company.id})
            self.department_kind.append(en)
        child_ids = self.create_batches("hr.department", vals_list, "hr.department (teams)")
        self.department_ids = root_ids + child_ids
        self.department_parent = {d: None for d in root_ids}
        for i, d in enumerate(child_ids):
            self.department_parent[d] = root_ids[i % roots]

    def create_users_and_employees(self):
        rng = self.random("users_and_employees")
        n = self.args.employees
        run = self.args.run
        ref = self.env.ref
        base_groups = [ref("base.group_user").id, ref("project.group_project_user").id,
                       ref("hr_timesheet.group_hr_timesheet_user").id]
        sales_group = ref("sales_team.group_sale_salesman").id
        # every department gets at least 3 people (its manager and two more)
        per_department = spread(n, [rng.uniform(0.5, 2.0) for _ in self.department_ids], minimum=3)
        people = []  # (name, department index)
        for d_index, count in enumerate(per_department):
            people.extend((person_name(rng), d_index) for _ in range(count))
        user_vals = []
        for i, (name, d_index) in enumerate(people):
            groups = list(base_groups)
            if self.department_kind[d_index] == "Sales":
                groups.append(sales_group)
            login = f"bench{run}.user{i + 1:05d}@example.com"
            user_vals.append({
                "name": name,
                "login": login,
                "email": login,
                "groups_id": [self.Command.set(groups)],
                "tz": "Asia/Shanghai" if rng.random() < 0.6 else "Europe/Paris",
            })
        user_ids = self.create_batches("res.users", user_vals)
        employee_vals = []
        for user_id, (_name, d_index) in zip(user_ids, people, strict=True):
            kind = self.department_kind[d_index]
            employee_vals.append({
                "user_id": user_id,
                "department_id": self.department_ids[d_index],
                "job_title": rng.choice(JOB_TITLES[kind]),
                "hourly_cost": rng.choice([25.0, 30.0, 40.0, 55.0, 70.0]),
                "company_id": self.company.id,
            })
        employee_ids = self.create_batches("hr.employee", employee_vals)
        self.employees = [
            {"id": e, "user_id": u, "department": self.department_ids[d], "kind": self.department_kind[d]}
            for e, u, (_n, d) in zip(employee_ids, user_ids, people, strict=True)
        ]
        self.employee_of_user = {e["user_id"]: e["id"] for e in self.employees}
        self.partner_of_user = {u.id: u.partner_id.id for u in self.env["res.users"].browse(user_ids)}

    def create_manager_hierarchy(self):
        """Department managers, team leads inside big departments, and parent_id chains up to a CEO."""
        rng = self.random("manager_hierarchy")
        start = time.time()
        Department = self.env["hr.department"]
        Employee = self.env["hr.employee"]
        members = defaultdict(list)
        for emp in self.employees:
            members[emp["department"]].append(emp["id"])
        manager_of = {d: members[d][0] for d in self.department_ids}
        for d, manager in manager_of.items():
            Department.browse(d).write({"manager_id": manager})
        ceo = manager_of[self.department_ids[0]]
        parent_of = {}  # employee -> manager
        team_leads = []
        for d in self.department_ids:
            parent_department = self.department_parent[d]
            manager = manager_of[d]
            parent_of[manager] = manager_of[parent_department] if parent_department else ceo
            others = members[d][1:]
            leads = others[:len(others) // 8] if len(others) >= 8 else []
            for lead in leads:
                parent_of[lead] = manager
                team_leads.append(lead)
            for emp in others[len(leads):]:
                parent_of[emp] = rng.choice(leads) if leads and rng.random() < 0.8 else manager
        parent_of[ceo] = False
        # write grouped by manager: one write per manager
        by_manager = defaultdict(list)
        for emp, manager in parent_of.items():
            by_manager[manager].append(emp)
        for manager, emps in by_manager.items():
            Employee.browse(emps).write({"parent_id": manager})
        self.commit()
        self.managers = set(manager_of.values()) | set(team_leads)
        self.step("hr.employee (managers)", len(parent_of), time.time() - start)

    # -- projects ------------------------------------------------------------------------
    def create_stages_and_tags(self):
        n_groups = max(1, self.args.projects // 40)
        vals_list = []
        self.stage_groups_layout = []
        for g in range(n_groups):
            template = STAGE_TEMPLATES[g % len(STAGE_TEMPLATES)]
            self.stage_groups_layout.append(len(template))
            for seq, name in enumerate(template):
                vals_list.append({"name": name, "sequence": seq + 1, "fold": seq == len(template) - 1})
        stage_ids = self.create_batches("project.task.type", vals_list)
        self.stage_groups = []
        position = 0
        for size in self.stage_groups_layout:
            self.stage_groups.append(stage_ids[position:position + size])
            position += size
        # tag names are unique: a second dataset (--force) reuses the tags of the first
        existing = {tag.name: tag.id for tag in self.env["project.tags"].search([("name", "in", TAG_NAMES)])}
        created = iter(self.create_batches(
            "project.tags", [{"name": name} for name in TAG_NAMES if name not in existing]))
        self.tag_ids = [existing[name] if name in existing else next(created) for name in TAG_NAMES]

    def create_projects(self):
        rng = self.random("projects")
        Command = self.Command
        pm_users = [e["user_id"] for e in self.employees if e["id"] in self.managers]
        pm_group = self.env.ref("project.group_project_manager")
        self.env["res.users"].browse(pm_users).write({"groups_id": [Command.link(pm_group.id)]})
        all_users = [e["user_id"] for e in self.employees]
        # the scheduling mode each project ends with (most reschedule automatically); all are
        # created in manual mode and scheduled once when their tasks and links exist
        mode_rng = self.random("schedule_modes")
        self.projects = []
        vals_list = []
        for i in range(self.args.projects):
            group = i % len(self.stage_groups)
            start = TODAY + timedelta(days=rng.randint(-365, 30))
            duration = rng.randint(90, 365)
            partner = rng.choice(self.partner_ids) if rng.random() < 0.6 else False
            theme = rng.choice(PROJECT_THEMES_ZH) if rng.random() < 0.4 else rng.choice(PROJECT_THEMES)
            name = f"{theme} {rng.choice(PHASES)} #{i + 1}"
            manager = rng.choice(pm_users)
            # a project team of 4 to 15 people, the manager included
            team = sorted({manager, *rng.sample(all_users, min(len(all_users), rng.randint(3, 14)))})
            # share of the project already done: finished, ongoing and not started projects
            end = start + timedelta(days=duration)
            progress = min(1.0, max(0.0, (TODAY - start).days / duration + rng.uniform(-0.15, 0.1)))
            if end < TODAY:
                progress = 1.0 if rng.random() < 0.8 else max(progress, 0.85)
            privacy = rng.choice(["employees", "employees", "followers", "portal"])
            self.projects.append({"group": group, "team": team, "start": start, "end": end, "manager": manager,
                                  "progress": progress, "partner": partner, "privacy": privacy,
                                  "schedule_mode": "auto" if mode_rng.random() < 0.85 else "manual"})
            vals_list.append({
                "name": name,
                "user_id": manager,
                "partner_id": partner,
                "company_id": self.company.id,
                "type_ids": [Command.set(self.stage_groups[group])],
                "allow_task_dependencies": True,
                "schedule_mode": "manual",
                "allow_timesheets": True,
                "allow_billable": bool(partner),
                "privacy_visibility": privacy,
                "date_start": start,
                "date": end,
                "tag_ids": [Command.set(rng.sample(self.tag_ids, rng.randint(0, 2)))],
            })
        ids = self.create_batches("project.project", vals_list)
        for project, project_id in zip(self.projects, ids, strict=True):
            project["id"] = project_id

    def create_products(self):
        vals_list = [
            {"name": name, "type": "service", "service_tracking": "no", "invoice_policy": "order",
             "list_price": price}
            for name, price in SERVICES
        ]
        products = self.env["product.product"].browse(self.create_batches("product.product", vals_list))
        self.products = [(product.id, product.list_price) for product in products]

    def create_personal_stages(self):
        """Odoo creates the personal stages of a user with the first task assigned to them
        (project.task._populate_missing_personal_stages); they are created here, for the users
        the planned tasks are assigned to, so that two workers never create them both."""
        users = sorted({uid for project in self.projects for uid in project["assignees"]})
        Stage = self.env["project.task.type"]
        existing = set(Stage.search([("user_id", "in", users)]).user_id.ids)
        Task = self.env["project.task"]
        vals_list = [vals for uid in users if uid not in existing
                     for vals in Task._get_default_personal_stage_create_vals(uid)]
        self.create_batches("project.task.type", vals_list, "project.task.type (personal stages)")

    # -- tasks -----------------------------------------------------------------------------
    def plan_tasks(self):
        """Plan every task in project order (a subtask right after its parent); no ids yet."""
        rng = self.random("tasks")
        self.encode_uom_in_days = self.env["project.task"]._uom_in_days()
        # the subtypes message_subscribe() gives an internal follower who does not follow the project
        self.task_follower_subtypes = self.env["mail.message.subtype"].default_subtypes("project.task")[0].ids
        counts = spread(self.args.tasks, [rng.lognormvariate(0, 0.5) for _ in self.projects])
        for project, count in zip(self.projects, counts, strict=True):
            n_sub = round(count * 0.2) if count >= 3 else 0
            n_top = count - n_sub
            children = defaultdict(int)
            for _ in range(n_sub):
                children[rng.randrange(n_top)] += 1
            ordered = []
            for top in range(n_top):
                ordered.append({"project": project, "parent": None})
                parent = ordered[-1]
                ordered.extend({"project": project, "parent": parent} for _ in range(children[top]))
            project["assignees"] = set()
            for position, item in enumerate(ordered):
                item["position"] = position
                item["fraction"] = position / max(1, count - 1)
                item["vals"] = self.task_vals(item, rng)
            project["tasks"] = ordered

    def task_vals(self, item, rng):
        Command = self.Command
        project = item["project"]
        fraction = item["fraction"]
        stages = self.stage_groups[project["group"]]
        progress = project["progress"]
        if fraction < progress * 0.9:
            stage = stages[-1]
            state = "1_canceled" if rng.random() < 0.03 else "1_done"
        elif fraction < progress:
            stage = stages[-2]
            state = rng.choice(["03_approved", "02_changes_requested", "01_in_progress"])
        elif fraction < progress + 0.25:
            stage = rng.choice(stages[1:-2] or stages[:1])
            state = "01_in_progress"
        else:
            stage = stages[0]
            state = "01_in_progress"
        span = (project["end"] - project["start"]).days
        deadline = project["start"] + timedelta(days=round(span * fraction) + rng.randint(-10, 10))
        team = project["team"]
        assignees = rng.sample(team, min(len(team), rng.choice([1, 1, 1, 2, 2, 3])))
        if rng.random() < 0.08:
            assignees = []
        project["assignees"].update(assignees)
        item["assignees"] = assignees
        vals = {
            "name": task_name(rng),
            "project_id": project["id"],
            "stage_id": stage,
            "state": state,
            "priority": "1" if rng.random() < 0.15 else "0",
            "allocated_hours": rng.choice([0.0, 2.0, 4.0, 8.0, 8.0, 16.0, 24.0, 40.0]),
            "date_deadline": at_hour(deadline) if rng.random() < 0.85 else False,
            "user_ids": [Command.set(assignees)],
            "sequence": item["position"],
            **dict.fromkeys(ELAPSED_FIELDS, 0.0),  # see ShardWriter.skip_elapsed_compute()
            # Values the ORM would otherwise compute task by task (a query or three each); each is
            # the value Odoo itself gives a task created here, so the data is the same:
            # - no sale order line: sale orders come later (sale_timesheet searches the customer's
            #   last one, task by task);
            "sale_line_id": False,
            # - no personal stage for the creator (its default searches the creator's first one per
            #   task; assignees get their first one from _populate_missing_personal_stages anyway)
            #   and the default of the non-stored encode_uom_in_days (env.ref().exists() per task);
            "personal_stage_type_id": False,
            "encode_uom_in_days": self.encode_uom_in_days,
            # - its creator (the project manager) as follower with the default subtypes:
            #   project.task.create() subscribes the creator task by task (three queries each)
            #   unless the creator already follows the task;
            "message_follower_ids": [Command.create({
                "res_model": "project.task",
                "partner_id": self.partner_of_user[project["manager"]],
                "subtype_ids": [Command.set(self.task_follower_subtypes)],
            })],
        }
        if not project["partner"]:
            # - no customer (project.task partner_id is recursive: computed one task at a time;
            #   given for a billable project, its inverse searches sale order lines per task)
            vals["partner_id"] = False
        if project["privacy"] == "portal":
            # the token Odoo writes on each task of a portal project (portal.mixin), here in create
            vals["access_token"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if rng.random() < 0.3:
            vals["tag_ids"] = [Command.set(rng.sample(self.tag_ids, rng.randint(1, 2)))]
        return vals

    def plan_dependencies(self):
        """Each project runs in phases (work packages) of 12 to 40 consecutive tasks; the tasks of a
        phase wait for 1 to 3 "gate" tasks of the phase before (a hand-over, like a milestone), and
        a third of the phases split into two streams waiting for different gates. So a task has 1
        to 3 predecessors among the earlier tasks of its project (acyclic: links go backwards),
        chains are as long as the project has phases.

        Each link gets a type and a lag (in working days): 85% finish-to-start (one in six of
        them with a lag of 1 to 3 days), 8% start-to-start (lag 0 to 5), 6% finish-to-finish
        (lag 0 to 2), 1% start-to-finish.

        Return ``(task item, predecessor item, type, lag)`` tuples."""
        rng = self.random("dependencies")
        pairs = []
        for project in self.projects:
            tasks = project["tasks"]
            previous = None
            start = 0
            while start < len(tasks):
                phase = tasks[start:start + rng.randint(12, 40)]
                start += len(phase)
                if previous:
                    streams = [(phase, rng.sample(previous, min(len(previous), rng.choice([1, 2, 2, 3]))))]
                    if len(phase) >= 10 and rng.random() < 0.33:
                        cut = len(phase) // 2
                        other = rng.sample(previous, min(len(previous), rng.choice([1, 2])))
                        streams = [(phase[:cut], streams[0][1]), (phase[cut:], other)]
                    for stream, gates in streams:
                        for item in stream:
                            if rng.random() < 0.05:  # a few tasks that wait for nothing
                                continue
                            # a subtask does not wait for its own parent
                            pairs.extend((item, gate) for gate in gates if gate is not item["parent"])
                previous = phase
        kind_rng = self.random("dependency_types")
        links = []
        for item, gate in pairs:
            roll = kind_rng.random()
            if roll < 0.85:
                kind, lag = "fs", kind_rng.randint(1, 3) if kind_rng.random() < 1 / 6 else 0
            elif roll < 0.93:
                kind, lag = "ss", kind_rng.randint(0, 5)
            elif roll < 0.99:
                kind, lag = "ff", kind_rng.randint(0, 2)
            else:
                kind, lag = "sf", 0
            links.append((item, gate, kind, lag))
        return links

    def plan_timesheets(self):
        """Timesheet lines on started tasks (done, in review, in progress) by their assignees
        (or other project members), on days between the project start and today; 8% of the lines
        on the project only. Return dicts ``{"project", "task" (item or None), "vals"}``."""
        rng = self.random("timesheets")
        candidates = []
        weights = []
        for project in self.projects:
            for item in project["tasks"]:
                if item["fraction"] <= project["progress"] + 0.25:  # started
                    candidates.append(item)
                    weights.append(2.0 if item["parent"] is None else 1.0)
        if not candidates:
            return []
        planned = []
        for item in rng.choices(candidates, weights=weights, k=self.args.timesheets):
            project = item["project"]
            people = item["assignees"] if item["assignees"] and rng.random() < 0.85 else project["team"]
            last = min(TODAY, project["end"])
            first = min(project["start"], last)
            vals = {
                "name": rng.choice(TIMESHEET_WORDS),
                "project_id": project["id"],
                "employee_id": self.employee_of_user[rng.choice(people)],
                "unit_amount": rng.choice([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0]),
                "date": first + timedelta(days=rng.randint(0, (last - first).days)),
            }
            on_task = rng.random() < 0.92
            planned.append({"project": project, "task": item if on_task else None, "vals": vals})
        return planned

    # -- CRM and sales -------------------------------------------------------------------
    def salespeople(self):
        return [e["user_id"] for e in self.employees if e["kind"] == "Sales"] or \
            [e["user_id"] for e in self.employees[:10]]

    def plan_opportunities(self):
        """Opportunities of the customers: 25% won, 10% lost (archived, with a reason), the rest
        open. Return ``(vals, outcome, lost reason)``: like in real life, an opportunity is created
        open and later won or lost (which also keeps Odoo's predictive-scoring table updates in
        one write per batch instead of one per opportunity)."""
        rng = self.random("opportunities")
        stages = self.env["crm.stage"].search([], order="sequence")
        open_stages = stages.filtered(lambda stage: not stage.is_won).ids
        reasons = self.env["crm.lost.reason"].search([], order="id").ids or [False]
        team = self.env.ref("sales_team.team_sales_department")
        salespeople = self.salespeople()
        planned = []
        for _ in range(self.args.leads):
            vals = {
                "name": f"{rng.choice(PROJECT_THEMES + PROJECT_THEMES_ZH)} - {rng.choice(SERVICES)[0]}",
                "type": "opportunity",
                "partner_id": rng.choice(self.partner_ids),
                "user_id": rng.choice(salespeople),
                "team_id": team.id,
                "stage_id": rng.choice(open_stages),
                "expected_revenue": rng.choice([5, 10, 20, 35, 50, 80, 120, 250]) * 1000.0,
                "date_deadline": TODAY + timedelta(days=rng.randint(-300, 120)),
                "priority": rng.choice(["0", "0", "1", "2", "3"]),
            }
            outcome = rng.random()
            outcome = "won" if outcome < 0.25 else "lost" if outcome < 0.35 else None
            planned.append((vals, outcome, rng.choice(reasons) if outcome == "lost" else None))
        self.won_leads = [i for i, (_v, outcome, _r) in enumerate(planned) if outcome == "won"]
        return planned

    def create_opportunities(self, planned):
        def close(leads):
            outcomes = planned[offset[0]:offset[0] + len(leads)]
            offset[0] += len(leads)
            won = [lead.id for lead, (_v, outcome, _r) in zip(leads, outcomes, strict=True) if outcome == "won"]
            leads.browse(won).action_set_won()
            lost = defaultdict(list)
            for lead, (_v, outcome, reason) in zip(leads, outcomes, strict=True):
                if outcome == "lost":
                    lost[reason].append(lead.id)
            for reason, ids in lost.items():
                leads.browse(ids).action_set_lost(**({"lost_reason_id": reason} if reason else {}))

        offset = [0]
        self.lead_ids = self.create_batches("crm.lead", [vals for vals, _o, _r in planned], after_create=close)

    def plan_sale_orders(self):
        """Half of the orders sell a billable project (project_id), a third come from a won
        opportunity, the rest are plain orders; 1 to 4 service lines each; 60% confirmed."""
        rng = self.random("sale_orders")
        Command = self.Command
        billable = [p for p in self.projects if p["partner"]]
        salespeople = self.salespeople()
        planned = []
        for _ in range(self.args.orders):
            roll = rng.random()
            vals = {"user_id": rng.choice(salespeople),
                    "date_order": at_hour(TODAY - timedelta(days=rng.randint(0, 365)), 10)}
            if roll < 0.5 and billable:
                project = rng.choice(billable)
                vals.update(partner_id=project["partner"], project_id=project["id"])
            elif roll < 0.8 and self.won_leads:
                lead = rng.choice(self.won_leads)  # an index, the id is known once created
                vals.update(opportunity_id=lead)
            else:
                vals["partner_id"] = rng.choice(self.partner_ids)
            vals["order_line"] = [
                Command.create({"product_id": product, "product_uom_qty": rng.choice([1, 5, 10, 20, 40, 80]),
                                "price_unit": price})
                for product, price in rng.sample(self.products, rng.randint(1, min(4, len(self.products))))
            ]
            planned.append(vals)
        confirm = sorted(rng.sample(range(len(planned)), round(len(planned) * 0.6)))
        return planned, confirm

    def create_sale_orders(self, planned, confirm):
        leads = self.env["crm.lead"].browse(self.lead_ids)
        for vals in planned:
            if "opportunity_id" in vals:
                lead = leads[vals["opportunity_id"]]
                vals.update(opportunity_id=lead.id, partner_id=lead.partner_id.id)
        ids = self.create_batches("sale.order", planned)
        start = time.time()
        Order = self.env["sale.order"]
        for part in chunks([ids[i] for i in confirm], max(1, self.batch // 4)):
            Order.browse(part).action_confirm()
            self.commit()
        self.step("sale.order (confirm)", len(confirm), time.time() - start)

    # -- summary ---------------------------------------------------------------------------
    def counts(self):
        env = self.env
        rows = []
        for model, domain in [
            ("res.partner", [("is_company", "=", True)]), ("hr.department", []),
            ("res.users", [("share", "=", False)]), ("hr.employee", []), ("project.project", []),
            ("project.task.type", []), ("project.task", [("parent_id", "=", False)]),
            ("project.task", [("parent_id", "!=", False)]), ("crm.lead", [("type", "=", "opportunity")]),
            ("sale.order", []), ("sale.order", [("state", "=", "sale")]), ("sale.order.line", []),
            ("account.analytic.line", [("project_id", "!=", False)]),
        ]:
            count = env[model].with_context(active_test=False).search_count(domain)
            rows.append((model, " ".join(str(d) for d in domain), count))
        env.cr.execute("SELECT count(*) FROM task_dependencies_rel")
        rows.append(("task_dependencies_rel", "(links)", env.cr.fetchone()[0]))
        return rows


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch", type=int, default=2000, help="records per create() and commit")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                        help="processes creating tasks, links and timesheets (default: CPUs, at most 4)")
    parser.add_argument("--departments", type=int, help="default: tasks / 2,500 (at least 4)")
    parser.add_argument("--employees", type=int, help="default: tasks / 200 (at least 20)")
    parser.add_argument("--projects", type=int, help="default: tasks / 250 (at least 4)")
    parser.add_argument("--partners", type=int, help="customers; default: tasks / 100 (at least 20)")
    parser.add_argument("--leads", type=int, help="CRM opportunities; default: tasks / 20")
    parser.add_argument("--orders", type=int, help="sale orders; default: tasks * 3 / 100")
    parser.add_argument("--timesheets", type=int, help="timesheet lines; default: tasks * 2")
    parser.add_argument("--force", action="store_true", help="generate even if the database has generated data")
    # internal: a worker process (see Generator.start_workers)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--conf", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--label", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    t = args.tasks
    defaults = {
        "departments": max(4, t // 2500), "employees": max(20, t // 200), "projects": max(4, t // 250),
        "partners": max(20, t // 100), "leads": max(10, t // 20), "orders": max(10, t * 3 // 100),
        "timesheets": t * 2,
    }
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.tasks < args.projects:
        parser.error("--tasks must be at least --projects")
    if args.employees < 3 * args.departments:
        parser.error("--employees must be at least 3 x --departments")
    if args.batch < 1 or args.workers < 1:
        parser.error("--batch and --workers must be at least 1")
    return args


def worker_main(args):
    """A worker: create the shard pickled at ``args.worker``, write its timings next to it."""
    path = Path(args.worker)
    with open(path, "rb") as file:
        shard = pickle.load(file)  # written by this script's main process, in .local/
    with odoo_env(args.conf, args.database) as env:
        timings = ShardWriter(env, args.batch, args.started, prefix=f"[{args.label}] ").run(shard)
    path.with_suffix(".json").write_text(json.dumps(timings))
    return 0


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        return worker_main(args)
    with bench_database(args.database) as conf, odoo_env(conf, args.database) as env:
        # timed from here: creating the empty database (Odoo installing the addons) is not part
        # of generating the data
        started = time.time()
        params = env["ir.config_parameter"]
        previous = params.get_param(MARKER)
        if previous and not args.force:
            print(f"Database {args.database} already holds generated data (seed {previous}, "
                  f"ir.config_parameter {MARKER}). Use --force to add another dataset, or drop the "
                  "database to start again.", file=sys.stderr)
            return 1
        args.run = int(params.get_param(RUNS_PARAM) or 0) + 1
        params.set_param(MARKER, str(args.seed))
        params.set_param(RUNS_PARAM, str(args.run))
        env.cr.commit()
        generator = Generator(env, args, started)
        generator.run(conf)
        total = time.time() - started
        print()
        print_table(generator.timings + [("total (database and Odoo registry ready to the end)", "", total)],
                    ["step", "records", "seconds"])
        print()
        print_table(generator.counts(), ["model", "domain", "records"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
