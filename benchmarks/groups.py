"""Working groups: their sessions and reports, ToR versions, approval processes and tools."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from benchmarks.record import (
    ADOPTION_ROUTE,
    ROUTES,
    Builder,
    Decision,
    Organisation,
    Process,
    Step,
    slug,
)
from benchmarks.schedule import END_YEAR, Body, ordinal
from benchmarks.trig import Facts, iri, lit

_MANDATES = (
    "to exchange practices, experiences and views on {topic}",
    "to develop tools that support Members in addressing {topic}",
    "to monitor trends and report to its parent body on {topic}",
)
_TOPICS = ("counterfeiting", "piracy", "e-commerce", "risk management", "border enforcement")


@dataclass
class ToolPlan:
    """What a tool paragraph says; ``with_plan`` is False for a planted tool without a plan."""

    iri: str
    label: str
    activity: str
    secretariat: Body
    plan: str
    plan_label: str
    version: str | None
    version_label: str
    developed: bool
    features: int
    with_plan: bool = True

    def render(self) -> tuple[str, Facts]:
        t, a = self.iri, self.activity
        status = "cap:developed" if self.developed else "cap:inDevelopment"
        facts = Facts().add(t, "a", "cap:Tool").add(t, "rdfs:label", lit(self.label))
        facts.add(t, "cap:toolStatus", status).add(t, "prov:wasGeneratedBy", iri(a))
        features = [f"{t}/feature/f{j}" for j in range(1, self.features + 1)]
        if features:
            facts.add(t, "dcterms:hasPart", *(iri(f) for f in features))
        for j, feature in enumerate(features, start=1):
            facts.add(feature, "a", "cap:ToolFeature").add(
                feature, "rdfs:label", lit(f"feature {j}")
            )
            facts.add(feature, "dcterms:isPartOf", iri(t)).add(feature, "cap:toolStatus", status)
        facts.add(a, "a", "cap:ToolDevelopment")
        facts.add(a, "rdfs:label", lit(f"Development of {self.label}"))
        facts.add(a, "prov:wasAssociatedWith", iri(self.secretariat.iri))
        facts.add(a, "prov:qualifiedAssociation", iri(f"{a}/association"))
        if self.version:
            facts.add(a, "cap:underMandate", iri(self.version))
        facts.add(f"{a}/association", "a", "prov:Association")
        facts.add(f"{a}/association", "prov:agent", iri(self.secretariat.iri))
        if self.with_plan:
            facts.add(f"{a}/association", "prov:hadPlan", iri(self.plan))
        basis = f", on the basis of the {self.plan_label}," if self.with_plan else ""
        if self.developed:
            listed = f", with {self.features} features" if self.features else ""
            text = (
                f"Under the {self.version_label}{basis} the {self.secretariat.label} "
                f"developed {self.label}{listed}."
            )
        else:
            line = f"In line with the {self.plan_label}, t" if self.with_plan else "T"
            text = f"{line}he {self.secretariat.label} is developing {self.label}."
        return text, facts


def add_group(b: Builder, org: Organisation) -> None:
    """One working group, its whole history, appended to ``org``."""
    rng = b.rng
    org.groups += 1
    k = org.groups
    first = rng.randint(org.first_year, max(org.first_year, END_YEAR - 10))
    parent = org.bodies[rng.choice(("ec", "ptc"))]
    months = (4,) if rng.random() < 0.5 else (4, 10)
    wg = Body(f"{org.slug}-wg{k}", f"Working Group {k} of {org.label}", "workingGroup",
              parent.slug, first, months, 0.0, "Meeting")  # fmt: skip
    facts = Facts()
    b._body_facts(facts, wg)
    text = f"The {wg.label} was established in {first} under the {parent.label}."
    b.say(org, first, "bodies", text, facts)
    b._sessions(org, wg, reports=True)

    years = [first]
    while years[-1] + 4 <= END_YEAR:
        years.append(years[-1] + rng.randint(4, 12))
    years = [y for y in years if y <= END_YEAR]
    bodies = {**org.bodies, "wg": wg}
    processes = [
        _simulate(b, wg, bodies, year, ADOPTION_ROUTE if i == 0 else rng.choice(ROUTES), rng)
        for i, year in enumerate(years)
    ]
    in_force = max(i for i, p in enumerate(processes) if p.complete)
    work = f"tor/{wg.slug}"
    tools = 0
    for i, (year, process) in enumerate(zip(years, processes, strict=True)):
        status = "inForce" if i == in_force else "superseded" if process.complete else "proposed"
        _version(b, org, wg, work, year, process, status, previous=years[i - 1] if i else None)
        _route(b, org, year, process)
        for decision in process.decisions:
            _decision(b, org, process, decision)
        b.processes.append(process)
        if process.complete and rng.random() < 0.5:
            tools += _tool(b, org, wg, process, tools + 1, rng)


def _simulate(
    b: Builder,
    wg: Body,
    bodies: dict[str, Body],
    year: int,
    route: tuple[tuple[str, str, bool], ...],
    rng: random.Random,
) -> Process:
    """Walk the route from 1 January of ``year``: each step at its body's next meeting."""
    vslug = f"{wg.slug}-{year}"
    adoption = len(route) == 1
    label = f"Terms of Reference of the {wg.label}, version {year}"
    steps = [Step(i + 1, bodies[key], action, required) for i, (key, action, required) in
             enumerate(route)]  # fmt: skip
    process = Process(vslug, f"tor/{wg.slug}/{year}", label, steps)
    after = date(year, 1, 1)
    stalled = False
    for step in steps:
        action = slug(step.action)
        if not stalled and not step.required and rng.random() < 0.3:
            continue  # an optional step the revision did without
        meeting = () if stalled else b.calendar.next_meeting(step.body, after)
        if meeting:
            d = f"decision/{step.body.slug}-{meeting[0].ordinal}-{action}-{vslug}"
            process.decisions.append(Decision(d, step, meeting, True))
            after = meeting[0].finished
        else:
            stalled = True
            process.complete = False
            if rng.random() < 0.6 and not adoption:
                d = f"decision/{step.body.slug}-{action}-{vslug}-expected"
                process.decisions.append(Decision(d, step, (), False))
    return process


