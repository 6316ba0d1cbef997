"""Sending an uploaded file once a view has decided who may read it.

Every uploaded file leaves through here (the media views, the disclosure and execution
back-office downloads, Wagtail's document view), so each gets the same headers: its type, its
original name, ``nosniff``, a sandboxing policy (an uploaded HTML or SVG file never runs as a
page of this site), and caching that depends on whether the file is public. Ranges are served for
audio and video players. With ``MEDIA_ACCEL_REDIRECT`` set the response carries only the headers
and ``X-Accel-Redirect``: nginx sends the file from an internal location (docs/operations.md).
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.views.static import was_modified_since

from gongkai.core.byteranges import Unsatisfiable, requested_range

PUBLIC_MAX_AGE = 3600  # a withdrawn file stops being served within the hour
# Shown in the browser rather than saved: pictures, sound and film (the portal shows them in
# place). Everything else, PDF included (it may carry scripts), is saved.
INLINE_TYPES = ("image/", "audio/", "video/")
# The file is data, never a page of this site: no script, no plugin, nothing fetched. The inline
# style is the browser's own, for the page it builds around a picture or a film.
FILE_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"
CHUNK = 64 * 1024


def file_response(request, name: str, *, filename: str | None = None, public: bool) -> HttpResponse:
    """The stored file ``name`` (relative to MEDIA_ROOT), shown under ``filename``.

    ``public``: anyone may read it, so shared caches may keep it for an hour; otherwise it is
    one person's answer and is never stored.
    """
    filename = filename or os.path.basename(name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if accel_prefix():
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix() + quote(name)
    else:
        response = _local_response(request, name, content_type)
    return _finish(response, filename, content_type, public=public)


def accel_prefix() -> str:
    prefix = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    return prefix.rstrip("/") + "/" if prefix else ""


def _local_response(request, name: str, content_type: str) -> HttpResponse:
    stat = os.stat(default_storage.path(name))
    modified = http_date(stat.st_mtime)
    if not was_modified_since(request.headers.get("If-Modified-Since"), stat.st_mtime):
        response = HttpResponse(status=304)
    else:
        response = _body_response(request, name, content_type, stat.st_size)
    response["Last-Modified"] = modified
    response["Accept-Ranges"] = "bytes"
    return response


def _body_response(request, name: str, content_type: str, size: int) -> HttpResponse:
    try:
        wanted = requested_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = default_storage.open(name, "rb")
    if wanted is None:
        return FileResponse(handle, content_type=content_type)
    handle.seek(wanted.start)
    response = StreamingHttpResponse(
        _read(handle, wanted.length), status=206, content_type=content_type
    )
    response["Content-Range"] = wanted.content_range(size)
    response["Content-Length"] = str(wanted.length)
    return response


def _read(handle, remaining: int):
    with handle:
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def _finish(response: HttpResponse, filename: str, content_type: str, *, public: bool):
    inline = content_type.startswith(INLINE_TYPES)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's SENDFILE_BACKEND when MEDIA_ACCEL_REDIRECT is set: its document view then lets
    nginx send the file too (Wagtail adds the disposition and type itself)."""
    name = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = HttpResponse(content_type=mimetype)
    response["X-Accel-Redirect"] = accel_prefix() + quote(name.as_posix())
    return response
