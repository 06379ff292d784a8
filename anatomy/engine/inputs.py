"""The one checking layer for user input: words and numbers in, ids out, or a clear error.

Every public entry point (compress, localize, the tension functions, cite, the
widgets' ``select`` and the command line) checks its arguments here. The contract:

* a value of the wrong type raises ``TypeError`` naming the value and what is
  expected (``True`` is not a number; ``None`` is not a root);
* a value of the right type that is not valid raises ``ValueError`` naming the
  value, the closest valid names and every valid one;
* nothing is silently dropped or turned into a default.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping

from anatomy.errors import choice_error
from anatomy.model import Model
from anatomy.model.tables import name_key, split_cell
from anatomy.model.vocabulary import LESION_KINDS, SIDES


def check_number(value, what: str, low: float, high: float, unit: str = "") -> float:
    """A real number in [low, high]; TypeError for a non-number (bools too), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{what} must be a number from {low:g} to {high:g}{unit}, not {value!r} "
            f"({type(value).__name__})"
        )
    number = float(value)
    if math.isnan(number) or not low <= number <= high:
        raise ValueError(f"{what} must be from {low:g} to {high:g}{unit}, not {value!r}")
    return number


def check_severity(severity) -> float:
    """Severity as a float in 0..1; TypeError for a non-number, ValueError outside 0..1."""
    return check_number(severity, "severity", 0.0, 1.0)


def check_text(value, what: str, valid) -> str:
    """A name given as text (TypeError otherwise, listing the valid names)."""
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be given as text, not {value!r} ({type(value).__name__}); "
            f"valid: {', '.join(map(str, valid))}"
        )
    return value


def check_side(side) -> str:
    """Side as left, right or both, or an error naming the valid choices."""
    value = check_text(side, "side", SIDES).strip().lower()
    if value not in SIDES:
        raise choice_error("side", side, SIDES)
    return value


def check_bool(value, what: str) -> bool:
    """True or False (not 'no', not 0)."""
    if not isinstance(value, bool):
        raise TypeError(f"{what} must be True or False, not {value!r}")
    return value


def check_count(value, what: str, low: int = 1, high: int | None = None) -> int:
    """A whole number of at least ``low`` (and at most ``high``); bools are not counts."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be a whole number, not {value!r} ({type(value).__name__})")
    if value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ValueError(f"{what} must be {span}, not {value!r}")
    return int(value)


def check_model(model) -> Model:
    """The model (``anatomy.load_model()``), or a TypeError naming what was given."""
    if not isinstance(model, Model):
        raise TypeError(
            f"model must come from anatomy.load_model(), not {model!r} ({type(model).__name__})"
        )
    return model


def check_values(values, what: str, check: Callable) -> list:
    """A non-empty list (tuple, range...) of distinct values, each passed through ``check``.

    TypeError for a single string, a mapping or anything that is not a list; ValueError
    for an empty list or a value given twice (it would silently make one row)."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise TypeError(
            f"{what} must be a list of values, not {values!r} ({type(values).__name__})"
        )
    checked = [check(value) for value in values]
    if not checked:
        raise ValueError(f"give at least one of the {what}")
    twice = next((v for i, v in enumerate(checked) if v in checked[:i]), None)
    if twice is not None:
        raise ValueError(f"{what}: {twice!r} is given twice")
    return checked


def check_root(model: Model, root) -> str:
    """Root id (any case), or its label or alias ("L5 root", "L5 nerve root"), or an error
    listing the valid roots."""
    name = check_text(root, "root", model.roots).strip().upper()
    if name in model.roots:
        return name
    try:
        return model.resolve(root, "root")
    except ValueError:
        raise choice_error("root", root, model.roots) from None


def zone_names(model: Model) -> dict[str, str]:
    """Every way of naming a zone (aliases, any case, '_' or '-' for spaces) -> zone id."""
    names = {}
    for row in model.zones.to_dict("records"):
        for name in [row["zone"], *split_cell(row["aliases"])]:
            names[name_key(name)] = row["zone"]
    return names


def check_zone(model: Model, zone) -> str:
    """Zone name (aliases, any case, '_' or '-' for spaces) or an error listing the zones."""
    names = model.derived(zone_names)
    key = name_key(check_text(zone, "zone", model.zone_names))
    if key not in names:
        raise choice_error("zone", zone, list(names))
    return names[key]


