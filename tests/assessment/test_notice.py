"""The draft 通报: its words without the database (the title names the period, the table the
departments under the threshold with the indicators that cost them most), and the .docx from
the back office, for whoever reads the scoreboard, only when someone is under the threshold."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from gongkai.assessment import notice, notice_docx, services
from gongkai.assessment.notice import DepartmentScores, IndicatorScore
from gongkai.assessment.scoring import Period, weighted_total
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.conftest import set_notice_threshold

INDICATORS = [("依申请公开按时答复", 25), ("行政执法决定按时公开", 15), ("死链", 10)]


def _department(name="产业发展局", total=45.0):
    return DepartmentScores(
        name=name,
        total=total,
        scores=[
            IndicatorScore("依申请公开按时答复", 25, 50.0, total=2, failing=1),
            IndicatorScore("行政执法决定按时公开", 15, 0.0, total=1, failing=1),
            IndicatorScore("死链", 10, None),
            IndicatorScore("栏目按时更新", 10, 100.0, total=3, failing=0),
        ],
    )


def _draft(low, **overrides):
    values = {
        "body": "某某区人民政府办公室",
        "period": Period(2026, 3),
        "threshold": 60,
        "indicators": INDICATORS,
        "assessed": 5,
        "low": low,
        "written_on": date(2026, 10, 9),
    }
    return notice.draft(**(values | overrides))


def test_the_draft_names_the_period_the_body_and_the_departments():
    draft = _draft([_department(), _department("教育局", 55)])
    assert draft.title == "关于2026年第三季度政务公开工作考核情况的通报"
    assert draft.issuer == "某某区人民政府办公室" and draft.signed_on == "2026年10月9日"
    text = "".join(paragraph for paragraph, _ in draft.paragraphs + draft.closing)
    assert "依申请公开按时答复（权重25）" in text  # the method names the indicators
    assert "本期共考核5个部门，其中2个部门总分低于60分" in text
    assert "____年__月__日前" in text  # the deadline is the editor's
    header, *rows = draft.table
    assert header == notice.TABLE_HEADER
    assert [row[:3] for row in rows] == [("1", "产业发展局", "45"), ("2", "教育局", "55")]
    # Enforcement (0 at weight 15 of the 50 that apply: 30 points) before requests (25);
    # columns lost nothing and dead links do not apply.
    assert rows[0][3] == (
        "行政执法决定按时公开：得分0，失30分（未达标1项/共1项）；\n"
        "依申请公开按时答复：得分50，失25分（未达标1项/共2项）"
    )
    assert rows[0][4] == "2"


def test_an_indicator_under_its_pass_mark_is_named_however_little_it_cost():
    # 教育局 is above the threshold but scored 94 on 栏目, under its pass mark of 95.
    education = DepartmentScores(
        name="教育局",
        total=75.0,
        scores=[
            IndicatorScore("依申请公开按时答复", 25, 50.0, total=2, failing=1),
            IndicatorScore("行政执法决定按时公开", 15, 100.0, total=1),
            IndicatorScore("死链", 10, 80.0, total=2, failing=2),
            IndicatorScore("政策解读", 10, 85.0, total=20, failing=3),
            IndicatorScore("栏目按时更新", 10, 94.0, total=50, failing=3, pass_mark=95),
        ],
    )
    draft = _draft([education])
    text = "".join(paragraph for paragraph, _ in draft.paragraphs)
    assert "其中1个部门总分低于60分或单项指标得分低于达标分，予以通报：教育局" in text
    lost = draft.table[1][3].split("；\n")
    assert len(lost) == 4  # the three that cost most, and the one under its pass mark
    assert lost[-1] == "栏目按时更新：得分94，失0.9分，低于达标分95分（未达标3项/共50项）"
    assert "达标分" not in "".join(p for p, _ in _draft([_department()]).paragraphs)


def test_a_year_and_a_missing_body():
    draft = _draft([_department()], period=Period(2026), body="")
    assert draft.title == "关于2026年度政务公开工作考核情况的通报"
    assert draft.issuer == notice.BLANK_BODY


def test_no_department_no_notice():
    with pytest.raises(ValueError):
        _draft([])


_scores = st.lists(
    st.builds(
        IndicatorScore,
        name=st.sampled_from(["甲", "乙", "丙", "丁", "戊"]),
        weight=st.integers(0, 40),
        score=st.none() | st.floats(0, 100).map(lambda x: round(x, 1)),
    ),
    max_size=6,
    unique_by=lambda s: s.name,
)


@given(_scores)
def test_the_points_lost_add_up_to_what_the_total_misses(scores):
    total = weighted_total({s.name: s.score for s in scores}, {s.name: s.weight for s in scores})
    lost = notice.lost_points(scores)
    assert [points for _, points in lost] == sorted((p for _, p in lost), reverse=True)
    assert all(points > 0 for _, points in lost)
    if total is None:
        assert lost == []
    else:
        # Each share is rounded to one decimal, as is the total.
        assert (
            abs(sum(points for _, points in lost) - (100 - total)) <= 0.05 * (len(lost) + 1) + 1e-9
        )


def test_the_document_is_an_a4_page_and_its_table_keeps_its_rows_whole():
    # LibreOffice showed a US Letter page, the indicators wrapped every four characters in
    # equal columns, a row broken across two pages and 三、整改要求 alone at a page's foot.
    low = [_department(f"第{i}局", 40.0 + i) for i in range(12)]
    word = WordDocument(BytesIO(notice_docx.notice_docx(_draft(low))))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]
    table = word.tables[0]
    widths = [round(cell.width.mm) for cell in table.rows[1].cells]
    assert widths[3] == max(widths) and sum(widths) == 210 - 28 - 26
    properties = [row._tr.trPr for row in table.rows]
    assert all(p is not None and p.find(qn("w:cantSplit")) is not None for p in properties)
    assert [p.find(qn("w:tblHeader")) is not None for p in properties] == [True] + [False] * 12
    headings = [p for p in word.paragraphs if p.text in ("一、考核方法", "三、整改要求")]
    assert len(headings) == 2 and all(p.paragraph_format.keep_with_next for p in headings)


# --- the back office ------------------------------------------------------------------------


def _notice_url(district):
    return f"{reverse('assessment_scores:notice')}?period={district.period.key}"


@pytest.mark.django_db
def test_an_assessor_downloads_the_notice(district, client, settings):
    # 产业发展局 totals 31.2, 教育局 45.5 (interpretation and adoption report missing).
    set_notice_threshold(40)
    settings.GONGKAI_BODY_NAME = "某某区人民政府办公室"
    services.compute_indicators(district.period)
    client.force_login(factories.staff_user(Role.ASSESSOR))
    board = client.get(reverse("assessment_scores:board"), {"period": district.period.key})
    assert _notice_url(district) in board.content.decode()
    response = client.get(_notice_url(district))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    word = WordDocument(BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "政务公开工作考核情况的通报" in text and "某某区人民政府办公室" in text
    rows = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert [row[1:3] for row in rows[1:]] == [["产业发展局", "31.2"]]
    assert rows[1][3].startswith("行政执法决定按时公开：得分0")
    assert "依申请公开按时答复：得分50" in rows[1][3] and rows[1][4] == "2"
    assert "其中1个部门总分低于40分" in text


@pytest.mark.django_db
def test_nothing_under_the_threshold_no_document(district, client):
    set_notice_threshold(10)
    services.compute_indicators(district.period)
    client.force_login(factories.staff_user(Role.ASSESSOR))
    board = client.get(reverse("assessment_scores:board"), {"period": district.period.key})
    assert _notice_url(district) not in board.content.decode()
    assert "无需通报" in board.content.decode()
    response = client.get(_notice_url(district), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"?period={district.period.key}")
    assert "无需通报" in response.content.decode()
    assert "application/vnd" not in response["Content-Type"]


@pytest.mark.django_db
def test_only_readers_of_the_board_download(district, client):
    services.compute_indicators(district.period)
    client.force_login(factories.make_user())  # signed in, no role
    response = client.get(_notice_url(district))
    assert response.status_code in (302, 403)
    assert "application/vnd" not in response.get("Content-Type", "")
