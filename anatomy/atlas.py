"""The public model object: the tables and lookups, plus compress, localize and cite.

:func:`load_model` returns an :class:`Atlas`. It is a
:class:`~anatomy.model.model.Model` (tables and lookups, the ground floor)
defined above the engine, so the ground floor never calls up: every method here
is a thin call into :mod:`anatomy.engine` or :mod:`anatomy.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anatomy.engine import lesions
from anatomy.engine import localize as _localize
from anatomy.engine.checks import validate_model
from anatomy.engine.findings import Findings
from anatomy.model import Model, read_model
from anatomy.model.model import TABLE_NAMES
from anatomy.text.citations import cite


@dataclass(frozen=True, repr=False, eq=False)
class Atlas(Model):
    """The validated anatomical model with its questions: what does a lesion produce,
    which lesion explains some findings, and what is each finding's source.

    See :class:`~anatomy.model.model.Model` for the tables and lookups.
    """

    def compress(self, root, severity: float = 0.5, side: str = "left") -> Findings:
        """Compress one nerve root, or several (a list), on one side or both.

        Parameters
        ----------
        root : str or list of str
            Root id such as ``"L5"`` (T12 to S4), or a list for several roots.
        severity : float
            0..1. See :mod:`anatomy.engine.grading` for what each grade adds.
        side : {"left", "right", "both"}

        Returns
        -------
        anatomy.Findings

        Raises
        ------
        TypeError
            A root that is not text (or a list of text), a severity that is not a number.
        ValueError
            An unknown root or side, a severity outside 0..1; the message lists the
            valid choices.
        """
        return lesions.compress_roots(self, root, severity=severity, side=side)

    def compress_disc(
        self, level: str, zone: str = "paracentral", side=None, severity=0.5
    ) -> Findings:
        """Compress the root(s) a herniated disc meets, by level and zone.

        ``zone`` is central, paracentral (also subarticular, posterolateral),
        foraminal or extraforaminal (also far lateral); ``model.zones`` has the
        rule of each. ``side`` defaults to the zone's own default: "both" for a
        central herniation, "left" for the others.
        """
        return lesions.compress_disc(self, level, zone=zone, side=side, severity=severity)

    def compress_nerve(
        self, nerve: str, site: str | None = None, side="left", severity=0.5
    ) -> Findings:
        """Compress a peripheral nerve at a named site; only what lies below is affected."""
        return lesions.compress_nerve(self, nerve, site=site, side=side, severity=severity)

    def irritate_joint(self, joint: str, side: str = "left", severity: float = 0.5) -> Findings:
        """An irritated joint: the pain it refers, and nothing else.

        ``joint`` is ``"hip"``, ``"sacroiliac_joint"`` or ``"facet_joints"`` (labels and
        aliases such as "SI joint" work too). A joint refers pain through its own nerves
        (the hip through the femoral and obturator nerves, which also reach the knee); it
        gives no tingling, numbness, weakness or reflex change, which is how a normal
        neurological examination points away from a root.
        """
        return lesions.irritate_joint(self, joint, side=side, severity=severity)

    def compress_case(self, case: str) -> Findings:
        """The findings of a preset case from the source texts (see ``model.cases``)."""
        return lesions.compress_case(self, case)

    def localize(self, findings, complete: bool | None = None, top: int | None = None):
        """Rank the lesions (roots, disc levels and zones, nerve sites, joints) that explain
        findings.

        ``findings`` is a Findings object, its table, or a list such as
        ``[("numbness", "dorsum_of_foot"), ("weakness", "extensor_hallucis_longus")]``.
        See :func:`anatomy.engine.localize.localize` for the scoring and the columns.
        """
        return _localize.localize(self, findings, complete=complete, top=top)

    def tell_apart(self, a: str, b: str, side: str = "left") -> pd.DataFrame:
        """The findings that separate two lesions (:func:`anatomy.engine.tell_apart.difference`)."""
        return _localize.difference(self, a, b, side=side)

    def cite(self, findings) -> pd.DataFrame:
        """The citations behind a set of findings (or a list of citation ids), in order of
        first use: the verbatim quote or the reference, and any correction."""
        return cite(self, findings)


def load_model(data_dir=None, sources_dir=None) -> Atlas:
    """Load and validate the model.

    Parameters
    ----------
    data_dir, sources_dir : path, optional
        Where the tables and the source texts are; by default the package's own
        ``anatomy/data`` and ``anatomy/data/sources``.

    Raises
    ------
    anatomy.DataError
        A table is malformed; the message names file, line and column.
    """
    model = read_model(data_dir, sources_dir, cls=Atlas)
    validate_model(model)
    for name in TABLE_NAMES:
        # The file lines are only for the checks' messages; pandas copies attrs on every
        # operation, which made each lookup on a model table three times slower.
        getattr(model, name).attrs.clear()
    return model
