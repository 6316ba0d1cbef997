"""What the sign-off workflow checks before a consultation or its adoption report goes live, and
the rule that a document published as a major decision (重大行政决策) waits for its
consultation's signed-off adoption report (《重大行政决策程序暂行条例》 arts. 15, 18 and 32)."""

from __future__ import annotations

from gongkai.consultations import rules, selectors
from gongkai.consultations.models import AdoptionReport, Consultation
from gongkai.documents.prepublication import Problem, PublicationFacts


def consultation_facts(consultation: Consultation) -> PublicationFacts:
    texts = [
        ("起草背景", consultation.background),
        ("法律依据", consultation.legal_basis),
        ("起草说明", consultation.explanation),
        *[(clause.heading, clause.text) for clause in consultation.clauses.all()],
    ]
    return PublicationFacts(
        title=consultation.title,
        texts=texts,
        extra_problems=tuple(_period_problems(consultation)),
    )


def _period_problems(consultation: Consultation) -> list[Problem]:
    codes = rules.period_problems(
        consultation.starts_on, consultation.ends_on, consultation.short_period_reason
    )
    if "reason" in codes:
        return [
            Problem(
                "short_period",
                "征求意见期限少于30日，须说明理由。",
                "The comment period is shorter than 30 days: give the reason.",
            )
        ]
    if codes:
        return [Problem("period", "征求意见期限有误。", "The comment period is wrong.")]
    return []


def report_facts(report: AdoptionReport) -> PublicationFacts:
    """A report answers the comments once the period has closed and each has its disposition."""
    consultation = report.consultation
    problems = []
    if consultation.phase() not in (rules.Phase.CLOSED, rules.Phase.REPORTED):
        problems.append(
            Problem(
                "report_phase",
                "征求意见期结束后才能发布采纳情况说明。",
                "The adoption report is published once the comment period has closed.",
                overridable=False,
            )
        )
    if selectors.disposition_stats(consultation).undisposed:
        problems.append(
            Problem(
                "report_undisposed",
                "还有意见未处理，请全部处理后再发布。",
                "Some comments have no disposition yet: dispose of every one first.",
                overridable=False,
            )
        )
    return PublicationFacts(
        title=str(consultation), texts=[("说明正文", report.text)], extra_problems=tuple(problems)
    )


def major_decision_problems(document) -> list[Problem]:
    """A document that is the final text of a major decision is blocked until the adoption
    report of its consultation is published."""
    if not document.pk:
        return []
    waiting = (
        Consultation.objects.filter(final_document_id=document.pk, is_major_decision=True)
        .exclude(report__live=True)
        .values_list("title", flat=True)
    )
    return [
        Problem(
            "consultation_report",
            f"该文件是重大行政决策，征求意见《{title}》的采纳情况说明尚未发布。",
            f"This document is a major decision: the adoption report of the consultation "
            f"“{title}” is not published yet.",
            overridable=False,
        )
        for title in waiting
    ]
