"""`gongkai extract FILE --json` and `gongkai import PATH...` (manage.py extract /
import_documents)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.roles import Role
from gongkai.documents.extraction import JSON_KEYS
from gongkai.documents.models import Document
from tests import factories

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_extract_json_is_the_contract_for_the_seed():
    data = json.loads(_run("extract", str(SEED), "--json"))
    assert tuple(data) == JSON_KEYS
    assert data | {"tasks": len(data["tasks"])} == {
        "title": "贵阳国家高新区党政办公室印发贵阳国家高新区2019年政务公开工作实施方案的通知",
        "enclosed_title": "贵阳国家高新区2019年政务公开工作实施方案",
        "doc_number": "筑高新办函〔2019〕23号",
        "issuers": ["贵阳国家高新区党政办公室"],
        "recipients": ["区属各部门", "垂直管理部门", "园区办", "直属企事业单位"],
        "written_on": "2019-07-10",
        "published_on": "2019-07-17",
        "region": "贵州省贵阳市高新区",
        "keywords": ["其他"],
        "attachments": [
            "贵阳国家高新区政务公开工作规范流程",
            "《贵阳国家高新区2019年政务公开工作实施方案》解读材料",
        ],
        "disclosure": "主动公开",
        "cited": [
            {
                "doc_number": "黔府办函〔2019〕68号",
                "title": "省人民政府办公厅关于印发贵州省2019年政务公开工作要点的通知",
            },
            {
                "doc_number": "筑府办函〔2019〕66号",
                "title": "市人民政府办公厅关于印发贵阳市2019年政务公开工作要点的通知",
            },
            {
                "doc_number": "筑府办函〔2019〕62号",
                "title": "市人民政府办公厅关于进一步做好决策预公开和政策解读工作的通知",
            },
        ],
        "tasks": 13,
    }
    assert set(data["tasks"][0]) == {"heading", "text", "units"}


def test_extract_prints_chinese_unescaped():
    output = _run("extract", str(SEED), "--json")
    assert "贵阳国家高新区" in output and "\\u" not in output


def test_extract_without_json_is_readable():
    output = _run("extract", str(SEED))
    assert "doc_number: 筑高新办函〔2019〕23号" in output
    assert "tasks: 13" in output


def test_extract_refuses_a_bad_file_with_the_reason(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as caught:
        _run("extract", str(empty), "--json")
    assert str(caught.value) == "文件是空的，没有文字。 / The file is empty; it has no text."


def test_extract_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the file"):
        _run("extract", str(tmp_path / "missing.txt"))


@pytest.mark.django_db
def test_import_prints_a_summary_with_reasons(tmp_path):
    office = factories.department("党政办公室", code="dzb", aliases=["贵阳国家高新区党政办公室"])
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    output = _run("import_documents", str(tmp_path), "--workers", "1")
    assert output.splitlines()[0] == "导入 Imported: 1   重复 Duplicates: 0   失败 Failed: 1"
    assert f"{tmp_path / 'empty.txt'}: 文件是空的，没有文字。 / The file is empty" in output
    assert Document.objects.get().department == office
    again = _run("import_documents", str(tmp_path), "--workers", "1")
    assert again.splitlines()[0] == "导入 Imported: 0   重复 Duplicates: 1   失败 Failed: 1"
    assert f"seed.txt → #{Document.objects.get().pk}: 该文件已导入过。" in again


@pytest.mark.django_db
def test_import_lists_unknown_issuers_and_uses_the_default_department(tmp_path):
    fallback = factories.department("综合科", code="zhk")
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    output = _run("import_documents", str(tmp_path), "--department", "zhk", "--workers", "1")
    assert "  贵阳国家高新区党政办公室 ×1" in output
    assert Document.objects.get().department == fallback


@pytest.mark.django_db
def test_import_checks_its_options(tmp_path):
    with pytest.raises(CommandError, match="No department has the code nope"):
        _run("import_documents", str(tmp_path), "--department", "nope")
    with pytest.raises(CommandError, match="No user named nobody"):
        _run("import_documents", str(tmp_path), "--user", "nobody")
    editor = factories.staff_user(Role.EDITOR, factories.department())
    with pytest.raises(CommandError, match="Only an administrator"):
        _run("import_documents", str(tmp_path), "--publish", "--user", editor.username)


class Terminal(io.StringIO):
    """A stderr that says it is a terminal, as an operator's shell is."""

    def isatty(self) -> bool:
        return True


def _import_with_stderr(tmp_path, stderr: io.StringIO, *options) -> str:
    factories.department("党政办公室", code="dzb", aliases=["贵阳国家高新区党政办公室"])
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    out = io.StringIO()
    call_command(
        "import_documents", str(tmp_path), "--workers", "1", *options, stdout=out, stderr=stderr
    )
    return out.getvalue()


@pytest.mark.django_db
def test_import_shows_a_progress_bar_with_the_rate_on_a_terminal(tmp_path):
    stderr = Terminal()
    output = _import_with_stderr(tmp_path, stderr)
    bar = stderr.getvalue()
    assert "2/2" in bar and "file/s" in bar  # files done of all, and the rate
    assert "\x1b[31m" not in bar  # drawn as is, not in the error colour
    assert "2/2" not in output and output.startswith("导入 Imported: 1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stderr", "options"), [(io.StringIO(), []), (Terminal(), ["--quiet"])], ids=["piped", "quiet"]
)
def test_import_shows_no_bar_off_a_terminal_or_when_quiet(tmp_path, stderr, options):
    output = _import_with_stderr(tmp_path, stderr, *options)
    assert stderr.getvalue() == ""
    assert output.startswith("导入 Imported: 1")
