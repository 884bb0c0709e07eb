"""Browser-side links for the sliding-window animations (conv, pooling, transposed, backprop).

One invisible ``st.components.v2`` component, mounted by the shell on every run, watches the page
for Plotly animations (``layout.meta.figure`` ending in ``animation``; ``meta.output_traces`` are
the output grids, ``meta.steps`` the number of frames, one per output cell in row-major order):

- hovering or tapping an output cell jumps the animation to that cell's step (its input window is
  outlined by the frame), with ``Plotly.animate`` in the browser: no server round trip;
- the step on screen is kept in the tab's ``sessionStorage`` and shown in the address bar as
  ``<prefix>.step`` (the prefix is the chart key's namespace: ``conv.animation`` → ``conv.step``),
  without a rerun: Streamlit rewrites the address bar from the server's parameters after each run,
  and the component puts the step back;
- a link carrying ``conv.step=N`` opens the animation at step N; when a chart is drawn anew (a
  control changed, the page was reopened in the session) the step is kept while it still exists.
"""

from __future__ import annotations

import streamlit as st

JS = r"""
export default function (component) {
  const w = window;
  if (w.__cnnvizLinks) { w.__cnnvizLinks(); return; }
  const OPTS = {mode: 'immediate', frame: {duration: 0, redraw: true}, transition: {duration: 0}};
  const store = w.sessionStorage;
  const isAnimation = gd => gd.layout && gd.layout.meta && /animation$/.test(String(gd.layout.meta.figure || ''));
  const paramOf = gd => {  // st-key-conv-animation -> conv.step
    const box = gd.closest('[class*="st-key-"]');
    const cls = box ? Array.from(box.classList).find(c => c.startsWith('st-key-')) : null;
    return cls ? cls.slice(7).split(/[.-]/)[0] + '.step' : null;
  };
  const saved = param => {
    const v = store.getItem('cnnviz:' + param);
    return v !== null && /^\d+$/.test(v) ? parseInt(v, 10) : null;
  };
  // A link that carries a step opens there: the URL's steps win once, at page load.
  new URLSearchParams(w.location.search).forEach((v, k) => {
    if (/\.step$/.test(k) && /^\d+$/.test(v)) store.setItem('cnnviz:' + k, v);
  });
  const replace = w.history.replaceState.bind(w.history);
  const syncUrl = () => {  // Streamlit rewrites the address bar from the server's parameters: put the steps back
    const url = new URL(w.location.href);
    let changed = false;
    document.querySelectorAll('.js-plotly-plot').forEach(gd => {
      const param = isAnimation(gd) ? paramOf(gd) : null;
      const step = param ? saved(param) : null;
      if (step === null) return;
      if (step === 0 && url.searchParams.has(param)) { url.searchParams.delete(param); changed = true; }
      else if (step > 0 && url.searchParams.get(param) !== String(step)) {
        url.searchParams.set(param, String(step)); changed = true;
      }
    });
    if (changed) replace(w.history.state, '', url.toString());
  };
  for (const name of ['pushState', 'replaceState']) {
    const original = w.history[name].bind(w.history);
    w.history[name] = (...args) => { original(...args); setTimeout(syncUrl, 0); };
  }
  const go = (gd, step) => { if (w.Plotly) w.Plotly.animate(gd, [String(step)], OPTS); };
  const wire = gd => {
    if (!isAnimation(gd) || gd.__cnnvizLayout === gd.layout) return;
    gd.__cnnvizLayout = gd.layout;
    if (!gd.__cnnvizWired) {
      gd.__cnnvizWired = true;
      const jump = ev => {  // an output cell hovered or tapped: show its step
        const meta = gd.layout.meta, p = ev && ev.points && ev.points[0];
        if (!p || !(meta.output_traces || []).includes(p.curveNumber)) return;
        const z = gd.data[p.curveNumber].z;
        const step = Math.round(p.y) * z[0].length + Math.round(p.x);
        if (step >= 0 && step < meta.steps && String(step) !== gd.__cnnvizStep) go(gd, step);
      };
      gd.on('plotly_click', jump);
      gd.on('plotly_hover', jump);
      gd.on('plotly_animatingframe', ev => {
        const name = String(ev.name), param = paramOf(gd);
        gd.__cnnvizStep = name;
        if (param && /^\d+$/.test(name)) { store.setItem('cnnviz:' + param, name); syncUrl(); }
      });
    }
    gd.__cnnvizStep = '0';
    const param = paramOf(gd), want = param ? saved(param) : null;
    if (want !== null && want > 0 && want < gd.layout.meta.steps) go(gd, want);  // kept while it still exists
    else syncUrl();
  };
  const scan = () => document.querySelectorAll('.js-plotly-plot').forEach(wire);
  w.__cnnvizLinks = scan;
  new MutationObserver(() => { clearTimeout(w.__cnnvizTimer); w.__cnnvizTimer = setTimeout(scan, 120); })
    .observe(document.body, {childList: true, subtree: true});
  scan();
}
"""

_component = None


def mount() -> None:
    """Mount the (invisible) link component; call once per run (the shell does, in the sidebar)."""
    global _component  # one registration per process; the component holds no state
    if _component is None:
        _component = st.components.v2.component("cnnviz_chart_links", js=JS)
    _component(key="app.chart_links", height=0)
