"""每日一听 on the portal: the latest digest with its player and text, one day's digest."""

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.audio import selectors
from gongkai.audio.models import DailyDigest
from gongkai.core.pagecache import list_tag, public_page, tag


@require_safe
@public_page(list_tag(DailyDigest))
def latest(request):
    digest = selectors.latest_digest()
    if digest is not None:
        tag(request, *selectors.digest_tags(digest))
    return render(request, "audio/digest.html", _context(digest, latest=True))


@require_safe
@public_page()
def day(request, year: int, month: int, day: int):
    try:
        wanted = date(year, month, day)
    except ValueError as error:
        raise Http404 from error
    digest = selectors.digest(wanted)
    if digest is None:
        raise Http404
    tag(request, *selectors.digest_tags(digest))
    return render(request, "audio/digest.html", _context(digest, latest=False))


def _context(digest: DailyDigest | None, *, latest: bool) -> dict:
    return {
        "digest": digest,
        "items": selectors.public_items(digest) if digest else [],
        "archive": list(selectors.recent_digests()) if latest else [],
        "latest": latest,
        "section": "audio",
    }
