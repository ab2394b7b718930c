"""Render a size's summary as Markdown, and draw log-log plots of time against size."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def _ratio(row: dict[str, Any]) -> str:
    if row.get("ratio"):
        return f"{row['ratio']:,.0f}x"
    if row.get("ratio_at_least"):
        return f"> {row['ratio_at_least']:,.0f}x"
    return "-"


def _rdflib_cell(row: dict[str, Any]) -> str:
    if row.get("rdflib_capped"):
        return f"> {row['rdflib_capped'] * 1000:,.0f} (cap)"
    return _num(row.get("rdflib_ms"))


def _capgraph_cell(row: dict[str, Any]) -> str:
    if row.get("capgraph_capped"):
        return f"> {row['capgraph_capped'] * 1000:,.0f} (killed)"
    return _num(row.get("capgraph_ms"), 2)


def markdown(summary: dict[str, Any]) -> str:
    """The side-by-side tables for one size."""
    m = summary["machine"]
    total = summary["load"].get("capgraph", {}).get("triples") or summary["data_triples"]
    lines = [
        f"## {summary['size']}: {total:,} triples in the store "
        f"(seed {summary['seed']}, defect rate {summary['defect_rate']})",
        "",
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB; Python "
        f"{m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f". Load average (1 min) {m['load_average_before'][0]} before, "
        f"{m['load_average_after'][0]} after.",
        "",
    ]
    lines += _load_table(summary)
    lines += _query_table(summary)
    lines += _validate_table(summary)
    if summary.get("errors"):
        lines += ["", "Errors:", ""]
        lines += [f"- {job}: `{text.strip().splitlines()[-1]}`" for job, text in
                  summary["errors"].items()]  # fmt: skip
    return "\n".join(lines) + "\n"


def _load_table(summary: dict[str, Any]) -> list[str]:
    ours = summary["load"].get("capgraph", {})
    theirs = summary["load"].get("rdflib", {})
    mem = summary["memory"]
    ratio = (
        f"{theirs['seconds'] / ours['seconds']:.1f}x"
        if ours.get("seconds") and theirs.get("seconds") else "-"
    )  # fmt: skip

    def per_triple(job: str) -> str:
        return _num(mem.get(job, {}).get("bytes_per_triple"), 0)

    def peak(job: str) -> str:
        value = mem.get(job, {}).get("peak_rss")
        return f"{value / 2**20:,.0f} MiB" if value else "-"

    return [
        "### Load",
        "",
        "| | capgraph (`capgraph.open`) | rdflib (`Dataset.parse`) | rdflib / capgraph |",
        "| --- | ---: | ---: | ---: |",
        f"| seconds | {_num(ours.get('seconds'), 2)} | "
        f"{_num(theirs.get('seconds'), 2)} | {ratio} |",
        f"| triples/s | {_num(ours.get('triples_per_second'), 0)} | "
        f"{_num(theirs.get('triples_per_second'), 0)} | |",
        f"| memory, bytes/triple | {per_triple('capgraph')} | {per_triple('rdflib')} | |",
        f"| peak RSS (load + queries) | {peak('capgraph')} | {peak('rdflib')} | |",
        "",
    ]


def _query_table(summary: dict[str, Any]) -> list[str]:
    limits = summary["limits"]
    lines = [
        f"### Named queries (median of {summary['repeat']} runs; rdflib: at most "
        f"{limits['cap']:.0f} s per query, all its runs together, and an equal share of "
        f"what is left of {limits.get('budget', 0):.0f} s for all queries)",
        "",
        "| query | mode | rows | capgraph ms | rdflib ms | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    timed = []
    for row in summary["queries"]:
        name, mode = row["case"].rsplit(" [", 1)
        if row.get("missing"):
            lines.append(f"| {name} | {mode[:-1]} | not run: no value for {row['missing']} | | | |")
            continue
        rows = row.get("rows")
        mismatch = (
            f" (rdflib {row['rdflib_rows']})"
            if row.get("rdflib_rows") is not None and row["rdflib_rows"] != rows else ""
        )  # fmt: skip
        lines.append(
            f"| {name} | {mode[:-1]} | {rows if rows is not None else '-'}{mismatch} | "
            f"{_capgraph_cell(row)} | {_rdflib_cell(row)} | {_ratio(row)} |"
        )
        if row.get("capgraph_ms") is not None:
            timed.append(row)
    if timed:
        slow = [r["case"] for r in timed if r["capgraph_ms"] >= 100]
        ratios = [r.get("ratio") or r.get("ratio_at_least") for r in timed]
        known = [r for r in ratios if r]
        lines += [
            "",
            f"{len(timed)} cases; capgraph median of medians "
            f"{statistics.median(r['capgraph_ms'] for r in timed):.1f} ms; "
            f"{len(slow)} at or over 100 ms" + (f" ({', '.join(slow)})" if slow else "") + "; "
            + (f"smallest ratio {min(known):,.0f}x, median {statistics.median(known):,.0f}x "
               "(a capped rdflib run counts at its cap)." if known else "no rdflib figures."),
        ]  # fmt: skip
    pair = summary.get("pair", {})
    if pair:
        answers = ", ".join(
            f"{k}: {'yes' if v else 'NO'}" for k, v in pair.items() if k != "planted"
        )
        lines += ["", f"Missing-step pair returns exactly the {pair['planted']} planted "
                  f"missing steps: {answers or '-'}."]  # fmt: skip
    return [*lines, ""]


def _validate_table(summary: dict[str, Any]) -> list[str]:
    ours = summary["validate"].get("validate", {})
    theirs = summary["validate"].get("pyshacl", {})

    def seconds(found: dict[str, Any]) -> str:
        if found.get("capped"):
            return f"> {found['capped']:,.0f} (cap)"
        return _num(found.get("seconds"), 1)

    def check(found: dict[str, Any]) -> str:
        c = found.get("check")
        if not c:
            return "-"
        text = f"{c['found']}/{c['planted']} found, {c['unexplained_count']} unexplained"
        text += f", Info {c['info_found']}/{c['info_expected']}"
        return text + (" ✓" if c["ok"] else " ✗")

    ratio = "-"
    if ours.get("seconds") and theirs.get("seconds"):
        ratio = f"{theirs['seconds'] / ours['seconds']:.1f}x"
    elif ours.get("seconds") and theirs.get("capped"):
        ratio = f"> {theirs['capped'] / ours['seconds']:.1f}x"
    mem = summary["memory"]
    peaks = [
        f"{mem.get(j, {}).get('peak_rss', 0) / 2**20:,.0f} MiB" if mem.get(j) else "-"
        for j in ("validate", "pyshacl")
    ]
    return [
        "### Validation",
        "",
        "| | `capgraph.validation._validate` | plain pySHACL | pySHACL / capgraph |",
        "| --- | ---: | ---: | ---: |",
        f"| load (s) | {_num(ours.get('load_seconds'), 2)} | "
        f"{_num(theirs.get('load_seconds'), 2)} | |",
        f"| validate (s) | {seconds(ours)} | {seconds(theirs)} | {ratio} |",
        f"| planted defects | {check(ours)} | {check(theirs)} | |",
        f"| peak RSS | {peaks[0]} | {peaks[1]} | |",
        "",
        *_phases(ours.get("phases")),
    ]


def _phases(phases: dict[str, float] | None) -> list[str]:
    """Where ``capgraph.validation._validate`` spent its time, as logged by it."""
    if not phases:
        return []
    total = sum(phases.values()) or 1.0
    return [
        "Where `capgraph.validation._validate` spends its time:",
        "",
        "| phase | s | share |",
        "| --- | ---: | ---: |",
        *(
            f"| {name} | {secs:.2f} | {secs / total:.0%} |"
            for name, secs in sorted(phases.items(), key=lambda item: -item[1])
        ),
        "",
    ]


def plot_all(out: Path) -> list[Path]:
    """Log-log plots of every operation's time against the store's size, over all sizes run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summaries = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in out.glob("results-*.json")),
        key=lambda s: s["load"].get("capgraph", {}).get("triples") or s["data_triples"],
    )
    if not summaries:
        return []
    sizes = [s["load"].get("capgraph", {}).get("triples") or s["data_triples"] for s in summaries]
    written = []

    Series = tuple[list[float], list[float], list[float], list[float]]

    def series(get: Callable[[dict[str, Any]], Any]) -> Series:
        xs, ys, cx, cy = [], [], [], []
        for size, s in zip(sizes, summaries, strict=True):
            value, capped = get(s)
            if value:
                xs.append(size)
                ys.append(value)
            elif capped:
                cx.append(size)
                cy.append(capped)
        return xs, ys, cx, cy

    def draw(ax: Any, get: Getter, label: str, style: str) -> None:
        xs, ys, cx, cy = series(get)
        line = ax.plot(xs, ys, style, label=label)[0]
        if cx:
            ax.plot(cx, cy, "^", color=line.get_color(), fillstyle="none")

    Getter = Callable[[dict[str, Any]], tuple[float | None, float | None]]
    panels: dict[str, list[tuple[str, Getter]]] = {
        "load": [
            ("capgraph open", lambda s: (s["load"].get("capgraph", {}).get("seconds"), None)),
            ("rdflib parse", lambda s: (s["load"].get("rdflib", {}).get("seconds"), None)),
        ],
        "validate": [
            ("capgraph validate", lambda s: (s["validate"].get("validate", {}).get("seconds"),
                                             s["validate"].get("validate", {}).get("capped"))),
            ("plain pySHACL", lambda s: (s["validate"].get("pyshacl", {}).get("seconds"),
                                         s["validate"].get("pyshacl", {}).get("capped"))),
        ],
        "memory": [
            (f"{label} peak RSS (MiB)", _peak(job))
            for job, label in (("capgraph", "capgraph"), ("rdflib", "rdflib"),
                               ("validate", "capgraph validate"), ("pyshacl", "plain pySHACL"))
        ],
    }  # fmt: skip
    for name, lines in panels.items():
        fig, ax = plt.subplots(figsize=(5, 3.6))
        for label, get in lines:
            draw(ax, get, label, "o-")
        unit = "MiB" if name == "memory" else "seconds"
        _finish(ax, f"{name}: {unit} against triples" + ("" if unit == "MiB" else " (▲ = capped)"))
        written.append(_save(fig, out / f"bench-{name}.png"))
    written.append(_query_plot(plt, summaries, sizes, out))
    return written


