"""Fragments of a template rendered once per process and key, with holes filled per request.

The site's chrome (head links, header, navigation, footer) is the same for every visitor who
reads in the same language and display mode, in the same section of the site: rendering its
~40 ``{% url %}`` and ~60 ``{% trans %}`` again on every page, cached or not, was about a fifth
of a public form submission's processor time (bench/disclosure_bench.py --profile)::

    {% load fragments %}
    {% fragment "header" LANGUAGE_CODE large section %}
      ... <a href="{% url 'portal:display_mode' %}?next={% hole request.get_full_path|urlencode %}">
    {% endfragment %}

What the fragment shows may depend only on its key (the name, the values after it, the
script prefix) and on what does not change while the process runs (URLs, translations,
settings: the stored fragments are dropped when a setting changes, as tests do). Whatever
differs per request goes in a ``{% hole expression %}``, evaluated at each render in the
surrounding context. Blocks and CSRF tokens are refused inside a fragment: a child template's
block or one visitor's token would be kept for everyone.
"""

from __future__ import annotations

import re

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Node, NodeList, render_value_in_context
from django.template.defaulttags import CsrfTokenNode
from django.template.loader_tags import BlockNode, IncludeNode
from django.urls import get_script_prefix

register = template.Library()

# A key is a handful of short values from fixed sets; the bound only guards against a key
# built by mistake from per-request data.
MAX_FRAGMENTS = 1000
_HOLE = re.compile("\x00hole(\\d+)\x00")
_RECORDING = "_gongkai_fragment_recording"
_fragments: dict[tuple, tuple[str | int, ...]] = {}


@receiver(setting_changed)
def forget_fragments(**kwargs) -> None:
    _fragments.clear()


class HoleNode(Node):
    def __init__(self, expression):
        self.expression = expression
        self.index = -1

    def render(self, context) -> str:
        if context.get(_RECORDING):
            return f"\x00hole{self.index}\x00"
        return self.fill(context)

    def fill(self, context) -> str:
        return render_value_in_context(self.expression.resolve(context), context)


class FragmentNode(Node):
    # Holds no block (refused below): a child template's search for blocks, at every render
    # of a page that extends this one, need not walk the fragment.
    child_nodelists = ()

    def __init__(self, name: str, keys: list, nodelist: NodeList):
        self.name, self.keys, self.nodelist = name, keys, nodelist
        self.holes = nodelist.get_nodes_by_type(HoleNode)
        for index, hole in enumerate(self.holes):
            hole.index = index

    def render(self, context) -> str:
        key = (
            self.origin.name,
            self.name,
            get_script_prefix(),
            *(value.resolve(context) for value in self.keys),
        )
        parts = _fragments.get(key)
        if parts is None:
            parts = self.record(context)
            if len(_fragments) >= MAX_FRAGMENTS:
                _fragments.clear()
            _fragments[key] = parts
        return "".join(
            part if isinstance(part, str) else self.holes[part].fill(context) for part in parts
        )

    def record(self, context) -> tuple[str | int, ...]:
        """The fragment rendered with its holes marked: literal text and hole numbers."""
        with context.push({_RECORDING: True}):
            rendered = self.nodelist.render(context)
        pieces = _HOLE.split(rendered)
        return tuple(
            piece if position % 2 == 0 else int(piece) for position, piece in enumerate(pieces)
        )


@register.tag
def fragment(parser, token):
    """``{% fragment "name" key1 key2 … %} … {% endfragment %}`` (see the module's help)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('fragment needs a name: {% fragment "name" … %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    for kind in (BlockNode, CsrfTokenNode, IncludeNode, FragmentNode):
        if nodelist.get_nodes_by_type(kind):
            raise template.TemplateSyntaxError(
                f"fragment {bits[1]}: no {kind.__name__} inside a fragment (it would be kept "
                "for every visitor); close the fragment before it"
            )
    return FragmentNode(
        template.Variable(bits[1]).resolve({}),
        [parser.compile_filter(bit) for bit in bits[2:]],
        nodelist,
    )


@register.tag
def hole(parser, token):
    """``{% hole expression %}``: inside a fragment, the part rendered at every request."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("hole takes one expression: {% hole request.path %}")
    return HoleNode(parser.compile_filter(bits[1]))
