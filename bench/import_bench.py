"""Import benchmark: bulk import rate of generated text and HTML documents, with peak memory.

    python bench/import_bench.py                   # 10,000 documents, 2 extraction processes
    python bench/import_bench.py --docs 2000 --workers 1 --drafts

Generates ``--docs`` documents of about 2,000 characters (half plain text, half policy-site
HTML pages with navigation and footer, one in ten HTML pages in GB18030; a third cite an
earlier document) into a temporary folder, migrates a scratch SQLite database there
(GONGKAI_DATA_DIR), and times `documents_import` over the folder: reading, extraction
(process pool), duplicate checks, database writes (documents, issuers, original files,
citations, revisions, audit events) and, with the default ``--publish``, segmentation and
tantivy indexing of every document. ``--drafts`` imports drafts instead (not indexed).
Prints documents/s, peak memory (ru_maxrss of this process and of its largest child), and
for comparison the rate of bare rjieba segmentation and of the index-mode segmentation on
the same texts (the first SEGMENTATION_SAMPLE of them). On Linux it also samples the
importing process's resident memory (every 0.1 s) and prints its peak split into anonymous
memory (what the import holds) and mapped files (mostly the index segments a tantivy merge
reads: clean page cache that the kernel may drop, but counted in RSS and ru_maxrss), how
much the anonymous memory grew per document after the first fifth of the documents, and the
peak of the importer's and the extraction processes' proportional set sizes together (shared
pages counted once). ``--max-seconds`` bounds the import: it stops there and reports the
rate so far. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEPARTMENTS, DOC_TYPES, Generator  # noqa: E402

ZONE = "贵阳国家高新区"
MARKS = re.compile(r"[(（][^()（）]*(?:责任|牵头|配合|负责)[^()（）]*[)）]")
NUMBERING = re.compile(
    r"(?:^|(?<=。))\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
BODY_CHARS = 2000
CN_DIGITS = "〇一二三四五六七八九"
# Texts kept for the segmentation rates: keeping every text grew the importing process (this
# one) with --docs, by about 4 KB per document, and the extraction processes forked from it.
SEGMENTATION_SAMPLE = 5000
PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_{zone}门户网站</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/zcwj">政策文件</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：{published} 浏览量：{views}</div>
{paragraphs}
</div>
<div class="footer">主办单位：{zone}党政办公室 服务热线：0851-12345678 技术支持：某某网络公司</div>
</body></html>
"""


