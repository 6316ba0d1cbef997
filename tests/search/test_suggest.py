"""“您是不是要找”: near misses are corrected from the library's own words."""

from gongkai.search.suggest import did_you_mean

TITLES = "\n".join(
    [
        "关于印发2019年政务公开工作实施方案的通知",
        "关于推进政务公开标准化规范化的意见",
        "财政专项资金管理办法",
        "Notice on the Openness Plan",
    ]
)


def test_a_wrong_character_is_corrected():
    assert did_you_mean("政务工开", TITLES) == "政务公开"
    assert did_you_mean("专项资今", TITLES) == "专项资金"


def test_a_missing_or_extra_character_is_corrected():
    assert did_you_mean("实施方", TITLES) is None  # found as typed: nothing to correct
    assert did_you_mean("政务公公开", TITLES) == "政务公开"
    assert did_you_mean("资金管办法", TITLES) == "资金管理办法"


def test_each_word_is_corrected_on_its_own():
    assert did_you_mean("财政 政务工开", TITLES) == "财政 政务公开"
    assert did_you_mean("openess plan", TITLES) == "Openness plan"


def test_nothing_near_gives_no_suggestion():
    assert did_you_mean("萤火虫", TITLES) is None
    assert did_you_mean("政", TITLES) is None
    assert did_you_mean("", TITLES) is None
    assert did_you_mean("政务公开", "") is None


def test_query_text_is_not_a_pattern():
    assert did_you_mean("资金.*", TITLES) is None
    assert did_you_mean("[(", TITLES) is None
