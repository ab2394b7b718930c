"""The Markdown tables of ``python -m benchmarks.scaleout``."""

from __future__ import annotations

import statistics
from typing import Any


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.2f}"


def ratios(summary: dict[str, Any], name: str) -> dict[str, float]:
    """Per case: the store's median over the embedded median (both finished, same rows)."""
    embedded = summary["embedded"]
    found = {}
    for key, row in summary["stores"][name].get("queries", {}).items():
        base = embedded.get(key, {})
        if "median" in row and "median" in base and row["rows"] == base["rows"]:
            found[key] = row["median"] / max(base["median"], 1e-6)
    return found


def _cell(row: dict[str, Any], base: dict[str, Any]) -> str:
    if "error" in row:
        return "error"
    text = _ms(row.get("median"))
    if "rows" in base and row.get("rows") != base["rows"]:
        text += f" ({row['rows']} rows)"
    return text


def _load_cells(entry: dict[str, Any]) -> list[str] | None:
    """How the store was loaded: method, seconds, requests, triples, triples/s."""
    if "publish" in entry:
        p = entry["publish"]
        rate = f"{p['triples'] / p['seconds']:,.0f}"
        seconds, requests, triples = f"{p['seconds']:.1f}", str(p["requests"]), f"{p['triples']:,}"
        return ["SPARQL Update", seconds, requests, triples, rate]
    bulk = entry.get("bulk_load", {})
    if "seconds" in bulk:
        quads = entry.get("quads_in_store") or bulk.get("quads")
        rate = "-" if not quads else f"{quads / bulk['seconds']:,.0f}"
        count = "-" if not quads else f"{quads:,}"
        return ["its bulk loader", f"{bulk['seconds']:.1f}", "-", count, rate]
    return None


def _publish_lines(summary: dict[str, Any]) -> list[str]:
    lines = [
        "| store | load | load (s) | requests | triples | triples/s | quads in store |"
        " its bulk loader, fresh store (s) | server peak RSS (MiB) | 1-min load after |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    failures = []
    for name, entry in summary["stores"].items():
        if "failed" in entry:
            failures.append(f"- **{name}** failed: {entry['failed']}")
        cells = _load_cells(entry)
        if cells is None:
            lines.append(f"| {name} | failed | | | | | | | | |")
            continue
        bulk = entry.get("bulk_loader", {})
        bulk_text = bulk.get("error", "-")
        if "seconds" in bulk:
            bulk_text = f"{bulk['seconds']:.1f} ({bulk['quads']:,} quads)"
        quads = entry.get("quads_in_store")
        peak = entry.get("server_peak_rss_mib")
        after = entry.get("load_average")
        lines.append(
            f"| {name} | {' | '.join(cells)} | {'-' if quads is None else f'{quads:,}'} |"
            f" {bulk_text} | {'-' if peak is None else f'{peak:,.0f}'} |"
            f" {'-' if after is None else f'{after:.1f}'} |"
        )
    return lines + (["", *failures] if failures else [])


def _settings(summary: dict[str, Any]) -> str:
    """The paragraph above the tables: machine, load, batches, buffers, repeats."""
    m = summary["machine"]
    parts = [
        f"Machine: {m['cpus']} CPUs, {m['memory_gib']} GiB; load average (1 min)"
        f" {m['load_average_before'][0]} before, {m['load_average_after'][0]} after.",
        f"Embedded load {summary['load_s']:.1f} s.",
    ]
    if "embedded_peak_rss_mib" in summary:
        parts.append(
            f"Peak RSS of the benchmark process (embedded store and queries)"
            f" {summary['embedded_peak_rss_mib']:,.0f} MiB."
        )
    batches = ", ".join(f"{k} {v:,}" for k, v in summary["batch_triples"].items())
    parts.append(f"SPARQL Update publish, triples per request: {batches}.")
    if "virtuoso_buffers" in summary:
        parts.append(f"Virtuoso NumberOfBuffers {summary['virtuoso_buffers']:,}.")
    if not summary["embedded"]:
        parts.append("No queries (`--load-only`).")
        return " ".join(parts)
    parts.append(
        f"Queries: warm-up, then the median of {summary['repeat']};"
        f" request timeout {summary['timeout']:.0f} s."
        f" Left out: {', '.join(summary.get('skipped', [])) or 'none'}."
    )
    return " ".join(parts)


def markdown(summary: dict[str, Any]) -> str:
    names = [n for n, e in summary["stores"].items() if "queries" in e]
    lines = [
        f"### {summary['size']}: {summary['quads']:,} quads ({summary['project']})",
        "",
        _settings(summary),
        "",
        *_publish_lines(summary),
        "",
    ]
    if not summary["embedded"]:  # --load-only
        return "\n".join(lines)
    lines += [
        "| query | rows | embedded ms |" + "".join(f" {n} ms | {n} / embedded |" for n in names),
        "| --- | ---: | ---: |" + " ---: | ---: |" * len(names),
    ]
    per_store = {n: ratios(summary, n) for n in names}
    errors: dict[str, list[str]] = {n: [] for n in names}
    for key, base in summary["embedded"].items():
        cells = [key, str(base.get("rows", "-")), _ms(base.get("median"))]
        for n in names:
            row = summary["stores"][n]["queries"].get(key, {})
            cells.append(_cell(row, base))
            ratio = per_store[n].get(key)
            cells.append("-" if ratio is None else f"{ratio:,.1f}x")
            if "error" in row:
                errors[n].append(f"{key}: {row['error']}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for n in names:
        found = per_store[n]
        cases = summary["stores"][n]["queries"]
        same = [k for k in found]
        total_store = sum(cases[k]["median"] for k in same)
        total_embedded = sum(summary["embedded"][k]["median"] for k in same)
        differ = [
            k for k, row in cases.items()
            if "rows" in row and row["rows"] != summary["embedded"].get(k, {}).get("rows")
        ]  # fmt: skip
        if found:
            lines.append(
                f"- **{n}**: {len(found)} of {len(cases)} cases with the embedded row count;"
                f" median ratio {statistics.median(found.values()):,.1f}x, all of them"
                f" together {total_store:.2f} s against {total_embedded:.2f} s embedded"
                f" ({total_store / max(total_embedded, 1e-6):,.1f}x)."
                + (f" Other row counts: {', '.join(differ)}." if differ else "")
            )
        for error in errors[n]:
            lines.append(f"  - {n} error, {error}")
    return "\n".join(lines) + "\n"
