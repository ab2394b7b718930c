"""Renderers for status, trace and history: terminal text (rich), JSON and Mermaid.

The JSON documents and their schemas are described in ``docs/status.md``. Mermaid output
is a ``flowchart`` that GitHub draws inside a fenced ``mermaid`` block.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from capgraph._json import dump_json
from capgraph.procedure import ProcessStatus, StepState, StepStatus, TraceNode, VersionHistory
from capgraph.procedure._decisions import Citation
from capgraph.render._rows import text_console

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

#: The ``schema`` member of each JSON document; bump the number on an incompatible change.
STATUS_SCHEMA = "https://w3id.org/capgraph/schema/status/1"
TRACE_SCHEMA = "https://w3id.org/capgraph/schema/trace/1"
HISTORY_SCHEMA = "https://w3id.org/capgraph/schema/history/1"

_MERMAID_CLASSES = {
    "done": "fill:#d1e7dd,stroke:#0f5132,color:#0f5132",
    "outOfOrder": "fill:#fff3cd,stroke:#997404,color:#664d03,stroke-width:3px",
    "skipped": "fill:#f8d7da,stroke:#842029,color:#842029,stroke-dasharray:5 3",
    "skippedAllowed": "fill:#e2e3e5,stroke:#41464b,color:#41464b,stroke-dasharray:5 3",
    "next": "fill:#cfe2ff,stroke:#084298,color:#084298,stroke-width:3px",
    "pending": "fill:#ffffff,stroke:#6c757d,color:#495057",
}


# --- JSON ----------------------------------------------------------------------------------


def status_json(processes: Sequence[ProcessStatus]) -> str:
    return dump_json({"schema": STATUS_SCHEMA, "processes": processes})


def trace_json(root: TraceNode) -> str:
    return dump_json({"schema": TRACE_SCHEMA, "trail": root})


def history_json(versions: Sequence[VersionHistory]) -> str:
    return dump_json({"schema": HISTORY_SCHEMA, "versions": versions})


# --- Mermaid -------------------------------------------------------------------------------


#: The one line a human format shows for an empty answer.
NO_PROCESSES = "No procedure processes in this record (nothing is a cap:Process)."
NO_VERSIONS = "No Terms of Reference versions in this record (nothing is a cap:ToRVersion)."


def status_mermaid(processes: Sequence[ProcessStatus]) -> str:
    """One left-to-right chain per process, each step coloured by its state."""
    lines = ["flowchart LR"]
    if not processes:
        return f"%% {NO_PROCESSES}\nflowchart LR\n"
    classes: list[str] = []
    for i, process in enumerate(processes, start=1):
        status_word = (process.process_status or "status not recorded").replace(
            "inProgress", "in progress"
        )
        lines.append(f'  subgraph p{i}["{_m(process.title)} · {_m(status_word)}"]')
        lines.append("    direction LR")
        ids = []
        for j, step in enumerate(process.steps, start=1):
            node = f"p{i}s{j}"
            ids.append(node)
            lines.append(f'    {node}["{_step_text(step)}"]')
            classes.append(f"  class {node} {_step_class(step)}")
        if len(ids) > 1:
            lines.append("    " + " --> ".join(ids))
        lines.append("  end")
    lines.extend(classes)
    lines.extend(f"  classDef {name} {style}" for name, style in _MERMAID_CLASSES.items())
    return "\n".join(lines) + "\n"


def _step_text(step: StepStatus) -> str:
    title = _m(_wrap(f"{step.position}. {step.label or step.what}"))
    state = step.state.value
    if step.skip:
        state += f" ({step.skip})"
    detail = [state]
    taken = [d for d in step.decisions if d.taken]
    if taken:
        latest = taken[-1]
        detail.append(_m(_wrap(", ".join(x for x in (latest.session_names, latest.when) if x))))
    elif step.record.value == "expected":
        detail.append("expected")
    return title + "<br/>" + "<br/>".join(d for d in detail if d)


def _step_class(step: StepStatus) -> str:
    if step.state is StepState.OUT_OF_ORDER:
        return "outOfOrder"
    if step.state is StepState.SKIPPED:
        return "skippedAllowed" if step.skip == "allowed" else "skipped"
    return str(step.state.value)


def trace_mermaid(root: TraceNode) -> str:
    """The trail top-down; each edge names the link and the passages that state it."""
    lines = ["flowchart TD"]
    counter = iter(range(1 << 30))

    def visit(node: TraceNode) -> str:
        node_id = f"n{next(counter)}"
        text = f"{node.kind}<br/>{_m(_wrap(node.label))}"
        lines.append(f'  {node_id}["{text}"]')
        for child in node.children:
            child_id = visit(child)
            passages = ", ".join(sorted({c.name for c in child.citations}))
            edge = _m(child.relation or "") + (f" · {_m(passages)}" if passages else "")
            lines.append(f'  {node_id} -->|"{edge}"| {child_id}')
        return node_id

    visit(root)
    return "\n".join(lines) + "\n"


def _m(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return (
        text.replace("&", "&amp;")
        .replace('"', "#quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("&lt;br/&gt;", "<br/>")
    )


def _wrap(text: str, width: int = 40) -> str:
    return "<br/>".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


# --- terminal text (rich) ------------------------------------------------------------------


def status_table(processes: Sequence[ProcessStatus], *, width: int | None = None) -> str:
    from rich.table import Table
    from rich.text import Text

    if not processes:
        return NO_PROCESSES + "\n"
    tables: list[RenderableType] = []
    for process in processes:
        table = Table(title=Text(process.title), caption=Text(process.summary), show_lines=True)
        for column in ("#", "step", "state", "record", "decision", "cited"):
            table.add_column(column, overflow="fold")
        for step in process.steps:
            state = step.state.value + (f" ({step.skip})" if step.skip else "")
            if step.inversion:
                state += f"\nbefore step {step.inversion.earlier_position}"
            table.add_row(
                *_cells(
                    str(step.position),
                    step.label or step.what,
                    state,
                    step.record.value,
                    "\n".join(d.headline for d in step.decisions),
                    _passages(c for d in step.decisions for c in d.citations),
                )
            )
        tables.append(table)
    return _render(tables, width)


def trace_tree(root: TraceNode, *, width: int | None = None) -> str:
    from rich.text import Text
    from rich.tree import Tree

    def label(node: TraceNode) -> Text:
        head = f"{node.relation} → " if node.relation else ""
        head += f"{node.kind}: {node.label}"
        if node.status and node.kind == "tool":
            head += f" ({node.status})"
        if node.repeated:
            head += " (shown above)"
        cites = [f"   {c}" for c in node.citations]
        return Text("\n".join([head, *cites]))

    def grow(tree: Tree, node: TraceNode) -> None:
        for child in node.children:
            grow(tree.add(label(child), highlight=False), child)

    tree = Tree(label(root), highlight=False)
    grow(tree, root)
    return _render([tree], width)


def history_table(versions: Sequence[VersionHistory], *, width: int | None = None) -> str:
    from rich.table import Table
    from rich.text import Text

    if not versions:
        return NO_VERSIONS + "\n"
    table = Table(title=Text("Terms of Reference: versions"), show_lines=True)
    for column in ("version", "status", "mandate", "approval chain", "process"):
        table.add_column(column, overflow="fold")
    for version in versions:
        mandate = version.mandate or "(no mandate recorded)"
        if version.mandate and version.mandate_kind != "mandate":
            mandate = f"{version.mandate_kind}: {mandate}"
        if version.mandate_citations:
            mandate += "\n[" + _passages(version.mandate_citations) + "]"
        table.add_row(
            *_cells(
                f"{version.name}\n{version.label or ''}".strip(),
                version.version_status or "",
                mandate,
                "\n".join(d.headline for d in version.decisions),
                "\n".join(p.summary for p in version.processes),
            )
        )
    return _render([table], width)


def _cells(*texts: str) -> list[Text]:
    """Table cells as plain text: quotes and labels may hold brackets that are not markup."""
    from rich.text import Text

    return [Text(t) for t in texts]


def _passages(citations: Iterable[Citation]) -> str:
    names: list[str] = []
    for citation in citations:
        name = citation.name  # with the passage's own verb where passages differ in verb
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _render(items: Sequence[RenderableType], width: int | None) -> str:
    console = text_console(width)
    for item in items:
        console.print(item)
    buffer = console.file
    assert isinstance(buffer, io.StringIO)
    return buffer.getvalue()
