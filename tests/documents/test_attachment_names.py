"""Which file is which listed attachment (issue 13): pure rules over names, no database."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.documents.attachment_names import (
    MissingAttachments,
    listing_errors,
    match_listed,
    name_key,
    supplies,
)

# The seed's list, as extraction gives it (附件1, 附件2 in order).
SEED_LISTED = [
    "贵阳国家高新区政务公开工作规范流程",
    "《贵阳国家高新区2019年政务公开工作实施方案》解读材料",
]

SUFFIXES = ["", ".pdf", ".PDF", ".docx", ".doc", ".xlsx", ".ofd", ".jpg", ".png", ".zip"]
SEPARATORS = ["", " ", "　", "：", ":", "、", ".", "_", "-", " - "]
CHINESE = "一二三四五六七八九十"


def _number_written(number: int, chinese: bool, full_width: bool) -> str:
    if chinese and number <= 10:
        return CHINESE[number - 1]
    digits = str(number)
    return (
        digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        if full_width
        else digits
    )


numbers = st.integers(min_value=1, max_value=10)
spellings = st.tuples(st.booleans(), st.booleans())  # (chinese numeral, full-width digits)


@st.composite
def attachment_prefixes(draw, number: int) -> str:
    chinese, full_width = draw(spellings)
    space = draw(st.sampled_from(["", " ", "　"]))
    return f"附件{space}{_number_written(number, chinese, full_width)}"


def test_the_seed_attachments_by_full_name_by_number_and_by_bare_name():
    files = [
        ["附件2.pdf"],
        ["附件1 贵阳国家高新区政务公开工作规范流程.docx"],
    ]
    assert match_listed(SEED_LISTED, files) == [1, 0]
    assert match_listed(SEED_LISTED, [["贵阳国家高新区政务公开工作规范流程.pdf"]]) == [0, None]
    assert match_listed(
        SEED_LISTED, [["附件２《贵阳国家高新区2019年政务公开工作实施方案》解读材料.PDF"]]
    ) == [None, 0]


def test_the_document_file_itself_and_other_numbers_supply_nothing():
    assert match_listed(SEED_LISTED, [["000_8a1ce8f3cd3cb75f.txt"], ["附件3.pdf"]]) == [
        None,
        None,
    ]
    # A year is not an attachment number, and a name alone must be whole.
    assert not supplies(SEED_LISTED[0], 1, "2019年政务公开工作要点.pdf")
    assert not supplies(SEED_LISTED[0], 1, "工作规范流程.pdf")
    # The right name under another number is another attachment.
    assert not supplies(SEED_LISTED[0], 1, "附件2 贵阳国家高新区政务公开工作规范流程.pdf")


@given(
    number=numbers,
    prefix=st.data(),
    separator=st.sampled_from(SEPARATORS),
    suffix=st.sampled_from(SUFFIXES),
    with_name=st.sampled_from(["none", "whole", "booked", "tail"]),
)
def test_a_numbered_file_supplies_its_number(number, prefix, separator, suffix, with_name):
    listed = [f"第{n}号材料清单" for n in range(1, 11)]
    listed[number - 1] = "《某某区政务公开工作实施方案》解读材料"
    name = {
        "none": "",
        "whole": "《某某区政务公开工作实施方案》解读材料",
        "booked": "〈某某区政务公开工作实施方案〉解读材料",
        "tail": "解读材料",
    }[with_name]
    written = prefix.draw(attachment_prefixes(number))
    file_name = f"{written}{separator if name else ''}{name}{suffix}"
    found = match_listed(listed, [[file_name]])
    assert found[number - 1] == 0, file_name
    assert found.count(0) == 1


@given(
    number=numbers,
    other=numbers,
    prefix=st.data(),
    suffix=st.sampled_from(SUFFIXES),
)
def test_a_file_naming_another_number_never_matches(number, other, prefix, suffix):
    if number == other:
        return
    file_name = f"{prefix.draw(attachment_prefixes(other))}{suffix}"
    assert not supplies("工作规范流程", number, file_name)


@given(
    suffix=st.sampled_from(SUFFIXES),
    spaced=st.booleans(),
    full_width=st.booleans(),
)
def test_an_unnumbered_file_matches_by_its_whole_name(suffix, spaced, full_width):
    name = "《贵阳国家高新区2019年政务公开工作实施方案》解读材料"
    if full_width:
        name = name.replace("2019", "２０１９")
    if spaced:
        name = " ".join(name)
    assert match_listed(SEED_LISTED, [[f"{name}{suffix}"]]) == [None, 0]


def test_names_are_compared_without_suffix_punctuation_and_width():
    assert name_key("附件１：《规范》流程.PDF") == name_key("附件 1 规范流程.pdf")
    assert name_key("附件十二.docx").number == 12
    assert name_key("3、清单.xlsx").number == 3
    assert name_key("2019年清单.xlsx").number is None
    assert name_key("folder/sub\\附件1.pdf").number == 1


@given(order=st.permutations([0, 1, 2]))
def test_each_file_supplies_one_listed_attachment_and_exact_names_win(order):
    listed = ["工作规范流程", "工作规范流程图", "解读材料"]
    files = [["附件1 工作规范流程.pdf"], ["附件2.pdf"], ["解读材料.docx"]]
    shuffled = [files[i] for i in order]
    found = match_listed(listed, shuffled)
    assert [order[i] for i in found] == [0, 1, 2]
    # The same name twice is one file for one listed attachment.
    assert match_listed(["解读材料", "解读材料"], [["解读材料.pdf"]]) == [0, None]


def test_an_attachment_goes_by_its_title_or_its_file_name():
    found = match_listed(SEED_LISTED, [("原文", "12-seed.zip"), ("解读", "附件2.pdf")])
    assert found == [None, 1]


def _messages(names, max_length=40) -> list[tuple[str, str]]:
    return [(e.message_zh, e.message_en) for e in listing_errors(names, max_length)]


def test_a_list_of_distinct_names_has_no_errors():
    assert _messages(SEED_LISTED) == []
    assert _messages([]) == []


def test_empty_long_and_repeated_names_are_each_named_by_number():
    assert _messages(["预算表", " 　", "表" * 41, "预算表.PDF", "《预 算 表》"]) == [
        ("附件2的名称为空。", "Attachment 2 has no name."),
        (
            "附件3的名称过长（41个字符，最多40个）。",
            "The name of attachment 3 is too long (41 characters, at most 40).",
        ),
        (
            "附件4与附件1的名称重复：“预算表.PDF”。",
            "Attachment 4 has the same name as attachment 1: “预算表.PDF”.",
        ),
        (
            "附件5与附件1的名称重复：“《预 算 表》”。",
            "Attachment 5 has the same name as attachment 1: “《预 算 表》”.",
        ),
    ]


@given(st.lists(st.text(alphabet="预算表方案流程解读材料AbC", min_size=1, max_size=6), max_size=8))
def test_a_list_passes_exactly_when_no_two_names_are_matched_alike(names):
    keys = [name_key(name).words or name for name in names]
    repeated = len(set(keys)) < len(keys)
    assert bool(listing_errors(names, 10)) == repeated


def test_a_later_file_supplies_a_missing_attachment_only_when_its_name_says_whose():
    missing = MissingAttachments(
        [(7, 1, SEED_LISTED[0]), (7, 2, SEED_LISTED[1]), (8, 2, "预算表"), (9, 2, "预算表")]
    )
    assert missing.supplied_by(f"{SEED_LISTED[0]}.pdf") == (7, 1, SEED_LISTED[0])
    assert missing.supplied_by("附件2 政务公开工作实施方案》解读材料.docx") == (
        7,
        2,
        SEED_LISTED[1],
    )
    assert missing.supplied_by("附件2.pdf") is None  # any document's 附件2
    assert missing.supplied_by("预算表.xlsx") is None  # two documents lack a 预算表
    assert missing.supplied_by(f"附件3 {SEED_LISTED[0]}.pdf") is None  # another number
    missing.remove((7, 1, SEED_LISTED[0]))
    assert missing.supplied_by(f"{SEED_LISTED[0]}.pdf") is None
    missing.remove((9, 2, "预算表"))
    assert missing.supplied_by("预算表.xlsx") == (8, 2, "预算表")