def _version(
    b: Builder,
    org: Organisation,
    wg: Body,
    work: str,
    year: int,
    process: Process,
    status: str,
    *,
    previous: int | None,
) -> None:
    v = process.version
    facts = Facts()
    if previous is None:
        title = f"Terms of Reference of the {wg.label}"
        facts.add(work, "a", "cap:TermsOfReference").add(work, "dcterms:title", lit(title))
        facts.add(work, "dcterms:identifier", lit(f"{wg.slug.upper()}-TOR"))
        facts.add(work, "rdfs:label", lit(title)).add(work, "dcterms:subject", iri(wg.iri))
    mandate = b.rng.choice(_MANDATES).format(topic=b.rng.choice(_TOPICS))
    facts.add(v, "a", "cap:ToRVersion")
    facts.add(v, "dcterms:identifier", lit(f"{wg.slug.upper()}-TOR-{year}"))
    facts.add(v, "dcterms:title", lit(f"Terms of Reference of the {wg.label}"))
    facts.add(v, "rdfs:label", lit(process.version_label)).add(v, "dcterms:isVersionOf", iri(work))
    if previous is not None:
        facts.add(v, "prov:wasRevisionOf", iri(f"{work}/{previous}"))
    facts.add(v, "cap:mandate", lit(mandate)).add(v, "cap:versionStatus", f"cap:{status}")
    state = {"inForce": "in force", "superseded": "superseded", "proposed": "proposed"}[status]
    done = "given" if previous is None else "revised"
    text = (
        f"The Terms of Reference of the {wg.label} were {done} in {year} (version {year}), "
        f"with the mandate {mandate}; this version is {state}."
    )
    b.say(org, year, "tor", text, facts)


def _route(b: Builder, org: Organisation, year: int, process: Process) -> None:
    r = f"route/{process.slug}"
    kind = "Adoption" if len(process.steps) == 1 else "Revision"
    label = f"{kind} of the {process.version_label}"
    facts = Facts().add(r, "a", "cap:Route").add(r, "rdfs:label", lit(f"Route: {label}"))
    parts = []
    for step in process.steps:
        s = f"{r}/step/{step.position}"
        present = _VERB_PRESENT[step.action]
        facts.add(s, "a", "cap:RouteStep").add(s, "rdfs:label", lit(f"{step.body.label} {present}"))
        facts.add(s, "cap:inRoute", iri(r))
        facts.add(s, "cap:position", f'"{step.position}"^^xsd:positiveInteger')
        facts.add(s, "cap:body", iri(step.body.iri)).add(s, "cap:action", f"cap:{step.action}")
        facts.add(s, "cap:required", "true" if step.required else "false")
        # A generated route states no rule: whether a step is required is the record's own.
        facts.add(s, "cap:requirementBasis", "cap:recordAssumption")
        optional = "" if step.required else " (optional)"
        parts.append(f"{step.position}. the {step.body.label} {present}{optional}")
    p = process.iri
    facts.add(p, "a", "cap:Process").add(p, "rdfs:label", lit(label))
    facts.add(p, "cap:followsRoute", iri(r)).add(p, "cap:concerns", iri(process.version))
    status = "complete" if process.complete else "inProgress"
    facts.add(p, "cap:processStatus", f"cap:{status}")
    state = "complete" if process.complete else "in progress"
    text = f"The {label} follows this route: {'; '.join(parts)}. The process is {state}."
    b.say(org, year, "procedures", text, facts)


