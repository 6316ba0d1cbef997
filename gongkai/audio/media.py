"""Owners of 每日一听's files, for the media views (gongkai.core.media): a spoken
interpretation is public with its interpretation; a digest (public items only) always is."""

from gongkai.audio.models import DailyDigest, SpokenInterpretation
from gongkai.core.media import OwnedFile, any_staff, register_media_owner
from gongkai.documents.media import interpretation_owned


def audio_file(name: str) -> OwnedFile | None:
    spoken = SpokenInterpretation.objects.select_related("interpretation").filter(file=name)
    if spoken := spoken.first():
        return interpretation_owned(name, spoken.interpretation)
    digest = DailyDigest.objects.filter(file=name).first()
    if digest is None:
        return None
    return OwnedFile(name, digest, public=True, readable_by=any_staff)


def register() -> None:
    register_media_owner("audio", audio_file)
