"""Command line: ``python -m anatomy L5 --severity 0.9`` prints the cited findings.

Examples::

    python -m anatomy L5 --severity 0.9
    python -m anatomy L4-L5 --zone foraminal --side right
    python -m anatomy common_fibular --site fibular_head --severity 0.8
    python -m anatomy --case office_worker
    python -m anatomy --localize numbness:dorsum_of_foot weakness:extensor_hallucis_longus
    python -m anatomy --list
"""

from __future__ import annotations

import argparse
import sys

from anatomy.atlas import load_model
from anatomy.engine.inputs import is_name_of, referring_joints
from anatomy.errors import DataError
from anatomy.text.report import format_findings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m anatomy",
        description=(
            "Compress a nerve root, disc level or nerve, or irritate a joint, and print what "
            "it affects, cited."
        ),
    )
    p.add_argument(
        "target",
        nargs="?",
        help="a root (L5), a disc level (L4-L5), a nerve (sciatic) or a joint (hip)",
    )
    p.add_argument("--severity", default="0.5", help="0 to 1 (default 0.5)")
    p.add_argument("--side", default=None, help="left, right or both (default left)")
    p.add_argument(
        "--zone",
        default="paracentral",
        help="for a disc: the zone of the herniation, as --list names them (default paracentral)",
    )
    p.add_argument("--site", default=None, help="for a nerve: where it is compressed")
    p.add_argument("--case", default=None, help="a preset case from the source texts")
    p.add_argument(
        "--localize",
        nargs="+",
        metavar="EFFECT:STRUCTURE",
        help="rank the lesions that explain findings such as numbness:dorsum_of_foot "
        "(effect pain, numbness, weakness, reduced_reflex or normal)",
    )
    p.add_argument(
        "--list", action="store_true", help="list roots, disc levels, nerve sites, cases"
    )
    return p


def _listing(model) -> str:
    sites = ", ".join(
        f"{n} @ {s}" for n, s in zip(model.sites["nerve"], model.sites["site"], strict=True)
    )
    return "\n".join(
        [
            f"roots: {', '.join(model.roots)}",
            f"disc levels: {', '.join(model.disc_levels)}",
            f"zones: {', '.join(model.zone_names)}",
            f"nerve sites: {sites}",
            f"joints: {', '.join(referring_joints(model))}",
            f"cases: {', '.join(model.cases['id'])}",
        ]
    )


def run(argv: list[str] | None = None) -> str:
    """Parse arguments and return the report; raises ValueError on bad input."""
    args = _parser().parse_args(argv)
    model = load_model()
    if args.list:
        return _listing(model)
    if args.case:
        return format_findings(model, model.compress_case(args.case))
    if args.localize:
        return _localized(model, args.localize)
    if not args.target:
        raise ValueError("name a root, disc level or nerve (or --case, --list)")
    target = args.target.strip()
    side = args.side
    severity = _number(args.severity, "--severity")
    if target.upper() in model.roots:
        findings = model.compress(target, severity=severity, side=side or "left")
    elif is_name_of(model, target.replace(" ", ""), "disc"):
        findings = model.compress_disc(target, zone=args.zone, side=side, severity=severity)
    elif target.replace(" ", "_") in referring_joints(model) or is_name_of(model, target, "joint"):
        findings = model.irritate_joint(target, side=side or "left", severity=severity)
    elif is_name_of(model, target, "nerve"):
        findings = model.compress_nerve(
            target, site=args.site, side=side or "left", severity=severity
        )
    else:
        nerves = model.site_nerves
        raise ValueError(
            f"unknown target {target!r}; valid: a root ({', '.join(model.roots)}), a disc level "
            f"({', '.join(model.disc_levels)}), a nerve ({', '.join(nerves)}) or a joint "
            f"({', '.join(referring_joints(model))})"
        )
    return format_findings(model, findings)


def _localized(model, items: list[str], top: int = 8) -> str:
    findings = []
    for item in items:
        effect, sep, structure = item.partition(":")
        if not sep or not structure.strip():
            raise ValueError(f"write a finding as effect:structure, not {item!r}")
        findings.append((effect.strip(), structure.strip()))
    ranked = model.localize(findings, top=top)
    lines = [f"Lesions that explain {len(findings)} finding(s), best first:"]
    for r in ranked.to_dict("records"):
        lines.append(f"{r['rank']:>3}. {r['lesion']:<48} score {r['score']:5.2f}  ({r['grade']})")
        if r["misses"]:
            lines.append(f"       misses: {'; '.join(r['misses'])}")
        if r["tell_apart"]:
            lines.append(f"       {r['tell_apart']}")
    return "\n".join(lines)


def _number(text: str, flag: str) -> float:
    """A command-line number from 0 to 1 (the severity), or a ValueError naming the flag."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= 1:  # also NaN
        raise ValueError(f"{flag} takes a number from 0 to 1, not {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Entry point: prints the report, or the error and exits 2 (no traceback)."""
    try:
        print(run(argv))
    except (ValueError, DataError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
