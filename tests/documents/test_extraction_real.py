"""Extraction on real government pages (issue 8): per-field accuracy floors over the real
corpora, and one test per rule kind the real pages called for."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.documents.extraction import extract_metadata, extract_tasks
from gongkai.documents.extraction.metadata import MISSING, SURE, UNSURE
from gongkai.documents.extraction.titles import clean_title

HERE = Path(__file__).resolve().parent


def _scoring():
    spec = importlib.util.spec_from_file_location(
        "real_corpus_scoring", HERE / "real_corpus" / "scoring.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scoring = _scoring()

# What extraction reaches today (bench/extraction_accuracy_bench.py); a floor fails the
# build when a change makes a field worse on real pages.
GROWN_FLOORS = SHARED_FLOORS = dict.fromkeys(scoring.FIELDS, 1.0)


def _accuracy(folder: Path) -> dict[str, float]:
    table = scoring.evaluate(scoring.load(folder))
    return {
        field: sum(ok for _name, ok in rows) / len(rows) for field, rows in table.items() if rows
    }


def test_the_grown_corpus_is_real_and_sourced():
    documents = scoring.load(HERE / "real_corpus")
    assert len(documents) >= 20
    for document in documents:
        first = document.data.decode("utf-8").splitlines()[0]
        assert first.startswith("# source: http"), document.name


@pytest.mark.parametrize(
    ("folder", "floors"),
    [(HERE / "real_corpus", GROWN_FLOORS), (scoring.shared_corpus(HERE), SHARED_FLOORS)],
    ids=["grown", "shared"],
)
def test_accuracy_on_real_pages_does_not_regress(folder, floors):
    if folder is None:
        pytest.skip("needs ../shared/corpus beside the repository")
    accuracy = _accuracy(folder)
    below = {
        field: round(accuracy[field], 3)
        for field, floor in floors.items()
        if field in accuracy and accuracy[field] + 1e-9 < floor
    }
    assert below == {}


# --- page metadata laid out in several ways --------------------------------------------------------

LABELS_AND_KEYS = [
    ("发布日期", "published_on"), ("发布时间", "published_on"), ("成文日期", "written_on"),
]  # fmt: skip


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    label=st.sampled_from(LABELS_AND_KEYS),
    bullet=st.sampled_from(["", "  • ", "\u3000"]),
    blank=st.sampled_from(["\n", "\n\n"]),
)
def test_a_label_alone_on_its_line_takes_the_next_line(day, label, bullet, blank):
    name, key = label
    text = (
        f"关于做好某项工作的通知\n{bullet}{name}:{blank}    {day:%Y年%m月%d日} 16:40\n"
        f"{bullet}主题分类:\n{bullet}发文字号:\n    某政发〔2024〕7号\n各部门：\n正文。"
    )
    meta = extract_metadata(text)
    assert getattr(meta, key) == day
    assert meta.doc_number == "某政发〔2024〕7号"
    assert meta.recipients_text == "各部门"


def test_a_title_under_an_empty_field_is_not_its_value():
    text = "主 题 词：\n国务院关于某事的通知\n各部门：\n正文。"
    assert extract_metadata(text).title == "国务院关于某事的通知"


@pytest.mark.parametrize(
    ("badge", "validity"),
    [("【已废止】", "repealed"), ("此件已失效", "expired"), ("[已修订]", "amended")],
)
def test_a_validity_badge_on_the_page(badge, validity):
    meta = extract_metadata(f"{badge}\n关于某事的通知\n各部门：\n正文。")
    assert meta.validity == validity
    assert meta.provenance["validity"].confidence == SURE
    assert meta.title == "关于某事的通知"


def test_a_metadata_row_without_colons():
    text = (
        "发文字号 武自然资规〔2022〕35号 主题分类 城市规划\n"
        "发文单位 武汉市自然资源和规划局 效力状态 有效\n"
        "发文日期 2022-06-25 发布日期 2022-06-27\n"
        "武汉市自然资源和规划局关于印发某方案的通知\n各区局：\n正文。"
    )
    meta = extract_metadata(text)
    assert meta.doc_number == "武自然资规〔2022〕35号"
    assert meta.issuers == ["武汉市自然资源和规划局"]
    assert (meta.written_on, meta.published_on) == (date(2022, 6, 25), date(2022, 6, 27))
    assert meta.validity == "in_force"
    assert meta.title == "武汉市自然资源和规划局关于印发某方案的通知"


@pytest.mark.parametrize(
    "line",
    [
        "来源:某市政府门户网 日期:2017-01-12 17:08 字号:【",
        "来源: 作者: 时间:2017-01-12 点击率:【 打印 】",
        "2017/1/12 16:43:13 次浏览 分类:政府动态 来源:",
        "2017-01-12 10:00 区人民政府办公室",
        "浏览量:          时间:2017-01-12 23:45:19",
    ],
)
def test_header_date_lines(line):
    meta = extract_metadata(f"某县召开某某工作会议\n{line}\n会议指出，要做好工作。")
    assert meta.published_on == date(2017, 1, 12)
    assert meta.title == "某县召开某某工作会议"
    assert meta.provenance["published_on"].confidence == UNSURE


def test_a_time_label_in_the_text_is_not_page_metadata():
    text = "关于召开会议的通知\n各部门：\n时间：1月22日上午9:00\n地点：会议室。"
    meta = extract_metadata(text)
    assert meta.published_on is None
    assert "时间：1月22日上午9:00" in meta.body


# --- titles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "title", "number", "validity"),
    [
        (
            "某镇人民政府2022年政府信息公开工作年度报告 |",
            "某镇人民政府2022年政府信息公开工作年度报告",
            None,
            None,
        ),
        ("某乡人大会议胜利召开[图]", "某乡人大会议胜利召开", None, None),
        ("【西湖区】关于做好某事的通知", "关于做好某事的通知", None, None),
        (
            "【已废止】某府办〔2019〕12号 某市关于某事的通知",
            "某市关于某事的通知",
            "某府办〔2019〕12号",
            "repealed",
        ),
        ("【失效】关于某事的通知", "关于某事的通知", None, "expired"),
        (
            "某办公室印发《某意见》的通知(某办发〔2017〕2号)",
            "某办公室印发《某意见》的通知",
            "某办发〔2017〕2号",
            None,
        ),
        ("《某市人民政府关于某事的通知》", "某市人民政府关于某事的通知", None, None),
        (
            "【图文解读】《关于印发某方案的通知》政策解读",
            "《关于印发某方案的通知》政策解读",
            None,
            None,
        ),
        (
            "“党政混合信息公开” 某区委办公室印发某计划的通知",
            "某区委办公室印发某计划的通知",
            None,
            None,
        ),
        (
            "某市人民政府关于印发某规则的通知(2019修订)",
            "某市人民政府关于印发某规则的通知",
            None,
            None,
        ),
    ],
)
def test_title_clean_up(written, title, number, validity):
    cleaned = clean_title(written)
    assert (cleaned.text, cleaned.doc_number, cleaned.validity) == (title, number, validity)


@given(
    title=st.text(alphabet="关于做好某项工作的通知市区县", min_size=1, max_size=30),
    mark=st.sampled_from(["", "【某区】", "[通知]"]),
    tail=st.sampled_from(["", " |", "[图]", " | |||"]),
)
@settings(max_examples=200)
def test_title_clean_up_never_grows_a_title(title, mark, tail):
    cleaned = clean_title(f"{mark}{title}{tail}").text
    assert len(cleaned) <= len(title) + len(mark) + len(tail)
    assert not cleaned.endswith("|")


def test_a_news_headline_is_the_line_above_the_page_date():
    text = (
        "当前位置：首页>政府动态\n区政府各部门积极参加清雪活动\n发布时间：2010-01-06 来源：\n正文。"
    )
    meta = extract_metadata(text)
    assert meta.title == "区政府各部门积极参加清雪活动"
    assert meta.provenance["title"].confidence == UNSURE


def test_a_list_title_repeated_as_the_issuers_heading():
    text = "2022年政府信息公开工作年度报告\n某县某镇人民政府\n2022年政府信息公开工作年度报告\n一、总体情况"
    meta = extract_metadata(text)
    assert meta.title == "某县某镇人民政府2022年政府信息公开工作年度报告"
    assert meta.issuers == ["某县某镇人民政府"]


def test_a_title_field_finds_the_wrapped_heading():
    text = (
        "标题：国务院关于某某事项的决定\n国务院关于某某\n事项的决定\n某发〔2018〕43号\n"
        "各省人民政府：\n正文。\n国务院\n2018年12月21日"
    )
    meta = extract_metadata(text)
    assert meta.recipients_text == "各省人民政府"
    assert meta.provenance["title"].confidence == SURE


# --- issuers and dates ---------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["中国平潭", "本站", "县政府网站", "原创"])
def test_a_site_name_is_not_an_issuer(site):
    meta = extract_metadata(f"发布机构：{site}\n来源：{site}\n某某工作简报\n正文。")
    assert meta.issuers == []
    assert meta.provenance["issuers"].confidence == MISSING


def test_a_source_field_naming_a_body_is_an_unsure_issuer():
    meta = extract_metadata("某某工作简报\n信息来源：某县人民政府办公室\n正文。")
    assert meta.issuers == ["某县人民政府办公室"]
    assert meta.provenance["issuers"] == meta.provenance["issuers"].__class__(UNSURE, "信息来源")


def test_the_signature_date_wins_over_a_posting_date_field():
    text = "发文日期：2019-01-23\n关于某事的通知\n各部门：\n正文。\n某县人民政府\n2019年1月17日"
    meta = extract_metadata(text)
    assert meta.written_on == date(2019, 1, 17)
    assert meta.provenance["written_on"].label == "落款"


def test_a_joint_title_names_every_issuer():
    title = "甲市发展和改革委员会 中共甲市委社会工作部 甲市住房和城乡建设局 关于印发某方案的通知"
    meta = extract_metadata(f"{title}\n各区县政府：\n正文。")
    assert meta.issuers == ["甲市发展和改革委员会", "中共甲市委社会工作部", "甲市住房和城乡建设局"]


# --- tasks --------------------------------------------------------------------------------------


def test_the_covering_notices_instructions_are_not_tasks():
    text = (
        "一、各责任单位要高度重视，对照确定的目标任务，制订工作方案。\n"
        "二、请按时报送进展。\n"
        "某某任务责任分解方案\n"
        "一、主要预期目标\n(一)地区生产总值增长7%\n责任单位:区发展和改革局\n"
        "(二)固定资产投资增长10%\n责任单位:区财政局、区统计局\n"
    )
    tasks = extract_tasks(text)
    assert [task.unit_names for task in tasks] == [["区发展和改革局"], ["区财政局", "区统计局"]]


def test_the_first_named_unit_leads():
    text = "二、重点任务\n1.精简审批。(区政务服务局牵头,区发改局、区级相关部门配合)"
    units = extract_tasks(text)[0].units
    assert [(u.name, u.role) for u in units] == [
        ("区政务服务局", "lead"), ("区发改局", "supporting"), ("区级相关部门", "supporting"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("note", "roles"),
    [
        ("（排在第一位的部门为牵头部门，其他为配合部门）", ["lead", "supporting", "supporting"]),
        ("（注：列第一位的为牵头单位）", ["lead", "responsible", "responsible"]),
        ("", ["responsible", "responsible", "responsible"]),
    ],
)
def test_a_plans_first_named_unit_convention(note, roles):
    text = f"二、重点任务\n{note}\n1.做好某项工作。（责任单位：区财政局、区审计局、区统计局）"
    units = extract_tasks(text)[0].units
    assert [unit.role for unit in units] == roles
    assert units[0].name == "区财政局"


def test_marks_in_square_brackets():
    text = "一、重点工作\n1、抓好防控。[牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)]"
    units = extract_tasks(text)[0].units
    assert [(u.name, u.role) for u in units] == [
        ("区卫健局", "lead"), ("区疫情防控指挥部成员单位", "responsible"), ("各街办(新区)", "responsible"),
    ]  # fmt: skip


@given(
    place=st.sampled_from(["贵阳市", "下陆区", "镇巴县"]),
    office=st.sampled_from(["办公厅", "办公室", ""]),
    full=st.booleans(),
)
def test_a_short_form_issuer_takes_the_place_the_page_names(place, office, full):
    level = place[-1]
    short = f"{level}{'人民' if full else ''}政府{office}"
    text = f"发布机构：{place}政府办公室\n{short}关于做好某事的通知\n各部门：\n正文。"
    meta = extract_metadata(text)
    assert meta.issuers == [f"{place}人民政府{office}"]
    assert meta.provenance["issuers"].confidence == UNSURE


def test_a_short_form_without_a_place_stays():
    meta = extract_metadata("关于印发2021年区政府工作的通知\n区政府办公室\n2021年8月1日")
    assert meta.issuers == ["区政府办公室"]


def test_a_number_field_without_a_number_is_not_the_number():
    text = "发文字号 某街道2023年度工作年度报告号 索引号 123/2024-1\n某街道2023年度工作年度报告\n正文。"
    assert extract_metadata(text).doc_number is None


def test_table_cells_copied_with_pipes():
    text = "索 引 号: | 123/2024-00001 | 生成日期: | 2024-01-05 |\n文 号: | 关键字: | 信息 | |\n某街道2023年报告 | ||||\n正文。"
    meta = extract_metadata(text)
    assert meta.published_on == date(2024, 1, 5)
    assert meta.doc_number is None
    assert meta.title == "某街道2023年报告"


FLAT_PAGE = (
    "当前位置： 首页政务公开文件 关于做好某事的通知 时间：2015-09-14 15:51 微信 微博 "
    "某综管办〔2015〕174号某某区管委会办公室关于做好某事的通知区直各单位，各乡镇人民政府："
    "为做好某事，现将有关事项通知如下。"
    + "请各单位认真落实。" * 20
    + "附件：1.某某名单 2.某某流程某某区管委会办公室2015年9月10日 来源：某某网 附件下载"
)


def test_a_page_flattened_into_one_line_is_read_as_lines():
    meta = extract_metadata(f"标题: 关于做好某事的通知\n{FLAT_PAGE}")
    assert meta.title == "某某区管委会办公室关于做好某事的通知"
    assert meta.doc_number == "某综管办〔2015〕174号"
    assert meta.recipients_text == "区直各单位，各乡镇人民政府"
    assert meta.issuers == ["某某区管委会办公室"]
    assert meta.written_on == date(2015, 9, 10)
    assert meta.published_on == date(2015, 9, 14)
    assert meta.attachments == ["某某名单", "某某流程"]


def test_a_long_paragraph_is_not_split():
    paragraph = "根据有关规定，现将有关事项通知如下，请各单位于2015年9月10日前报送。" * 10
    meta = extract_metadata(f"关于做好某事的通知\n各部门：\n{paragraph}")
    assert paragraph in meta.body
