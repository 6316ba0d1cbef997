"""A sound's playing time read from the file (gongkai.audio.lengths): WAV and MP3 measured,
anything else None, never an exception."""

import io
import wave

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audio import lengths

# An MPEG-1 Layer III frame: 128 kbit/s, 44.1 kHz, 417 bytes, 1,152 samples of silence.
MP3_FRAME = bytes([0xFF, 0xFB, 0x90, 0x00]) + bytes(413)


def mp3_bytes(frames: int) -> bytes:
    return MP3_FRAME * frames


def wav_bytes(seconds: float, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"\0\0" * int(rate * seconds))
    return buffer.getvalue()


@pytest.mark.parametrize("seconds", [0.5, 3.0, 61.25])
def test_a_wav_files_length(seconds):
    assert lengths.seconds(wav_bytes(seconds)) == pytest.approx(seconds)


@pytest.mark.parametrize("frames", [10, 100, 2000])
def test_an_mp3_files_length_from_its_frames(frames):
    assert lengths.seconds(mp3_bytes(frames)) == pytest.approx(frames * 1152 / 44100, rel=1e-3)


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4 not a sound", bytes(1000), wav_bytes(0)])
def test_no_length_for_what_is_not_a_sound(content):
    assert lengths.seconds(content) is None


@given(st.binary(max_size=4096))
def test_any_bytes_give_a_length_or_none(content):
    measured = lengths.seconds(content)
    assert measured is None or measured > 0
