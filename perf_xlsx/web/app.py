"""The local web pages (Flask): the clerk's page (drop files, see the findings, download the
checked workbook, the draft report and a summary) and the reviewer's inbox. Every page only calls
the library: ``run.check_and_write_all``, ``report.build_report``, ``batch.write_summary``.
"""
from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, redirect, request, send_file

from ..template import contract
from .inbox import Inbox
from .store import SUFFIXES, Job, Store
from .views import (WORDS, as_uploaded, findings_html, page, result_html, stage_word,
                    uploaded_findings)

#: Files one upload may hold; each file is also bound by the CLI's own limits.
MAX_FILES = 50
TOKEN_COOKIE = "perf_xlsx_token"


@dataclass
class Result:
    name: str
    index: int
    reports: list[Any] = field(default_factory=list)
    error: Any = None                 # a PerfXlsxError: the file's clear refusal
    workbook: Path | None = None
    report: Path | None = None
    saved: Path | None = None         # our copy: messages name it as ``name`` instead


def create_app(*, inbox: Path | None = None, token: str | None = None, profile: Any = "auto",
               write: bool = False, upload_root: Path | None = None) -> Flask:
    app = Flask("perf_xlsx.web")
    app.config["MAX_CONTENT_LENGTH"] = contract.MAX_FILE_BYTES * 4
    store = Store(upload_root)
    results: dict[str, list[Result]] = {}
    box = Inbox(inbox, profile=profile, write=write) if inbox is not None else None
    app.extensions["perf_xlsx"] = {"store": store, "inbox": box}

    def lang() -> str:
        return "en" if request.args.get("lang") == "en" else "zh"

    def words() -> dict[str, str]:
        return WORDS[lang()]

    def q(**extra: str) -> str:
        params = {"lang": lang(), **extra}
        return "?" + "&".join(f"{k}={v}" for k, v in params.items() if v)

    @app.before_request
    def _guard() -> Response | None:
        if token is None:
            return None
        given = request.args.get("token") or request.cookies.get(TOKEN_COOKIE) or \
            request.headers.get("X-Perf-Xlsx-Token")
        if not given or not secrets.compare_digest(given, token):
            return Response("需要访问令牌 / an access token is required (?token=…)", 403,
                            mimetype="text/plain")
        return None

    @app.after_request
    def _remember(resp: Response) -> Response:
        if token is not None and request.args.get("token") == token:
            resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp

    @app.errorhandler(413)
    def _too_big(_exc: Any) -> Response:
        return Response("上传的文件太大 / the upload is too large", 413, mimetype="text/plain")

    @app.get("/")
    def home() -> str:
        w = words()
        other = "zh" if lang() == "en" else "en"
        inbox_link = f' · <a href="/inbox{q()}">{w["inbox"]}</a>' if box is not None else ""
        body = (f'<h1>{w["title"]}</h1><p><a id="lang" href="/?lang={other}">{w["lang"]}</a>'
                f"{inbox_link}</p>"
                f'<form method="post" action="/check{q()}" enctype="multipart/form-data">'
                f'<div class="drop"><p>{w["choose"]}</p>'
                f'<input type="file" id="files" name="files" multiple '
                f'accept="{",".join(SUFFIXES)}"><p class="muted">{w["hint_drop"]}</p>'
                f'</div><p><button id="check" type="submit">{w["check"]}</button></p></form>')
        return page(w["title"], body, lang())

    @app.post("/check")
    def check() -> Response:
        files = [f for f in request.files.getlist("files") if f and f.filename]
        if not files:
            return redirect("/" + q())
        job = store.new_job()
        for f in files[:MAX_FILES]:
            store.save(job, f.filename or "workbook", f.read())
        results[job.id] = []
        threading.Thread(target=_run_job, args=(job, results[job.id], profile, lang()),
                         daemon=True).start()
        return redirect(f"/job/{job.id}{q()}")

    @app.get("/job/<job_id>")
    def job_page(job_id: str) -> str:
        job = store.get(job_id)
        if job is None or job_id not in results:
            abort(404)
        w, done = words(), results[job_id]
        body = [f'<h1>{w["title"]}</h1><p><a href="/{q()}">{w["back"]}</a> · '
                f'<a id="lang" href="/job/{job_id}?lang={"zh" if lang() == "en" else "en"}">'
                f'{w["lang"]}</a></p>']
        running = len(done) < len(job.uploads)
        if running:
            body.append(f'<p id="progress">{w["checking"]} {len(done)} / {len(job.uploads)}</p>')
        for res in sorted(done, key=lambda r: r.index):
            body.append(result_html(res, job, w, q))
        if not running and len(job.uploads) > 1:
            body.append(f'<p><a class="button" id="summary" href="/job/{job_id}/summary{q()}">'
                        f'{w["download"]} {w["summary"]}</a></p>')
        return page(w["title"], "".join(body), lang(), refresh=1 if running else None)

    @app.get("/job/<job_id>/<int:index>/<kind>")
    def download(job_id: str, index: int, kind: str) -> Response:
        job = store.get(job_id)
        res = next((r for r in results.get(job_id, []) if r.index == index), None)
        if job is None or res is None:
            abort(404)
        path = {"workbook": res.workbook, "report": res.report}.get(kind)
        if path is None or not path.exists():
            abort(404)
        stem = Path(res.name).stem
        name = f"{stem}-检查结果.xlsx" if kind == "workbook" else f"{stem}-自评报告.docx"
        return send_file(path, as_attachment=True, download_name=name)

    @app.get("/job/<job_id>/summary")
    def summary(job_id: str) -> Response:
        job = store.get(job_id)
        if job is None:
            abort(404)
        rows = [row for r in results.get(job_id, []) for row in _rows(r, lang())]
        return _summary_file(rows, job.out / "汇总.xlsx", lang())

    @app.get("/inbox")
    def inbox_page() -> str:
        if box is None:
            abort(404)
        w = words()
        items = box.rows()
        grades = sorted({r.get("grade") for _e, r in items if r and r.get("grade")})
        options = "".join(f'<option value="{g}">{g}</option>' for g in grades)
        head = [w[k] for k in ("file", "project", "unit", "stage", "score", "grade", "errors",
                               "warnings", "status")]
        rows = []
        for i, (entry, row) in enumerate(items):
            if row is None:
                cells = [entry.path.name, w["checking"], "", "", "", "", "", "", w["checking"]]
                grade = ""
            else:
                p = row["project"]
                grade = row.get("grade") or ""
                cells = [str(entry.path.relative_to(box.folder)), p.get("name") or "",
                         p.get("department") or "", stage_word(row.get("stage"), lang()),
                         row.get("score") or "", grade,
                         str(row["errors"]), str(row["warnings"]), w.get(entry.status,
                                                                         entry.status)]
            link = f'<a href="/inbox/{i}{q()}">{escape(cells[0])}</a>'
            tds = "".join(f"<td>{escape(c)}</td>" for c in cells[1:])
            rows.append(f'<tr data-grade="{escape(grade)}"><td>{link}</td>{tds}</tr>')
        ths = "".join(f'<th onclick="sortBy(this)">{h}</th>' for h in head)
        body = (f'<h1>{w["inbox"]}: {escape(str(box.folder))}</h1>'
                f'<p><a href="/{q()}">{w["back"]}</a> · <a class="button" id="summary" '
                f'href="/inbox/summary{q()}">{w["download"]} {w["summary"]}</a> · '
                f'<select id="grade" onchange="byGrade(this)"><option value="">{w["all"]}'
                f"</option>{options}</select></p>"
                + (f'<p class="muted">{w["wait"]}</p>' if box.busy() else "")
                + f'<table id="inbox"><thead><tr>{ths}</tr></thead><tbody>{"".join(rows)}'
                  f"</tbody></table>")
        return page(w["inbox"], body, lang(), refresh=2 if box.busy() else None)

    @app.get("/inbox/<int:index>")
    def inbox_item(index: int) -> str:
        if box is None:
            abort(404)
        items = box.rows()
        if not 0 <= index < len(items) or items[index][1] is None:
            abort(404)
        w = words()
        entry, row = items[index]
        with_report = (f'<p class="muted" id="report">'
                       f'{escape(w["with_report"].format(name=entry.report.name))}</p>'
                       if entry.report is not None else "")
        body = (f'<h1>{escape(entry.path.name)}</h1><p><a href="/inbox{q()}">{w["back"]}</a></p>'
                + with_report + findings_html(row["findings"], w)
                + (f'<p class="error">{escape(row["error"]["message"])}</p>'
                   if row.get("error") else ""))
        return page(entry.path.name, body, lang())

    @app.get("/inbox/summary")
    def inbox_summary() -> Response:
        if box is None:
            abort(404)
        rows = [r for _e, r in box.rows() if r is not None]
        job = store.new_job()
        return _summary_file(rows, job.out / "汇总.xlsx", lang())

    return app


