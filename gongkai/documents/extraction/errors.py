"""The one error extraction raises: a stable code and the reason in Chinese and English."""

from __future__ import annotations


class ExtractionError(Exception):
    """A file that cannot be read as a document, with a reason a person can act on.

    `code` is stable for callers (import summaries count by it); `message_zh` and
    `message_en` say what is wrong and, where there is one, what to do instead.
    """

    def __init__(self, code: str, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def __reduce__(self):
        # Exceptions pickle as cls(*args), and args holds only the joined message: without
        # this, unpickling one (as a process pool does) raises TypeError.
        return type(self), (self.code, self.message_zh, self.message_en)
