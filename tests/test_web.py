"""The local pages over HTTP (issue 16): uploads, refusals, downloads, the token, limits, names
from the browser, concurrent uploads, a killed server's uploads, the inbox and its cache."""
from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from form_factory import build_form
from openpyxl import load_workbook
from test_forms import seed
from text_exports import to_html

from perf_xlsx.web.app import create_app
from perf_xlsx.web.store import PREFIX, Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx"))


def _upload(client, files: list[tuple[bytes, str]], lang: str = "zh") -> str:
    data = {"files": [(io.BytesIO(b), name) for b, name in files]}
    r = client.post(f"/check?lang={lang}", data=data, content_type="multipart/form-data")
    assert r.status_code == 302, r.data
    for _ in range(200):
        page = client.get(r.headers["Location"]).data.decode()
        if 'id="progress"' not in page:
            return page
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


@pytest.fixture
def app(tmp_path: Path):
    app = create_app(upload_root=tmp_path / "up")
    yield app
    app.extensions["perf_xlsx"]["store"].close()


def test_clerk_page_checks_files_and_refuses_a_bad_one(app, tmp_path: Path) -> None:
    client = app.test_client()
    assert "选择或拖入" in client.get("/").data.decode()
    page = _upload(client, [(SAMPLES[1].read_bytes(), SAMPLES[1].name),
                            (b"PK\x03\x04 broken", "坏文件.xlsx")])
    assert "PX406" in page and "95.20" in page and "表样预览" in page
    assert "无法检查" in page and "PX005" in page and "Traceback" not in page
    links = re.findall(r'href="(/job/[^"]+/1/workbook[^"]*)"', page)
    workbook = client.get(links[0])
    assert workbook.status_code == 200
    names = load_workbook(io.BytesIO(workbook.data)).sheetnames
    assert "自评表" in names and "检查结果" in names
    report = client.get(re.findall(r'href="(/job/[^"]+/1/report[^"]*)"', page)[0])
    assert report.status_code == 200 and report.data[:2] == b"PK"
    summary = client.get(re.findall(r'href="(/job/[^"]+/summary[^"]*)"', page)[0])
    assert summary.status_code == 200 and summary.data[:2] == b"PK"


def test_english_switch(app) -> None:
    client = app.test_client()
    assert "Choose or drop" in client.get("/?lang=en").data.decode()
    page = _upload(client, [(SAMPLES[0].read_bytes(), SAMPLES[0].name)], lang="en")
    assert "Errors" in page or "Warnings" in page
    assert "Download" in page


def test_names_from_the_browser_never_become_paths(app, tmp_path: Path) -> None:
    client = app.test_client()
    page = _upload(client, [(SAMPLES[0].read_bytes(), "../../../../tmp/evil.xlsx"),
                            (SAMPLES[0].read_bytes(), "C:\\Windows\\x.xlsx")])
    assert not Path("/tmp/evil.xlsx").exists()
    store = app.extensions["perf_xlsx"]["store"]
    saved = [p for p in store.root.rglob("*") if p.is_file() and p.parent.name != "out"]
    # each in a numbered folder of ours, under the last part of the name, made safe
    assert sorted(p.relative_to(p.parents[1]).as_posix() for p in saved) == \
        ["001/evil.xlsx", "002/x.xlsx"]
    assert all(p.resolve().is_relative_to(store.root.resolve()) for p in saved)
    assert "evil.xlsx" in page          # shown as a name, nothing more


def test_messages_name_the_file_as_the_user_named_it(app, tmp_path: Path) -> None:
    """Never our copy's temp path or name (001.xlsx), nor a sheet named after it: a CSV renamed
    .xlsx, a page without a form, and a budget system's HTML export whose one sheet Excel names
    after the file."""
    export = to_html(build_form(tmp_path / "f.xlsx", *seed(0)), tmp_path / "x.xls")
    client = app.test_client()
    page = _upload(client, [("名称,金额\n手册,1\n".encode("gbk"), "我的表.xlsx"),
                            (b"<html><body><table><tr><td>x</td></tr></table></body></html>",
                             "空表.xls"),
                            (export.read_bytes(), "宣传项目自评表.xls")])
    store = app.extensions["perf_xlsx"]["store"]
    assert str(store.root) not in page and "001.xlsx" not in page and "002.xls" not in page
    assert "[PX009] 我的表.xlsx 其实是" in page and "空表.xls：这个文件" in page
    assert "宣传项目自评表!" in page and "003!" not in page
    summary = client.get(re.findall(r'href="(/job/[^"]+/summary[^"]*)"', page)[0])
    text = " ".join(str(v) for ws in load_workbook(io.BytesIO(summary.data)).worksheets
                    for row in ws.values for v in row if v)
    assert "我的表.xlsx 其实是" in text and str(store.root) not in text
    workbook = client.get(re.findall(r'href="(/job/[^"]+/3/workbook[^"]*)"', page)[0])
    results = load_workbook(io.BytesIO(workbook.data))["检查结果"]
    where = " ".join(str(v) for row in results.values for v in row if v)
    assert "宣传项目自评表!" in where and "003!" not in where