def _run_job(job: Job, done: list[Result], profile: Any, lang: str) -> None:
    """Check each upload in turn (the page shows the progress), as ``perf-xlsx check -o``."""
    from ..errors import PerfXlsxError
    from ..report.docx import build_report
    from ..run import check_and_write_all
    from ..stages.approved import paired_files

    # a 申报表 uploaded beside the same project's 监控表 or 自评表: compared, as with --targets
    pairs = paired_files([(u.path, u.name) for u in job.uploads]) if len(job.uploads) > 1 \
        else {}
    for i, upload in enumerate(job.uploads, start=1):
        res = Result(upload.name, i, saved=upload.path)
        try:
            out = job.out / f"{i:03d}.xlsx"
            res.reports, outcome = check_and_write_all(upload.path, profile, out=out, lang=lang,
                                                       stage=None, targets=pairs.get(upload.path))
            res.workbook = outcome.written if outcome.written else None
            docx = job.out / f"{i:03d}.docx"
            try:
                if res.reports[0].stage == "self":     # a 自评报告 only once the year is over
                    build_report(res.reports[0], docx)
                    res.report = docx
            except PerfXlsxError:
                res.report = None
        except PerfXlsxError as exc:
            res.error = exc
        except Exception as exc:  # noqa: BLE001 - one file never stops the others
            res.error = exc
        done.append(res)


def _rows(res: Result, lang: str) -> list[dict[str, Any]]:
    from ..batch.pool import error_row, report_row

    if res.error is not None:
        code = getattr(res.error, "code", "internal")
        message = res.error.message(lang) if hasattr(res.error, "message") else str(res.error)
        return [error_row(res.name, "unreadable", code, as_uploaded(message, res.saved, res.name))]
    rows = [report_row(res.name, r, lang) for r in res.reports]
    return [{**row, "findings": uploaded_findings(row["findings"], res.saved, res.name)}
            for row in rows]


def _summary_file(rows: list[dict[str, Any]], path: Path, lang: str) -> Response:
    from ..batch.summary import write_summary

    write_summary(rows, path, lang=lang)
    return send_file(path, as_attachment=True, download_name="汇总.xlsx")
