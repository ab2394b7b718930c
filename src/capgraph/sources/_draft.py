"""Assemble a draft: the source description, then each passage's claims, sentence by sentence."""

from __future__ import annotations

import re

from capgraph.namespaces import CAP, DCTERMS, ID, PROV, RDFS
from capgraph.sources._dates import read_date
from capgraph.sources._decisions import DecisionFact, decisions
from capgraph.sources._lexicon import KnownDecision, Lexicon
from capgraph.sources._model import (
    A,
    Claim,
    Draft,
    Literal,
    Triple,
    Unextracted,
    date_literal,
    slug,
)
from capgraph.sources._nlp import Sentence, pipeline, sentences
from capgraph.sources._objects import TorHint, resolve_object, tor_hint
from capgraph.sources._passages import Layout, Passage, split_passages
from capgraph.sources._sessions import body_claims, mode_claims, session_claims
from capgraph.sources._tools import ToolList, tool_list

_CODE_NP = re.compile(r"(the\s+[^,;()]*?)\s+\(([A-Z]{2}\d{4}[A-Za-z]{0,3})\)")
_HEADER_CODE = re.compile(r"\b(?:Doc(?:ument)?\.?\s+)([A-Z]{2}\d{4}[A-Za-z0-9]{0,4})\b")
_HEADER_DATE = re.compile(r"^(?:[A-Z][a-z]+,\s+)?(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})$")
_COMPARABLE = {"adopted", "approved", "endorsed"}


def describe_source(
    layout: Layout, text: str, document: str, source: str, text_file: str
) -> list[Triple]:
    kind = "WorkingDocument" if layout.agenda_item else "Document"
    triples: list[Triple] = [
        (source, A, CAP + "SourceDescription"),
        (source, DCTERMS + "source", document),
        (document, A, CAP + kind),
        (document, CAP + "textFile", Literal(text_file)),
    ]
    if layout.title:
        triples.append((document, DCTERMS + "title", Literal(layout.title)))
    if layout.agenda_item:
        triples.append((document, CAP + "agendaItem", Literal(layout.agenda_item)))
    if layout.agenda_item_type:
        triples.append((document, CAP + "agendaItemType", Literal(layout.agenda_item_type)))
    header_lines = [line.strip() for line in text.split("\n")[:12]]
    for line in header_lines:
        if code := _HEADER_CODE.search(line):
            triples.append((document, DCTERMS + "identifier", Literal(code.group(1))))
        if (dated := _HEADER_DATE.match(line)) and (written := read_date(dated.group(1))):
            triples.append((document, DCTERMS + "date", date_literal(written.start)))
    for passage in layout.passages:
        iri = f"{document}/{passage.segment}"
        triples += [
            (iri, A, CAP + "Passage"),
            (iri, DCTERMS + "isPartOf", document),
            (iri, CAP + "passageLabel", Literal(passage.label)),
            (iri, CAP + "passageText", Literal(passage.text)),
        ]
    return triples


def build_draft(text: str, *, source_id: str, text_file: str, lexicon: Lexicon) -> Draft:
    layout = split_passages(text)
    document = f"{ID}document/{source_id}"
    description = describe_source(layout, text, document, f"{ID}source/{source_id}", text_file)
    nlp = pipeline(lexicon)
    tor = tor_hint(layout.title, lexicon)
    claims: list[Claim] = []
    unextracted: list[Unextracted] = []
    facts: list[tuple[Passage, DecisionFact]] = []
    bodies: list[tuple[Passage, int, int, str]] = []
    for passage in layout.passages:
        for sentence in sentences(nlp, passage.text):
            bodies += [(passage, *body) for body in sentence.bodies]
            found = session_claims(passage, sentence, lexicon)
            found += mode_claims(passage, sentence)
            found += _document_claims(passage, sentence, lexicon, tor)
            drafted, notes = decisions(passage.text, sentence, lexicon, tor)
            facts += [(passage, fact) for fact in drafted]
            tools, why = tool_list(passage.text, sentence, lexicon)
            if tools is not None:
                found += _tool_claims(passage, tools, drafted, lexicon, tor)
            notes += [why] if why else []
            claims += found
            if not found and not drafted:
                notes = notes or ["no pattern of the grammar matched"]
            for note in notes:
                unextracted.append(Unextracted(passage.label, sentence.text, note))
    claims = body_claims(bodies, lexicon) + claims + _decision_claims(facts, lexicon, source_id)
    return Draft(source_id, document, description, layout.passages, _unique(claims), unextracted)


def _unique(claims: list[Claim]) -> list[Claim]:
    """One claim where a passage says the same thing in the same words twice."""
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    kept = []
    for claim in claims:
        key = (claim.passage.segment, claim.quote, tuple(sorted(map(str, claim.triples))))
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def _document_claims(
    passage: Passage, sentence: Sentence, lexicon: Lexicon, tor: TorHint | None
) -> list[Claim]:
    claims = []
    for match in _CODE_NP.finditer(sentence.text):
        phrase = _noun_phrase(match.group(1))
        after = sentence.text[match.end(1) :]
        resolved = resolve_object(phrase, after, lexicon, tor)
        if resolved is None or not resolved.code:
            continue
        start = sentence.start + match.end(1) - len(phrase)
        claim = Claim(passage, passage.text[start : sentence.start + match.end()], "document")
        for triple in resolved.declare:
            claim.add(*triple)
        reported = [
            m
            for m in sentence.sessions
            if m.body and start <= m.start < sentence.start + match.end()
        ]
        for mention in reported[:1]:
            for ordinal in mention.ordinals:
                claim.add(resolved.iri, CAP + "reportOf", f"{mention.body}/session/{ordinal}")
        if claim.triples:
            claims.append(claim)
    return claims


