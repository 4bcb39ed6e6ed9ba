// The course chart (helpers/activities/chart_widget.py): one plotly chart, plotly.js loaded once per page.
//
// plotly.js never travels in widget state. The first chart drawn on a page asks its kernel for the bundle
// (a custom message; the answer carries the script as a binary buffer) and keeps the loaded library in a
// promise on `globalThis`, so every later chart on the page - other explorers, other notebooks open in the
// same JupyterLab or Notebook 7 page, charts made after a kernel restart - reuses it and asks for nothing.
// Updates arrive as custom messages holding only the changed properties ("y", "line.color", "xaxis.range").

const LIBRARIES = "__courseChartPlotly";   // on globalThis: {basic: Promise, full: Promise}
const BUNDLE_TIMEOUT_MS = 120000;

function libraries() {
  globalThis[LIBRARIES] = globalThis[LIBRARIES] || {};
  return globalThis[LIBRARIES];
}

// plotly.js for a chart that needs `kind` ("basic" or "full"); the full bundle also serves basic charts.
function plotlyFor(model, kind) {
  const loaded = libraries();
  if (loaded.full) return loaded.full;
  if (kind === "basic" && loaded.basic) return loaded.basic;
  loaded[kind] = requestBundle(model, kind);
  loaded[kind].catch(() => { delete loaded[kind]; });   // a failed load may be asked for again
  return loaded[kind];
}

function requestBundle(model, kind) {
  return new Promise((resolve, reject) => {
    // No answer (a notebook reopened from saved widget state, with no kernel behind it): say how to draw it.
    const timer = setTimeout(() => reject(new Error("plotly.js comes from the kernel: run this cell to draw "
                                                    + "the chart")), BUNDLE_TIMEOUT_MS);
    const onMessage = (message, buffers) => {
      if (!message || message.type !== "bundle" || message.kind !== kind) return;
        clearTimeout(timer);
      runScript(new Blob([buffers[0]], { type: "text/javascript" })).then(resolve, reject);
    };
    model.on("msg:custom", onMessage);
    model.send({ type: "bundle-request", kind });
  });
}

// Run plotly's UMD script as a classic script and take the `Plotly` it defines, leaving any other
// `window.Plotly` (a page's own copy) as it was.
function runScript(blob) {
  return new Promise((resolve, reject) => {
    const before = Object.getOwnPropertyDescriptor(window, "Plotly");
    const script = document.createElement("script");
    script.src = URL.createObjectURL(blob);
    script.onload = () => {
      const plotly = window.moduleName || window.Plotly;
      delete window.moduleName;
      if (before) Object.defineProperty(window, "Plotly", before);
      URL.revokeObjectURL(script.src);
      script.remove();
      plotly ? resolve(plotly) : reject(new Error("plotly.js did not load"));
    };
    script.onerror = () => reject(new Error("plotly.js did not load"));
    document.head.appendChild(script);
  });
}

// A copy of `target` with each "a.b.c" path of `changes` set to its value (untouched branches are shared).
function withChanges(target, changes) {
  const result = { ...target };
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    let node = result;
    for (const key of keys.slice(0, -1)) {
      node[key] = { ...(node[key] || {}) };
      node = node[key];
    }
    node[keys[keys.length - 1]] = value;
  }
  return result;
}

// Once per model: apply each update to the model's figure; every view of it redraws on "change:figure".
function initialize({ model }) {
  const onMessage = (message) => {
    if (!message || message.type !== "update") return;
    const figure = model.get("figure");
    const data = figure.data.map((trace, i) => (message.traces[i] ? withChanges(trace, message.traces[i]) : trace));
    model.set("figure", { data, layout: withChanges(figure.layout, message.layout) });
  };
  model.on("msg:custom", onMessage);
  return () => model.off("msg:custom", onMessage);
}

function render({ model, el }) {
  const note = document.createElement("p");
  note.className = "course-chart-note";
  note.textContent = "Loading the chart…";
  const plot = document.createElement("div");
  plot.className = "course-chart";
  el.append(note, plot);
  let closed = false;
  // Draws run one after another; updates that arrive while one is queued are drawn together.
  let drawn = Promise.resolve();
  let queued = false;
  const draw = (plotly) => {
    if (queued) return drawn;
    queued = true;
    drawn = drawn.then(() => {
      queued = false;
      if (closed) return undefined;
      const figure = model.get("figure");
      return plotly.react(plot, figure.data, figure.layout, model.get("config"));
    });
    return drawn;
  };
  const ready = plotlyFor(model, model.get("bundle")).then((plotly) => { note.remove(); draw(plotly); return plotly; });
  ready.catch((error) => { note.textContent = `The chart is not drawn yet (${error.message}).`; });

  const onChange = () => { ready.then(draw); };
  model.on("change:figure", onChange);
  return () => {
    closed = true;
    model.off("change:figure", onChange);
    ready.then((plotly) => plotly.purge(plot));
  };
}

export default { initialize, render };
