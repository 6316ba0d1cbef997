"""What the sign-off workflow checks before a 财政预决算 or 政府债务 record goes live: the
pre-publication checks of documents (personal data, forbidden words) over its texts and
tables, and a warning when a debt balance is above its limit."""

from gongkai.areas import rules
from gongkai.areas.models import BudgetDisclosure, DebtDisclosure
from gongkai.documents.prepublication import Problem, PublicationFacts


def _table_texts(tables: list[dict]) -> list[tuple[str, str]]:
    return [
        (
            f"表格“{table['sheet']}”",
            "\n".join(
                [*table["caption"], *(row["label"] for row in table["rows"])]
                + [str(v) for row in table["rows"] for v in row["values"] if isinstance(v, str)]
            ),
        )
        for table in tables
    ]


def budget_facts(record: BudgetDisclosure) -> PublicationFacts:
    return PublicationFacts(
        title=record.title, texts=[("说明", record.note), *_table_texts(record.tables)]
    )


def debt_facts(record: DebtDisclosure) -> PublicationFacts:
    problems = []
    if rules.over_limit(limit=record.limit, balance=record.balance):
        problems.append(
            Problem(
                "debt_over_limit",
                f"债务余额 {rules.amount_text(record.balance)} 万元超过限额 "
                f"{rules.amount_text(record.limit)} 万元，请核实。",
                f"The balance ({rules.amount_text(record.balance)}) is above the limit "
                f"({rules.amount_text(record.limit)}): check the figures.",
                blocking=False,
            )
        )
    return PublicationFacts(
        title=str(record),
        texts=[("资金使用安排", record.use_of_funds), ("还本付息情况", record.repayment)],
        extra_problems=tuple(problems),
    )
