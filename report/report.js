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

  // Lazy tables: a big units table comes as a JSON string of its rows'
  // HTML in the script after it (lazyRows in template.go), made rows when
  // its section opens, a search runs or a link points into it.
  function materialize(table) {
    var s = table.nextElementSibling;
    if (!s || !s.classList.contains("lazy-rows")) return;
    table.tBodies[0].innerHTML = JSON.parse(s.textContent);
    s.parentNode.removeChild(s);
  }
  function materializeAll() {
    document.querySelectorAll("script.lazy-rows").forEach(function (s) { materialize(s.previousElementSibling); });
  }
  // A table already in view (every section around it open) is filled now.
  document.querySelectorAll("script.lazy-rows").forEach(function (s) {
    var t = s.previousElementSibling, d = t.closest("details");
    while (d && d.open) d = d.parentElement && d.parentElement.closest("details");
    if (!d) materialize(t);
  });
  document.querySelectorAll("details").forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (!d.open) return;
      d.querySelectorAll("table.filter").forEach(function (t) { if (t.closest("details") === d) materialize(t); });
    });
  });

  // Search: filter the rows of the units and entry points tables, open the
  // sections holding matches, and close again those it opened once they
  // hold none (or the box is cleared).
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var opened = [];
  function filter() {
    var q = search.value.trim().toLowerCase();
    var want = [], total = 0, hits = 0;
    if (q !== "") materializeAll();
    document.querySelectorAll("table.filter").forEach(function (table) {
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        var hit = q === "" || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.classList.toggle("hidden", !hit);
        if (hit) shown++;
      });
      total += table.tBodies[0].rows.length;
      hits += shown;
      table.classList.toggle("empty", shown === 0);
      if (q !== "" && shown > 0) {
        for (var d = table.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) want.push(d);
      }
    });
    opened = opened.filter(function (d) {
      if (want.indexOf(d) >= 0) return true;
      d.open = false;
      return false;
    });
    want.forEach(function (d) {
      if (!d.open) { d.open = true; opened.push(d); }
    });
    if (count) count.textContent = q === "" ? "" : hits + " of " + total + " rows";
  }
  if (search) {
    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { search.value = ""; filter(); }
    });
  }

  function openAncestors(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  }
  // Links into a closed service section open it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (id && !el && document.querySelector("script.lazy-rows")) {
      materializeAll();
      el = document.getElementById(id);
      if (el) el.scrollIntoView();
    }
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

  // Diagrams fit the page width unless that brings their smallest label
  // under 11 px; then they are drawn with that label at 11 px, and scroll.
  // A button switches.
  var minLabel = 11;
  function smallestFont(svg) {
    var min = Infinity;
    svg.querySelectorAll("text").forEach(function (t) {
      var f = parseFloat(t.getAttribute("font-size"));
      if (f > 0 && f < min) min = f;
    });
    return min;
  }
  function sizeDiagram(fig) {
    var svg = fig.querySelector("svg");
    var cap = fig.querySelector("figcaption");
    if (!svg || !cap || fig.querySelector("button.size")) return;
    var natural = svg.width && svg.width.baseVal ? svg.width.baseVal.value : 0;
    var room = fig.clientWidth - 16;
    if (!(natural > room)) return; // fits as it is
    var box = svg.viewBox && svg.viewBox.baseVal;
    var units = box && box.width > 0 ? box.width : natural; // font sizes are in viewBox units
    var font = smallestFont(svg);
    // The width at which the smallest label is 11 px, never over natural.
    var readable = isFinite(font) ? Math.min(natural, minLabel * units / font) : natural;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "size";
    function set(large) {
      fig.classList.toggle("actual", large);
      svg.style.width = large ? readable + "px" : "";
      btn.textContent = large ? "Fit to width" : "Labels at 11 px";
    }
    btn.addEventListener("click", function () { set(!fig.classList.contains("actual")); });
    cap.appendChild(btn);
    set(readable > room);
  }
  document.querySelectorAll("figure.diagram").forEach(function (fig) {
    if (fig.offsetParent !== null) { sizeDiagram(fig); return; }
    // In a folded section: size it when the section opens.
    var d = fig.closest("details");
    if (d) d.addEventListener("toggle", function () { if (fig.offsetParent !== null) sizeDiagram(fig); });
  });

  // Print everything: open every section before printing.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
