"""The default engine, espeak-ng's Mandarin voice (skipped where it is not installed)."""

import shutil
import wave

import pytest

from gongkai.audio import speech
from gongkai.audio.engines import EspeakEngine, Unavailable

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng absent")
PARAGRAPH = speech.speakable(
    "各部门要全面推进政务公开工作，坚持以公开为常态、不公开为例外。对2024年认定的高新技术企业，"
    "给予一次性奖励50万元。申报材料包括营业执照、财务审计报告和研发费用明细。"
)


@needs_espeak
def test_espeak_reads_mandarin_at_the_estimated_pace(tmp_path):
    target = tmp_path / "speech.wav"
    EspeakEngine().synthesize(PARAGRAPH, target)
    with wave.open(str(target)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
    estimate = speech.estimated_seconds(PARAGRAPH, EspeakEngine.characters_per_second)
    assert 0.75 * estimate <= seconds <= 1.25 * estimate, (seconds, estimate)


def test_without_espeak_the_engine_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    engine = EspeakEngine()
    assert not engine.available()
    with pytest.raises(Unavailable):
        engine.synthesize("你好", tmp_path / "speech.wav")
