"""Text-to-speech engines (语音合成引擎), chosen by the ``GONGKAI_TTS_ENGINE`` setting (a dotted
path to a class). The default is espeak-ng's Mandarin voice: offline, in Debian
(``apt-get install espeak-ng``), intelligible if robotic. A better engine is a class with the
same four members; nothing else in Gongkai knows which one is used.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.audio.speech import CHARACTERS_PER_SECOND

logger = logging.getLogger(__name__)


class Unavailable(Exception):
    """The engine cannot run on this machine (its program or model is missing)."""


class Engine(Protocol):
    name: str  # stored with each recording, so a change of engine regenerates it
    extension: str  # of the files it writes, which also gives their media type
    characters_per_second: float  # for the duration estimate of the daily digest

    def available(self) -> bool: ...

    def synthesize(self, text: str, target: Path) -> None:
        """Write ``text`` read aloud to ``target``; raise ``Unavailable`` when it cannot."""


class EspeakEngine:
    """espeak-ng, voice ``cmn`` (Mandarin), written as 16-bit mono WAV. No MP3 encoder is
    assumed (neither ffmpeg nor lame is installed by default), so the files stay WAV."""

    name = "espeak-ng:cmn"
    extension = "wav"
    # -s 240 words a minute: about four characters a second, a newsreader's pace.
    speed = 240
    characters_per_second = CHARACTERS_PER_SECOND
    timeout = 600

    def program(self) -> str | None:
        return shutil.which("espeak-ng")

    def available(self) -> bool:
        return self.program() is not None

    def synthesize(self, text: str, target: Path) -> None:
        program = self.program()
        if program is None:
            raise Unavailable("espeak-ng")
        command = [program, "-v", "cmn", "-s", str(self.speed), "-w", str(target), "--stdin"]
        subprocess.run(
            command, input=text.encode(), check=True, capture_output=True, timeout=self.timeout
        )


def engine() -> Engine:
    return import_string(settings.GONGKAI_TTS_ENGINE)()


_reported: set[str] = set()


def report_unavailable(current: Engine) -> None:
    """Log once per process (the worker) that no audio can be made, not once per job."""
    if current.name not in _reported:
        _reported.add(current.name)
        logger.warning(
            "Text-to-speech engine %s is not available: no audio is generated "
            "(install espeak-ng, or set GONGKAI_TTS_ENGINE).",
            current.name,
        )
