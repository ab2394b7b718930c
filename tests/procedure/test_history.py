"""``history``: the three versions of the CAP Group ToR, each with mandate, chain and state."""

from __future__ import annotations

import pytest

from capgraph.procedure import VersionHistory, history
from capgraph.query import KnowledgeGraph

ID = "https://w3id.org/capgraph/id/"


@pytest.fixture(scope="module")
def versions(record: KnowledgeGraph) -> tuple[VersionHistory, ...]:
    return history(record)


def test_three_versions_in_order(versions: tuple[VersionHistory, ...]) -> None:
    assert [(v.name, v.previous, v.version_status) for v in versions] == [
        ("2009", None, "superseded"),
        ("2020", ID + "tor/cap-group/2009", "inForce"),
        ("cap19", ID + "tor/cap-group/2020", "proposed"),
    ]
    assert {v.work for v in versions} == {ID + "tor/cap-group"}


def test_mandates_in_the_source_words(versions: tuple[VersionHistory, ...]) -> None:
    assert [
        (v.mandate_kind, v.mandate, [c.label for c in v.mandate_citations]) for v in versions
    ] == [
        (
            "mandate",
            "only allow for an exchange of practices, experiences and views on the subject "
            "of counterfeiting and piracy",
            ["3"],
        ),
        (
            "mandate",
            "allowing the Secretariat on the basis of the IPR Strategy 2020, endorsed by the "
            "40th Enforcement Committee (EC), to develop tools to better support Members in "
            "addressing emerging trends in counterfeiting and piracy",
            ["5"],
        ),
        # the source gives no new mandate for the proposed revision (its Annex is not in the
        # text), only what its amendments aim at
        (
            "amendment aim",
            "take into consideration the Strategic Plan Work Programmes relating to the CAP "
            "Group and the extraordinary means of operation",
            ["9"],
        ),
    ]


def test_approval_chains(versions: tuple[VersionHistory, ...]) -> None:
    chains = {
        v.name: [(d.body or d.recipient, d.status, d.when) for d in v.decisions] for v in versions
    }
    assert chains == {
        "2009": [(ID + "body/council", "taken", "2009-06")],
        # The EC and the PTC received the ToR; the submission to the Policy Commission is
        # intended (para 4) and on no step of the route, so it comes last.
        "2020": [
            (ID + "body/cap-group", "taken", "2019-09-30/2019-10-01"),
            (ID + "body/enforcement-committee", "taken", "2019-10"),
            (ID + "body/ptc", "taken", "2020-07"),
            (ID + "body/council", "taken", "2020-12"),
            (ID + "body/policy-commission", "intended", "2020-12"),
        ],
        "cap19": [
            (ID + "body/cap-group", "taken", None),
            (ID + "body/ptc", "expected", None),
            (ID + "body/council", "expected", None),
        ],
    }
    recipients = [d.recipient for d in versions[1].decisions if d.body is None]
    assert len(recipients) == 3


def test_state_of_each_version(versions: tuple[VersionHistory, ...]) -> None:
    assert [[(p.name, p.status) for p in v.processes] for v in versions] == [
        [("tor-adoption-2009", "complete")],
        [("tor-review-2019", "complete")],
        [("tor-revision-cap19", "inProgress")],
    ]
    assert "next: PTC endorses (expected)" in versions[2].processes[0].summary


def test_fixture_versions_follow_the_revision_chain(fixture_record: KnowledgeGraph) -> None:
    names = [v.name for v in history(fixture_record)]
    # tools.trig says single revises fresh: fresh comes first; the rest by IRI
    assert names.index("fresh") < names.index("single")
    assert len(names) == len(set(names)) == 12
