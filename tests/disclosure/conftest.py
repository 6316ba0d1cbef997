"""Shared set-up of the disclosure integration tests: an office and a department with staff,
the app's URLs, a movable "today", and helpers to apply through the public form."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.core.roles import Role
from gongkai.disclosure import now
from gongkai.disclosure.receipt import CHINA_STANDARD_TIME
from tests import factories

VALID_ID = "11010519491231002X"  # GB 11643 example number, valid check digit
VALID_USCC = "91350100M000100Y43"


@pytest.fixture(autouse=True)
def _disclosure_settings(settings):
    settings.WAGTAIL_SITE_NAME = "测试区人民政府"
    cache.clear()


@pytest.fixture
def org(db):
    office = factories.department(
        "党政办公室", code="office", is_openness_office=True, email="office@example.org"
    )
    finance = factories.department("财政局", code="finance", email="finance@example.org")
    health = factories.department("卫生健康局", code="health")
    return SimpleNamespace(
        office=office,
        finance=finance,
        health=health,
        reviewer=factories.staff_user(Role.REVIEWER, office, email="reviewer@example.org"),
        admin=factories.staff_user(Role.ADMIN, office),
        editor=factories.staff_user(Role.EDITOR, finance),
        head=factories.staff_user(Role.HEAD, finance),
        other_editor=factories.staff_user(Role.EDITOR, health),
        assessor=factories.staff_user(Role.ASSESSOR, office),
    )


class Today:
    """Moves the day and moment the disclosure services see."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def set(self, day: date, at: time = time(10, 0)) -> None:
        moment = datetime.combine(day, at, tzinfo=CHINA_STANDARD_TIME)
        self.monkeypatch.setattr(now, "today", lambda: day)
        self.monkeypatch.setattr(now, "now", lambda: moment)


@pytest.fixture
def today(monkeypatch):
    return Today(monkeypatch)


def application(**overrides) -> dict:
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "postal_address": "贵州省贵阳市观山湖区长岭北路55号1栋2单元301室",
        "description": "请公开2025年本区财政预算执行情况的报告。",
        "doc_number_hint": "",
        "provision_form": "electronic",
        "delivery": "email",
        "nonce": f"nonce-{next(_nonces):012d}-abcdef",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


_nonces = iter(range(10**9))


def submit(client: Client, **overrides):
    return client.post("/requests/apply/", application(**overrides))


def token_from(response) -> str:
    """The private token from the acknowledgement redirect."""
    location = response["Location"]
    return location.split("/track/")[1].split("/")[0]
