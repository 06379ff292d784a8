"""Accessible names and states for a view's controls, and a text alternative for its plot.

ipywidgets gives its controls no accessible names of their own: a slider's handle
has the ARIA role ``slider`` but no name (its visible label is not tied to it), and
ToggleButtons are plain buttons that do not say which one is selected. A plotly
figure reaches a screen reader as every label of its drawing read as one string.

:class:`Accessible` is a small anywidget, one per view (``base.frame`` adds it),
that fixes this in the browser for everything inside its view: each slider's handle
and readout are named after the slider's visible label, each group of toggle
buttons becomes a named group whose buttons say whether they are pressed
(``aria-pressed``, kept current as the selection changes), each set of radio
buttons a named radio group (by its label, or else its tooltip), and the view's
plot an image named by ``summary`` (the drawing's text hidden from assistive
technology; its modebar stays usable).
It draws nothing and fetches nothing; it works the same in JupyterLab and Voila.
"""

from __future__ import annotations

import anywidget
import traitlets

# Plain ES module: anywidget loads it from the widget's own state (no network).
ESM = r"""
// A control's visible label; else its tooltip (ipywidgets puts it on the hidden label).
const label = (box) => {
  const node = box && box.querySelector(":scope > .widget-label");
  if (!node) return "";
  const tip = node.getAttribute("title");
  return node.textContent.trim().replace(/:$/, "") || (tip && tip !== "null" ? tip : "");
};
const set = (node, name, value) => {
  if (node && value && node.getAttribute(name) !== value) node.setAttribute(name, value);
};

function annotate(root, summary) {
  for (const box of root.querySelectorAll(".widget-slider")) {
    const name = label(box);
    set(box.querySelector(".noUi-handle"), "aria-label", name);
    set(box.querySelector(".widget-readout"), "aria-label", name && `${name}, value`);
  }
  for (const box of root.querySelectorAll(".widget-toggle-buttons")) {
    const first = box.querySelector("button");
    if (!first) continue;
    set(first.parentElement, "role", "group");
    set(first.parentElement, "aria-label", label(box));
    for (const button of box.querySelectorAll("button")) {
      set(button, "aria-pressed", button.classList.contains("mod-active") ? "true" : "false");
    }
  }
  for (const box of root.querySelectorAll(".widget-radio")) {
    const group = box.querySelector(".widget-radio-box");
    set(group, "role", "radiogroup");
    set(group, "aria-label", label(box));
  }
  const plot = root.querySelector(".js-plotly-plot");
  if (plot && summary) {
    plot.querySelectorAll("svg.main-svg").forEach((svg, i) => {
      if (i === 0) {
        set(svg, "role", "img");
        set(svg, "aria-label", summary);
      } else {
        set(svg, "aria-hidden", "true");
      }
    });
  }
}

function render({ model, el }) {
  el.style.display = "none";
  let observer = null, pending = false, tries = 0, root = null;
  const run = () => {
    pending = false;
    if (root) annotate(root, model.get("summary"));
  };
  const soon = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(run);
    }
  };
  const attach = () => {
    root = el.isConnected ? el.closest(".anatomy-explorer") : null;
    if (!root) {
      if (tries++ < 600) requestAnimationFrame(attach);
      return;
    }
    observer = new MutationObserver(soon);
    observer.observe(root, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["class"],
    });
    run();
  };
  attach();
  model.on("change:summary", soon);
  return () => {
    if (observer) observer.disconnect();
    model.off("change:summary", soon);
  };
}
export default { render };
"""


class Accessible(anywidget.AnyWidget):
    """Names the controls of the view it is placed in, and describes the view's plot.

    Parameters
    ----------
    summary : str
        The plot's text alternative (empty: the plot is left as plotly draws it).
    """

    _esm = ESM
    summary = traitlets.Unicode("").tag(sync=True)
