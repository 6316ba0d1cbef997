from django.core.management.base import BaseCommand
from tqdm import tqdm

from gongkai.search import source
from gongkai.search.services import REBUILD_BATCH_SIZE, search_index_rebuild


class Command(BaseCommand):
    help = "重建全文检索索引 / Rebuild the full-text search index from the database."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=REBUILD_BATCH_SIZE)

    def handle(self, *args, batch_size: int, verbosity: int, **options):
        with tqdm(total=source.count_all(), unit="doc", disable=verbosity == 0) as bar:
            written = search_index_rebuild(progress=bar.update, batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(f"已重建索引：{written} 个文件 / Reindexed {written} documents.")
        )
