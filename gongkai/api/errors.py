"""One error body for the whole API: ``{"detail": "中文 / English"}`` (plus ``errors`` for 422).

ninja's defaults answer in English only and, for invalid parameters, with pydantic's raw error
list; these handlers give every error a Chinese and an English sentence.
"""

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import (
    AuthenticationError,
    AuthorizationError,
    HttpError,
    Throttled,
    ValidationError,
)

from gongkai.core.workdays import WorkdayError


def bilingual(zh: str, en: str) -> str:
    return f"{zh} / {en}"


class ApiError(HttpError):
    """An error answered with ``status`` and a Chinese and English message; ``extra`` is merged
    into the body (e.g. the withdrawal notice of a withdrawn document)."""

    def __init__(self, status: int, zh: str, en: str, **extra):
        super().__init__(status, bilingual(zh, en))
        self.extra = extra


NOT_FOUND = ("未找到或未公开", "Not found or not public")

_STATUS_MESSAGES = {
    401: (
        "未认证：请在 Authorization 头中提供有效的令牌（Bearer TOKEN）",
        "Not authenticated: send a valid token in the Authorization header (Bearer TOKEN)",
    ),
    403: ("无权执行此操作", "Not allowed"),
    429: ("请求过于频繁，请稍后再试", "Too many requests; try again later"),
}


def install_error_handlers(api: NinjaAPI) -> None:
    handlers = {
        ValidationError: _validation_error,
        ApiError: _api_error,
        AuthenticationError: _status_error,
        AuthorizationError: _status_error,
        Throttled: _status_error,
        HttpError: _http_error,
        Http404: _not_found,
        WorkdayError: _workday_error,
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, partial(handler, api=api))


def _respond(api: NinjaAPI, request: HttpRequest, status: int, body: dict) -> HttpResponse:
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="gongkai"'
    return response


def _api_error(request, exc: ApiError, *, api: NinjaAPI):
    return _respond(api, request, exc.status_code, {"detail": exc.message, **exc.extra})


def _status_error(request, exc: HttpError, *, api: NinjaAPI):
    zh, en = _STATUS_MESSAGES.get(exc.status_code, ("请求有误", exc.message))
    return _respond(api, request, exc.status_code, {"detail": bilingual(zh, en)})


def _http_error(request, exc: HttpError, *, api: NinjaAPI):
    return _respond(api, request, exc.status_code, {"detail": exc.message})


def _not_found(request, exc: Http404, *, api: NinjaAPI):
    return _respond(api, request, 404, {"detail": bilingual(*NOT_FOUND)})


def _workday_error(request, exc: WorkdayError, *, api: NinjaAPI):
    body = {"detail": bilingual(exc.message_zh, exc.message_en), "code": exc.code}
    return _respond(api, request, 422, body)


def _validation_error(request, exc: ValidationError, *, api: NinjaAPI):
    errors = [_describe(error) for error in exc.errors]
    zh = "；".join(f"{e['field']}：{e['message_zh']}" for e in errors)
    en = "; ".join(f"{e['field']}: {e['message_en']}" for e in errors)
    body = {"detail": bilingual(f"参数有误（{zh}）", f"Invalid input ({en})"), "errors": errors}
    return _respond(api, request, 422, body)


# pydantic error type -> (zh, en) templates over the error's ctx.
_MESSAGES = {
    "missing": ("必填", "is required"),
    "int_parsing": ("应为整数", "must be an integer"),
    "int_type": ("应为整数", "must be an integer"),
    "int_from_float": ("应为整数", "must be an integer"),
    "bool_parsing": ("应为 true 或 false", "must be true or false"),
    "date_parsing": ("应为日期，格式 YYYY-MM-DD", "must be a date as YYYY-MM-DD"),
    "date_from_datetime_parsing": ("应为日期，格式 YYYY-MM-DD", "must be a date as YYYY-MM-DD"),
    "date_from_datetime_inexact": ("应为日期，格式 YYYY-MM-DD", "must be a date as YYYY-MM-DD"),
    "date_type": ("应为日期，格式 YYYY-MM-DD", "must be a date as YYYY-MM-DD"),
    "datetime_parsing": (
        "应为 ISO 8601 日期时间，如 2026-01-31T08:00:00+08:00",
        "must be an ISO 8601 date-time, e.g. 2026-01-31T08:00:00+08:00",
    ),
    "datetime_from_date_parsing": (
        "应为 ISO 8601 日期时间，如 2026-01-31T08:00:00+08:00",
        "must be an ISO 8601 date-time, e.g. 2026-01-31T08:00:00+08:00",
    ),
    "datetime_type": ("应为 ISO 8601 日期时间", "must be an ISO 8601 date-time"),
    "datetime_range": ("日期时间超出范围", "is out of range"),
    "less_than_equal": ("不能大于 {le}", "must be at most {le}"),
    "less_than": ("应小于 {lt}", "must be less than {lt}"),
    "greater_than_equal": ("不能小于 {ge}", "must be at least {ge}"),
    "greater_than": ("应大于 {gt}", "must be greater than {gt}"),
    "literal_error": ("取值应为 {expected} 之一", "must be one of {expected}"),
    "enum": ("取值应为 {expected} 之一", "must be one of {expected}"),
    "string_too_long": ("不能超过 {max_length} 个字符", "must be at most {max_length} characters"),
    "string_too_short": ("至少 {min_length} 个字符", "must be at least {min_length} characters"),
    "json_invalid": ("不是有效的 JSON", "is not valid JSON"),
}
_LOCATIONS = {"query", "path", "body", "form", "header", "cookie", "file"}


def _describe(error: dict) -> dict:
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc and loc[0] in _LOCATIONS else ""
    names = [part for part in loc if part not in _LOCATIONS]
    field = names[-1] if names else location or "input"
    template = _MESSAGES.get(error.get("type", ""))
    ctx = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    if template:
        try:
            zh, en = (text.format(**ctx) for text in template)
        except KeyError:
            zh, en = template
    else:
        zh, en = "取值无效", str(error.get("msg", "is invalid"))
    return {
        "location": location,
        "field": field,
        "type": error.get("type", ""),
        "message_zh": zh,
        "message_en": en,
    }
