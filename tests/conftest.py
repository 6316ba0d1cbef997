"""Settings every Django test runs under: tasks run at once, files and the search index in temporary folders."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_services(request, tmp_path_factory):
    if not request.config.pluginmanager.has_plugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
