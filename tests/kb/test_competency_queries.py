"""Every competency question returns exactly the answer the source gives, with its citation.

Each test asserts the whole result set (variables, rows and their order). IRIs are written
``id:…`` / ``cap:…``; quotes are the source's words (whitespace normalised).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from capgraph import KnowledgeGraph, PartialDate

from .support import CAP, ID, short

# Quotes, as the claims carry them.
Q3_ADOPTED = (
    "The Terms of Reference (ToR) for the CAP Group were adopted at the 113th/114th Council "
    "Sessions in June 2009"
)
Q3_MANDATE = (
    "The ToR were limited to only allow for an exchange of practices, experiences and views on "
    "the subject of counterfeiting and piracy."
)
Q3_SESSIONS = "the 113th/114th Council Sessions in June 2009"
Q4_REVIEWED = (
    "During the 16th CAP Group Meeting, held on 30 September and 1 October 2019, the ToR were "
    "reviewed"
)
Q4_PRESENTED = (
    "presented to the 39th Session of the Enforcement Committee (October 2019) and the "
    "227th/228th Sessions of the PTC (July 2020) for approval"
)
Q4_SUBMITTED = "for approval and further submission to the 83rd Policy Commission (December 2020)"
Q4_PTC_SESSIONS = "the 227th/228th Sessions of the PTC (July 2020)"
Q5_APPROVED = (
    "The revised mandate of the CAP Group was approved by the 137th Session of the Customs "
    "Co-operation Council (December 2020)"
)
MANDATE_2020 = (
    "allowing the Secretariat on the basis of the IPR Strategy 2020, endorsed by the 40th "
    "Enforcement Committee (EC), to develop tools to better support Members in addressing "
    "emerging trends in counterfeiting and piracy"
)
Q5_MANDATE = Q5_APPROVED + ", " + MANDATE_2020
Q5_137 = "the 137th Session of the Customs Co-operation Council (December 2020)"
Q5_STRATEGY = "the IPR Strategy 2020, endorsed by the 40th Enforcement Committee (EC)"
Q5_CENCOMM = (
    "the IPR CENcomm platform and its new features and improvements (COVID-19 pre-arrival "
    "information template, the Rights Holders\u2019 Corner, and the mobiles shortcut)"
)
CLIKC_TITLE = (
    "Combatting illicit, counterfeit or substandard medicines, vaccines and medical supplies "
    "related to COVID-19 and other pandemics"
)
CASE_STUDIES = (
    "case studies and risk indicators to identify IPR, health and safety infringing goods "
    "related to e-commerce"
)
GUIDELINES_TITLE = (
    "Environmentally safe storage and destruction of intellectual property infringing goods"
)
GUIDELINES = f"Practical guidelines on “{GUIDELINES_TITLE}”"
Q6_PRIORITIES = (
    "the priorities set by the 139th/140th Sessions of the Customs Co- operation Council "
    "(June 2022) in relation to e-commerce"
)
Q6_WORK = (
    "In line with the priorities set by the 139th/140th Sessions of the Customs Co- operation "
    "Council (June 2022) in relation to e-commerce and Green Customs, the Secretariat is "
    "working to develop two new tools:"
)
Q7_ARRANGEMENTS = (
    "Following the worldwide challenges posed by the restrictions of the COVID-19 pandemic, "
    "the Secretariat has put in place new working arrangements for WCO meetings"
)
Q7_HELD = (
    "Accordingly, the 17th and 18th Meetings of the CAP Group were held in virtual or hybrid mode"
)
NOTICE = (
    "http://www.wcoomd.org/-/media/wco/public/global/pdf/media/important-notice/"
    "important-notice_covid_19_update_24042020.pdf"
)
# The footnote breaks the URL across two lines; the record keeps the URL whole.
NOTICE_AS_PRINTED = NOTICE.replace("important-notice_", "important- notice_")
Q8_SESSIONS = "139th/140th Sessions of the Customs Co-operation Council (June 2022)"
Q8_PLAN = (
    "the 86th Session of the Policy Commission and 139th/140th Sessions of the Customs "
    "Co-operation Council (June 2022) approved the WCO Strategic Plan 2022-2025"
)
Q8_IMPLEMENTATION = Q8_PLAN + " and its first Implementation Plan for financial year 2022/2023"
Q9 = (
    "The proposed amendments to the ToR (set out in the Annex to this document) aim to take "
    "into consideration the Strategic Plan Work Programmes relating to the CAP Group and the "
    "extraordinary means of operation."
)
Q9_ANNEX = "The proposed amendments to the ToR (set out in the Annex to this document)"
Q10_APPROVED = "During the 19th CAP Meeting, delegates approved the revised ToR"
Q10_REVISED = (
    "delegates approved the revised ToR of which would be submitted to the Permanent Technical "
    "Committee (PTC) for endorsement and to the Council for final approval"
)
QS_ENDORSED = "During the 19th CAP Meeting, delegates endorsed the revised ToR"
Q10_PTC = "would be submitted to the Permanent Technical Committee (PTC) for endorsement"
Q10_COUNCIL = "and to the Council for final approval"
Q11 = "The PTC is invited to: - discuss and endorse the 19th CAP Meeting Report (TR0077Ea)"
QS_11 = (
    "The Permanent Technical Committee is invited to: - discuss and endorse the 19th CAP Meeting "
    "Report (TR0077Ea)"
)

CAP_GROUP = "Counterfeiting and Piracy (CAP) Group"
COUNCIL = "Customs Co-operation Council"
PTC = "Permanent Technical Committee"
SP_TITLE = "WCO Strategic Plan 2022-2025"
IP_TITLE = "Implementation Plan for financial year 2022/2023"


def answer(kg: KnowledgeGraph, name: str, **params: Any) -> tuple[tuple[str, ...], list[tuple]]:
    """The query's variables and rows, IRIs shortened, dates as their lexical form."""
    rows = kg.query(name, {k: ID + v[3:] if v.startswith("id:") else v for k, v in params.items()})
    values = [tuple(_readable(v) for v in row.values()) for row in rows]
    return rows.variables, values


