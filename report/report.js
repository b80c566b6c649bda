(function () {
  "use strict";
  // Sortable tables: click a header to sort by that column, again to reverse.
  function cellValue(row, i) {
    var c = row.cells[i];
    return c ? c.textContent.trim() : "";
  }
  function sortTable(th) {
    var table = th.closest("table");
    var body = table.tBodies[0];
    if (!body) return;
    var i = th.cellIndex;
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (r) { var v = cellValue(r, i); return v === "" || v === "–" || !isNaN(Number(v)); });
    rows.sort(function (a, b) {
      var x = cellValue(a, i), y = cellValue(b, i), d;
      if (numeric) { d = (Number(x) || 0) - (Number(y) || 0); } else { d = x.localeCompare(y); }
      return dir === "ascending" ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable th").forEach(function (th) {
    th.setAttribute("tabindex", "0");
    th.addEventListener("click", function () { sortTable(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortTable(th); });
  });

  // Search: filter the rows of the units and entry points tables; open the
  // sections holding matches.
  var search = document.getElementById("search");
  function filter() {
    var q = search.value.trim().toLowerCase();
    document.querySelectorAll("table.filter").forEach(function (table) {
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        var hit = q === "" || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.classList.toggle("hidden", !hit);
        if (hit) shown++;
      });
      if (q !== "" && shown > 0) openAncestors(table);
    });
  }
  if (search) search.addEventListener("input", filter);

  function openAncestors(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  }
  // Links into a closed service section open it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) { openAncestors(el); if (el.tagName === "DETAILS") el.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Clicking a service name highlights it in the diagrams (click again to clear).
  var current = null;
  function highlight(cls) {
    current = current === cls ? null : cls;
    document.querySelectorAll("figure.diagram svg").forEach(function (svg) {
      svg.classList.toggle("dimmed", current !== null);
      svg.querySelectorAll("g.node, g.edge").forEach(function (g) {
        g.classList.toggle("on", current !== null && g.classList.contains(current));
      });
    });
    document.querySelectorAll("details.service").forEach(function (d) {
      d.classList.toggle("hl", current !== null && d.id === "service-" + (current || "").slice(4));
    });
  }
  document.querySelectorAll("a.svc-link").forEach(function (a) {
    a.addEventListener("click", function () { highlight(a.getAttribute("data-svc")); });
  });
  document.querySelectorAll("figure.diagram g.node").forEach(function (g) {
    var cls = Array.prototype.find.call(g.classList, function (c) { return c.indexOf("svc-") === 0; });
    if (!cls || !g.classList.contains("svc")) return;
    g.style.cursor = "pointer";
    g.addEventListener("click", function () { highlight(cls); });
  });

  // Print everything: open every section before printing.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
