"""The large-text, high-contrast reading mode (适老化), remembered in a cookie so it needs no JS."""

DISPLAY_COOKIE = "gongkai_display"
LARGE_TEXT = "large"
STANDARD = "standard"
DISPLAY_MODES = (STANDARD, LARGE_TEXT)
COOKIE_MAX_AGE = 365 * 24 * 3600


def is_large_text(request) -> bool:
    return request is not None and request.COOKIES.get(DISPLAY_COOKIE) == LARGE_TEXT
