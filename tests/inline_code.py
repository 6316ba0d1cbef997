"""Inline script and style in HTML, which the Content-Security-Policy refuses: ``<script>``
without ``src`` (JSON data blocks excepted), ``on…`` handler attributes, ``javascript:`` links,
and, where styles are strict, ``<style>`` blocks and ``style`` attributes."""

from __future__ import annotations

import re

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}
_HANDLER = re.compile(r"""\son[a-z]+\s*=""", re.IGNORECASE)
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_URL = re.compile(r"""\b(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"""<[a-z][^>]*\sstyle\s*=""", re.IGNORECASE)
_STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """Each inline script, handler attribute or javascript: URL found, as written."""
    found = [m.group(0) for m in _SCRIPT_TAG.finditer(html) if _runs_inline(m.group(1))]
    found += [m.group(0).strip() for m in _HANDLER.finditer(_tags_only(html))]
    found += [m.group(0) for m in _JS_URL.finditer(html)]
    return found


def inline_styles(html: str) -> list[str]:
    return [m.group(0) for m in (*_STYLE_TAG.finditer(html), *_STYLE_ATTRIBUTE.finditer(html))]


def _runs_inline(attributes: str) -> bool:
    if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
        return False
    kind = _TYPE.search(attributes)
    return not (kind and kind.group(1).lower() in DATA_SCRIPT_TYPES)


def _tags_only(html: str) -> str:
    """The markup of the tags, without text between them (prose may say "on=")."""
    return " ".join(re.findall(r"<[a-zA-Z][^>]*>", html))
