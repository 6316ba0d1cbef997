"""What other apps plug into the sign-off workflow.

A model of another app published through the same workflow (a consultation, 征求意见) registers
its pre-publication facts and the service that runs once it is live; an app that constrains the
publication of documents (a major decision needs its consultation's adoption report first)
registers a check returning ``Problem``s. Registered in the app's ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.documents.prepublication import Problem, PublicationFacts


@dataclass(frozen=True)
class SignedOffModel:
    facts: Callable[[object], PublicationFacts]
    on_published: Callable[..., None]  # called as on_published(obj=..., user=reviewer)


_models: dict[type, SignedOffModel] = {}
_document_checks: list[Callable[[object], list[Problem]]] = []


def register_model(model: type, *, facts, on_published) -> None:
    _models[model] = SignedOffModel(facts=facts, on_published=on_published)


def registered(obj) -> SignedOffModel | None:
    return _models.get(type(obj))


def registered_models() -> list[type]:
    return list(_models)


def register_document_check(check: Callable[[object], list[Problem]]) -> None:
    if check not in _document_checks:
        _document_checks.append(check)


def document_problems(document) -> list[Problem]:
    return [problem for check in _document_checks for problem in check(document)]
