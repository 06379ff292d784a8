// The body map's helper in the browser (anatomy/widgets/figure_channel.py, class Keeper).
// One small module, so that each widget adds one light model to the page, not two: every
// anywidget model must start within anywidget's 2 s, and the page is busy then with plotly.
//
// 1. It keeps every view of a plotly FigureWidget taking its updates (initialize).
// 2. It sizes the widget's figure to the room, in each frame it is placed in (render).

// --- 1. Every view takes its updates ----------------------------------------------------
//
// plotly's FigureWidget (plotly 7.1, on anywidget) adds each view's update handlers to the
// widget model and never removes them. When a view goes (its cell is run again, or its
// output cleared), its handler stays and throws at the next update, because plotly.js has
// purged that view's plot; Backbone then skips every handler added after it, so every later
// view of the figure stops updating. The guard runs each of plotly's handlers on its own:
// one that throws is reported as a warning, and the others still run.

const GUARDED = Symbol.for("anatomy.guarded");

// anywidget registers what a widget's code adds at start-up under this context.
const isPlotlyHandler = (context) =>
  typeof context === "symbol" && context.description === "anywidget.initialize";

function isolate(callback) {
  if (typeof callback !== "function" || callback[GUARDED]) return callback;
  const isolated = function (...args) {
    try {
      return callback.apply(this, args);
    } catch (error) {
      console.warn("[anatomy] a view of the body map that was removed skipped an update:", error);
      return undefined;
    }
  };
  isolated[GUARDED] = true;
  isolated._callback = callback._callback || callback; // Backbone's off(name, callback)
  return isolated;
}

function guard(figure) {
  if (figure[GUARDED]) return;
  figure[GUARDED] = true;
  for (const handlers of Object.values(figure._events || {})) {
    for (const handler of handlers) {
      if (isPlotlyHandler(handler.context)) handler.callback = isolate(handler.callback);
    }
  }
  const on = figure.on;
  figure.on = function (name, callback, context) {
    const wrapped = isPlotlyHandler(context) ? isolate(callback) : callback;
    return on.call(this, name, wrapped, context);
  };
}

// --- 2. The figure fits the room -----------------------------------------------------------
//
// A figure is drawn at a fixed size; this scales it (a CSS transform, which plotly.js
// accounts for when it places hover labels) to the width its row leaves it and, for a
// presenter's view, to the height of the screen below the controls. So it grows on a
// large screen and never runs past a small one. Without this code the figure keeps its
// drawn size and its box scrolls.

const LIMITS = { normal: [0.55, 1.45], presenter: [0.4, 2.2], compact: [0.4, 0.7] };
const MARGIN = 12; // px kept free below a presenter's figure

function kindOf(frame) {
  if (frame.classList.contains("compact")) return "compact";
  return frame.classList.contains("presenter") ? "presenter" : "normal";
}

// The pane the widget is seen in: the nearest ancestor that scrolls its content (JupyterLab's
// notebook panel), or null for the page itself (Voila). An output area that only clips is not.
function scroller(el) {
  for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    const pane = node.scrollHeight > node.clientHeight + 1 || node.matches(".jp-WindowedPanel-outer");
    if ((overflow === "auto" || overflow === "scroll") && pane) return node;
  }
  return null;
}

function px(value) {
  const number = parseFloat(value);
  return Number.isFinite(number) ? number : 0;
}

function fit(frame) {
  const box = [...frame.querySelectorAll(".anatomy-figure")].find(
    (b) => b.closest(".anatomy-explorer") === frame,
  );
  const svg = box && box.querySelector(".main-svg");
  const row = box && box.parentElement;
  if (!svg || !row || !frame.clientWidth) return false;
  const width = px(svg.getAttribute("width"));
  const height = px(svg.getAttribute("height"));
  if (!width || !height) return false;
  const kind = kindOf(frame);
  let room = row.clientWidth;
  if (getComputedStyle(row).flexDirection.startsWith("row")) {
    const gap = px(getComputedStyle(row).columnGap);
    for (const other of row.children) {
      if (other !== box && other.offsetParent !== null) {
        room -= px(getComputedStyle(other).minWidth) + gap;
      }
    }
  }
  let scale = room / width;
  const page = scroller(frame);
  const screen = page ? page.clientHeight : window.innerHeight;
  if (kind === "presenter") {
    // One screen. In JupyterLab's notebook the lecturer brings the frame to the top of the
    // pane (it scrolls past the last cell); on a page of its own (Voila) the page is the
    // screen, from its top.
    const boxTop = box.getBoundingClientRect().top;
    const notebook = frame.closest(".jp-WindowedPanel-outer");
    let free;
    if (notebook) {
      free = notebook.clientHeight - (boxTop - frame.getBoundingClientRect().top);
    } else if (page) {
      free = page.clientHeight - (boxTop - page.getBoundingClientRect().top + page.scrollTop);
    } else {
      free = window.innerHeight - (boxTop + window.scrollY);
    }
    scale = Math.min(scale, (free - MARGIN) / height);
  } else if (kind === "normal") {
    scale = Math.min(scale, (screen - 2 * MARGIN) / height);
  }
  const [low, high] = LIMITS[kind];
  scale = Math.max(low, Math.min(high, scale));
  const now = px(box.style.getPropertyValue("--anatomy-scale")) || 1;
  if (Math.abs(now - scale) < 0.005 && box.dataset.fitted) return true;
  box.style.setProperty("--anatomy-scale", scale.toFixed(3));
  box.style.width = `${Math.floor(width * scale)}px`;
  box.style.height = `${Math.floor(height * scale)}px`;
  row.style.setProperty("--anatomy-aside-height", `${Math.floor(height * scale)}px`);
  box.dataset.fitted = "1";
  return true;
}

// The figure's model, once the page has it (on a reload all models arrive together).
async function figureModel(manager, id) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await manager.get_model(id);
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export default {
  initialize({ model }) {
    const start = () => {
      const id = model.get("figure");
      if (!id) return;
      figureModel(model.widget_manager, id)
        .then((figure) => {
          guard(figure);
          model.set("guarding", true);
          model.save_changes();
        })
        .catch((error) => console.warn("[anatomy] the body map's guard could not start:", error));
    };
    model.on("change:figure", start);
    start(); // not awaited: anywidget gives a model 2 s to start
  },

  render({ el }) {
    el.classList.add("anatomy-fit");
    let frame = null;
    let queued = false;
    let stopped = false;
    // Until the figure has been drawn, watch the frame's content; then only its size.
    const drawn = new MutationObserver(() => later());
    const later = () => {
      if (queued || stopped) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        if (frame && fit(frame)) drawn.disconnect();
      });
    };
    const resize = new ResizeObserver(later);
    const start = () => {
      if (stopped) return;
      frame = el.closest(".anatomy-explorer");
      if (!frame) {
        requestAnimationFrame(start); // not in the page yet
        return;
      }
      resize.observe(frame);
      const page = scroller(frame);
      if (page) resize.observe(page);
      drawn.observe(frame, { childList: true, subtree: true });
      window.addEventListener("resize", later);
      later();
    };
    requestAnimationFrame(start);
    return () => {
      stopped = true;
      resize.disconnect();
      drawn.disconnect();
      window.removeEventListener("resize", later);
    };
  },
};