def _noun_phrase(text: str) -> str:
    """From the last "the" that does not follow "of": "the report of the 20th ... Meeting"."""
    start = text.rfind("the ")
    while start > 3 and text[start - 3 : start] == "of ":
        earlier = text.rfind("the ", 0, start - 3)
        if earlier < 0:
            break
        start = earlier
    return text[max(start, 0) :]


def _decision_iri(source_id: str, fact: DecisionFact) -> str:
    ordinals = "-".join(s.rsplit("/", 1)[1] for s in fact.sessions)
    parts = [
        source_id,
        fact.body.rsplit("/", 1)[1],
        ordinals,
        slug(fact.action),
        slug(fact.obj.iri.split("/id/", 1)[1], words=6),
    ]
    return ID + "decision/" + "-".join(p for p in parts if p)


def _decision_claims(
    facts: list[tuple[Passage, DecisionFact]], lexicon: Lexicon, source_id: str
) -> list[Claim]:
    """One claim per stated decision; a summary that restates a paragraph's decision with
    another verb cites the same decision but leaves the action to the paragraph."""

    def key(fact: DecisionFact) -> tuple[str, tuple[str, ...], str, str]:
        return (fact.body, fact.sessions, fact.obj.iri, fact.status)

    in_body = {key(f): f for p, f in facts if p.label != "summary"}
    claims = []
    for passage, fact in facts:
        own = in_body.get(key(fact)) if passage.label == "summary" else None
        main = own or fact
        iri = _decision_iri(source_id, main)
        claim = Claim(passage, passage.text[fact.quote_start : fact.quote_end], "decision")
        claim.add(iri, A, CAP + "Decision")
        claim.add(iri, CAP + "decidedBy", fact.body)
        for session in fact.sessions:
            claim.add(iri, CAP + "atSession", session)
        if own is None or own.action == fact.action:
            claim.add(iri, CAP + "action", CAP + fact.action)
        claim.add(iri, CAP + "onObject", fact.obj.iri)
        claim.add(iri, CAP + "decisionStatus", CAP + fact.status)
        if fact.date:
            claim.add(iri, DCTERMS + "date", date_literal(fact.date))
        for triple in fact.obj.declare:
            claim.add(*triple)
        for known in lexicon.decisions:
            if not known.iri.startswith(f"{ID}decision/{source_id}-") and _same_decision(
                known, main
            ):
                claim.add(iri, CAP + "sameDecisionAs", known.iri)
        claims.append(claim)
    return claims


def _same_decision(known: KnownDecision, fact: DecisionFact) -> bool:
    """Body and object match and the action is comparable. Where the draft names only the
    work (a ToR) and the record a version of it, the sessions (or, undated, the status)
    must match too, since they are what tells the versions apart."""
    action = CAP + fact.action
    if known.body != fact.body:
        return False
    if known.action != action and not {known.action, action} <= {CAP + a for a in _COMPARABLE}:
        return False
    if fact.obj.iri == known.obj:
        return True
    if fact.obj.iri != known.work:
        return False
    if fact.sessions:
        return set(fact.sessions) == set(known.sessions)
    return not known.sessions and known.status == CAP + fact.status


def _tool_claims(
    passage: Passage,
    tools: ToolList,
    drafted: list[DecisionFact],
    lexicon: Lexicon,
    tor: TorHint | None,
) -> list[Claim]:
    claims = []
    plans: list[str] = []
    generated = Claim(
        passage, passage.text[_sentence_start(passage, tools) : tools.intro_end].rstrip(), "tool"
    )
    if tools.plan_phrase:
        plan = resolve_object(tools.plan_phrase, "", lexicon, tor)
        if plan is not None:
            plans.append(plan.iri)
            for triple in plan.declare:
                generated.add(*triple)
    if tools.uses_priorities:
        plans += [f.obj.iri for f in drafted if f.action == "setPriorities"]
    if not plans:
        return []
    for tool in tools.tools:
        claim = Claim(passage, passage.text[tool.start : tool.end], "tool")
        claim.add(tool.iri, A, CAP + "Tool")
        claim.add(tool.iri, RDFS + "label", Literal(tool.label))
        if tool.title:
            claim.add(tool.iri, DCTERMS + "title", Literal(tool.title))
        claims.append(claim)
        activity = f"{ID}activity/develop-{tool.iri.rsplit('/', 1)[1]}"
        association = activity + "/association"
        generated.add(tool.iri, CAP + "toolStatus", CAP + tool.status)
        generated.add(tool.iri, PROV + "wasGeneratedBy", activity)
        generated.add(activity, A, CAP + "ToolDevelopment")
        generated.add(activity, PROV + "wasAssociatedWith", tools.agent)
        generated.add(activity, PROV + "qualifiedAssociation", association)
        generated.add(association, A, PROV + "Association")
        generated.add(association, PROV + "agent", tools.agent)
        for plan_iri in plans:
            generated.add(association, PROV + "hadPlan", plan_iri)
    return [*claims, generated]


def _sentence_start(passage: Passage, tools: ToolList) -> int:
    start = passage.text.rfind(". ", 0, tools.intro_start)
    return 0 if start < 0 else start + 2
