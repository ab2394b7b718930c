"""The Markdown tables of ``python -m benchmarks.validation`` for one size."""

from __future__ import annotations

import statistics
from typing import Any

_COLUMNS = (
    ("load", "load alone"),
    ("compiled", "compiled (default)"),
    ("pyshacl", "`--engine pyshacl`"),
    ("plain", "plain pySHACL"),
)
_MIB = 2**20


def median(job: dict[str, Any]) -> float | None:
    runs = job.get("runs") or []
    return statistics.median(runs) if runs else None


def peak(job: dict[str, Any]) -> int | None:
    """Peak RSS: ``/usr/bin/time -v``'s figure (there even for a killed job), else the job's."""
    value = job.get("time_v", {}).get("peak_rss") or job.get("peak_rss")
    return int(value) if value else None


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def _validate_cell(job: dict[str, Any]) -> str:
    if "failed" in job:
        return f"no figure: {job['failed']}"
    if job.get("capped"):
        return f"> {job['capped']:,.0f} (cap)"
    runs = job.get("runs") or []
    if not runs:
        return "-"
    shown = ", ".join(_seconds(r) for r in runs)
    return f"{_seconds(median(job))} ({shown})" if len(runs) > 1 else _seconds(runs[0])


def _check_cell(job: dict[str, Any]) -> str:
    check = job.get("check")
    if not check:
        return "-"
    if "claims_emptied" in check:
        mark = "✓" if check["ok"] else "✗"
        return f"{check['claim_quote_results']}/{check['claims_emptied']} claims flagged {mark}"
    mark = "✓" if check["ok"] else "✗"
    return (
        f"{check['found']}/{check['planted']} found, {check['unexplained_count']} unexplained,"
        f" Info {check['info_found']}/{check['info_expected']} {mark}"
    )


def _engine_table(rec: dict[str, Any]) -> list[str]:
    jobs = rec["jobs"]
    shown = [(key, title) for key, title in _COLUMNS if key in jobs]
    load = jobs.get("load", {})
    base_peak = peak(load)
    base_load = load.get("load_s")
    lines = [
        "| | " + " | ".join(title for _, title in shown) + " |",
        "|" + " --- |" + " ---: |" * len(shown),
    ]

    def row(name: str, cell: Any) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(jobs[key]) for key, _ in shown) + " |")

    row("load (s)", lambda j: _seconds(j.get("load_s")))
    row("validate (s), median (runs)", lambda j: "" if j is load else _validate_cell(j))

    def per_load(j: dict[str, Any]) -> str:
        m = median(j)
        if j is load or m is None or not base_load or j["job"] == "plain":
            return ""
        return f"{m / base_load:.2f}x"

    row("validate / capgraph load", per_load)
    row("peak RSS (MiB)", lambda j: f"{peak(j) / _MIB:,.0f}" if peak(j) else "-")

    def peak_ratio(j: dict[str, Any]) -> str:
        p = peak(j)
        return "" if j is load or not p or not base_peak else f"{p / base_peak:.2f}x"

    row("peak / load alone", peak_ratio)
    row("results", lambda j: "" if j is load else str(j.get("result_count", "-")))
    row("expected results", lambda j: "" if j is load else _check_cell(j))
    row("1-min load average after", lambda j: f"{j.get('load_average', 0):.1f}")
    compiled, previous = median(jobs.get("compiled", {})), jobs.get("pyshacl", {})
    if compiled and (median(previous) or previous.get("capped")):
        other = median(previous) or previous["capped"]
        bound = "" if median(previous) else "> "
        lines.append(f"\nPrevious path / compiled: {bound}{other / compiled:,.1f}x.")
    agree = rec.get("engines_agree")
    if agree is not None:
        lines.append(
            "Compiled and `--engine pyshacl` results (severity, focus, path, value, shape,"
            f" component): {'identical' if agree else 'DIFFERENT'}."
        )
    return lines


def _phase_line(job: dict[str, Any]) -> str:
    phases = job.get("phases") or []
    if not phases:
        return ""
    names = list(phases[0])
    parts = [f"{n} {statistics.median(p.get(n, 0.0) for p in phases):.2f} s" for n in names]
    return "Phases of the compiled run (median): " + ", ".join(parts) + "."


def markdown(summary: dict[str, Any]) -> str:
    m = summary["machine"]
    before, after = m["load_average_before"][0], m["load_average_after"][0]
    checks = "" if summary["checks"] == "all" else ", shapes only (`--checks none`)"
    lines = [
        f"### {summary['size']}: validation (seed {summary['seed']}, defect rate"
        f" {summary['defect_rate']}{checks})",
        "",
        f"Machine: {m['cpus']} CPUs, {m['memory_gib']} GiB; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f". Load average (1 min) {before} before, {after} after. Caps: compiled"
        f" {summary['caps']['cap']:.0f} s, pySHACL {summary['caps']['pyshacl_cap']:.0f} s,"
        f" {summary['caps']['memory_gib']:g} GiB address space per process.",
    ]
    records = summary["records"]
    if "planted" in records:
        rec = records["planted"]
        lines += ["", f"Planted record ({rec['data_triples']:,} data triples):", ""]
        lines += _engine_table(rec)
        phase = _phase_line(rec["jobs"].get("compiled", {}))
        lines += [phase] if phase else []
    contrast = [k for k in ("none", "all") if k in records]
    if contrast:
        lines += [
            "",
            "Finds nothing against finds everything (compiled engine):",
            "",
            "| record | data triples | load (s) | validate (s), median (runs) | results |"
            " expected | peak RSS (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
        ]
        names = {"none": "defect rate 0", "all": "every claim's quote emptied"}
        for kind in contrast:
            rec = records[kind]
            job = rec["jobs"].get("compiled", {})
            p = peak(job)
            lines.append(
                f"| {names[kind]} | {rec['data_triples']:,} |"
                f" {_seconds(rec['jobs'].get('load', {}).get('load_s'))} |"
                f" {_validate_cell(job)} | {job.get('result_count', '-')} | {_check_cell(job)} |"
                f" {'-' if not p else f'{p / _MIB:,.0f}'} |"
            )
    return "\n".join(lines) + "\n"
