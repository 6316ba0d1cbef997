"""The finder of inline script and style that the tests of the Content-Security-Policy use."""

from tests.inline_code import inline_scripts, inline_styles


def test_finds_inline_scripts_handlers_and_javascript_urls():
    html = (
        '<script>alert(1)</script><script type="module">x()</script>'
        '<button onclick="go()">a</button><a href="javascript:void(0)">b</a>'
        "<img src=x ONERROR=alert(1)>"
    )
    assert len(inline_scripts(html)) == 5


def test_files_json_data_and_prose_are_not_inline_scripts():
    html = (
        '<script src="/static/a.js"></script><script type="application/json">{}</script>'
        "<p>turn the lights on=off</p>"
    )
    assert inline_scripts(html) == []


def test_finds_style_blocks_and_attributes():
    assert len(inline_styles('<style>p{}</style><p style="color:red">x</p>')) == 2
    assert inline_styles('<link rel="stylesheet" href="/s.css"><p class="style">x</p>') == []
