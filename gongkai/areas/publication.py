"""What the sign-off workflow checks before a service guide, a certificate item, a 财政预决算,
政府债务, 就业 or 放管服 record goes live: the pre-publication checks of documents (personal data,
forbidden words) over its texts and tables (not a guide's office address and telephone), a warning for each basis document of a
guide no longer in force, and a warning when a debt balance is above its limit."""

from gongkai.areas import rules
from gongkai.areas.models import (
    BudgetDisclosure,
    CertificateItem,
    DebtDisclosure,
    EmploymentRecord,
    ReformMeasure,
    ServiceGuide,
)
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


def employment_facts(record: EmploymentRecord) -> PublicationFacts:
    return PublicationFacts(
        title=record.title,
        texts=[
            ("摘要", record.summary),
            ("正文", record.body),
            ("补贴标准", record.standard),
            ("申请方式", record.how_to_apply),
        ],
    )


def reform_facts(record: ReformMeasure) -> PublicationFacts:
    return PublicationFacts(
        title=record.title, texts=[("改革内容", record.content), ("依据", record.basis)]
    )


def guide_facts(guide: ServiceGuide) -> PublicationFacts:
    materials = "\n".join(material.name for material in guide.materials.all())
    return PublicationFacts(
        title=guide.name,
        texts=[
            ("设定依据", guide.basis),
            ("受理条件", guide.conditions),
            ("申请材料", materials),
            ("收费标准", guide.fees),
            ("办理流程", guide.flow),
        ],
        extra_problems=tuple(_ended_bases(guide)),
    )


def _ended_bases(guide: ServiceGuide) -> list[Problem]:
    return [
        Problem(
            "ended_basis",
            f"依据文件《{basis.document.title}》{basis.document.get_validity_display()}，"
            f"请修订办事指南。",
            f"The basis document “{basis.document.title}” is no longer in force: revise the guide.",
            blocking=False,
        )
        for basis in guide.bases.all()
        if basis.document.validity in rules.NOT_IN_FORCE
    ]


def certificate_facts(item: CertificateItem) -> PublicationFacts:
    return PublicationFacts(
        title=item.name,
        texts=[("用于办理的事项", item.used_for), ("设定依据", item.basis), ("备注", item.note)],
    )
