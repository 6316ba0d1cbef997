"""Generated policy documents for benchmarks: realistic Chinese text, numbers and metadata.

The vocabulary comes from the seed document (the 2019 政务公开 implementation plan) plus
common policy phrases, drawn with a Zipf-like skew so that some words are in nearly every
document and others in few; each document also names one or two enterprises or projects
from a large pool, which gives truly rare words. Deterministic for a given seed.

    python bench/generate.py 5        # print five documents
"""

from __future__ import annotations

import argparse
import os
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path

import rjieba

from gongkai.search.types import IndexedDocument

SEED_PATH = Path(
    os.environ.get("GONGKAI_SEED_DIR", Path(__file__).resolve().parents[2] / "shared" / "seed")
)
SEED_FALLBACK = (
    "为深入贯彻落实政务公开工作要点精神，全面抓好政务公开工作推进落实，结合实际，特制定本实施方案。"
    "聚焦中心工作，加大政策解读和回应关切力度。主动服务大局加强信息公开。深入解读重要政策措施。"
    "按照谁起草、谁解读原则，牵头起草单位要负责进行解读。加强政务新媒体建设和管理。"
)
POLICY_PHRASES = [
    "优化营商环境",
    "放管服改革",
    "双随机一公开",
    "专精特新",
    "高新技术企业",
    "决策预公开",
    "政策解读",
    "依申请公开",
    "政务服务",
    "减税降费",
    "数字经济",
    "乡村振兴",
    "安全生产",
    "生态环境保护",
    "人才引进",
    "科技创新",
    "招商引资",
    "疫情防控",
    "财政资金",
    "政府采购",
    "行政执法",
    "信用体系建设",
    "知识产权保护",
    "公共资源交易",
    "社会救助",
    "城市更新",
    "大数据产业",
    "小微企业",
    "创业孵化",
    "产业园区",
    "项目审批",
    "一网通办",
    "最多跑一次",
]
DEPARTMENTS = [
    ("党政办公室", "筑高新办"),
    ("经济发展局", "筑高新经发"),
    ("财政局", "筑高新财"),
    ("科技创新局", "筑高新科"),
    ("市场监督管理局", "筑高新市监"),
    ("生态环境分局", "筑高新环"),
    ("自然资源分局", "筑高新资"),
    ("住房和城乡建设局", "筑高新建"),
    ("人力资源和社会保障局", "筑高新人社"),
    ("教育局", "筑高新教"),
    ("卫生健康局", "筑高新卫"),
    ("应急管理局", "筑高新应急"),
    ("综合行政执法局", "筑高新执法"),
    ("投资促进局", "筑高新投促"),
    ("统计局", "筑高新统"),
    ("审计局", "筑高新审"),
    ("社会事务局", "筑高新社"),
    ("司法所", "筑高新司"),
    ("农业农村局", "筑高新农"),
    ("交通运输局", "筑高新交"),
    ("文化旅游局", "筑高新文旅"),
    ("金阳园区办", "筑高新金园"),
    ("沙文园区办", "筑高新沙园"),
    ("税务局", "筑高新税"),
    ("公安分局", "筑高新公"),
]
DOC_TYPES = ["通知", "意见", "方案", "办法", "规定", "决定", "报告", "函", "公告", "批复"]
VALIDITY = [("有效", 80), ("已修订", 5), ("已废止", 10), ("已失效", 5)]
DISCLOSURE = [("主动公开", 90), ("依申请公开", 10)]
TOPIC_ROOTS = range(1, 11)
TOPIC_LEAVES = range(11, 61)
NAME_CHARS = "华信达盛恒泰鑫源丰瑞宏远博辰嘉诚安康德润祥和云筑黔贵阳金鼎晟昊骏杰卓越天成启明星辉"
NAME_KINDS = ["科技有限公司", "智能制造有限公司", "大数据产业园", "生物医药项目", "新材料基地"]
RARE_POOL_SIZE = 20_000


