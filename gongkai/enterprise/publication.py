"""What the sign-off workflow checks before a programme (申报项目) goes live: the
pre-publication checks of documents (personal data, forbidden words) over its texts (not its
address and contact, which are the office's)."""

from gongkai.documents.prepublication import PublicationFacts
from gongkai.enterprise.models import Programme


def programme_facts(programme: Programme) -> PublicationFacts:
    return PublicationFacts(
        title=programme.title,
        texts=[("申报方式", programme.how_to_apply), ("申报材料", programme.materials)],
    )
