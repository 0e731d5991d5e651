/* Kernel-free explorer (notes/explorer_contract.md). Local, no dependencies. */
(function () {
  "use strict";
  function init(root) {
    var spec, node = root.querySelector("script.cb-states");
    if (root.cbReady || !node) return;
    try { spec = JSON.parse(node.textContent); } catch (e) { return; }
    root.cbReady = true;
    var form = root.querySelector(".cb-controls"), all = form ? form.querySelectorAll(".cb-control") : [];
    var ctrls = (spec.controls || []).map(function (name, i) {
      for (var j = 0; j < all.length; j++) if (all[j].name === name) return all[j];
      return all[i];
    }).filter(Boolean);
    ctrls.forEach(function (c) {
      if (c.type !== "range") return;
      try { c.cbValues = JSON.parse(c.getAttribute("data-values")); } catch (e) { /* use raw value */ }
      try { c.cbLabels = JSON.parse(c.getAttribute("data-labels")); } catch (e) { /* use value */ }
    });
    var pre = root.id + "-k-", view = root.querySelector(".cb-view");
    var items = [].map.call(view ? view.querySelectorAll('[id^="' + pre + '"]') : [], function (el) {
      return [el, el.id.slice(pre.length).split("--")[0]]; // KEY--PART belongs to item KEY
    });
    var panels = [].slice.call(root.querySelectorAll(".cb-panel"));
    var steps = [].slice.call(root.querySelectorAll(".cb-step"));
    var last = null;

    function value(c) {
      return c.cbValues ? String(c.cbValues[+c.value]) : c.value;
    }
    function update() {
      var key = ctrls.map(value).join("|");
      if (key === last) return;
      last = key;
      var st = (spec.states || {})[key] || {}, on = st.on ? new Set(st.on) : null;
      for (var i = 0; i < items.length; i++) {
        var o = !on || on.has(items[i][1]), cl = items[i][0].classList;
        cl.toggle("cb-on", o);
        cl.toggle("cb-off", !o);
      }
      for (i = 0; i < panels.length; i++) panels[i].hidden = panels[i].getAttribute("data-state") !== st.panel;
      ctrls.forEach(function (c) {
        if (c.cbValues) c.setAttribute("aria-valuetext", c.cbLabels ? c.cbLabels[+c.value] : value(c));
      });
      var f = ctrls[0], pos = f ? (f.type === "range" ? +f.value - +f.min : f.selectedIndex) : 0;
      var max = f ? (f.type === "range" ? +f.max - +f.min : f.options.length - 1) : 0;
      steps.forEach(function (b) {
        var d = +b.getAttribute("data-step");
        b.setAttribute("aria-disabled", String(d < 0 ? pos <= 0 : pos >= max));
      });
      root.setAttribute("data-state", key);
      root.dispatchEvent(new CustomEvent("cb-explorer:change", { bubbles: true, detail: { state: key } }));
    }
    function step(e) {
      var c = ctrls[0], d = +e.currentTarget.getAttribute("data-step");
      if (!c || !d) return;
      if (c.type === "range") {
        c.value = Math.max(+c.min, Math.min(+c.max, +c.value + d * (+c.step || 1)));
      } else {
        c.selectedIndex = Math.max(0, Math.min(c.options.length - 1, c.selectedIndex + d));
      }
      update();
    }
    if (form) {
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
    }
    steps.forEach(function (b) { b.addEventListener("click", step); });
    update(); // re-sync with form values the browser may have restored
  }
  function run() {
    [].forEach.call(document.querySelectorAll(".cb-explorer"), init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