def _seed_text() -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED_PATH.glob("*.txt"))]
    return "".join(texts) or SEED_FALLBACK


def _sentences(text: str) -> list[str]:
    parts = (part.strip() for part in re.split(r"[。！？\n]", text))
    return [part for part in parts if 8 <= len(part) <= 200]


def _vocabulary(text: str) -> list[str]:
    words = [
        word
        for word in rjieba.cut(text)
        if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word)
    ]
    ranked = [word for word, _ in Counter(words).most_common()]
    return ranked + POLICY_PHRASES


def _rare_names(rng: random.Random) -> list[str]:
    names = set()
    while len(names) < RARE_POOL_SIZE:
        stem = "".join(rng.sample(NAME_CHARS, 3))
        names.add(stem + rng.choice(NAME_KINDS))
    return sorted(names)


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in choices], [weight for _, weight in choices])[0]


class Generator:
    """Builds documents one by one; `vocabulary` (frequent first) and `rare_names` are public
    so benchmarks can pick common and rare query words."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        text = _seed_text()
        self.sentences = _sentences(text)
        self.vocabulary = _vocabulary(text)
        self.rare_names = _rare_names(self.rng)
        self._serials: Counter[tuple[str, int]] = Counter()
        self._zipf = list(accumulate(1 / (rank + 1) for rank in range(len(self.vocabulary))))

    def _words(self, count: int) -> str:
        return "".join(self.rng.choices(self.vocabulary, cum_weights=self._zipf, k=count))

    def _body(self, rare: list[str]) -> str:
        sentences = self.rng.sample(self.sentences, self.rng.randint(5, 25))
        sentences += [self._words(self.rng.randint(6, 20)) for _ in range(self.rng.randint(5, 40))]
        sentences += [f"支持{name}加快发展" for name in rare]
        self.rng.shuffle(sentences)
        return "。".join(sentences) + "。"

    def _title(self, department: str, doc_type: str) -> str:
        subject = self.rng.choice(POLICY_PHRASES) + self.rng.choice(self.vocabulary[:300])
        if doc_type == "通知" and self.rng.random() < 0.5:
            return f"贵阳国家高新区{department}关于印发{subject}工作方案的通知"
        return f"关于{subject}的{doc_type}"

    def document(self, doc_id: int) -> IndexedDocument:
        rng = self.rng
        department, prefix = rng.choice(DEPARTMENTS)
        doc_type = rng.choice(DOC_TYPES)
        year = rng.randint(2010, 2025)
        published = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
        number_prefix = prefix + rng.choice(["发", "函", "通"])
        self._serials[number_prefix, year] += 1  # numbers run on per issuer code and year
        leaf = rng.choice(TOPIC_LEAVES)
        rare = rng.sample(self.rare_names, rng.randint(1, 2))
        body = self._body(rare)
        return IndexedDocument(
            id=doc_id,
            title=self._title(department, doc_type),
            doc_number=f"{number_prefix}〔{year}〕{self._serials[number_prefix, year]}号",
            summary=body.split("。", 1)[0] + "。",
            body=body,
            keywords=rng.sample(POLICY_PHRASES, 2),
            department_ids=[DEPARTMENTS.index((department, prefix)) + 1],
            department_names=[department],
            year=year,
            doc_type=doc_type,
            topic_ids=[TOPIC_ROOTS[leaf % len(TOPIC_ROOTS)], leaf],
            validity=_weighted(rng, VALIDITY),
            disclosure=_weighted(rng, DISCLOSURE),
            published_on=published,
            modified_at=datetime.combine(published, time(9), tzinfo=UTC),
        )


def generate_documents(count: int, seed: int = 0) -> Iterator[IndexedDocument]:
    """`count` documents with ids 1..count."""
    generator = Generator(seed)
    for doc_id in range(1, count + 1):
        yield generator.document(doc_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for doc in generate_documents(args.count, args.seed):
        print({key: value for key, value in asdict(doc).items() if key != "body"})
        print(doc.body[:200], "…\n")


if __name__ == "__main__":
    main()
