"""Issue 3 §2 and §4 on the seed document: a policy portal's page around the 2019 openness
plan of 贵阳国家高新区 (shared/seed/000_8a1ce8f3cd3cb75f.txt)."""

from __future__ import annotations

import html
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from gongkai.documents.extraction import (
    JSON_KEYS,
    extract,
    extract_metadata,
    extract_tasks,
    to_json_dict,
)

# tests/documents/<this file>: parents[2] is the repository; shared/ lies beside it.
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
FRAME_TEXT = (
    "当前位置", "浏览量", "服务热线", "技术支持", "监督举报", "注册地址", "微信二维码",
    "APP客户端", "政策匹配", "每日一听", "项目日历", "政策订阅", "148家企业", "4006-0531-77",
)  # fmt: skip


def _load_corpus_builders():
    path = Path(__file__).resolve().parent / "corpus" / "loader.py"
    spec = importlib.util.spec_from_file_location("extraction_corpus_loader", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="module")
def result(seed_bytes):
    return extract(seed_bytes, SEED.name)


@pytest.fixture(scope="module")
def meta(result):
    return result.metadata


@pytest.fixture(scope="module")
def tasks(result):
    return {task.heading: task for task in result.tasks}


def test_title_is_the_notice_not_the_site_or_breadcrumb(meta):
    assert (
        meta.title == "贵阳国家高新区党政办公室印发贵阳国家高新区2019年政务公开工作实施方案的通知"
    )
    assert meta.enclosed_title == "贵阳国家高新区2019年政务公开工作实施方案"


def test_number_issuer_and_recipients(meta):
    assert meta.doc_number == "筑高新办函〔2019〕23号"
    assert meta.doc_number_key == "筑高新办函[2019]23号"
    assert meta.issuers == ["贵阳国家高新区党政办公室"]
    assert meta.recipients_text == "区属各部门、垂直管理部门、园区办、直属企事业单位"
    assert meta.recipients == ["区属各部门", "垂直管理部门", "园区办", "直属企事业单位"]


def test_dates_region_keywords_disclosure(meta):
    assert meta.written_on == date(2019, 7, 10)
    assert meta.published_on == date(2019, 7, 17)
    assert meta.region == "贵州省贵阳市高新区"
    assert meta.keywords == ["其他"]
    assert meta.source == "中国贵阳"
    assert meta.disclosure == "主动公开"


def test_two_attachments(meta):
    assert meta.attachments == [
        "贵阳国家高新区政务公开工作规范流程",
        "《贵阳国家高新区2019年政务公开工作实施方案》解读材料",
    ]


def test_three_distinct_cited_documents_never_its_own_number(meta):
    assert [(c.doc_number, c.title) for c in meta.cited] == [
        ("黔府办函〔2019〕68号", "省人民政府办公厅关于印发贵州省2019年政务公开工作要点的通知"),
        ("筑府办函〔2019〕66号", "市人民政府办公厅关于印发贵阳市2019年政务公开工作要点的通知"),
        ("筑府办函〔2019〕62号", "市人民政府办公厅关于进一步做好决策预公开和政策解读工作的通知"),
    ]


@pytest.mark.parametrize("frame_text", FRAME_TEXT)
def test_no_frame_text_in_body(meta, frame_text):
    assert frame_text not in meta.body


def test_body_keeps_the_whole_document(meta):
    assert meta.body.startswith("筑高新办函〔2019〕23号\n区属各部门")
    assert "(此件公开发布)" in meta.body
    assert "贵阳国家高新区2019年政务公开工作实施方案\n为深入贯彻落实" in meta.body
    assert "(三)强化考核督导。" in meta.body
    assert meta.body.rstrip().endswith("解读材料")


def test_thirteen_tasks_under_four_headings(result):
    headings = [task.heading for task in result.tasks]
    assert headings == [
        "(一)1", "(一)2", "(一)3", "(一)4", "(二)1", "(二)2", "(二)3",
        "(三)1", "(三)2", "(三)3", "(四)1", "(四)2", "(四)3",
    ]  # fmt: skip
    assert {task.section for task in result.tasks} == {"工作任务"}


def test_task_units(tasks):
    assert tasks["(三)1"].unit_names == [
        "组织与人力资源部", "财政局", "规划建设局", "产业发展局", "投资促进局",
        "科技创新促进局", "大数据发展办公室",
    ]  # fmt: skip
    assert tasks["(三)3"].unit_names == ["财政局"]
    assert tasks["(二)3"].unit_names == ["各行政执法部门"]
    assert tasks["(一)1"].unit_names == ["区属各部门", "垂直管理部门", "园区办", "直属企事业单位"]
    assert {unit.role for task in tasks.values() for unit in task.units} == {"responsible"}


def test_task_text_and_heading_text(tasks):
    task = tasks["(三)3"]
    assert task.heading_text == "细化财政信息公开"
    assert task.text.startswith("细化财政信息公开。一是加快项目文本")
    assert "责任单位" not in task.text


def test_nothing_from_the_safeguards_section_is_a_task(result):
    texts = " ".join(task.text for task in result.tasks)
    for safeguard in ("加强组织领导", "贯彻落实好新修订的政府信息公开条例", "强化考核督导"):
        assert safeguard not in texts


def test_json_has_exactly_the_contract_keys(result):
    data = to_json_dict(result)
    assert tuple(data) == JSON_KEYS
    assert data["written_on"] == "2019-07-10"
    assert data["cited"][0] == {
        "doc_number": "黔府办函〔2019〕68号",
        "title": data["cited"][0]["title"],
    }
    assert data["tasks"][9] == {
        "heading": "(三)3",
        "text": data["tasks"][9]["text"],
        "units": ["财政局"],
    }


def test_detailed_json_adds_roles_and_reader_details(result):
    data = to_json_dict(result, detailed=True)
    assert data["format"] == "text"
    assert data["encoding"] == "utf-8"
    assert data["tasks"][0]["unit_roles"][0] == {"name": "区属各部门", "role": "responsible"}


def test_metadata_and_tasks_work_on_text_directly(seed_bytes):
    text = seed_bytes.decode("utf-8")
    assert extract_metadata(text).doc_number == "筑高新办函〔2019〕23号"
    assert len(extract_tasks(extract_metadata(text).body)) == 13


def _as_html(text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = f'<html><head><meta charset="gb2312"><title>详情</title></head><body>{paragraphs}</body></html>'
    return page.encode("gb18030")


def _as_source(text: str) -> str:
    """The seed as a source for the page-layout builders: its title line marked as a title."""
    lines = text.replace("\xa0", " ").replace("•", "").splitlines()
    return "\n".join(f"# {line}" if line.endswith("的通知") else line for line in lines)


@pytest.mark.parametrize("fmt", ["gb18030.txt", "html", "docx", "pdf", "ofd"])
def test_every_format_gives_the_same_json(seed_bytes, result, fmt):
    builders = _load_corpus_builders()
    text = seed_bytes.decode("utf-8")
    data = {
        "gb18030.txt": lambda: text.encode("gb18030"),
        "html": lambda: _as_html(text),
        "docx": lambda: builders.build_docx(_as_source(text)),
        "pdf": lambda: builders.build_pdf(_as_source(text)),
        "ofd": lambda: builders.build_ofd(_as_source(text)),
    }[fmt]()
    assert to_json_dict(extract(data, f"seed.{fmt}")) == to_json_dict(result)
