"""Figures (plotly only): the body map, the pathways Sankey, the nerve-tension view.

Modules: :mod:`~anatomy.viz.body_map` (the figure) and :mod:`~anatomy.viz.map_state`
(its plan and overlays), :mod:`~anatomy.viz.pathways`, :mod:`~anatomy.viz.tension_view`
with :mod:`~anatomy.viz.side_view` (the posed body), :mod:`~anatomy.viz.geometry` (the
drawing, read from the package's data) and :mod:`~anatomy.viz.theme` (every colour
and size). Imports go down only: :mod:`anatomy.text`, :mod:`anatomy.engine`,
:mod:`anatomy.model`.
"""
