"""What of an enforcement decision may be public (regulations.md §3, 浙江 art. 5 and 7 as the
concrete rule): a natural person's name partly masked (张伟 → 张*, 张三丰 → 张**, 欧阳娜娜 →
欧阳**); resident ID numbers, phone numbers, bank account numbers and home addresses removed;
names of other natural persons removed; a decision on a minor never published.

Finding the numbers and addresses is ``gongkai.core.pii``'s job; here they are removed, not
partly masked, because a decision names its target and a partial number would identify them.
The pre-publication check (``problems``) runs the same finders on the public text and blocks it
while anything is left. No Django here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongkai.core import pii
from gongkai.core.identity import resident_id_birth_date
from gongkai.core.names import written_in_han

REMOVED = "***"
ADULT_AGE = 18
# 复姓 kept whole when masking (the common ones; a rarer one loses its second character).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "万俟",
        "闻人",
        "澹台",
        "公羊",
        "申屠",
        "太史",
        "钟离",
        "呼延",
        "赫连",
        "单于",
        "百里",
    ]
)
# Numbers gongkai.core.pii cannot tell from others by themselves, recognised by their label: a
# landline after a contact label (联系电话：0851-86812345) is a person's 通信方式 (office numbers
# in letterheads carry no such label), and an account number after 账号/账户 is a bank account
# even when it is not a card (no Luhn digit).
_LABELLED = (
    (
        "landline",
        "联系电话",
        "contact number",
        re.compile(
            r"(?:电话|联系方式|通信方式)[:：\s]*((?:0\d{2,3}[-－ ]?)?\d{7,8}(?:[-－]\d{1,4})?)(?!\d)"
        ),
    ),
    (
        "account",
        "银行账号",
        "bank account",
        re.compile(r"(?:账号|账户|帐号|帐户)[:：\s]*(\d[\d -]{6,30}\d)(?!\d)"),
    ),
)
_DOT = "·"


@dataclass(frozen=True)
class Problem:
    code: str
    message_zh: str
    message_en: str


def mask_name(name: str) -> str:
    """张伟 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**, 阿依古丽·买买提 → 阿***·***,
    Ada Lovelace → A** L*******."""
    name = name.strip()
    if not name:
        return ""
    if written_in_han(name):
        if _DOT in name:
            first, *rest = name.split(_DOT)
            return _DOT.join([first[0] + "*" * (len(first) - 1), *("*" * len(p) for p in rest)])
        kept = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
        return name[:kept] + "*" * (len(name) - kept)
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def birth_date(id_number: str) -> dt.date | None:
    return resident_id_birth_date(id_number.strip().upper()) if id_number.strip() else None


def is_minor(born: dt.date | None, on: dt.date) -> bool:
    """Under 18 on ``on`` (the decision date): the 18th birthday makes an adult."""
    if born is None:
        return False
    try:
        adult_on = born.replace(year=born.year + ADULT_AGE)
    except ValueError:  # born on 29 February
        adult_on = dt.date(born.year + ADULT_AGE, 3, 1)
    return on < adult_on


def mask_text(
    text: str,
    *,
    target_name: str = "",
    other_names: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> str:
    """``text`` as it may be public: the target's name masked wherever it appears, other
    natural persons' names, personal numbers, contact numbers and home addresses removed."""
    for name in sorted(filter(None, (n.strip() for n in other_names)), key=len, reverse=True):
        text = text.replace(name, REMOVED)
    if target_name.strip():
        text = text.replace(target_name.strip(), mask_name(target_name))
    for _code, _zh, _en, pattern in _LABELLED:
        text = pattern.sub(lambda m: m[0].replace(m[1], REMOVED), text)
    pieces, position = [], 0
    for match in pii.find_personal_data(text, today=today):
        start, end = match.span
        pieces += [text[position:start], REMOVED]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def problems(
    public_texts: list[str],
    *,
    natural_names: tuple[str, ...] = (),
    minor: bool = False,
    today: dt.date | None = None,
) -> list[Problem]:
    """What blocks the publication of these public texts: a minor, a natural person's full name,
    or any personal number, contact number or home address left in them."""
    found: list[Problem] = []
    if minor:
        found.append(
            Problem(
                "minor",
                "当事人是未成年人，决定不得公开。",
                "The party is a minor: the decision must not be published.",
            )
        )
    text = "\n".join(public_texts)
    for name in filter(None, (n.strip() for n in natural_names)):
        if len(name) > 1 and name in text:
            found.append(
                Problem(
                    "name",
                    f"公开文本含有自然人的完整姓名“{name}”。",
                    f"The public text contains a natural person's full name “{name}”.",
                )
            )
    for match in pii.find_personal_data(text, today=today):
        zh, en = pii.KIND_LABELS[match.kind]
        found.append(
            Problem(
                match.kind,
                f"公开文本含有未隐去的{zh}：{match.masked}",
                f"The public text contains an unmasked {en}: {match.masked}",
            )
        )
    for code, zh, en, pattern in _LABELLED:
        for match in pattern.finditer(text):
            found.append(
                Problem(
                    code,
                    f"公开文本含有未隐去的{zh}：{match[1][:4]}****",
                    f"The public text contains an unmasked {en}: {match[1][:4]}****",
                )
            )
    return found