def _cn_date(day: date) -> str:
    year = "".join(CN_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{_cn_number(day.month)}月{_cn_number(day.day)}日"


def _cn_number(value: int) -> str:
    tens, units = divmod(value, 10)
    text = ("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else ""
    return text + (CN_DIGITS[units] if units else "")


def _plain(body: str) -> str:
    """Generated sentences come from the seed plan: drop its numbering and responsibility
    marks, so that the generated documents are not implementation plans."""
    return NUMBERING.sub("", MARKS.sub("", body))


def _document_lines(generator: Generator, number: int, cited: list[tuple[str, str]]):
    doc = generator.document(number)
    issuer = f"{ZONE}{doc.department_names[0]}"
    body = _plain(doc.body)
    while len(body) < BODY_CHARS:
        body += _plain(generator.document(0).body)
    sentences = [part for part in body[:BODY_CHARS].split("。") if part]
    paragraphs = ["。".join(sentences[i : i + 4]) + "。" for i in range(0, len(sentences), 4)]
    if cited and generator.rng.random() < 0.33:
        title, doc_number = generator.rng.choice(cited)
        paragraphs.insert(0, f"根据《{title}》（{doc_number}）精神，结合实际，现通知如下。")
    written = doc.published_on
    lines = [doc.title, doc.doc_number, "区属各部门、园区办：", *paragraphs]
    lines += [issuer, _cn_date(written) if number % 2 else f"{written:%Y年%-m月%-d日}"]
    lines.append("（此件公开发布）")
    return doc, lines


def generate(folder: Path, count: int, seed: int = 0) -> tuple[list[str], float]:
    """Write ``count`` documents into ``folder``; returns the texts of the first
    SEGMENTATION_SAMPLE and the mean length of all."""
    generator = Generator(seed)
    rng = random.Random(seed)
    cited: list[tuple[str, str]] = []
    texts = []
    characters = 0
    for number in range(1, count + 1):
        doc, lines = _document_lines(generator, number, cited)
        if rng.random() < 0.05:
            cited.append((doc.title, doc.doc_number))
        text = "\n\n".join(lines)
        characters += len(text)
        if len(texts) < SEGMENTATION_SAMPLE:
            texts.append(text)
        if number % 2:
            (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
            continue
        charset = "gb18030" if number % 10 == 0 else "utf-8"
        page = PAGE.format(
            charset=charset,
            title=doc.title,
            zone=ZONE,
            published=doc.published_on.isoformat(),
            views=rng.randint(10, 5000),
            paragraphs="\n".join(f"<p>{line}</p>" for line in lines[1:]),
        )
        (folder / f"{number:06d}.html").write_bytes(page.encode(charset))
    return texts, characters / max(count, 1)


def setup_database(data_dir: Path) -> float:
    """Point Django at a scratch SQLite database and search index under ``data_dir`` and
    migrate it; returns the seconds migrating took."""
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    for name in ("DATABASE_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT"):
        os.environ.pop(name, None)
    os.environ["SEARCH_BACKEND"] = "tantivy"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    return time.perf_counter() - started


def setup_library():
    """The generated documents' issuers as departments (named without the zone, as the
    demo does, with the zone-prefixed name as an alias), kinds, and an administrator."""
    from django.contrib.auth import get_user_model

    from gongkai.core.models import Department
    from gongkai.documents.models import DocumentKind

    for order, (name, _prefix) in enumerate(DEPARTMENTS):
        Department.objects.create(
            name=name, code=f"b{order}", aliases=[f"{ZONE}{name}"], sort_order=order
        )
    for name in DOC_TYPES:
        DocumentKind.objects.get_or_create(name=name)
    from gongkai.search.services import search_index_rebuild

    search_index_rebuild()  # an empty index, as a running site has
    return get_user_model().objects.create_superuser("bench", password="bench-password-1")


class _Deadline(Exception):
    pass


def _status_kb(path: str, keys: tuple[str, ...]) -> dict[str, int]:
    """The ``keys`` of a /proc status-like file, in kB (empty when it cannot be read)."""
    found = {}
    try:
        with open(path) as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key in keys:
                    found[key] = int(value.split()[0])
    except (OSError, ValueError):
        return {}
    return found


def _children() -> list[str]:
    pids: list[str] = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as handle:
                pids += handle.read().split()
        except OSError:
            continue
    return pids


class MemorySampler(threading.Thread):
    """The importing process's resident memory sampled every 0.1 s (VmRSS, RssAnon,
    RssFile peaks), its anonymous memory after each flush of the search index (every
    INDEX_BATCH_SIZE documents: the same point of the import's cycle each time), and once a
    second the proportional set size of it and its extraction processes together."""

    KEYS = ("VmRSS", "RssAnon", "RssFile")

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = dict.fromkeys(self.KEYS, 0)
        self.peak_pss = 0
        self.marks: list[tuple[int, int]] = []  # (documents, RssAnon kB)
        self.stopped = threading.Event()

    @staticmethod
    def available() -> bool:
        return bool(_status_kb("/proc/self/status", ("VmRSS",)))

    def run(self) -> None:
        ticks = 0
        while not self.stopped.wait(0.1):
            status = _status_kb("/proc/self/status", self.KEYS)
            for key, value in status.items():
                self.peak[key] = max(self.peak[key], value)
            ticks += 1
            if ticks % 10 == 0:
                pids = ["self", *_children()]
                total = sum(
                    _status_kb(f"/proc/{pid}/smaps_rollup", ("Pss",)).get("Pss", 0) for pid in pids
                )
                self.peak_pss = max(self.peak_pss, total)

    def mark(self, documents: int) -> None:
        anon = _status_kb("/proc/self/status", ("RssAnon",)).get("RssAnon")
        if anon is not None:
            self.marks.append((documents, anon))

    def growth_per_document(self) -> float | None:
        """kB of anonymous memory per document, least squares over the marks after the
        first fifth of the documents (the first batches fill caches and the index writer)."""
        if not self.marks:
            return None
        last = self.marks[-1][0]
        points = [(x, y) for x, y in self.marks if x > last / 5]
        if len(points) < 3:
            return None
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        spread = sum((x - mean_x) ** 2 for x, _ in points)
        return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread

    def report(self) -> str:
        mb = {key: value / 1024 for key, value in self.peak.items()}
        growth = self.growth_per_document()
        lines = [
            f"importer resident memory, sampled every 0.1 s: peak {mb['VmRSS']:,.0f} MB "
            f"(anonymous at most {mb['RssAnon']:,.0f} MB, mapped files at most "
            f"{mb['RssFile']:,.0f} MB)",
            f"importer + extraction processes, proportional set size at most "
            f"{self.peak_pss / 1024:,.0f} MB (sampled every second)",
        ]
        if growth is not None:
            lines.append(
                f"importer anonymous memory growth after the first fifth: {growth:.2f} KB/document"
            )
        return "\n".join(lines)


def run_import(
    folder: Path,
    user,
    *,
    publish: bool,
    workers: int,
    batch: int,
    limit: float,
    sampler: MemorySampler | None = None,
):
    from gongkai.documents.importing import INDEX_BATCH_SIZE, documents_import

    started = time.perf_counter()
    done = [0]

    def progress(_outcome) -> None:
        done[0] += 1
        if sampler is not None and done[0] % INDEX_BATCH_SIZE == 0:
            sampler.mark(done[0])
        if done[0] % 1000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {done[0]} files, {done[0] / elapsed:,.0f}/s", flush=True)
            if elapsed > limit:
                raise _Deadline

    summary = None
    try:
        summary = documents_import(
            paths=[folder],
            user=user,
            publish=publish,
            workers=workers,
            batch_size=batch,
            progress=progress,
        )
    except _Deadline:
        print(f"  stopped after {limit:.0f} s (--max-seconds)")
    return summary, done[0], time.perf_counter() - started


def segmentation_rates(texts: list[str]) -> tuple[float, float]:
    """Documents/s of bare rjieba.cut and of the index-mode segmentation on ``texts``."""
    import rjieba

    from gongkai.search.segmentation import segment

    rjieba.cut("预热")
    segment("预热")
    started = time.perf_counter()
    for text in texts:
        rjieba.cut(text)
    bare = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    for text in texts:
        segment(text)
    return bare, len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--drafts", action="store_true", help="import drafts (no indexing)")
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="gongkai-import-bench-"))
    try:
        folder = root / "documents"
        folder.mkdir()
        started = time.perf_counter()
        texts, size = generate(folder, args.docs)
        print(
            f"generated {args.docs} documents (mean {size:,.0f} characters) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        migrate_seconds = setup_database(root / "data")
        print(f"migrated a scratch SQLite database in {migrate_seconds:.1f} s")
        user = setup_library()
        mode = "drafts" if args.drafts else "published + indexed"
        print(f"importing ({mode}, {args.workers} extraction processes) …")
        sampler = MemorySampler() if MemorySampler.available() else None
        if sampler is not None:
            sampler.start()
        summary, done, seconds = run_import(
            folder,
            user,
            publish=not args.drafts,
            workers=args.workers,
            batch=args.batch_size,
            limit=args.max_seconds,
            sampler=sampler,
        )
        if sampler is not None:
            sampler.stopped.set()
        rate = done / seconds
        if summary is not None:
            print(
                f"imported {summary.counts['imported']}, "
                f"duplicates {summary.counts['duplicate']}, failed {summary.counts['failed']}"
            )
            for outcome in summary.failed[:5]:
                print(f"  failed: {outcome.name}: {outcome.reason}")
        if not args.drafts:
            from gongkai.search import get_backend

            print(f"search index holds {get_backend().count()} documents")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"import: {done} documents in {seconds:.2f} s = {rate:,.0f} documents/s")
        print(
            f"peak memory (ru_maxrss): importer {own:,.0f} MB, largest worker {children:,.0f} MB; "
            f"importer + {args.workers} workers at most {own + args.workers * children:,.0f} MB"
        )
        if sampler is not None:
            print(sampler.report())
        bare, index_mode = segmentation_rates(texts)
        print(
            f"segmentation alone on the same texts: rjieba.cut {bare:,.0f} documents/s, "
            f"index mode (cut_for_search + normalisation) {index_mode:,.0f} documents/s"
        )
        print(f"import rate / bare segmentation rate: {rate / bare:.0%}")
        print(f"load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
