"""Build a synthetic governance record: organisations, bodies, sessions, ToR revisions, tools.

The modelling is the bundled record's (docs/model.md): one claim graph per cited paragraph,
decisions that actualise the steps of a route, dates at mixed precision, PROV-O tool
provenance. Every name says "Organisation n" so nobody mistakes it for a real record.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from benchmarks.schedule import END_YEAR, Body, Calendar, Session, ordinal
from benchmarks.trig import Facts, Paragraph, SourceDocument, iri, lit

if TYPE_CHECKING:
    from benchmarks.groups import ToolPlan

#: How many working groups an organisation gets before the next organisation starts.
GROUPS_PER_ORGANISATION = 40

#: Routes a ToR revision may travel: (body, action, required). "wg" is the group itself.
ROUTES: tuple[tuple[tuple[str, str, bool], ...], ...] = (
    (("wg", "reviewed", True), ("ec", "presentedForApproval", True),
     ("ptc", "presentedForApproval", True), ("pc", "submitted", False),
     ("council", "approved", True)),
    (("wg", "approved", True), ("ptc", "endorsed", True), ("council", "approved", True)),
    (("wg", "reviewed", True), ("ec", "endorsed", True), ("council", "approved", True)),
    (("wg", "approved", True), ("council", "approved", True)),
    (("wg", "reviewed", True), ("ptc", "endorsed", True), ("pc", "submitted", False),
     ("council", "approved", True)),
    (("wg", "approved", True), ("ec", "presentedForApproval", True),
     ("ptc", "endorsed", False), ("council", "approved", True)),
)  # fmt: skip
ADOPTION_ROUTE = (("council", "adopted", True),)

_TOPICS = (
    "border measures against counterfeit goods", "pirated copyright goods",
    "e-commerce", "risk indicators", "the destruction of infringing goods",
    "training of officers", "data exchange with rights holders", "health and safety",
)  # fmt: skip


_MODE_PHRASES = {
    "inPerson": ", in person",
    "virtual": ", in virtual mode",
    "hybrid": ", in hybrid mode",
    "virtualOrHybrid": ", in virtual or hybrid mode",
}


def slug(name: str) -> str:
    """presentedForApproval → presented-for-approval."""
    return re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower()


@dataclass(frozen=True)
class Step:
    position: int
    body: Body
    action: str
    required: bool


@dataclass
class Decision:
    iri: str
    step: Step
    sessions: tuple[Session, ...]
    taken: bool
    paragraph: Paragraph | None = None


@dataclass
class Process:
    slug: str
    version: str
    version_label: str
    steps: list[Step]
    decisions: list[Decision] = field(default_factory=list)
    complete: bool = True

    @property
    def iri(self) -> str:
        return f"process/{self.slug}"

    def taken(self) -> list[Decision]:
        return [d for d in self.decisions if d.taken]


@dataclass
class Organisation:
    number: int
    first_year: int
    bodies: dict[str, Body]
    code: str
    #: (year, IRI, label) of each plan, in time order
    strategies: list[tuple[int, str, str]] = field(default_factory=list)
    priorities: list[tuple[int, str, str]] = field(default_factory=list)
    groups: int = 0
    reports: int = 0

    @property
    def slug(self) -> str:
        return f"o{self.number}"

    @property
    def label(self) -> str:
        return f"Organisation {self.number}"


class Builder:
    """Accumulates paragraphs (in creation order), counting the triples they will write."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.calendar = Calendar(seed)
        self.paragraphs: list[Paragraph] = []
        self.documents: dict[str, SourceDocument] = {}
        self.organisations: list[Organisation] = []
        self.processes: list[Process] = []
        self.tools: list[tuple[ToolPlan, Paragraph]] = []
        self.triples = 0

    # --- paragraphs ------------------------------------------------------------------

    def say(self, org: Organisation, year: int, kind: str, text: str, facts: Facts) -> Paragraph:
        doc = f"{org.slug}-annual-report-{year}"
        if doc not in self.documents:
            self.documents[doc] = SourceDocument(
                doc, f"{org.slug.upper()}-AR-{year}",
                f"Annual report of {org.label} for {year} (synthetic)",
            )  # fmt: skip
            self.triples += self.documents[doc].header_triples()
        paragraph = Paragraph(doc, kind, text, facts)
        self.paragraphs.append(paragraph)
        self.triples += paragraph.triples()
        return paragraph

    # --- organisations ---------------------------------------------------------------

    def add_organisation(self, span: int) -> Organisation:
        number = len(self.organisations) + 1
        first = END_YEAR - span + 1
        name = f"Organisation {number}"
        o = f"o{number}"
        bodies = {
            "council": Body(f"{o}-council", f"Council of {name}", "councilBody", o, first,
                            (6, 12), 0.3),
            "pc": Body(f"{o}-policy-commission", f"Policy Commission of {name}", "committee",
                       o, first, (12,)),
            "ptc": Body(f"{o}-ptc", f"Permanent Technical Committee of {name}", "committee",
                        o, first, (3, 10), 0.2),
            "ec": Body(f"{o}-enforcement-committee", f"Enforcement Committee of {name}",
                       "committee", o, first, (5,)),
            "secretariat": Body(f"{o}-secretariat", f"Secretariat of {name}",
                                "secretariatBody", o, first),
        }  # fmt: skip
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        code = letters[(number - 1) // 26 % 26] + letters[(number - 1) % 26]
        org = Organisation(number, first, bodies, code)
        self.organisations.append(org)
        facts = Facts().add(f"body/{o}", "a", "org:FormalOrganization")
        facts.add(f"body/{o}", "rdfs:label", lit(name))
        for body in bodies.values():
            self._body_facts(facts, body)
        names = ", ".join(b.label for b in bodies.values())
        self.say(org, first, "bodies", f"{name} comprises the following bodies: {names}.", facts)
        for key in ("council", "pc", "ptc", "ec"):
            self._sessions(org, bodies[key], reports=False)
        for year in range(first + 2, END_YEAR + 1, 6):
            self._strategy(org, year)
        for year in range(first + 4, END_YEAR + 1, 8):
            self._priority(org, year)
        if first <= 2020:
            self._arrangement(org)
        return org

    def _body_facts(self, facts: Facts, body: Body) -> None:
        facts.add(body.iri, "a", "cap:Body").add(body.iri, "rdfs:label", lit(body.label))
        facts.add(body.iri, "skos:prefLabel", lit(body.label))
        facts.add(body.iri, "org:classification", f"cap:{body.classification}")
        facts.add(body.iri, "org:subOrganizationOf", iri(f"body/{body.parent}"))

    def _sessions(self, org: Organisation, body: Body, *, reports: bool) -> None:
        for year in range(body.first_year, END_YEAR + 1):
            sessions = self.calendar.sessions(body, year)
            index = 0
            while index < len(sessions):
                meeting = sessions[index : index + (2 if sessions[index].partner else 1)]
                index += len(meeting)
                self._meeting(org, meeting, reports=reports)

    def _meeting(self, org: Organisation, meeting: tuple[Session, ...], *, reports: bool) -> None:
        facts = Facts()
        first = meeting[0]
        for session in meeting:
            s = session.iri
            facts.add(s, "a", "cap:Session").add(s, "rdfs:label", lit(session.label))
            facts.add(s, "cap:heldBy", iri(session.body.iri))
            facts.add(s, "cap:ordinal", f'"{session.ordinal}"^^xsd:positiveInteger')
            if session.single_date():
                facts.add(s, "dcterms:date", str(session.single_date()))
            elif session.precision == "range" and session.end:
                facts.add(s, "schema:startDate", f'"{session.day.isoformat()}"^^xsd:date')
                facts.add(s, "schema:endDate", f'"{session.end.isoformat()}"^^xsd:date')
            if session.mode:
                facts.add(s, "cap:meetingMode", f"cap:{session.mode}")
            if session.under_arrangement and org.first_year <= 2020:
                facts.add(s, "cap:underArrangement", iri(f"arrangement/{org.slug}-remote-meetings"))
            if len(meeting) == 2:
                other = meeting[1 - meeting.index(session)]
                facts.add(s, "cap:heldJointlyWith", iri(other.iri))
        names = "/".join(ordinal(s.ordinal) for s in meeting)
        noun = first.body.session_noun + ("s" if len(meeting) == 2 else "")
        text = f"The {names} {noun} of the {first.body.label} were held {first.phrase()}".rstrip()
        if len(meeting) == 1:
            text = text.replace(" were held", " was held")
        if first.mode:
            text += _MODE_PHRASES[first.mode]
        text += "."
        if reports:
            org.reports += 1
            code = f"{org.code}{org.reports:04d}E"
            doc = f"document/{code}"
            title = f"Report of the {first.label}"
            facts.add(doc, "a", "cap:MeetingReport").add(doc, "dcterms:identifier", lit(code))
            facts.add(doc, "dcterms:title", lit(title)).add(doc, "cap:reportOf", iri(first.iri))
            text += f" Its report is document {code}."
        self.say(org, first.day.year, "sessions", text, facts)

    def _plan_decision(
        self, org: Organisation, body: Body, year: int, action: str, plan: str, label: str
    ) -> Facts | None:
        meeting = self.calendar.meeting_in(body, year)
        if not meeting:
            return None
        first = meeting[0]
        d = f"decision/{body.slug}-{first.ordinal}-{slug(action)}-{plan.split('/')[-1]}"
        facts = Facts()
        facts.add(d, "a", "cap:Decision").add(d, "rdfs:label", lit(f"{first.label}: {label}"))
        facts.add(d, "cap:decidedBy", iri(body.iri))
        facts.add(d, "cap:atSession", *(iri(s.iri) for s in meeting))
        facts.add(d, "cap:action", f"cap:{action}").add(d, "cap:onObject", iri(plan))
        facts.add(d, "cap:decisionStatus", "cap:taken")
        if first.single_date():
            facts.add(d, "dcterms:date", str(first.single_date()))
        return facts

    def _strategy(self, org: Organisation, year: int) -> None:
        doc = f"document/{org.slug}-strategy-{year}"
        title = f"Strategy {year} of {org.label}"
        ec = org.bodies["ec"]
        facts = self._plan_decision(org, ec, year, "endorsed", doc, f"endorsed the {title}")
        if facts is None:
            return
        facts.add(doc, "a", "cap:Strategy").add(doc, "dcterms:title", lit(title))
        facts.add(doc, "dcterms:identifier", lit(f"{org.slug.upper()}-STRATEGY-{year}"))
        when = self.calendar.meeting_in(ec, year)[0]
        text = f"The {when.label} endorsed the {title}."
        self.say(org, year, "decisions", text, facts)
        org.strategies.append((year, doc, title))

    def _priority(self, org: Organisation, year: int) -> None:
        topic = self.rng.choice(_TOPICS)
        priority = f"priority/{org.slug}-{year}-{slug(topic.split()[-1])}"
        council = org.bodies["council"]
        label = f"set a priority on {topic}"
        facts = self._plan_decision(org, council, year, "setPriorities", priority, label)
        if facts is None:
            return
        facts.add(priority, "a", "cap:Priority").add(priority, "rdfs:label", lit(topic))
        when = self.calendar.meeting_in(council, year)
        names = "/".join(ordinal(s.ordinal) for s in when)
        noun = "Sessions" if len(when) == 2 else "Session"
        text = f"The {names} {noun} of the {council.label} set a priority on {topic}."
        self.say(org, year, "decisions", text, facts)
        org.priorities.append((year, priority, f"priority on {topic}"))

    def _arrangement(self, org: Organisation) -> None:
        a = f"arrangement/{org.slug}-remote-meetings"
        secretariat = org.bodies["secretariat"]
        text = f"The {secretariat.label} put in place arrangements for remote and hybrid meetings."
        facts = Facts().add(a, "a", "cap:WorkingArrangement")
        facts.add(a, "rdfs:label", lit(f"Remote meeting arrangements of {org.label}"))
        facts.add(a, "dcterms:description", lit(text)).add(
            a, "prov:wasAttributedTo", iri(secretariat.iri)
        )
        self.say(org, 2020, "sessions", text, facts)
