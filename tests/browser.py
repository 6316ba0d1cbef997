"""Where browser tests find Chromium and leave their screenshots (the ``browser`` fixture is in
tests/conftest.py), and how they sign staff in."""

import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in at the back office's login page as a person does: the password, then, when the
    back office asks for it, the code the user's authenticator shows now (the authenticator is
    set up here first for a user whose role requires one)."""
    from django.contrib.auth import get_user_model

    from gongkai.secondfactor import selectors
    from tests import factories

    user = get_user_model().objects.get(username=username)
    device = None
    if selectors.requires_second_factor(user):
        device = factories.enrol_second_factor(user)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if device is not None:
        page.wait_for_url(re.compile(r".*/admin/second-factor/verify/"))
        page.fill("#id_code", factories.unused_totp_code(device))
        page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url and "/second-factor/" not in url)