def _readable(value: Any) -> Any:
    if isinstance(value, str):
        return short(value)
    return str(value) if isinstance(value, date | PartialDate) else value


def test_approval_chain_of_each_tor_version(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-approval-chain")
    assert variables == (
        "version", "position", "decision", "body", "bodyLabel", "recipient", "recipientLabel",
        "action", "status", "sessions", "date", "passageLabel", "quote",
    )  # fmt: skip
    v2009, v2020, v19 = "id:tor/cap-group/2009", "id:tor/cap-group/2020", "id:tor/cap-group/cap19"
    ec = "id:body/enforcement-committee"
    assert rows == [
        (v2009, 1, "id:decision/council-113-114-adopted-tor-2009", "id:body/council", COUNCIL,
         None, None, "cap:adopted", "cap:taken", "113/114", "2009-06", "3", Q3_ADOPTED),
        (v2020, 1, "id:decision/cap-group-16-reviewed-tor-2020", "id:body/cap-group", CAP_GROUP,
         None, None, "cap:reviewed", "cap:taken", "16", None, "4", Q4_REVIEWED),
        # Presented to the EC and the PTC: recipients, not deciding bodies (para 4).
        (v2020, 2, "id:presentation/ec-39-tor-2020", None, None, ec, "Enforcement Committee",
         "cap:presentedForApproval", "cap:taken", "39", "2019-10", "4", Q4_PRESENTED),
        (v2020, 3, "id:presentation/ptc-227-228-tor-2020", None, None, "id:body/ptc", PTC,
         "cap:presentedForApproval", "cap:taken", "227/228", "2020-07", "4", Q4_PRESENTED),
        # The further submission to the Policy Commission is intended, on no step of the route.
        (v2020, 4, "id:decision/council-137-approved-tor-2020", "id:body/council", COUNCIL,
         None, None, "cap:approved", "cap:taken", "137", "2020-12", "5", Q5_APPROVED),
        # One decision, two passages: para 10 says "approved", the summary "endorsed".
        (v19, 1, "id:decision/cap-group-19-approved-tor-cap19", "id:body/cap-group", CAP_GROUP,
         None, None, "cap:approved", "cap:taken", "19", None, "10", Q10_APPROVED),
        (v19, 1, "id:decision/cap-group-19-approved-tor-cap19", "id:body/cap-group", CAP_GROUP,
         None, None, "cap:approved", "cap:taken", "19", None, "summary", QS_ENDORSED),
        (v19, 2, "id:decision/ptc-endorsement-tor-cap19", "id:body/ptc", PTC, None, None,
         "cap:endorsed", "cap:expected", None, None, "10", Q10_PTC),
        (v19, 3, "id:decision/council-final-approval-tor-cap19", "id:body/council", COUNCIL,
         None, None, "cap:approved", "cap:expected", None, None, "10", Q10_COUNCIL),
    ]  # fmt: skip


def test_approval_chain_of_one_version(kg: KnowledgeGraph) -> None:
    _, rows = answer(kg, "cq-approval-chain", version="id:tor/cap-group/2009")
    assert [row[2] for row in rows] == ["id:decision/council-113-114-adopted-tor-2009"]


def test_mandate_of_each_version(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-mandates")
    assert variables == ("version", "label", "status", "kind", "text", "passageLabel", "quote")
    assert rows == [
        ("id:tor/cap-group/2009", "ToR of the CAP Group, as adopted in 2009", "cap:superseded",
         "mandate", "only allow for an exchange of practices, experiences and views on the "
         "subject of counterfeiting and piracy", "3", Q3_MANDATE),
        ("id:tor/cap-group/2020", "ToR of the CAP Group, as revised in 2019-2020", "cap:inForce",
         "mandate", MANDATE_2020, "5", Q5_MANDATE),
        ("id:tor/cap-group/cap19", "ToR of the CAP Group, as revised at the 19th CAP Meeting",
         "cap:proposed", "amendment aim", "take into consideration the Strategic Plan Work "
         "Programmes relating to the CAP Group and the extraordinary means of operation", "9",
         Q9),
    ]  # fmt: skip


def test_decisions_still_expected_on_the_latest_revision(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-expected-decisions")
    assert variables == (
        "object", "objectLabel", "position", "decision", "body", "bodyLabel", "action",
        "passageLabel", "quote",
    )  # fmt: skip
    report, v19 = "id:document/TR0077Ea", "id:tor/cap-group/cap19"
    v19_label = "ToR of the CAP Group, as revised at the 19th CAP Meeting"
    discuss, endorse = "id:decision/ptc-discussion-tr0077ea", "id:decision/ptc-endorsement-tr0077ea"
    on_report = (report, "19th CAP Meeting Report", None)
    assert rows == [
        # Para 11 and the summary invite the PTC to discuss and to endorse the report.
        (*on_report, discuss, "id:body/ptc", PTC, "cap:discussed", "11", Q11),
        (*on_report, discuss, "id:body/ptc", PTC, "cap:discussed", "summary", QS_11),
        (*on_report, endorse, "id:body/ptc", PTC, "cap:endorsed", "11", Q11),
        (*on_report, endorse, "id:body/ptc", PTC, "cap:endorsed", "summary", QS_11),
        (v19, v19_label, 2, "id:decision/ptc-endorsement-tor-cap19", "id:body/ptc", PTC,
         "cap:endorsed", "10", Q10_PTC),
        (v19, v19_label, 3, "id:decision/council-final-approval-tor-cap19", "id:body/council",
         COUNCIL, "cap:approved", "10", Q10_COUNCIL),
    ]  # fmt: skip
    assert answer(kg, "cq-expected-decisions", object="id:tor/other")[1] == []
    _, one = answer(kg, "cq-expected-decisions", object=report)
    assert {row[3] for row in one} == {discuss, endorse}


def _tool(slug: str, label: str, title: str | None, quote: str) -> tuple:
    return (f"id:tool/{slug}", label, title, "cap:developed", "id:document/ipr-strategy-2020",
            "id:body/secretariat", "id:tor/cap-group/2020", "5", quote)  # fmt: skip


DEVELOPED = [
    _tool("clikc-covid-19-module", "CLiKC! e-learning module", CLIKC_TITLE,
          "the CLiKC! e-learning module on “" + CLIKC_TITLE),
    _tool("covid-19-checklist", "COVID-19 checklist for Customs enforcement", None,
          "the COVID-19 checklist for Customs enforcement"),
    _tool("ipr-cencomm", "IPR CENcomm platform", None, Q5_CENCOMM),
    _tool("ipr-handbook",
          "IPR Handbook on Legal and Practical Measures Against IPR-Related Offences",
          "IPR Handbook on Legal and Practical Measures Against IPR-Related Offences",
          "the IPR Handbook on Legal and Practical Measures Against IPR-Related Offences"),
    _tool("ipr-self-assessment-tool", "IPR self-assessment tool", None,
          "the IPR self-assessment tool"),
]  # fmt: skip

IN_DEVELOPMENT = [
    (f"id:tool/{slug}", label, title, "cap:inDevelopment", f"id:priority/{priority}",
     "id:body/secretariat", None, "6", quote)
    for slug, label, title, quote in (
        ("e-commerce-case-studies", CASE_STUDIES, None, "the " + CASE_STUDIES),
        ("storage-destruction-guidelines", GUIDELINES, GUIDELINES_TITLE, "the " + GUIDELINES),
    )
    for priority in ("e-commerce", "green-customs")
]  # fmt: skip


def test_tools_their_status_and_plans(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-tools")
    assert variables == (
        "tool", "label", "title", "status", "plan", "agent", "mandate", "passageLabel", "quote",
    )  # fmt: skip
    assert rows == DEVELOPED + IN_DEVELOPMENT


def test_tools_that_come_from_the_ipr_strategy_2020(kg: KnowledgeGraph) -> None:
    assert answer(kg, "cq-tools", plan="id:document/ipr-strategy-2020")[1] == DEVELOPED


def test_tools_in_development(kg: KnowledgeGraph) -> None:
    assert answer(kg, "cq-tools", status=CAP + "inDevelopment")[1] == IN_DEVELOPMENT


def test_features_of_the_ipr_cencomm_platform(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-tool-features")
    assert variables == (
        "tool", "toolLabel", "feature", "label", "status", "passageLabel", "quote",
    )  # fmt: skip
    feature = "id:tool/ipr-cencomm/feature/"
    assert rows == [
        ("id:tool/ipr-cencomm", "IPR CENcomm platform", feature + slug, label, "cap:developed",
         "5", Q5_CENCOMM)
        for slug, label in (
            ("covid-19-pre-arrival-information-template",
             "COVID-19 pre-arrival information template"),
            ("rights-holders-corner", "Rights Holders\u2019 Corner"),
            ("mobiles-shortcut", "mobiles shortcut"),
        )
    ]  # fmt: skip


def test_sessions_held_virtually_or_in_hybrid_mode(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-virtual-sessions")
    assert variables == (
        "session", "body", "ordinal", "mode", "modeLabel", "planned", "passageLabel", "quote",
    )  # fmt: skip
    group = "id:body/cap-group"
    assert rows == [
        (f"{group}/session/17", group, 17, "cap:virtualOrHybrid", "virtual or hybrid", False,
         "7", Q7_HELD),
        (f"{group}/session/18", group, 18, "cap:virtualOrHybrid", "virtual or hybrid", False,
         "7", Q7_HELD),
        (f"{group}/session/19", group, 19, "cap:virtualOrHybrid", "virtual or hybrid", True,
         "7", "were held in virtual or hybrid mode, as will the upcoming 19th Meeting"),
    ]  # fmt: skip


PARA_9_TEXT = Q9


def test_what_paragraph_9_states(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-paragraph", paragraph="9")
    assert variables == (
        "passage", "passageLabel", "text", "claim", "quote", "subject", "predicate", "object",
    )  # fmt: skip
    head = ("id:document/ptc-item-iii-k/para/9", "9", PARA_9_TEXT)
    claim1, claim2 = "id:claim/ptc-item-iii-k/para-9/1", "id:claim/ptc-item-iii-k/para-9/2"
    annex, doc = "id:document/ptc-item-iii-k/annex", "id:document/ptc-item-iii-k"
    dcterms = "http://purl.org/dc/terms/"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert rows == [
        (*head, claim1, Q9, "id:tor/cap-group/cap19", "cap:amendmentAim",
         "take into consideration the Strategic Plan Work Programmes relating to the CAP Group "
         "and the extraordinary means of operation"),
        (*head, claim2, Q9_ANNEX, doc, dcterms + "hasPart", annex),
        (*head, claim2, Q9_ANNEX, annex, dcterms + "isPartOf", doc),
        (*head, claim2, Q9_ANNEX, annex, dcterms + "title", "Annex"),
        (*head, claim2, Q9_ANNEX, annex, rdf_type, "cap:Annex"),
        (*head, claim2, Q9_ANNEX, annex, "cap:setsOut", "id:tor/cap-group/cap19"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("paragraph", "claims"),
    [("summary", 4), ("1", 5), ("2", 1), ("3", 7), ("4", 10), ("5", 17), ("6", 6), ("7", 3),
     ("footnote 1", 1), ("8", 7), ("9", 2), ("10", 6), ("11", 1)],
)  # fmt: skip
def test_every_passage_has_its_claims(kg: KnowledgeGraph, paragraph: str, claims: int) -> None:
    _, rows = answer(kg, "cq-paragraph", paragraph=paragraph)
    assert len({row[3] for row in rows}) == claims
    assert {row[1] for row in rows} == {paragraph}


def test_a_passage_the_source_does_not_have_states_nothing(kg: KnowledgeGraph) -> None:
    assert answer(kg, "cq-paragraph", paragraph="12")[1] == []


def test_sessions_of_the_council(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-body-sessions", body="id:body/council")
    assert variables == (
        "session", "ordinal", "label", "date", "startDate", "endDate", "jointWith", "mode",
        "passageLabel", "quote",
    )  # fmt: skip
    s = "id:body/council/session/"
    assert rows == [
        (s + "113", 113, "113th Council Session", "2009-06", None, None, 114, None, "3",
         Q3_SESSIONS),
        (s + "114", 114, "114th Council Session", "2009-06", None, None, 113, None, "3",
         Q3_SESSIONS),
        (s + "137", 137, "137th Session of the Customs Co-operation Council", "2020-12", None,
         None, None, None, "5", Q5_137),
        (s + "139", 139, "139th Session of the Customs Co-operation Council", "2022-06", None,
         None, 140, None, "8", Q8_SESSIONS),
        (s + "140", 140, "140th Session of the Customs Co-operation Council", "2022-06", None,
         None, 139, None, "8", Q8_SESSIONS),
    ]  # fmt: skip


def test_sessions_of_the_cap_group(kg: KnowledgeGraph) -> None:
    _, rows = answer(kg, "cq-body-sessions", body="id:body/cap-group")
    s = "id:body/cap-group/session/"
    assert rows == [
        (s + "16", 16, "16th CAP Group Meeting", None, "2019-09-30", "2019-10-01", None, None,
         "4", "the 16th CAP Group Meeting, held on 30 September and 1 October 2019"),
        (s + "17", 17, "17th Meeting of the CAP Group", None, None, None, None,
         "cap:virtualOrHybrid", "7", Q7_HELD),
        (s + "18", 18, "18th Meeting of the CAP Group", None, None, None, None,
         "cap:virtualOrHybrid", "7", Q7_HELD),
        (s + "19", 19, "19th CAP Meeting", None, None, None, None, None, "10",
         "During the 19th CAP Meeting"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "ordinals"),
    [("id:body/ptc", [227, 228]), ("id:body/enforcement-committee", [39, 40]),
     ("id:body/policy-commission", [83, 86]), ("id:body/secretariat", []), ("id:body/wco", [])],
)  # fmt: skip
def test_sessions_of_the_other_bodies(kg: KnowledgeGraph, body: str, ordinals: list[int]) -> None:
    assert [row[1] for row in answer(kg, "cq-body-sessions", body=body)[1]] == ordinals


def test_documents_and_their_identifiers(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-documents")
    assert variables == ("document", "kind", "title", "identifier", "passageLabel", "quote")
    tor = "Terms of Reference (ToR) for the CAP Group"
    plans = "the WCO Strategic Plan 2022-2025 and its first Implementation Plan for financial " \
        "year 2022/2023"  # fmt: skip
    assert rows == [
        ("id:document/ptc-item-iii-k/annex", "cap:Annex", "Annex", None, "9", Q9_ANNEX),
        ("id:document/wco-implementation-plan-2022-2023", "cap:ImplementationPlan", IP_TITLE,
         None, "8", plans),
        ("id:document/TR0077Ea", "cap:MeetingReport", "19th CAP Meeting Report", "TR0077Ea",
         "summary", "The purpose of this document is to present the 19th CAP Meeting Report "
         "(TR0077Ea) and of the Review of the Terms of Reference (ToR) of the CAP Group."),
        ("id:document/wco-strategic-plan-2022-2025", "cap:StrategicPlan", SP_TITLE, None, "8",
         plans),
        ("id:document/ipr-strategy-2020", "cap:Strategy", "IPR Strategy 2020", None, "5",
         "the IPR Strategy 2020"),
        ("id:tor/cap-group", "cap:TermsOfReference", tor, None, "3", Q3_ADOPTED),
        ("id:tor/cap-group/2009", "cap:ToRVersion", tor, None, "3", Q3_ADOPTED),
        ("id:tor/cap-group/2020", "cap:ToRVersion", tor, None, "5", Q5_MANDATE),
        ("id:tor/cap-group/cap19", "cap:ToRVersion", tor, None, "10", Q10_REVISED),
        # The source itself: described by the source description graph, not by a claim.
        ("id:document/ptc-item-iii-k", "cap:WorkingDocument",
         "Terms of Reference (ToR) of the CAP Group", None, None, None),
    ]  # fmt: skip


def test_decisions_of_the_139th_council_session(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-session-decisions", session="id:body/council/session/139")
    assert variables == (
        "decision", "body", "action", "object", "objectLabel", "status", "date", "passageLabel",
        "quote",
    )  # fmt: skip
    d, council = "id:decision/council-139-140-", "id:body/council"
    assert rows == [
        (d + "approved-implementation-plan-2022-2023", council, "cap:approved",
         "id:document/wco-implementation-plan-2022-2023", IP_TITLE, "cap:taken", "2022-06", "8",
         Q8_IMPLEMENTATION),
        (d + "approved-strategic-plan-2022-2025", council, "cap:approved",
         "id:document/wco-strategic-plan-2022-2025", SP_TITLE, "cap:taken", "2022-06", "8",
         Q8_PLAN),
        (d + "set-priority-e-commerce", council, "cap:setPriorities", "id:priority/e-commerce",
         "e-commerce", "cap:taken", "2022-06", "6", Q6_PRIORITIES),
        (d + "set-priority-green-customs", council, "cap:setPriorities",
         "id:priority/green-customs", "Green Customs", "cap:taken", "2022-06", "6",
         Q6_PRIORITIES + " and Green Customs"),
    ]  # fmt: skip
    # A joint session's decisions belong to both sessions.
    assert answer(kg, "cq-session-decisions", session="id:body/council/session/140")[1] == rows


def test_decisions_of_the_19th_cap_meeting(kg: KnowledgeGraph) -> None:
    _, rows = answer(kg, "cq-session-decisions", session="id:body/cap-group/session/19")
    assert [(row[0], row[2], row[7]) for row in rows] == [
        ("id:decision/cap-group-19-approved-tor-cap19", "cap:approved", "10"),
        ("id:decision/cap-group-19-approved-tor-cap19", "cap:approved", "summary"),
    ]


def test_priorities_and_what_they_led_to(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-priorities")
    assert variables == (
        "priority", "label", "setBy", "sessions", "date", "passageLabel", "quote", "tool",
        "toolStatus", "toolPassageLabel", "toolQuote",
    )  # fmt: skip
    assert rows == [
        (f"id:priority/{slug}", label, "id:body/council", "139/140", "2022-06", "6", quote,
         f"id:tool/{tool}", "cap:inDevelopment", "6", Q6_WORK)
        for slug, label, quote in (
            ("e-commerce", "e-commerce", Q6_PRIORITIES),
            ("green-customs", "Green Customs", Q6_PRIORITIES + " and Green Customs"),
        )
        for tool in ("e-commerce-case-studies", "storage-destruction-guidelines")
    ]  # fmt: skip


def test_joint_sessions(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-joint-sessions")
    assert variables == (
        "body", "first", "second", "firstOrdinal", "secondOrdinal", "date", "passageLabel",
        "quote",
    )  # fmt: skip
    c, p = "id:body/council/session/", "id:body/ptc/session/"
    assert rows == [
        ("id:body/council", c + "113", c + "114", 113, 114, "2009-06", "3", Q3_SESSIONS),
        ("id:body/council", c + "139", c + "140", 139, 140, "2022-06", "8", Q8_SESSIONS),
        ("id:body/ptc", p + "227", p + "228", 227, 228, "2020-07", "4", Q4_PTC_SESSIONS),
    ]  # fmt: skip


def test_approvals_of_strategies_and_plans(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-plan-approvals")
    assert variables == (
        "plan", "title", "decision", "body", "sessions", "date", "action", "status",
        "passageLabel", "quote",
    )  # fmt: skip
    ip, sp = (
        "id:document/wco-implementation-plan-2022-2023",
        "id:document/wco-strategic-plan-2022-2025",
    )
    assert rows == [
        ("id:document/ipr-strategy-2020", "IPR Strategy 2020",
         "id:decision/ec-40-endorsed-ipr-strategy-2020", "id:body/enforcement-committee", "40",
         None, "cap:endorsed", "cap:taken", "5", Q5_STRATEGY),
        (ip, IP_TITLE, "id:decision/council-139-140-approved-implementation-plan-2022-2023",
         "id:body/council", "139/140", "2022-06", "cap:approved", "cap:taken", "8",
         Q8_IMPLEMENTATION),
        (ip, IP_TITLE, "id:decision/pc-86-approved-implementation-plan-2022-2023",
         "id:body/policy-commission", "86", None, "cap:approved", "cap:taken", "8",
         Q8_IMPLEMENTATION),
        (sp, SP_TITLE, "id:decision/council-139-140-approved-strategic-plan-2022-2025",
         "id:body/council", "139/140", "2022-06", "cap:approved", "cap:taken", "8", Q8_PLAN),
        (sp, SP_TITLE, "id:decision/pc-86-approved-strategic-plan-2022-2025",
         "id:body/policy-commission", "86", None, "cap:approved", "cap:taken", "8", Q8_PLAN),
    ]  # fmt: skip


def test_bodies_and_their_place_in_the_organisation(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-bodies")
    assert variables == ("body", "label", "altLabel", "type", "partOf", "passageLabel", "quote")
    assert rows == [
        ("id:body/cap-group", CAP_GROUP, "CAP Group", "cap:workingGroup", "id:body/wco", "2",
         "The WCO Counterfeiting and Piracy (CAP) Group constitutes a dialogue mechanism "
         "concerning border measures on counterfeit trademark and pirated copyright goods."),
        ("id:body/council", COUNCIL, "Council", "cap:councilBody", None, "5",
         "the Customs Co-operation Council"),
        ("id:body/enforcement-committee", "Enforcement Committee", "EC", "cap:committee", None,
         "5", "the 40th Enforcement Committee (EC)"),
        ("id:body/policy-commission", "Policy Commission", None, None, None, "8",
         "the 86th Session of the Policy Commission"),
        ("id:body/ptc", PTC, "PTC", "cap:committee", None, "summary",
         "the Permanent Technical Committee (PTC)"),
        ("id:body/secretariat", "Secretariat", None, "cap:secretariatBody", None, "5",
         "allowing the Secretariat"),
        ("id:body/wco", "World Customs Organization", "WCO", None, None, "1",
         "The World Customs Organization (WCO)"),
    ]  # fmt: skip


def test_working_arrangements(kg: KnowledgeGraph) -> None:
    variables, rows = answer(kg, "cq-working-arrangements")
    assert variables == ("arrangement", "fact", "value", "passageLabel", "quote")
    a = "id:arrangement/covid-19-working-arrangements"
    assert rows == [
        (a, "description", Q7_ARRANGEMENTS, "7", Q7_ARRANGEMENTS),
        (a, "put in place by", "id:body/secretariat", "7", Q7_ARRANGEMENTS),
        (a, "refers to", NOTICE, "footnote 1", NOTICE_AS_PRINTED),
        (a, "session held under it", "id:body/cap-group/session/17", "7", Q7_HELD),
        (a, "session held under it", "id:body/cap-group/session/18", "7", Q7_HELD),
    ]  # fmt: skip


def test_every_claim_about_a_decision(kg: KnowledgeGraph) -> None:
    decision = "id:decision/cap-group-19-approved-tor-cap19"
    variables, rows = answer(kg, "cq-decision-citations", decision=decision)
    assert variables == ("decision", "sameAs", "document", "passageLabel", "quote", "claim")
    doc = "id:document/ptc-item-iii-k"
    assert rows == [
        (decision, None, doc, "10", Q10_APPROVED, "id:claim/ptc-item-iii-k/para-10/4"),
        (decision, None, doc, "summary", QS_ENDORSED, "id:claim/ptc-item-iii-k/summary/2"),
    ]
    # Every decision of the record has at least one claim; three have two: the 19th meeting's,
    # and the PTC's expected discussion and endorsement of TR0077Ea (para 11 and the summary).
    # Presentations (para 4) are no decisions.
    _, everything = answer(kg, "cq-decision-citations")
    assert len(everything) == 18
    assert len({row[0] for row in everything}) == 15


def test_there_are_at_least_twelve_competency_questions(kg: KnowledgeGraph) -> None:
    names = [name for name in kg.queries.names() if name.startswith("cq-")]
    assert len(names) >= 12
    for name in names:
        query = kg.queries.get(name)
        assert query.title, name
        assert query.description, name
        assert "passageLabel" in query.text, name
        assert "?quote" in query.text, name
