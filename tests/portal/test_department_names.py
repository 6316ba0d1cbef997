"""Every template shows a department's name through ``tr``, the English name on English pages:
the 政民互动, 意见征集, 政策问答, 执法公示, 执行公开 and 政策通 pages printed ``department.name`` and
showed 产业发展局 in the middle of English pages (their English tests used English names)."""

import re
from pathlib import Path

import gongkai

NAME_WITHOUT_TR = re.compile(r"department\.name\b")


def test_no_template_prints_a_department_s_name_untranslated():
    root = Path(gongkai.__file__).parent
    untranslated = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAME_WITHOUT_TR.search(line)
    ]
    assert untranslated == []
