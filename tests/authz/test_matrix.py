"""The authorisation matrix (issue 13 §3): every back-office URL and staff API operation × every
role × an object of the user's own department and of another one.

The routes come from the URL conf (Wagtail admin's and the API's included), so a view added
without a rule in ``RULES`` fails ``test_every_staff_route_has_a_rule``; a rule no route uses
fails ``test_no_stale_rule``. Each cell is one request by a user already signed in (the data is
built once for the module). Office-wide roles (审签, 考核, 管理员) act for every department
(gongkai.core.roles.OFFICE_WIDE_ROLES) and belong to neither department here, so their "own"
cell would repeat their "other" one: they have one cell, on another department's object.
"""

import fnmatch
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.core.roles import Role
from tests.authz import dataset
from tests.authz.dataset import ROLES, SCOPED_ROLES, SECRET
from tests.authz.rules import RULES, Exempt, Scoped

# --- the routes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    id: str
    name: str | None
    pattern: str
    params: tuple[str, ...]


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.pattern.regex.groupindex


def staff_routes() -> list[Route]:
    """The back office's and the staff API's routes, one per URL pattern."""
    routes = []
    for pattern, name, groups in _walk(get_resolver()):
        if not (pattern.startswith("admin/") or pattern.startswith("api/staff/")):
            continue
        params = tuple(sorted(groups))
        seen = sum(1 for r in routes if r.name and r.name == name)
        route_id = name if name and not seen else f"{name or pattern}({','.join(params)})"
        routes.append(Route(route_id, name, pattern, params))
    return routes


def rule_for(route_id: str):
    if route_id in RULES:
        return RULES[route_id]
    matches = [key for key in RULES if fnmatch.fnmatchcase(route_id, key)]
    return RULES[max(matches, key=len)] if matches else None


ROUTES = staff_routes()


def test_every_staff_route_has_a_rule():
    missing = [f"{r.id}  ({r.pattern})" for r in ROUTES if rule_for(r.id) is None]
    assert not missing, "staff routes without a rule in RULES:\n" + "\n".join(missing)


def test_no_stale_rule():
    ids = [r.id for r in ROUTES]
    stale = [key for key in RULES if not any(fnmatch.fnmatchcase(i, key) for i in ids)]
    assert not stale, f"rules for routes that no longer exist: {stale}"


# --- the cells ---------------------------------------------------------------------------

ANONYMOUS = "anonymous"
OWN, OTHER, NONE = "own", "other", "none"
# URL arguments that are not an object: what a Scoped rule's route names besides one.
NOT_OBJECTS = {"fmt", "kind", "action", "year"}


def names_object(route, rule) -> bool:
    """Whether the request names the cell's object, in its URL or its body."""
    return bool(set(route.params) - NOT_OBJECTS) or any(map(callable, rule.data.values()))


def cells(route, rule):
    """(role, department) of every cell of ``route``; anonymous visitors are one cell."""
    yield ANONYMOUS, NONE
    scoped = isinstance(rule, Scoped) and names_object(route, rule)
    for role in WAGTAIL_AREA_ROLES if getattr(rule, "wagtail_area", False) else ROLES:
        if scoped:
            if role in SCOPED_ROLES:
                yield role, OWN
            yield role, OTHER
        else:
            yield role, NONE


ROUTES_BY_ID = {route.id: route for route in ROUTES}
# In Wagtail's own areas the reviewer stands for every role that is not an administrator.
WAGTAIL_AREA_ROLES = (Role.REVIEWER, Role.ADMIN)
WAGTAIL_APPS = {
    "auth",
    "wagtailcore",
    "wagtaildocs",
    "wagtailforms",
    "wagtailimages",
    "wagtailredirects",
    "wagtailusers",
}


def expected_allowed(rule, role, dept) -> bool:
    if role == ANONYMOUS or role not in rule.roles:
        return False
    return not (role in SCOPED_ROLES and dept == OTHER)


def shows_secret(response) -> bool:
    """The other department's draft, as text or as JSON escapes it (chooser pages)."""
    if getattr(response, "streaming", False):
        return False
    body = response.content.decode(errors="replace")
    return SECRET in body or SECRET.encode("unicode_escape").decode() in body


def _workflow_state(obj):
    return obj.workflow_states.order_by("-pk").first()


# How a URL argument is filled from the cell's object, unless the rule gives it.
DERIVED = {
    "revision_id": lambda obj, data, dept: obj.latest_revision_id,
    "revision_id_a": lambda obj, data, dept: "earliest",
    "revision_id_b": lambda obj, data, dept: "latest",
    "action_name": lambda obj, data, dept: "approve",
    "task_state_id": lambda obj, data, dept: _workflow_state(obj).current_task_state.pk,
    "task_id": lambda obj, data, dept: _workflow_state(obj).current_task_state.task_id,
    "workflow_state_id": lambda obj, data, dept: _workflow_state(obj).pk,
    "attachment_id": lambda obj, data, dept: data.objects[dept]["request_attachment"].pk,
}


