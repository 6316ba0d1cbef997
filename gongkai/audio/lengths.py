"""How long a sound file plays (时长), read from the file itself: pure, no database.

The standard library reads WAV only; staff upload recordings as MP3, M4A or OGG too (see
validators.RECORDING_KINDS). tinytag reads the length of all four from their headers and
frames without decoding them, in pure Python.
"""

from __future__ import annotations

import io

from tinytag import TinyTag, TinyTagException


def seconds(content: bytes) -> float | None:
    """The playing time of ``content`` in seconds, or None when it cannot be told (not a sound
    file this reader knows, damaged, or a length of zero)."""
    try:
        found = TinyTag.get(file_obj=io.BytesIO(content), tags=False)
    except (TinyTagException, OSError, ValueError, EOFError):
        return None
    return found.duration if found.duration and found.duration > 0 else None