def _peak(job: str) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
    def get(summary: dict[str, Any]) -> tuple[float | None, float | None]:
        return summary["memory"].get(job, {}).get("peak_rss", 0) / 2**20, None

    return get


def _query_plot(plt: Any, summaries: list[dict[str, Any]], sizes: list[int], out: Path) -> Path:
    cases = sorted({r["case"] for s in summaries for r in s["queries"] if not r.get("missing")})
    names = sorted({c.rsplit(" [", 1)[0] for c in cases})
    cols = 5
    rows = (len(names) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3 * cols, 2.4 * rows), squeeze=False)
    for ax, name in zip(axes.flat, names, strict=False):
        for mode, style in (("bound", "-"), ("all", "--")):
            case = f"{name} [{mode}]"
            for engine, color in (("capgraph", "tab:blue"), ("rdflib", "tab:orange")):
                xs, ys, cx, cy = [], [], [], []
                for size, s in zip(sizes, summaries, strict=True):
                    row = next((r for r in s["queries"] if r["case"] == case), None)
                    if row is None:
                        continue
                    if row.get(f"{engine}_ms"):
                        xs.append(size)
                        ys.append(row[f"{engine}_ms"])
                    elif row.get(f"{engine}_capped"):
                        cx.append(size)
                        cy.append(row[f"{engine}_capped"] * 1000)
                ax.plot(xs, ys, style, color=color, marker="o", markersize=3)
                ax.plot(cx, cy, "^", color=color, fillstyle="none")
        ax.axhline(100, color="grey", linewidth=0.5, linestyle=":")
        _finish(ax, name, legend=False, small=True)
    for ax in list(axes.flat)[len(names) :]:
        ax.axis("off")
    fig.suptitle(
        "Named queries, ms against triples: capgraph (blue) vs rdflib (orange); "
        "solid = one record bound, dashed = whole record; ▲ = capped; dotted = 100 ms",
        fontsize=9,
    )
    return _save(fig, out / "bench-queries.png")


def _finish(ax: Any, title: str, *, legend: bool = True, small: bool = False) -> None:
    from matplotlib.ticker import NullFormatter

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_title(title, fontsize=8 if small else 9)
    ax.grid(True, which="major", linewidth=0.3)
    if legend:
        ax.legend(fontsize=8)
    ax.tick_params(labelsize=7)


def _save(fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path
