from django.core.management.base import BaseCommand

from gongkai.core.progress import progress_bar
from gongkai.search import source
from gongkai.search.services import REBUILD_BATCH_SIZE, search_index_rebuild


class Command(BaseCommand):
    help = "重建全文检索索引 / Rebuild the full-text search index from the database."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=REBUILD_BATCH_SIZE)
        parser.add_argument(
            "--quiet",
            action="store_true",
            help="不显示进度条（不在终端时本就不显示）。No progress bar (there is none when "
            "stderr is not a terminal).",
        )

    def handle(self, *args, batch_size: int, verbosity: int, quiet: bool, **options):
        bar = progress_bar(
            total=source.count_all(), unit="doc", out=self.stderr, quiet=quiet or verbosity == 0
        )
        with bar:
            written = search_index_rebuild(progress=bar.update, batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(f"已重建索引：{written} 个文件 / Reindexed {written} documents.")
        )