def test_upload_limit(tmp_path: Path) -> None:
    from perf_xlsx.template import contract

    app = create_app(upload_root=tmp_path / "up")
    app.config["MAX_CONTENT_LENGTH"] = 1000
    r = app.test_client().post("/check", data={"files": [(io.BytesIO(b"x" * 5000), "a.xlsx")]},
                               content_type="multipart/form-data")
    assert r.status_code == 413
    assert create_app(upload_root=tmp_path / "u2").config["MAX_CONTENT_LENGTH"] >= \
        contract.MAX_FILE_BYTES


def test_token_is_required_when_set(tmp_path: Path) -> None:
    app = create_app(upload_root=tmp_path / "up", token="s3cret")
    client = app.test_client()
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    ok = client.get("/?token=s3cret")
    assert ok.status_code == 200 and "perf_xlsx_token" in ok.headers.get("Set-Cookie", "")
    assert client.get("/").status_code == 200            # the cookie carries it from then on


def test_off_loopback_needs_a_token() -> None:
    from perf_xlsx.web.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_concurrent_uploads_are_separate_jobs(app) -> None:
    pages: list[str] = []

    def one(sample: Path) -> None:
        pages.append(_upload(app.test_client(), [(sample.read_bytes(), sample.name)]))

    threads = [threading.Thread(target=one, args=(s,)) for s in SAMPLES * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(pages) == 4
    assert sum("喀什政府网站宣传项目" in p for p in pages) == 2


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_a_killed_server_leaves_no_upload_behind_on_restart(tmp_path: Path) -> None:
    root = tmp_path / "up"
    root.mkdir()
    code = ("import sys, time; from pathlib import Path; from perf_xlsx.web.store import Store\n"
            f"s = Store(Path({str(root)!r})); j = s.new_job(); s.save(j, 'a.xlsx', b'x')\n"
            "print('ready', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"ready"
    assert list(root.glob(f"{PREFIX}*"))
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    store = Store(root)                      # the restart
    assert [p for p in root.glob(f"{PREFIX}*")] == [store.root]
    store.close()


def test_inbox_lists_checks_in_background_and_caches(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i, s in enumerate(SAMPLES):
        shutil.copy(s, inbox / f"{i}-{s.name}")
    app = create_app(inbox=inbox, upload_root=tmp_path / "up")
    client = app.test_client()
    box = app.extensions["perf_xlsx"]["inbox"]
    client.get("/inbox")
    for _ in range(200):
        if not box.busy():
            break
        time.sleep(0.05)
    page = client.get("/inbox").data.decode()
    assert page.count('<tr data-grade="优"') == 2 and "喀什政府网站宣传项目" in page
    before = {p: p.read_bytes() for p in inbox.iterdir()}
    assert client.get("/inbox/0").status_code == 200
    assert client.get("/inbox/summary").data[:2] == b"PK"
    assert {p: p.read_bytes() for p in inbox.iterdir()} == before     # never written into
    digests = dict(box.cache)
    client.get("/inbox")
    assert box.cache == digests and not box.busy()                      # cached: nothing rerun


def test_the_page_shows_the_stage_and_the_stages_form(app) -> None:
    """A workbook at the 监控 stage: the stage is named, the 绩效监控表 is previewed and
    downloaded, and no 自评报告 is drafted before the year is over (issue 17)."""
    stage_sample = SAMPLES[0].parent / "stages" / "2018-website-publicity-2-监控.xlsx"
    client = app.test_client()
    page = _upload(client, [(stage_sample.read_bytes(), stage_sample.name)])
    assert "阶段" in page and '<span class="stage">监控</span>' in page and "PX722" in page
    assert "项目支出绩效目标执行监控表" in page                      # the preview
    assert not re.findall(r'href="(/job/[^"]+/1/report[^"]*)"', page)
    link = re.findall(r'href="(/job/[^"]+/1/workbook[^"]*)"', page)[0]
    names = load_workbook(io.BytesIO(client.get(link).data)).sheetnames
    assert "绩效监控表" in names and "绩效目标申报表" in names and "自评表" not in names
