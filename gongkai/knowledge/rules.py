"""Rules of the 政策问答库 without the database: the entry's validity, when a change of a
source document's validity calls for review, what a promoted message reply keeps of the
citizen, and the words an entry is found by.

Pure module: no Django imports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from gongkai.accounts.masking import mask_name
from gongkai.core.pii import mask_personal_data
from gongkai.search.segmentation import tokens_for_index

EFFECTIVE = "effective"
NEEDS_REVIEW = "needs_review"
WITHDRAWN = "withdrawn"
QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 20000
NOTE_MAX_LENGTH = 500
# 已废止 and 已失效 (gongkai.documents Validity): an answer resting on such a document may no
# longer hold. An amended document (已修订) stays in force and keeps its answers.
ENDED_DOCUMENT_VALIDITIES = frozenset({"repealed", "expired"})


def calls_for_review(*, before: str, after: str) -> bool:
    """A document's validity changed from ``before`` to ``after``: its answers are reviewed
    when it has just ceased to be in force."""
    return after in ENDED_DOCUMENT_VALIDITIES and before not in ENDED_DOCUMENT_VALIDITIES


def masked(text: str, *, names: Iterable[str] = ()) -> str:
    """A citizen's text made fit for a public entry: identity, mobile and bank card numbers
    and home addresses masked (gongkai.core.pii), and the writer's name, wherever it appears,
    as the portal shows contributors (张**)."""
    text = mask_personal_data(text or "")
    for name in sorted(
        {n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True
    ):
        text = text.replace(name, mask_name(name))
    return text.strip()


SENTENCE_ENDS = tuple("？?。！!：:；;…")


def promoted_question(*, title: str, body: str, names: Iterable[str] = ()) -> str:
    """The question of an entry promoted from a message: its title and text, masked, cut to
    the field's length (staff shorten it before submitting it)."""
    names = tuple(names)
    title, body = masked(title, names=names), masked(body, names=names)
    # A title that already ends a sentence (房租补贴什么时候可以申报？) takes no colon: "？：".
    separator = "" if title.endswith(SENTENCE_ENDS) else "："
    question = f"{title}{separator}{body}" if body else title
    return question[:QUESTION_MAX_LENGTH]


def index_tokens(question: str, answer: str) -> str:
    """The words an entry is found by, segmented as the search index segments documents; the
    question is repeated so that it weighs more in the ranking."""
    tokens = tokens_for_index(f"{question}\n{question}\n{answer}")
    return f" {' '.join(tokens.split())} "


def rank(tokens: str, terms: Iterable[str]) -> int:
    """How often the query's words occur in the entry (the question counts twice). Counted word
    by word: ``str.count`` of " word " misses a word right after itself (the space between is
    shared), so a one-word question counted once, not twice."""
    words = Counter(tokens.split())
    return sum(words[term] for term in terms)


def likeness(tokens: str, terms: Iterable[str]) -> tuple[int, int]:
    """How near an entry is to a text being typed (a message to the government): how many of
    its distinct words the entry holds, then how often they occur."""
    words = Counter(tokens.split())
    counts = [words[term] for term in dict.fromkeys(terms)]
    return sum(1 for count in counts if count), sum(counts)
