/* Explorers on paper (site.css, @media print): a control cannot be used there, so under each explorer's
   controls a line per control names the value on screen and the other choices. Kept current on every change. */
(function () {
  "use strict";
  function line(root) {
    var form = root.querySelector(".cb-controls");
    if (!form) return;
    var out = form.nextElementSibling;
    if (!out || !out.classList.contains("cb-print-controls")) {
      out = document.createElement("div");
      out.className = "cb-print-controls";
      form.after(out);
    }
    out.textContent = "";
    if (/^cbx-quiz-/.test(root.id || "")) return quiz(form, out);
    [].forEach.call(form.querySelectorAll(".cb-control"), function (c) {
      var range = c.type === "range", all = [], at = range ? c.value - (c.min || 0) : c.selectedIndex;
      if (range) { try { all = JSON.parse(c.getAttribute("data-labels") || c.getAttribute("data-values")) || []; } catch (e) { all = []; } }
      else all = [].map.call(c.options, function (o) { return o.textContent.trim(); });
      var label = form.querySelector('label[for="' + c.id + '"]'), p = out.appendChild(document.createElement("p"));
      var others = all.filter(function (_, i) { return i !== at; });
      p.appendChild(document.createElement("strong")).textContent = (label ? label.textContent.trim() : c.name) + ": ";
      p.append((all[at] || c.value) + " (shown)" + (others.length ? "; other choices: " + others.join(" \u00b7 ") : ""));
    });
  }
  // A quiz question on paper: its options lettered A, B, … and a space for the answer (no state "shown").
  function quiz(form, out) {
    var c = form.querySelector("select.cb-control"), opts = c ? [].slice.call(c.options, 1) : [];
    var short = opts.length === 1, list = out.appendChild(document.createElement("ol"));
    list.type = "A";
    if (!short) opts.forEach(function (o) { list.appendChild(document.createElement("li")).textContent = o.textContent.trim(); });
    var p = out.appendChild(document.createElement("p"));
    p.className = short ? "cb-print-answer cb-print-lines" : "cb-print-answer";
    p.textContent = short ? "Your answer:" : "Your answer (letter): ______";
  }
  document.addEventListener("cb-explorer:change", function (e) { line(e.target); });
  function run() { [].forEach.call(document.querySelectorAll(".cb-explorer"), line); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
