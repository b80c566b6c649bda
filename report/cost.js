(function () {
  "use strict";
  // The chain of services of one entry point's request, drawn on a click:
  // boxes are the services its code runs in, coloured as in the service
  // map, placed left to right by how many remote hops from the entry
  // point's own service they are; arrows are its remote calls between two
  // services, labelled with how many distinct calls, red when some sit in
  // a loop.
  var dataEl = document.getElementById("cost-data");
  var panel = document.getElementById("cost-chain");
  if (!dataEl || !panel) return;
  var data = JSON.parse(dataEl.textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var W = 150, H = 32, GX = 110, GY = 22, PAD = 16;

  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // layers places each service at its distance in hops from the roots
  // (the entry point's service, else the services nothing calls).
  function layers(names, hops, home) {
    var out = {}, succ = {}, called = {};
    names.forEach(function (n) { succ[n] = []; });
    hops.forEach(function (h) { succ[h.from].push(h.to); called[h.to] = true; });
    var roots = names.indexOf(home) >= 0 ? [home] : names.filter(function (n) { return !called[n]; });
    function bfs(start) {
      var queue = [];
      start.forEach(function (n) { if (out[n] === undefined) { out[n] = 0; queue.push(n); } });
      while (queue.length) {
        var n = queue.shift();
        succ[n].forEach(function (m) { if (out[m] === undefined) { out[m] = out[n] + 1; queue.push(m); } });
      }
    }
    bfs(roots);
    names.forEach(function (n) { if (out[n] === undefined) bfs([n]); });
    return out;
  }

  function draw(e) {
    var names = e.services.slice();
    if (e.home && names.indexOf(e.home) < 0) names.unshift(e.home);
    e.hops.forEach(function (h) {
      [h.from, h.to].forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
    });
    var layer = layers(names, e.hops, e.home);
    var cols = [], pos = {};
    names.forEach(function (n) {
      var l = layer[n];
      (cols[l] = cols[l] || []).push(n);
    });
    var rows = 0;
    cols.forEach(function (c, l) {
      c.forEach(function (n, i) { pos[n] = {x: PAD + l * (W + GX), y: PAD + i * (H + GY)}; });
      rows = Math.max(rows, c.length);
    });
    var width = PAD * 2 + Math.max(1, cols.length) * W + Math.max(0, cols.length - 1) * GX;
    var height = PAD * 2 + Math.max(1, rows) * (H + GY) + 24;
    var svg = el("svg", {xmlns: SVG, width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "chain of services of " + e.id, "class": "cost-chain-svg"});
    var defs = el("defs", {});
    ["#555", "#c62828"].forEach(function (c, i) {
      var m = el("marker", {id: "cost-arrow-" + i, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse"});
      m.appendChild(el("path", {d: "M0,0 L10,5 L0,10 z", fill: c}));
      defs.appendChild(m);
    });
    svg.appendChild(defs);
    e.hops.forEach(function (h) {
      var a = pos[h.from], b = pos[h.to], colour = h.loop ? "#c62828" : "#555";
      var x1, y1, x2, y2, d, lx, ly;
      if (b.x > a.x) {
        x1 = a.x + W; y1 = a.y + H / 2; x2 = b.x; y2 = b.y + H / 2;
        d = "M" + x1 + "," + y1 + " C" + (x1 + GX / 2) + "," + y1 + " " + (x2 - GX / 2) + "," + y2 + " " + x2 + "," + y2;
        lx = x2 - 4; ly = y2 - 5; // by the arrow's head: heads never share a box side
      } else {
        // A call back to an earlier or the same column: an arc below.
        x1 = a.x + W / 2 + 10; y1 = a.y + H; x2 = b.x + W / 2 - 10; y2 = b.y + H;
        var dip = Math.max(y1, y2) + GY + 6;
        d = "M" + x1 + "," + y1 + " C" + x1 + "," + dip + " " + x2 + "," + dip + " " + x2 + "," + y2;
        lx = (x1 + x2) / 2; ly = dip - 2;
      }
      svg.appendChild(el("path", {d: d, fill: "none", stroke: colour, "stroke-width": 1.5, "marker-end": "url(#cost-arrow-" + (h.loop ? 1 : 0) + ")",
        "class": "cost-hop", "data-from": h.from, "data-to": h.to}));
      var label = h.calls + (h.calls === 1 ? " call" : " calls") + (h.loop ? ", " + h.loop + " in a loop" : "");
      svg.appendChild(el("text", {x: lx, y: ly, "text-anchor": b.x > a.x ? "end" : "middle", "font-size": 11, fill: colour}, label));
    });
    names.forEach(function (n) {
      var p = pos[n], g = el("g", {"class": "cost-svc", "data-svc": n});
      g.appendChild(el("rect", {x: p.x, y: p.y, width: W, height: H, rx: 5, fill: data.colours[n] || "#eeeeee",
        stroke: n === e.home ? "#111" : "#888", "stroke-width": n === e.home ? 2 : 1}));
      g.appendChild(el("text", {x: p.x + W / 2, y: p.y + H / 2 + 4, "text-anchor": "middle", "font-size": 12, fill: "#111"}, n));
      svg.appendChild(g);
    });
    return svg;
  }

  function show(i) {
    var e = data.entries[i];
    if (!e) return;
    document.getElementById("cost-chain-title").textContent = e.id;
    var calls = e.hops.reduce(function (s, h) { return s + h.calls; }, 0);
    document.getElementById("cost-chain-note").textContent = calls === 0
      ? (e.services.length ? "no remote call" : "no service's code")
      : calls + (calls === 1 ? " remote call" : " remote calls") + ", depth " + e.depth + ", " + e.services.length + " services";
    var box = document.getElementById("cost-chain-svg");
    box.textContent = "";
    box.appendChild(draw(e));
    panel.hidden = false;
  }

  document.querySelectorAll("#cost-table a.cost-ep").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      show(Number(a.getAttribute("data-cost")));
    });
  });
  document.getElementById("cost-chain-close").addEventListener("click", function () { panel.hidden = true; });
})();
