"""The titles of a plan's task groups, e.g. (三)以公开优服务，深化重点领域信息公开 for the
tasks (三)1 to (三)3 (no Django imports).

``extract_tasks`` gives each task its path ("(三)1") and its top-level section ("工作任务")
but not the title of the group between them, which the plan's pages use to group its tasks.
This reads only the two upper numbering levels (一、 and （一）) that tasks.py also reads.
"""

from __future__ import annotations

import re

from gongkai.documents.extraction.text import clean_lines, fold

_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"[{_CN}]{{1,3}}\s*、\s*(?P<rest>.*)")
_GROUP = re.compile(rf"\(\s*(?P<n>[{_CN}]{{1,3}})\s*\)\s*\S.*")
_GROUP_IN_PATH = re.compile(rf"\([{_CN}]{{1,3}}\)")
_TITLE_MAX = 80

GroupTitles = dict[tuple[str, str], str]


def group_titles(text: str) -> GroupTitles:
    """{(section title, group label): group title as written}, e.g.
    {("工作任务", "(三)"): "(三)以公开优服务,深化重点领域信息公开"}."""
    titles: GroupTitles = {}
    section = ""
    for line in clean_lines(text):
        folded = fold(line)
        top = _SECTION.fullmatch(folded)
        if top:
            section = top["rest"].split("。")[0]
            continue
        group = _GROUP.fullmatch(folded)
        if group:
            titles.setdefault((section, f"({group['n']})"), line.split("。")[0][:_TITLE_MAX])
    return titles


def group_title(titles: GroupTitles, heading: str, section: str) -> str:
    """The title of the group a task with path ``heading`` belongs to, or its section title
    when the plan has no group level (or the task comes from a task-division table)."""
    labels = _GROUP_IN_PATH.findall(fold(heading))
    if not labels:
        return section
    return titles.get((section, labels[-1]), section)
