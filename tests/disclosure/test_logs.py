"""No personal data or secrets in the logs: a request is submitted, mishandled, answered and
mailed with every logger at DEBUG (SQL included), and what the configured log handler writes
holds none of the applicant's data or private token. The mail goes to owner-only files."""

import io
import logging
from datetime import date

import pytest
from django.db import connection
from django.test import Client

from gongkai import settings as site_settings
from gongkai.core.logfilters import RedactPersonalData, redact
from gongkai.disclosure.models import DisclosureRequest
from tests.disclosure.conftest import application, submit, token_from

pytestmark = pytest.mark.django_db

LOGGERS = ("", "django", "django.request", "django.db.backends", "django_tasks", "gongkai")


@pytest.fixture
def log_output(caplog):
    """Everything the site's configured log handler writes during the test, at DEBUG."""
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactPersonalData) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    connection.force_debug_cursor = True  # log every SQL statement with its parameters
    try:
        yield stream
    finally:
        connection.force_debug_cursor = False
        handler.setStream(previous)


@pytest.fixture
def mail_folder(settings, tmp_path):
    """The embedded default mail backend (the tests' settings use the in-memory one)."""
    settings.EMAIL_BACKEND = site_settings.EMAIL_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return settings.EMAIL_FILE_PATH


def test_a_request_from_submission_to_reply_leaves_no_personal_data_in_the_log(
    org, client, today, log_output, mail_folder, capfd, django_capture_on_commit_callbacks
):
    today.set(date(2026, 3, 2))
    applicant = application(contact_person="李四")
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, contact_person="李四", nonce=applicant["nonce"])
    token = token_from(response)
    assert client.get(response["Location"]).status_code == 200
    # Mishandled requests are logged with their path, which holds the token.
    assert client.get(f"/requests/track/{token}x/").status_code == 404
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/requests/track/{token}/withdraw/", {"confirm": "1"}).status_code == 403
    client.force_login(org.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/disclosure/requests/{DisclosureRequest.objects.get().pk}/reply/",
            {"reply-outcome": "granted", "reply-on": "2026-03-02", "reply-reasons": "现予提供。"},
        )

    printed = capfd.readouterr()
    logged = log_output.getvalue() + printed.out + printed.err
    assert "/track/***" in logged and "disclosure_disclosurerequest" in logged  # it did log
    secrets = [token, *(applicant[f] for f in ("applicant_name", "id_number", "phone", "email"))]
    for secret in [*secrets, "李四", "长岭北路", "zhangsan"]:
        assert secret not in logged, secret

    mails = sorted(mail_folder.iterdir())
    assert len(mails) == 2  # the acknowledgement and the reply notice
    assert mail_folder.stat().st_mode & 0o777 == 0o700
    assert {path.stat().st_mode & 0o777 for path in mails} == {0o600}
    acknowledgement = mails[0].read_bytes()
    assert token.encode() in acknowledgement and b"zhangsan@example.com" in acknowledgement


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Not Found: /requests/track/AbC_dEf-123456789xyz/withdraw/", "AbC_dEf-123456789xyz"),
        ("SMTPRecipientsRefused({'zhangsan@example.com': (550, b'no')})", "zhangsan@"),
        ("lookup failed for 11010519491231002X", "11010519491231002X"),
        ("call 138-1234-5678 back", "1234"),
        ("Authorization: Bearer s3cr3t-t0ken", "s3cr3t"),
        ("GET /api/x?token=abcdef&page=2", "abcdef"),
    ],
)
def test_redaction_masks_tokens_addresses_and_numbers(text, hidden):
    masked = redact(text)
    assert hidden not in masked
    assert redact(masked) == masked  # a record passing two handlers is masked once


def test_redaction_covers_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed for %s", ("a@b.org",), None)
    try:
        raise ValueError("refused: zhangsan@example.com")
    except ValueError as error:
        record.exc_info = (type(error), error, error.__traceback__)
    RedactPersonalData().filter(record)
    assert "a@b.org" not in record.getMessage()
    assert "zhangsan@" not in record.exc_text and "z***@example.com" in record.exc_text
