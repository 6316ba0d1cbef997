"""What the request pages show, shared by the public and the back-office views."""

from __future__ import annotations

from django.http import HttpResponse

from gongkai.disclosure import services
from gongkai.disclosure.clock import EVENT_KINDS
from gongkai.disclosure.letters import Letter, letter_docx, letter_pdf
from gongkai.disclosure.models import DisclosureRequest, Status
from gongkai.disclosure.outcomes import OUTCOMES

# Notes the applicant sees on their page; others (e.g. whom staff consulted) stay internal.
PUBLIC_NOTE_KINDS = (
    "correction_requested",
    "correction_received",
    "extended",
    "fee_notice",
    "withdrawn",
)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def request_page_context(request: DisclosureRequest, lang: str, *, public: bool) -> dict:
    # One read of the events serves both the clock and the history; the public page names no
    # staff, so it joins no users.
    events = list(
        request.events.all() if public else request.events.select_related("actor", "approved_by")
    )
    state = services.compute_request_clock([event.as_clock_event() for event in events])
    reply = getattr(request, "reply", None)
    outcome = OUTCOMES.get(reply.outcome) if reply else None
    return {
        "req": request,
        "state": state,
        "status_label": Status(state.status).label,
        "explanation": state.lines(lang),
        "receipt_lines": [pair[0 if lang == "zh" else 1] for pair in request.receipt_notes],
        "flags": [flag.zh if lang == "zh" else flag.en for flag in state.flags],
        "history": _history(events, lang, public=public),
        "reply": reply,
        "outcome_label": (outcome.label if lang == "zh" else outcome.label_en) if outcome else "",
        "fee_notice": getattr(request, "fee_notice", None),
    }


def _history(events: list, lang: str, *, public: bool) -> list[dict]:
    rows = []
    for event in events:
        zh, en = EVENT_KINDS[event.kind]
        show_note = not public or event.kind in PUBLIC_NOTE_KINDS
        rows.append(
            {
                "event": event,
                "label": zh if lang == "zh" else en,
                "note": event.note if show_note else "",
            }
        )
    return rows


def letter_for(request: DisclosureRequest) -> Letter:
    reply = request.reply
    title, _body = services.reply_template_for(reply.outcome)
    return Letter(title=title, text=reply.letter_text, reference=request.tracking_number)


def letter_response(letter: Letter, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        from django.http import Http404

        raise Http404
    content = letter_docx(letter) if fmt == "docx" else letter_pdf(letter)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"{letter.reference}-reply.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
