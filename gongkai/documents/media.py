"""Owners of the documents app's uploads, for the media views (gongkai.core.media)."""

from gongkai.core.media import OwnedFile, register_media_owner
from gongkai.documents.models import Disclosure, DocumentAttachment, InterpretationForm


def attachment_file(name: str) -> OwnedFile | None:
    """An attachment is public with its document; a withdrawn document's attachments are gone."""
    attachment = DocumentAttachment.objects.select_related("document").filter(file=name).first()
    if attachment is None:
        return None
    document = attachment.document
    was_public = document.withdrawn_at is not None and document.disclosure == Disclosure.PROACTIVE
    return OwnedFile(name, document, public=document.is_public, withdrawn=was_public)


def interpretation_file(name: str) -> OwnedFile | None:
    """A chart, recording or film is public with its interpretation (同步发布: once a document
    it interprets is public); gone once every document it interprets is withdrawn."""
    form = InterpretationForm.objects.select_related("interpretation").filter(file=name).first()
    if form is None:
        return None
    return interpretation_owned(name, form.interpretation)


def interpretation_owned(name: str, interpretation) -> OwnedFile:
    """A file of ``interpretation`` (a form's, or its spoken version's): public with it."""
    public = interpretation.is_public
    withdrawn = (
        not public
        and interpretation.live
        and interpretation.documents.filter(withdrawn_at__isnull=False).exists()
    )
    return OwnedFile(name, interpretation, public=public, withdrawn=withdrawn)


def register() -> None:
    register_media_owner("attachments", attachment_file)
    register_media_owner("interpretations", interpretation_file)
