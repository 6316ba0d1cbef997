"""How a visitor's personal data appears to others (no Django imports).

A public name shows only its first character and two stars (张三丰 → 张**, 欧阳娜娜 → 欧**,
Zhang Wei → Z**), so neither the given name nor its length is published. A mobile number keeps
its first three and last four digits (138****5678) and an e-mail address its first character and
domain (z***@example.com): enough for its owner to recognise, not for anyone to use.
"""

from __future__ import annotations


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return "**"
    return f"{name[0]}**"


def mask_mobile(number: str) -> str:
    digits = normalise_mobile(number) or "".join(ch for ch in number or "" if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_email(address: str) -> str:
    local, at, domain = (address or "").partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def normalise_mobile(number: str) -> str | None:
    """A mainland mobile number as 11 digits (spaces, hyphens and +86 dropped), or None."""
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
        return digits
    return None
