import os

from django.core.wsgi import get_wsgi_application

from gongkai.core.pagecache.wsgi import PageCacheHits

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
# Page-cache hits are answered in front of Django (see gongkai.core.pagecache.wsgi).
application = PageCacheHits(get_wsgi_application())
