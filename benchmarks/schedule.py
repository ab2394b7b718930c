"""Bodies and their numbered sessions: a deterministic calendar with dates of mixed precision.

Every session's attributes come from a generator seeded by the seed, the body and the
year, so a session is the same whichever part of the record asks for it first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

#: The last year of every generated record.
END_YEAR = 2024

#: How a session's date is recorded, and how often (the source's precision varies).
PRECISIONS: tuple[tuple[str, float], ...] = (
    ("day", 0.35),
    ("month", 0.40),
    ("year", 0.08),
    ("range", 0.12),
    ("none", 0.05),
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Body:
    """A body of an organisation; ``per_year`` sessions in ``months``, from ``first_year``."""

    slug: str
    label: str
    classification: str
    parent: str
    first_year: int
    months: tuple[int, ...] = ()
    joint_rate: float = 0.0
    session_noun: str = "Session"

    @property
    def iri(self) -> str:
        return f"body/{self.slug}"

    @property
    def per_year(self) -> int:
        return len(self.months)


@dataclass(frozen=True)
class Session:
    """One numbered session; ``day`` is when it began, ``end`` the last day of a range."""

    body: Body
    ordinal: int
    day: date
    precision: str
    end: date | None = None
    partner: int | None = None
    mode: str | None = None
    under_arrangement: bool = False

    @property
    def iri(self) -> str:
        return f"body/{self.body.slug}/session/{self.ordinal}"

    @property
    def label(self) -> str:
        return f"{ordinal(self.ordinal)} {self.body.session_noun} of the {self.body.label}"

    @property
    def finished(self) -> date:
        """The last day of the session (its start for a one-day or undated one)."""
        return self.end or self.day

    def single_date(self) -> str | None:
        """The session's one ``dcterms:date`` as a Turtle literal, at its precision."""
        lexical = self.single_lexical()
        if lexical is None:
            return None
        datatype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(lexical)]
        return f'"{lexical}"^^xsd:{datatype}'

    def single_lexical(self) -> str | None:
        if self.precision == "day":
            return self.day.isoformat()
        if self.precision == "month":
            return self.day.isoformat()[:7]
        if self.precision == "year":
            return self.day.isoformat()[:4]
        return None

    def earliest(self) -> str | None:
        """The earliest date the record allows (lexical form), as the order shapes read it."""
        if self.precision == "range":
            return self.day.isoformat()
        return self.single_lexical()

    def latest(self) -> str | None:
        """The latest date the record allows (lexical form)."""
        if self.precision == "range" and self.end is not None:
            return self.end.isoformat()
        return self.single_lexical()

    def phrase(self) -> str:
        """How a report states when the session was held."""
        if self.precision == "day":
            return f"on {spoken(self.day)}"
        if self.precision == "month":
            return f"in {_MONTHS[self.day.month - 1]} {self.day.year}"
        if self.precision == "year":
            return f"in {self.day.year}"
        if self.precision == "range" and self.end is not None:
            return f"from {spoken(self.day)} to {spoken(self.end)}"
        return ""


def certainly_before(late: str | None, early: str | None) -> bool:
    """True when date ``late`` is certainly before ``early`` at the coarser precision."""
    if late is None or early is None:
        return False
    n = min(len(late), len(early))
    return late[:n] < early[:n]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 112th, 121st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass
class Calendar:
    """The sessions of every body, built on demand and cached."""

    seed: int
    _cache: dict[tuple[str, int], tuple[Session, ...]] = field(default_factory=dict)

    def sessions(self, body: Body, year: int) -> tuple[Session, ...]:
        """The sessions ``body`` held in ``year`` (none before it existed or after the end)."""
        key = (body.slug, year)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._make(body, year)
        return found

    def next_meeting(self, body: Body, after: date) -> tuple[Session, ...]:
        """The first meeting of ``body`` starting after ``after``: a session, or a joint pair."""
        for year in range(max(after.year, body.first_year), END_YEAR + 1):
            sessions = self.sessions(body, year)
            for index, session in enumerate(sessions):
                if session.day > after:
                    if session.partner is not None:
                        return sessions[index : index + 2]
                    return (session,)
        return ()

    def meeting_in(self, body: Body, year: int) -> tuple[Session, ...]:
        """The first meeting of ``body`` in ``year`` (``()`` if there is none)."""
        return self.next_meeting(body, date(year, 1, 1)) if year >= body.first_year else ()

    def _make(self, body: Body, year: int) -> tuple[Session, ...]:
        if not body.months or year < body.first_year or year > END_YEAR:
            return ()
        rng = random.Random(f"{self.seed}/{body.slug}/{year}")
        base = (year - body.first_year) * body.per_year
        joint = body.per_year == 2 and rng.random() < body.joint_rate
        sessions: list[Session] = []
        if joint:
            day, precision, end = _when(rng, year, body.months[0])
            mode, arranged = _mode(rng, year)
            for i in range(2):
                sessions.append(
                    Session(body, base + i + 1, day, precision, end,
                            partner=base + 2 - i, mode=mode, under_arrangement=arranged)
                )  # fmt: skip
            return tuple(sessions)
        for i, month in enumerate(body.months):
            day, precision, end = _when(rng, year, month)
            mode, arranged = _mode(rng, year)
            sessions.append(
                Session(body, base + i + 1, day, precision, end, mode=mode,
                        under_arrangement=arranged)
            )  # fmt: skip
        return tuple(sessions)


def _when(rng: random.Random, year: int, month: int) -> tuple[date, str, date | None]:
    day = date(year, month, rng.randint(1, 25))
    pick = rng.random()
    total = 0.0
    precision = PRECISIONS[-1][0]
    for name, weight in PRECISIONS:
        total += weight
        if pick < total:
            precision = name
            break
    end = date(year, month, day.day + rng.randint(1, 2)) if precision == "range" else None
    return day, precision, end


def _mode(rng: random.Random, year: int) -> tuple[str | None, bool]:
    """Meeting mode where a report states one; 2020-2021 meetings under remote arrangements."""
    pick = rng.random()
    if 2020 <= year <= 2021:
        return ("virtualOrHybrid" if pick < 0.7 else "virtual"), True
    if year >= 2022:
        return ("hybrid" if pick < 0.4 else "inPerson" if pick < 0.7 else None), False
    return ("inPerson" if pick < 0.3 else None), False