def _value(value, obj):
    return value(obj) if callable(value) else value


def target_of(rule, data, dept):
    if isinstance(rule, Scoped):
        return data.objects[dept][rule.target]
    if rule.target is None:
        return None
    # Shared objects, or one of the users' own department that any department's staff may see.
    return data.common.get(rule.target) or data.objects[OWN][rule.target]


def url_of(route, rule, obj, dept, data) -> str:
    kwargs = {}
    for param in route.params:
        if param in rule.params:
            kwargs[param] = _value(rule.params[param], obj)
        elif param in DERIVED:
            kwargs[param] = DERIVED[param](obj, data, dept)
        else:
            kwargs[param] = obj.pk
    if route.pattern.startswith("api/"):
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route.pattern)
    return reverse(route.name, kwargs=kwargs)


LOGIN_URLS = ("/admin/login/", "/admin/second-factor/verify/")


def refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code == 302:
        location = response["Location"]
        return location == "/admin/" or location.startswith(LOGIN_URLS)
    return False


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, in a transaction rolled back after the module; each cell runs in a
    savepoint of its own (pytest-django), so a cell that changes something changes it for
    itself only."""
    folders = {
        name: tmp_path_factory.mktemp(f"authz-{name}")
        for name in ("media", "search", "pagecache", "audit", "mail")
    }
    with (
        django_db_blocker.unblock(),
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            MEDIA_ROOT=folders["media"],
            SEARCH_INDEX_DIR=folders["search"],
            PAGE_CACHE_DIR=folders["pagecache"],
            AUDIT_CHECKPOINT_FILE=folders["audit"] / "checkpoints.jsonl",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        yield dataset.build(folders["media"])
        transaction.set_rollback(True)


def _request(route, rule, data, role, dept):
    obj = target_of(rule, data, dept)
    url = url_of(route, rule, obj, dept, data)
    body = {key: _value(value, obj) for key, value in rule.data.items()}
    if route.pattern.startswith("api/"):
        token = {} if role == ANONYMOUS else {"Authorization": f"Bearer {data.tokens[role]}"}
        client = Client(headers=token)
        if rule.method == "post":
            return client.post(url, body, content_type="application/json")
        return client.get(url, body)
    client = Client() if role == ANONYMOUS else data.clients[role]
    return getattr(client, rule.method)(url, body)


def check_cell(data, route, rule, role, dept) -> str | None:
    """What is wrong with the cell, or None."""
    response = _request(route, rule, data, role, OWN if dept == NONE else dept)
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if expected_allowed(rule, role, dept) == refused(response):
        return f"{'refused' if refused(response) else 'let through'} ({status})"
    if (role == ANONYMOUS or role in SCOPED_ROLES) and shows_secret(response):
        return "shows another department's draft"
    return None


CHECKED_ROUTES = [r.id for r in ROUTES if not isinstance(rule_for(r.id) or Exempt(""), Exempt)]


@pytest.mark.django_db
@pytest.mark.parametrize("route_id", CHECKED_ROUTES)
def test_route(data, route_id):
    """Every cell of one route; a failure names each wrong cell as route × role × department."""
    route, rule = ROUTES_BY_ID[route_id], rule_for(route_id)
    wrong = []
    # tests/conftest.py gives each test an empty media folder; the dataset's files are here.
    with override_settings(MEDIA_ROOT=data.media_root):
        for role, dept in cells(route, rule):
            # A savepoint per cell: a POST that goes through changes nothing for the next.
            with transaction.atomic():
                problem = check_cell(data, route, rule, role, dept)
                transaction.set_rollback(True)
            if problem:
                wrong.append(f"{route_id} × {role} × {dept}: {problem}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_no_role_but_administrators_holds_a_wagtail_area_permission(data):
    """Why the reviewer's cell stands for the other roles' in Wagtail's own areas: its views
    read only these permissions, and no staff role but the administrators' holds any."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    for role in (Role.EDITOR, Role.HEAD, Role.REVIEWER, Role.ASSESSOR):
        user = data.users[role]
        held = {perm for perm in user.get_all_permissions() if perm.split(".")[0] in WAGTAIL_APPS}
        assert held == set(), role
        groups = user.groups.all()
        assert not GroupPagePermission.objects.filter(group__in=groups).exists(), role
        assert not GroupCollectionPermission.objects.filter(group__in=groups).exists(), role
