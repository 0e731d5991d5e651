/* Offline table enhancer for .cb-table tables: row search, sortable headers, live row count. */
(function () {
  "use strict";
  var n = 0;
  function num(s) {
    var t = s.replace(/[,\s%]/g, "").replace(/^\u2212/, "-");
    return t !== "" && isFinite(t) ? +t : NaN;
  }
  function init(table) {
    var body = table.tBodies[0];
    if (table.cbReady || !body) return;
    table.cbReady = true;
    var rows = [].map.call(body.rows, function (r) {
      return { el: r, text: r.textContent.toLowerCase(), cells: [].map.call(r.cells, function (c) { return c.textContent.trim(); }) };
    });
    var expl = table.closest(".cb-explorer");
    var id = "cb-tsearch-" + ++n;
    var tools = document.createElement("div");
    tools.className = "cb-table-tools";
    tools.innerHTML = '<label for="' + id + '">Search rows</label> <input type="search" class="cb-table-search" id="' + id +
      '" autocomplete="off"> <span class="cb-table-count" role="status" aria-live="polite"></span>';
    table.parentNode.insertBefore(tools, table);
    var input = tools.querySelector("input"), out = tools.querySelector(".cb-table-count");

    function count() {
      var filt = expl && expl.getAttribute("data-mode") === "filter", shown = 0;
      rows.forEach(function (r) {
        var cl = r.el.classList;
        if (!cl.contains("cb-nomatch") && !(filt && cl.contains("cb-off"))) shown++;
      });
      out.textContent = shown + " of " + rows.length + " rows";
    }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      rows.forEach(function (r) { r.el.classList.toggle("cb-nomatch", !!q && r.text.indexOf(q) < 0); });
      count();
    });
    if (expl) expl.addEventListener("cb-explorer:change", count);

    var spans = [].some.call(body.querySelectorAll("td,th"), function (c) { return c.rowSpan > 1; });
    var ths = [];
    if (table.tHead && !spans) [].forEach.call(table.tHead.rows, function (tr) {
      var col = 0;
      [].forEach.call(tr.cells, function (th) {
        var at = col;
        col += th.colSpan || 1;
        if (!th.textContent.trim() || th.colSpan > 1) return;
        var b = document.createElement("button");
        b.type = "button";
        b.className = "cb-sort";
        while (th.firstChild) b.appendChild(th.firstChild);
        th.appendChild(b);
        ths.push(th);
        b.addEventListener("click", function () {
          var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
          ths.forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
          sort(at, dir);
        });
      });
    });
    function sort(at, dir) {
      var keyed = rows.map(function (r, i) {
        var s = r.cells[at] || "";
        if (/^(nan|none|n\/a|[-\u2013\u2014])$/i.test(s)) s = "";
        return { r: r, i: i, s: s, v: num(s) };
      });
      var numeric = keyed.every(function (k) { return k.s === "" || !isNaN(k.v); });
      keyed.sort(function (a, b) {
        if (a.s === "" || b.s === "") return (a.s === "") - (b.s === "") || a.i - b.i; // blanks last
        var d = numeric ? a.v - b.v : a.s.localeCompare(b.s, undefined, { numeric: true, sensitivity: "base" });
        return d * dir || a.i - b.i;
      });
      var frag = document.createDocumentFragment();
      keyed.forEach(function (k) { frag.appendChild(k.r.el); });
      body.appendChild(frag);
      rows = keyed.map(function (k) { return k.r; });
    }
    count();
  }
  function run() {
    [].forEach.call(document.querySelectorAll(".cb-table table"), init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
