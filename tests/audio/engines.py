"""Engines for the tests: a fake that writes a short silent WAV (no espeak-ng needed) and
counts its runs, and one that is never available (a machine without espeak-ng)."""

import wave


class SilentEngine:
    name = "silent"
    extension = "wav"
    characters_per_second = 4.0
    runs: list[str] = []

    def available(self) -> bool:
        return True

    def synthesize(self, text, target):
        SilentEngine.runs.append(text)
        with wave.open(str(target), "wb") as sound:
            sound.setnchannels(1)
            sound.setsampwidth(2)
            sound.setframerate(8000)
            sound.writeframes(b"\0\0" * 8000 * 2)  # two seconds


class MissingEngine(SilentEngine):
    name = "missing"

    def available(self) -> bool:
        return False
