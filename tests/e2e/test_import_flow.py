"""In a real browser: an editor uploads the seed page, checks the extracted metadata, saves it as a
draft and lands on its edit page, with its citations kept. Screenshots: test-artifacts/."""

import re
from pathlib import Path

import pytest

from gongkai.core.roles import Role
from gongkai.documents.models import Citation, Document
from tests import factories
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
TITLE = "贵阳国家高新区党政办公室印发贵阳国家高新区2019年政务公开工作实施方案的通知"


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed beside the repository")
def test_upload_confirm_and_save_as_draft(live_server, browser):
    office = factories.department("贵阳国家高新区党政办公室", code="dzb", short_name="党政办公室")
    factories.document_kind("通知")
    factories.staff_user(Role.EDITOR, office, username="editor")
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))

    page.get_by_role("link", name=re.compile("导入文件")).first.click()
    page.set_input_files("#import-upload-form input[type=file]", str(SEED))
    page.click("#import-upload-form button[type=submit]")
    page.wait_for_selector("#import-confirm-form")
    assert page.input_value("#import-confirm-form [name=title]") == TITLE
    assert page.input_value("#import-confirm-form [name=doc_number]") == "筑高新办函〔2019〕23号"
    written_on = page.input_value("#import-confirm-form [name=written_on]")
    assert written_on.replace("/", "-") == "2019-07-10"
    shot(page, "import-1-confirm")

    page.click("#import-confirm-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/snippets/documents/document/edit/\d+/$"))
    shot(page, "import-2-draft")
    document = Document.objects.get(title=TITLE)
    assert not document.live
    cited = set(Citation.objects.filter(source=document).values_list("doc_number", flat=True))
    assert cited == {"黔府办函〔2019〕68号", "筑府办函〔2019〕66号", "筑府办函〔2019〕62号"}
