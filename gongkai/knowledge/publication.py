"""What the sign-off workflow checks before an entry goes live: the pre-publication checks of
documents (personal data, forbidden words) over its question and answer."""

from gongkai.documents.prepublication import Problem, PublicationFacts
from gongkai.knowledge import rules
from gongkai.knowledge.models import PolicyAnswer


def answer_facts(answer: PolicyAnswer) -> PublicationFacts:
    return PublicationFacts(
        title=answer.question,
        texts=[("答复", answer.answer)],
        extra_problems=tuple(_ended_documents(answer)),
    )


def _ended_documents(answer: PolicyAnswer) -> list[Problem]:
    """A warning (not a block) for each document it rests on that is no longer in force."""
    return [
        Problem(
            "ended_document",
            f"依据文件《{document.title}》{document.get_validity_display()}，请确认答复仍然适用。",
            f"The document “{document.title}” it rests on is no longer in force: "
            f"check that the answer still holds.",
            blocking=False,
        )
        for document in answer.documents.all()
        if document.validity in rules.ENDED_DOCUMENT_VALIDITIES
    ]
