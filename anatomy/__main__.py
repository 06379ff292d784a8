"""Command line: ``python -m anatomy L5 --severity 0.9`` prints the cited findings.

Examples::

    python -m anatomy L5 --severity 0.9
    python -m anatomy L4-L5 --zone foraminal --side right
    python -m anatomy common_fibular --site fibular_head --severity 0.8
    python -m anatomy --case office_worker
    python -m anatomy --localize numbness:dorsum_of_foot weakness:extensor_hallucis_longus
    python -m anatomy --list

Exit codes (docs/errors.md):

====  ==========================================================================
0     the report was printed
1     the report could not be written (a full disk, an I/O error): one line
2     bad input or usage: an unknown name or option, a number out of range, an
      option that does not apply (``--zone`` on a root, a target with ``--case``)
3     the data tables are broken (:class:`anatomy.DataError`): one line
130   interrupted (Ctrl-C): one line
141   the reader of the output went away (``| head -1``): nothing printed, as
      any Unix tool killed by SIGPIPE (128 + 13)
====  ==========================================================================

Everything printed has control characters removed first (terminal escapes, bells),
whatever the data or the input held.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from anatomy.atlas import load_model
from anatomy.engine.candidates import candidate
from anatomy.engine.inputs import is_name_of, referring_joints
from anatomy.errors import DataError
from anatomy.model.tables import printable
from anatomy.text.report import format_findings

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, EXIT_DATA = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
# Options that shape one lesion; --list, --case and --localize take none of them.
LESION_FLAGS = ("severity", "side", "zone", "site")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a ValueError, so it ends in one printable line like
    every other error (argparse would print the usage and the raw argument)."""

    def error(self, message: str):
        raise ValueError(f"{message} (python -m anatomy --help lists the options)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
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
    p.add_argument("--severity", default=None, help="0 to 1 (default 0.5)")
    p.add_argument("--side", default=None, help="left, right or both (default left)")
    p.add_argument(
        "--zone",
        default=None,
        help="for a disc: the zone of the herniation, as --list names them (default paracentral)",
    )
    p.add_argument("--site", default=None, help="for a nerve: where it is compressed")
    p.add_argument("--case", default=None, help="a preset case from the source texts")
    p.add_argument(
        "--localize",
        nargs="+",
        metavar="EFFECT:STRUCTURE",
        help="rank the lesions that explain findings such as numbness:dorsum_of_foot "
        "(effect pain, tingling, numbness, weakness, reduced_reflex, "
        "sphincter_dysfunction, positive (a test) or normal)",
    )
    p.add_argument(
        "--list",
        action="store_true",
        help="list roots, disc levels, nerve sites, joints, cases",
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
    _check_modes(args)
    model = load_model()
    if args.list:
        return _listing(model)
    if args.case:
        return format_findings(model, model.compress_case(args.case))
    if args.localize:
        return _localized(model, args.localize)
    target = args.target.strip()
    side = args.side
    severity = _number(args.severity, "--severity") if args.severity is not None else 0.5
    if ":" in target or "@" in target:  # a lesion as --localize names it, or a spec
        _not_for(args, ("zone", "site"), f"{target!r} (the name says it all)")
        cand = candidate(model, target)
        default = None if cand.kind == "disc" else "left"
        findings = cand.compress(model, severity, side or default)
    elif target.upper() in model.roots:
        _not_for(args, ("zone", "site"), f"the root {target!r}")
        findings = model.compress(target, severity=severity, side=side or "left")
    elif is_name_of(model, target.replace(" ", ""), "disc"):
        _not_for(args, ("site",), f"the disc level {target!r} (a disc takes --zone)")
        zone = args.zone if args.zone is not None else "paracentral"
        findings = model.compress_disc(target, zone=zone, side=side, severity=severity)
    elif target.replace(" ", "_") in referring_joints(model) or is_name_of(model, target, "joint"):
        _not_for(args, ("zone", "site"), f"the joint {target!r}")
        findings = model.irritate_joint(target, side=side or "left", severity=severity)
    elif is_name_of(model, target, "nerve"):
        _not_for(args, ("zone",), f"the nerve {target!r} (a nerve takes --site)")
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


def _check_modes(args) -> None:
    """One thing to do per call, and no option it would ignore."""
    modes = [
        name
        for name, given in (
            ("a target", args.target is not None),
            ("--case", args.case is not None),
            ("--localize", bool(args.localize)),
            ("--list", args.list),
        )
        if given
    ]
    if not modes:
        raise ValueError("name a root, disc level, nerve or joint (or --case, --localize, --list)")
    if len(modes) > 1:
        raise ValueError(
            f"give one of a target, --case, --localize or --list, not {' and '.join(modes)}"
        )
    if modes[0] != "a target":
        _not_for(args, LESION_FLAGS, modes[0])


def _not_for(args, flags, what: str) -> None:
    given = [f"--{flag}" for flag in flags if getattr(args, flag) is not None]
    if given:
        raise ValueError(f"{', '.join(given)} does not apply to {what}")


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
    """Entry point: print the report and return the exit code (the module docstring lists
    them). Bad input, broken data, Ctrl-C and a full disk end in one line on stderr, never
    a traceback; a closed pipe ends quietly."""
    try:
        report = run(argv)
        sys.stdout.write(printable(report) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except DataError as err:
        _say(f"error in the data: {err}")
        return EXIT_DATA
    except (ValueError, TypeError) as err:
        _say(f"error: {err}")
        return EXIT_USAGE
    except OSError as err:  # a full disk, an I/O error: the report could not be written
        _silence_stdout()
        _say(f"error: cannot write the output: {err.strerror or err}")
        return EXIT_OUTPUT
    return EXIT_OK


def _say(message: str) -> None:
    """One line on stderr, printable; nothing if stderr is gone too."""
    with contextlib.suppress(OSError):
        print(" ".join(printable(message).split("\n")), file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):  # ValueError: no file descriptor
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