def check_disc(model: Model, level) -> str:
    """Disc level (aliases such as ``L4/L5`` accepted) or an error listing the levels."""
    valid = model.disc_levels
    text = check_text(level, "disc level", valid)
    try:
        found = model.resolve(text.replace(" ", ""), "disc")
    except ValueError:
        found = None
    if found not in valid:
        raise choice_error("disc level", level, valid)
    return found


def is_name_of(model: Model, name: str, kind: str) -> bool:
    """Whether ``name`` names a structure of this kind (id, label or alias)."""
    try:
        model.resolve(name, kind)
    except ValueError:
        return False
    return True


def check_nerve_site(model: Model, nerve, site=None) -> tuple[str, str, float]:
    """(nerve id, site id, position) or an error listing nerves or that nerve's sites.

    With no site, the nerve's most proximal site is used."""
    with_sites = model.site_nerves
    check_text(nerve, "nerve", with_sites)
    try:
        nerve_id = model.resolve(nerve, "nerve")
    except ValueError:
        raise choice_error("nerve", nerve, with_sites) from None
    if nerve_id not in with_sites:
        raise choice_error("nerve", nerve, with_sites)
    sites = model.sites_of(nerve_id)
    if site is None:
        row = sites.iloc[0]
        return nerve_id, row["site"], float(row["position"])
    key = name_key(check_text(site, f"site for the {nerve_id} nerve", sites["site"]))
    for row in sites.to_dict("records"):
        if key in (name_key(n) for n in [row["site"], *split_cell(row["aliases"])]):
            return nerve_id, row["site"], float(row["position"])
    raise choice_error(f"site for the {nerve_id} nerve", site, list(sites["site"]))


def referring_joints(model: Model) -> list[str]:
    """The joints that refer pain (``refers_pain_to`` links), in table order."""
    links = model.links
    rows = links[links["relation"] == "refers_pain_to"]
    return [s for s in dict.fromkeys(rows["source"]) if model.kind(s) == "joint"]


def check_joint(model: Model, joint) -> str:
    """A joint that refers pain (id, label or alias), or an error listing them."""
    valid = referring_joints(model)
    text = check_text(joint, "joint", valid)
    try:
        found = model.resolve(text.replace("_", " "), "joint")
    except ValueError:
        try:
            found = model.resolve(text, "joint")
        except ValueError:
            found = None
    if found not in valid:
        if found is not None:
            raise ValueError(
                f"{joint!r} is a joint, but the model gives it no referred pain; "
                f"valid: {', '.join(valid)}"
            )
        raise choice_error("joint", joint, valid)
    return found


def parse_lesion(model: Model, spec: str) -> tuple[str, dict]:
    """Check one lesion written as ``root:L5``, ``disc:L4-L5:paracentral``,
    ``nerve:sciatic@piriformis`` or ``joint:hip``; return (kind, keyword arguments)."""
    kind, _, rest = check_text(spec, "lesion", LESION_KINDS).strip().partition(":")
    if kind == "root":
        return "root", {"root": check_root(model, rest)}
    if kind == "disc":
        level, _, zone = rest.partition(":")
        return "disc", {
            "level": check_disc(model, level),
            "zone": check_zone(model, zone or "paracentral"),
        }
    if kind == "nerve":
        nerve, _, site = rest.partition("@")
        nerve_id, site_id, _ = check_nerve_site(model, nerve, site or None)
        return "nerve", {"nerve": nerve_id, "site": site_id}
    if kind == "joint":
        return "joint", {"joint": check_joint(model, rest)}
    raise choice_error("lesion kind", kind, LESION_KINDS)


def parse_lesions(model: Model, specs: str) -> list[tuple[str, dict]]:
    """Check several lesions joined by ``+``."""
    parts = [p for p in check_text(specs, "lesions", LESION_KINDS).split("+") if p.strip()]
    if not parts:
        raise ValueError(f"no lesion in {specs!r}; write e.g. 'root:L5 + disc:L4-L5:paracentral'")
    return [parse_lesion(model, p) for p in parts]


def check_case(model: Model, case) -> str:
    """A case id of ``model.cases`` (matched as every name is: any case, ``_``, ``-`` or
    spaces alike), or an error listing them."""
    ids = list(model.cases["id"])
    text = check_text(case, "case", ids)
    found = {name_key(i): i for i in ids}.get(name_key(text))
    if found is None:
        raise choice_error("case", case, ids)
    return found
