"""Owners of the files of Wagtail's own libraries (documents and images), for the media views.

Wagtail documents are served at /files/ by Wagtail's view, which the ``before_serve_document``
hook (core/wagtail_hooks.py) limits like the rest; their stored files under /media/ are for staff.
Image renditions (``images/``) are public, as in Wagtail, whose back office and rich text link to
them directly: do not put anything confidential in an image. Originals are for staff. The
libraries belong to no department, so any member of staff may read their files.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from gongkai.core.media import OwnedFile, any_staff, register_media_owner


def document_file(name: str) -> OwnedFile | None:
    document = get_document_model().objects.filter(file=name).first()
    return OwnedFile(name, document, readable_by=any_staff) if document else None


def original_image_file(name: str) -> OwnedFile | None:
    image = get_image_model().objects.filter(file=name).first()
    return OwnedFile(name, image, readable_by=any_staff) if image else None


def rendition_file(name: str) -> OwnedFile | None:
    rendition = (
        get_image_model().get_rendition_model().objects.filter(file=name).select_related("image")
    ).first()
    return OwnedFile(name, rendition.image, public=True) if rendition else None


def register() -> None:
    register_media_owner("documents", document_file)
    register_media_owner("original_images", original_image_file)
    register_media_owner("images", rendition_file)
