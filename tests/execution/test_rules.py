"""The pure rules of 执行公开: task group titles, report consistency, a task's state."""

from datetime import date

import pytest

from gongkai.execution.outline import group_title, group_titles
from gongkai.execution.progress import (
    COMPLETED,
    DELAYED,
    IN_PROGRESS,
    NOT_STARTED,
    Progress,
    is_due_soon,
    report_problems,
    task_state,
)

from .conftest import SEED

TODAY = date(2019, 9, 1)


def test_group_titles_of_the_seed():
    titles = group_titles(SEED.read_text(encoding="utf-8"))
    assert titles[("工作任务", "(三)")] == "(三)以公开优服务,深化重点领域信息公开"
    assert titles[("强化保障措施,推动各项工作落到实处", "(一)")].startswith("(一)加强组织领导")
    assert group_title(titles, "(三)1", "工作任务") == "(三)以公开优服务,深化重点领域信息公开"


def test_group_title_with_several_sections_full_width_and_no_group_level():
    text = "一、重点任务\n（一）优化服务。\n1．办事指南（责任单位：审批局）\n二、保障措施\n（一）加强领导"
    titles = group_titles(text)
    assert group_title(titles, "一(一)1", "重点任务") == "（一）优化服务"
    assert group_title(titles, "3", "任务分工表") == "任务分工表"


@pytest.mark.parametrize(
    ("status", "percent", "ok"),
    [
        (NOT_STARTED, 0, True),
        (IN_PROGRESS, 40, True),
        (DELAYED, 10, True),
        (COMPLETED, 100, True),
        (COMPLETED, 90, False),
        (NOT_STARTED, 5, False),
        (IN_PROGRESS, 100, False),
        (IN_PROGRESS, 101, False),
    ],
)
def test_report_percent_must_fit_the_status(status, percent, ok):
    problems = report_problems(status, percent)
    assert (problems == []) is ok
    assert all(zh and en for zh, en in problems)


def test_completed_when_every_responsible_department_has_completed():
    state = task_state(
        [1, 2], {1: Progress(COMPLETED, 100), 2: Progress(COMPLETED, 100)}, TODAY, TODAY
    )
    assert (state.status, state.percent, state.pending, state.overdue) == (
        COMPLETED,
        100,
        (),
        False,
    )


def test_overdue_while_a_department_has_not_completed():
    state = task_state([1, 2], {1: Progress(COMPLETED, 100)}, date(2019, 8, 31), TODAY)
    assert (state.status, state.percent, state.pending, state.overdue) == (DELAYED, 50, (2,), True)
    assert (state.completed, state.total) == (1, 2)


def test_in_progress_not_started_and_reported_delay():
    assert task_state([1], {1: Progress(IN_PROGRESS, 30)}, None, TODAY).status == IN_PROGRESS
    assert task_state([1, 2], {}, TODAY, TODAY).status == NOT_STARTED
    assert task_state([1], {1: Progress(DELAYED, 30)}, None, TODAY).status == DELAYED
    assert task_state([], {}, None, TODAY).status == NOT_STARTED


def test_due_soon_window():
    assert is_due_soon(date(2019, 9, 15), TODAY)
    assert not is_due_soon(date(2019, 9, 16), TODAY)
    assert not is_due_soon(date(2019, 8, 31), TODAY)
    assert not is_due_soon(None, TODAY)