_VERB_PAST = {
    "adopted": "adopted", "reviewed": "reviewed", "approved": "approved",
    "endorsed": "endorsed", "presentedForApproval": "presented for approval to",
    "submitted": "submitted to",
}  # fmt: skip
_VERB_PRESENT = {
    "adopted": "adopts", "reviewed": "reviews", "approved": "approves", "endorsed": "endorses",
    "presentedForApproval": "receives for approval", "submitted": "receives",
}  # fmt: skip
_NOUN = {
    "adopted": "adoption", "reviewed": "review", "approved": "approval",
    "endorsed": "endorsement", "presentedForApproval": "approval", "submitted": "submission",
}  # fmt: skip


def decision_text(process: Process, decision: Decision) -> tuple[str, str, Facts]:
    """The paragraph text, the label and the facts of one decision."""
    step, body = decision.step, decision.step.body
    d = decision.iri
    if decision.taken:
        meeting = decision.sessions
        names = "/".join(ordinal(s.ordinal) for s in meeting)
        noun = body.session_noun + ("s" if len(meeting) == 2 else "")
        phrase = meeting[0].phrase()
        held = f", held {phrase}," if phrase else ""
        past = _VERB_PAST[step.action]
        if step.action in ("presentedForApproval", "submitted"):
            text = (f"The {process.version_label} was {past} the {names} {noun} of the "
                    f"{body.label}{held.rstrip(',')}.")  # fmt: skip
        else:
            text = (
                f"At its {names} {noun}{held} the {body.label} {past} the {process.version_label}."
            )
        label = f"{names} {noun} of the {body.label}: {past} the {process.version_label}"
    else:
        noun = _NOUN[step.action]
        text = f"The {process.version_label} would be submitted to the {body.label} for {noun}."
        label = f"{noun.capitalize()} of the {process.version_label} by the {body.label} (expected)"
    facts = Facts().add(d, "a", "cap:Decision").add(d, "rdfs:label", lit(label))
    facts.add(d, "cap:decidedBy", iri(body.iri))
    if decision.sessions:
        facts.add(d, "cap:atSession", *(iri(s.iri) for s in decision.sessions))
    facts.add(d, "cap:action", f"cap:{step.action}").add(d, "cap:onObject", iri(process.version))
    facts.add(d, "cap:decisionStatus", "cap:taken" if decision.taken else "cap:expected")
    when = decision.sessions[0].single_date() if decision.sessions else None
    if when:
        facts.add(d, "dcterms:date", when)
    facts.add(d, "cap:inProcess", iri(process.iri))
    facts.add(d, "cap:actualises", iri(f"route/{process.slug}/step/{step.position}"))
    return text, label, facts


def _decision(b: Builder, org: Organisation, process: Process, decision: Decision) -> None:
    text, _, facts = decision_text(process, decision)
    taken = process.taken()
    year = (decision.sessions or taken[-1].sessions)[0].day.year
    decision.paragraph = b.say(org, year, "decisions", text, facts)


def _tool(
    b: Builder, org: Organisation, wg: Body, process: Process, n: int, rng: random.Random
) -> bool:
    approved = process.taken()[-1].sessions[0].day.year
    year = approved + rng.randint(0, 2)
    if year > END_YEAR:
        return False
    developed = year <= END_YEAR - 2
    plans = org.strategies if developed or not org.priorities else org.priorities
    usable = [entry for entry in plans if entry[0] <= year]
    if not usable:
        return False
    _, plan, plan_label = usable[-1]
    tool = ToolPlan(
        iri=f"tool/{wg.slug}-t{n}",
        label=f"Tool {n} of the {wg.label}",
        activity=f"activity/develop-{wg.slug}-t{n}",
        secretariat=org.bodies["secretariat"],
        plan=plan,
        plan_label=plan_label,
        version=process.version if developed else None,
        version_label=process.version_label,
        developed=developed,
        features=rng.randint(0, 3) if developed else 0,
    )
    text, facts = tool.render()
    paragraph = b.say(org, year, "tools", text, facts)
    b.tools.append((tool, paragraph))
    return True
