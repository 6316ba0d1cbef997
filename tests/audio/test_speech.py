"""The text the engine reads: numbers, dates, markup and marks rewritten the way they are said."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audio import speech
from gongkai.audio.speech import DigestItem

UNITS = {"十": 10, "百": 100, "千": 1000}


def parse(spoken: str) -> int:
    """Chinese numerals back to a number: an independent reading of what ``cardinal`` says."""
    for big, value in (("亿", 10**8), ("万", 10**4)):
        if big in spoken:
            high, low = spoken.split(big, 1)
            return parse(high) * value + (parse(low) if low else 0)
    total = digit = 0
    for char in spoken:
        if char in speech.DIGITS:
            digit = speech.DIGITS.index(char)
        else:
            total += (digit or 1) * UNITS[char]
            digit = 0
    return total + digit


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_a_quantity_reads_back_to_the_same_number(number):
    assert parse(speech.cardinal(number)) == number


@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_a_quantity_never_doubles_or_ends_in_zero(number):
    spoken = speech.cardinal(number)
    assert "零零" not in spoken and not spoken.endswith("零")


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (0, "零"),
        (10, "十"),
        (15, "十五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (1800, "一千八百"),
        (20000, "二万"),
        (100010000, "一亿零一万"),
        (105000, "十万五千"),
    ],
)
def test_quantities_as_they_are_said(number, spoken):
    assert speech.cardinal(number) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("筑高新财发〔2024〕3号", "筑高新财发二零二四年三号"),
        ("2024年3月5日起施行", "二零二四年三月五日起施行"),
        ("发布于2024-03-05", "发布于二零二四年三月五日"),
        ("营业收入1,800万元", "营业收入一千八百万元"),
        ("增长12.5%", "增长百分之十二点五"),
        ("补贴3-5年", "补贴三至五年"),
        ("研发投入≥3%", "研发投入不低于百分之三"),
        ("电话0851-12345678", "电话零八五一，一二三四五六七八"),
        ("手机13800000000", "手机一三八零零零零零零零零"),
        ("《关于优化营商环境的意见》", "关于优化营商环境的意见"),
        ("<p>第一条</p><p>第二条&nbsp;内容</p>", "第一条\n第二条 内容"),
        ("详见 https://example.gov.cn/a?b=1 网站", "详见 网站"),
        ("企业（含个体户）", "企业，含个体户，"),
    ],
)
def test_text_as_it_is_said(text, spoken):
    assert speech.speakable(text) == spoken


text_with_numbers = st.lists(
    st.one_of(
        st.text(alphabet="政策企业补贴万元年月日，。", max_size=6),
        st.integers(min_value=0, max_value=10**20).map(str),
        st.decimals(min_value=0, max_value=10**6, places=2).map(str),
        st.sampled_from(["《", "》", "〔", "〕", "%", "<p>", "</p>", "<b>", "&amp;", "-", "≥"]),
    ),
    max_size=20,
).map("".join)


@given(text_with_numbers)
def test_nothing_unspeakable_is_left(text):
    spoken = speech.speakable(text)
    assert not re.search(r"[0-9%《》〔〕<>]", spoken), spoken
    assert spoken == spoken.strip() and "\n\n" not in spoken


@given(st.lists(st.text(alphabet="政策解读企业，。", min_size=1, max_size=400), max_size=40))
def test_the_digest_fits_and_keeps_its_order(scripts):
    kept = speech.fit_digest(scripts, max_seconds=120, reserved=10)
    assert kept == scripts[: len(kept)] or (len(kept) == 1 and scripts[0].startswith(kept[0]))
    assert sum(speech.estimated_seconds(s) for s in kept) <= 110
    if scripts:
        assert kept, "a digest with news is never empty"


def test_a_digest_item_says_what_it_is():
    item = DigestItem("document", 1, "关于2024年科技创新的通知", "支持50家企业。")
    assert speech.item_script(2, "政策文件", item) == (
        "第二条，政策文件：关于二零二四年科技创新的通知。\n支持五十家企业。"
    )
    assert speech.digest_outro(3, 5) == "以上是今天的三条政策信息，另有二条请到网站查看。"
