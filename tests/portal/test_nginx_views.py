"""The nginx configuration of docs/operations.md, run: the pages nginx sends from Gongkai's page
files are counted as views from its log, a person's GET once each, a HEAD or a robot's GET not
at all. (A log line that named no page file counted nothing: nginx rewrites ``$uri`` to the
file it found, so the log must name the page by the request's own path.)"""

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from gongkai.core import schedule
from gongkai.documents.models import Document

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed"),
]


@pytest.fixture
def nginx(tmp_path, settings, monkeypatch):
    # bench/serve_bench.py reads the configuration out of the documentation; so does this.
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from disclosure_bench import free_port
    from serve_bench import nginx_config

    tmp_path.chmod(0o755)
    (tmp_path / "nginx-tmp").mkdir()
    (tmp_path / "media").mkdir()
    (tmp_path / "pagefiles").mkdir()
    settings.PAGE_CACHE_FILES_DIR = tmp_path / "pagefiles"
    port = free_port()
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config(tmp_path, port=port, upstream=free_port()))
    subprocess.run(["nginx", "-c", str(config)], check=True, capture_output=True)
    yield f"http://127.0.0.1:{port}"
    subprocess.run(["nginx", "-c", str(config), "-s", "stop"], capture_output=True)


def _through(nginx, path, *, method="GET", user_agent="Mozilla/5.0 (X11; Linux x86_64)"):
    request = urllib.request.Request(
        nginx + path, method=method, headers={"User-Agent": user_agent}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200


def test_a_person_s_get_through_nginx_is_a_view_a_head_or_a_robot_s_is_not(client, library, nginx):
    path = f"/documents/{library.plan.pk}/"
    client.get(path)  # rendered by Gongkai, its page file written: 1 view
    _through(nginx, path)
    _through(nginx, path)
    _through(nginx, path, method="HEAD")
    _through(nginx, path, user_agent="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    time.sleep(0.2)  # nginx writes its log line after the response
    schedule.count_views_of_page_files()
    assert Document.objects.get(pk=library.plan.pk).view_count == 3
