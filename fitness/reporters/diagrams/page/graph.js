// fitness graph as a page: the document in #fitness-graph drawn as layered SVG.
// No library and no network. Names from the repository enter the DOM only
// through textContent and setAttribute, never as markup.
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg"; // a namespace name, never fetched
  var doc = JSON.parse(document.getElementById("fitness-graph").textContent);
  var modules = doc.modules || [];
  var imports = doc.imports || [];
  var report = doc.report || null;
  var findings = report ? report.findings.concat(report.baselined || []) : [];
  var expanded = {}; // package name -> true while drawn opened
  var highlighted = null;
  var chosenEdge = null;

  function el(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function html(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function byName(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function under(module, name) { return module === name || module.indexOf(name + ".") === 0; }
  // A drawn node opens when it holds modules no other drawn node holds.
  function expandable(name, shown) {
    return modules.some(function (m) { return m.indexOf(name + ".") === 0 && holder(m, shown) === name; });
  }

  // The nodes drawn: the document's, each opened package replaced by its children.
  function visibleNodes() {
    var shown = [];
    function add(name) {
      if (!expanded[name]) { shown.push(name); return; }
      var children = {};
      modules.forEach(function (m) {
        if (m === name) children[name] = true;
        else if (m.indexOf(name + ".") === 0) {
          children[name + "." + m.slice(name.length + 1).split(".")[0]] = true;
        }
      });
      Object.keys(children).sort(byName).forEach(function (child) {
        if (child === name) shown.push(name); else add(child);
      });
    }
    doc.nodes.map(function (n) { return n.name; }).forEach(add);
    return shown;
  }

  // The drawn node that holds `module`: the longest drawn name it is under.
  function holder(module, shown) {
    var best = null;
    shown.forEach(function (name) {
      if (under(module, name) && (best === null || name.length > best.length)) best = name;
    });
    return best;
  }

  // Edges between drawn nodes, each with the module imports and findings behind it.
  function visibleEdges(shown) {
    var edges = {};
    function edge(source, target) {
      var key = source + "\u0000" + target;
      if (!edges[key]) {
        edges[key] = { source: source, target: target, imports: 0, type_checking: 0, dynamic: 0,
          violations: {}, behind: [], findings: {} };
      }
      return edges[key];
    }
    var opened = Object.keys(expanded).length > 0 || !doc.edges;
    imports.forEach(function (imp) {
      var s = holder(imp.source, shown), t = holder(imp.target, shown);
      if (s === null || t === null || s === t) return;
      var e = edge(s, t);
      e.behind.push(imp);
      var rules = {};
      (imp.findings || []).forEach(function (i) {
        e.findings[i] = true;
        if (findings[i]) rules[findings[i].rule] = true;
      });
      if (opened) {
        e.imports += imp.imports; e.type_checking += imp.type_checking; e.dynamic += imp.dynamic;
        Object.keys(rules).forEach(function (r) { e.violations[r] = (e.violations[r] || 0) + imp.imports; });
      }
    });
    if (!opened) { // as the document says: the edges a producer summed
      var keep = {};
      doc.edges.forEach(function (d) {
        var e = edge(d.source, d.target);
        e.imports = d.imports; e.type_checking = d.type_checking; e.dynamic = d.dynamic;
        e.violations = {};
        d.violations.forEach(function (v) { e.violations[v.rule] = v.imports; });
        keep[d.source + "\u0000" + d.target] = true;
      });
      Object.keys(edges).forEach(function (k) { if (!keep[k]) delete edges[k]; });
    }
    return Object.keys(edges).sort(byName).map(function (k) { return edges[k]; });
  }

  // Layers: the document's ranks side by side, top to bottom (a package opened
  // below a rank stays in it, its modules in longest-path order); the other
  // nodes by longest path; cycles broken by a DFS in name order.
  function layering(shown, edges) {
    var rankOf = {};
    (doc.ranks || []).forEach(function (rank, i) { rank.forEach(function (n) { rankOf[n] = i; }); });
    function group(name) {
      var parts = name.split(".");
      for (var end = parts.length; end > 0; end--) {
        var prefix = parts.slice(0, end).join(".");
        if (prefix in rankOf) return rankOf[prefix];
      }
      return -1;
    }
    var out = {}, back = {}, state = {};
    shown.forEach(function (n) { out[n] = []; });
    edges.forEach(function (e) { out[e.source].push(e.target); });
    function visit(n) {
      state[n] = 1;
      out[n].slice().sort(byName).forEach(function (t) {
        if (state[t] === 1) back[n + "\u0000" + t] = true;
        else if (!state[t]) visit(t);
      });
      state[n] = 2;
    }
    shown.slice().sort(byName).forEach(function (n) { if (!state[n]) visit(n); });
    var forward = edges.filter(function (e) {
      if (back[e.source + "\u0000" + e.target]) return false;
      if (e.source in rankOf && e.target in rankOf) return false; // the ranks place both
      var gs = group(e.source), gt = group(e.target);
      return gt < 0 || (gs >= 0 && gs <= gt); // an upward edge across ranks does not push
    });
    var layer = {};
    function settle(names, base) {
      names.forEach(function (n) { layer[n] = base; });
      for (var pass = 0, changed = true; changed && pass <= shown.length; pass++) {
        changed = false;
        forward.forEach(function (e) {
          if (names.indexOf(e.target) >= 0 && e.source in layer && layer[e.target] < layer[e.source] + 1) {
            layer[e.target] = layer[e.source] + 1; changed = true;
          }
        });
      }
    }
    var base = 0;
    (doc.ranks || []).forEach(function (rank, i) {
      var names = shown.filter(function (n) { return group(n) === i; });
      if (!names.length) return;
      settle(names, base);
      names.forEach(function (n) { base = Math.max(base, layer[n] + 1); });
    });
    settle(shown.filter(function (n) { return group(n) < 0; }), 0);
    var used = Object.keys(layer).map(function (n) { return layer[n]; })
      .filter(function (l, i, all) { return all.indexOf(l) === i; }).sort(function (a, b) { return a - b; });
    shown.forEach(function (n) { layer[n] = used.indexOf(layer[n]); }); // no empty rows
    return layer;
  }

  // Rows of nodes, and a point in each row an edge passes (its lane), so long
  // edges go round nodes instead of through them.
  function rowsOf(shown, edges, layer) {
    var rows = [];
    shown.forEach(function (n) { (rows[layer[n]] = rows[layer[n]] || []).push(n); });
    var links = [];
    edges.forEach(function (e, i) {
      var a = layer[e.source], b = layer[e.target], step = a < b ? 1 : -1;
      e.points = [e.source];
      for (var r = a + step; r !== b && a !== b; r += step) {
        var lane = "\u0001" + i + ":" + r;
        rows[r].push(lane);
        e.points.push(lane);
      }
      e.points.push(e.target);
      for (var k = 1; k < e.points.length; k++) links.push([e.points[k - 1], e.points[k]]);
    });
    return order(rows, links);
  }

  // Within a row: name order, then four sweeps placing each at the mean position
  // of its neighbours in the row above (down) or below (up); ties keep the order.
  function order(rows, links) {
    rows.forEach(function (row) { row.sort(byName); });
    var position = {}, rowOf = {};
    function remember() {
      rows.forEach(function (row, r) { row.forEach(function (n, i) { position[n] = i / Math.max(1, row.length - 1); rowOf[n] = r; }); });
    }
    remember();
    for (var sweep = 0; sweep < 4; sweep++) {
      var down = sweep % 2 === 0;
      rows.forEach(function (_, k) {
        var r = down ? k : rows.length - 1 - k, mean = {};
        rows[r].forEach(function (n, i) {
          var sum = 0, count = 0;
          links.forEach(function (link) {
            var other = link[0] === n ? link[1] : link[1] === n ? link[0] : null;
            if (other !== null && rowOf[other] === r + (down ? -1 : 1)) { sum += position[other]; count++; }
          });
          mean[n] = (count ? sum / count : position[n]) + i * 1e-9;
        });
        rows[r].sort(function (a, b) { return mean[a] - mean[b]; });
        remember();
      });
    }
    return rows;
  }

  var ROW = 120, GAP = 56, HEIGHT = 40, LANE = 40, CHAR = 7.3, MARGIN = 30;
  function lane(name) { return name.charAt(0) === "\u0001"; }

  function place(rows) {
    var box = {}, widest = 0;
    rows.forEach(function (row) {
      var x = 0;
      row.forEach(function (n) {
        var w = lane(n) ? LANE : Math.max(90, n.length * CHAR + 24);
        box[n] = { x: x, y: 0, w: w, h: lane(n) ? 0 : HEIGHT };
        x += w + GAP;
      });
      widest = Math.max(widest, x - GAP);
    });
    rows.forEach(function (row, r) {
      var last = box[row[row.length - 1]];
      var shift = (widest - (last.x + last.w)) / 2;
      row.forEach(function (n) {
        box[n].x += shift + MARGIN;
        box[n].y = r * ROW + MARGIN + 20 + (lane(n) ? HEIGHT / 2 : 0);
      });
    });
    return { box: box, width: widest + 2 * MARGIN + 60, height: rows.length * ROW + MARGIN };
  }

  function draw() {
    var shown = visibleNodes();
    var edges = visibleEdges(shown);
    var rows = rowsOf(shown, edges, layering(shown, edges));
    var placed = place(rows), box = placed.box;
    var svg = el("svg", { width: placed.width, height: placed.height, role: "img",
      viewBox: "0 0 " + placed.width + " " + placed.height });
    var defs = el("defs");
    [["arrow", "#8c959f"], ["arrow-red", "#d1242f"]].forEach(function (m) {
      var marker = el("marker", { id: m[0], viewBox: "0 0 10 10", refX: 10, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
      marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }));
      defs.appendChild(marker);
    });
    svg.appendChild(defs);
    drawFrames(svg, shown, box);
    var labels = [];
    edges.forEach(function (e) { svg.appendChild(drawEdge(e, box, labels)); });
    shown.forEach(function (n) { svg.appendChild(drawNode(n, box[n], shown)); });
    var holderNode = document.getElementById("drawing");
    holderNode.textContent = "";
    holderNode.appendChild(svg);
  }

  function frameOf(names, box, pad) {
    var inside = names.filter(function (n) { return box[n]; }).map(function (n) { return box[n]; });
    if (!inside.length) return null;
    var x0 = Math.min.apply(null, inside.map(function (b) { return b.x; })) - pad;
    var y0 = Math.min.apply(null, inside.map(function (b) { return b.y; })) - pad - 12;
    var x1 = Math.max.apply(null, inside.map(function (b) { return b.x + b.w; })) + pad;
    var y1 = Math.max.apply(null, inside.map(function (b) { return b.y + b.h; })) + pad;
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }

  // The document's clusters, and a dashed frame round each opened package's children.
  function drawFrames(svg, shown, box) {
    function cluster(c, depth) {
      var names = shown.filter(function (n) { return c.nodes.some(function (m) { return under(n, m); }); });
      var f = frameOf(names, box, 10 + 4 * depth);
      if (f) {
        var g = el("g", { "class": "cluster" });
        g.appendChild(el("rect", { x: f.x, y: f.y, width: f.w, height: f.h, rx: 6 }));
        g.appendChild(el("text", { x: f.x + 6, y: f.y + 12 }, c.name));
        svg.appendChild(g);
      }
      (c.clusters || []).forEach(function (inner) { cluster(inner, depth + 1); });
    }
    (doc.clusters || []).forEach(function (c) { cluster(c, 2); });
    Object.keys(expanded).sort(byName).forEach(function (name) {
      var f = frameOf(shown.filter(function (n) { return under(n, name); }), box, 8);
      if (!f) return;
      var g = el("g", { "class": "frame", "data-package": name });
      g.appendChild(el("rect", { x: f.x, y: f.y, width: f.w, height: f.h, rx: 6 }));
      var text = el("text", { x: f.x + 6, y: f.y + 11 }, "\u25be " + name + " (fold)");
      text.addEventListener("click", function () { fold(name); });
      g.appendChild(text);
      svg.appendChild(g);
    });
  }

  function drawNode(name, b, shown) {
    var opened = expanded[name] === true; // the package drawn as its own module
    var opens = expandable(name, shown);
    var g = el("g", { "class": "node" + (opens || opened ? " package" : "") + (highlighted === name ? " highlight" : ""),
      "data-name": name, transform: "translate(" + b.x + "," + b.y + ")" });
    g.appendChild(el("rect", { width: b.w, height: b.h, rx: 6 }));
    g.appendChild(el("text", { x: b.w / 2, y: 17, "text-anchor": "middle" }, name));
    var listed = doc.nodes.filter(function (n) { return n.name === name; })[0]; // a document without modules
    var count = modules.length ? modules.filter(function (m) { return holder(m, shown) === name; }).length
      : listed ? listed.modules : 1;
    var said = opened ? "__init__ \u25be fold" : plural(count, "module") + (opens ? " \u25b8" : "");
    g.appendChild(el("text", { "class": "count", x: b.w / 2, y: 31, "text-anchor": "middle" }, said));
    g.appendChild(el("title", {}, name));
    g.addEventListener("click", function () {
      if (opened) fold(name);
      else if (opens) { expanded[name] = true; draw(); }
    });
    return g;
  }

  function fold(name) {
    Object.keys(expanded).forEach(function (n) { if (under(n, name)) delete expanded[n]; });
    draw();
  }

  function drawEdge(e, box, labels) {
    var rules = Object.keys(e.violations).sort(byName);
    var dashed = e.imports > 0 && (e.type_checking === e.imports || e.dynamic === e.imports);
    var g = el("g", { "class": "edge" + (rules.length ? " violation" : "") + (dashed ? " dashed" : "") +
      (chosenEdge === e.source + "\u0000" + e.target ? " chosen" : ""), "data-source": e.source, "data-target": e.target });
    var s = box[e.source], t = box[e.target], d, mid;
    if (s.y === t.y) { // the same row: an arc above
      var x1 = s.x + s.w / 2, x2 = t.x + t.w / 2, top = s.y - 30;
      d = "M" + x1 + "," + s.y + " C" + x1 + "," + top + " " + x2 + "," + top + " " + x2 + "," + t.y;
      mid = [(x1 + x2) / 2, top + 8];
    } else {
      var down = t.y > s.y;
      var points = e.points.map(function (n, k) {
        var b = box[n];
        if (lane(n)) return [b.x + b.w / 2, b.y];
        var end = k === 0 ? down : !down; // leave from the bottom going down, arrive at the top
        return [b.x + b.w / 2, end ? b.y + b.h : b.y];
      });
      d = "M" + points[0];
      for (var k = 1; k < points.length; k++) {
        var p = points[k - 1], q = points[k], half = (p[1] + q[1]) / 2;
        d += " C" + p[0] + "," + half + " " + q[0] + "," + half + " " + q[0] + "," + q[1];
      }
      var m = Math.floor((points.length - 1) / 2), p0 = points[m], q0 = points[m + 1];
      mid = [(p0[0] + q0[0]) / 2, (p0[1] + q0[1]) / 2]; // between two rows, clear of the nodes
    }
    g.appendChild(el("path", { "class": "hit", d: d }));
    g.appendChild(el("path", { "class": "line", d: d, "marker-end": rules.length ? "url(#arrow-red)" : "url(#arrow)" }));
    var label = rules.length ? rules.map(function (r) { return r + ": " + e.violations[r]; }).join(", ")
      : plural(e.imports, "import");
    var w = label.length * 6.7 + 8, x = mid[0], y = mid[1];
    for (var tries = 1; tries < 8 && labels.some(function (o) {
      return Math.abs(o[0] - x) < (o[2] + w) / 2 && Math.abs(o[1] - y) < 16;
    }); tries++) y = mid[1] + (tries % 2 ? -1 : 1) * 17 * Math.ceil(tries / 2); // clear of the labels drawn
    labels.push([x, y, w]);
    g.appendChild(el("rect", { "class": "label-box", x: x - w / 2, y: y - 9, width: w, height: 15, rx: 3 }));
    g.appendChild(el("text", { x: x, y: y + 2, "text-anchor": "middle" }, label));
    g.appendChild(el("title", {}, e.source + " \u2192 " + e.target));
    g.addEventListener("click", function () { chosenEdge = e.source + "\u0000" + e.target; show(e); draw(); });
    return g;
  }

  // The panel: the findings behind an edge, every chain hop by hop, the ADRs cited.
  function show(e) {
    var panel = document.getElementById("findings");
    panel.textContent = "";
    panel.appendChild(html("h2", e.source + " \u2192 " + e.target));
    panel.appendChild(html("p", plural(e.imports, "import") + " behind this edge:"));
    var list = html("ul", undefined, "imports");
    e.behind.forEach(function (imp) {
      list.appendChild(html("li", imp.source + " \u2192 " + imp.target + (imp.imports > 1 ? " (" + imp.imports + ")" : "")));
    });
    panel.appendChild(list);
    var chosen = Object.keys(e.findings).map(Number).sort(function (a, b) { return a - b; });
    if (!chosen.length) { panel.appendChild(html("p", "No finding runs through it.", "empty")); return; }
    panel.appendChild(html("p", plural(chosen.length, "finding") + ":"));
    chosen.forEach(function (i) {
      var f = findings[i];
      if (!f) return;
      var div = html("div", undefined, "finding");
      var head = html("p");
      head.appendChild(html("span", f.rule, "rule"));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(html("span", f.severity + (i >= report.findings.length ? " (baselined)" : ""), f.severity));
      div.appendChild(head);
      div.appendChild(html("p", f.message, "message"));
      div.appendChild(html("p", f.path + ":" + f.line, "where"));
      (f.chains || []).forEach(function (chain) {
        var ol = html("ol", undefined, "chain");
        chain.forEach(function (hop) {
          ol.appendChild(html("li", hop.importer + " \u2192 " + hop.imported + "  " + hop.path + ":" + hop.line));
        });
        div.appendChild(ol);
      });
      adrs(f).forEach(function (line) { div.appendChild(line); });
      panel.appendChild(div);
    });
  }

  function adrs(f) {
    var cited = (f.adrs && f.adrs.length) ? f.adrs : f.adr ? [f.adr] : [];
    return cited.map(function (key) {
      var decision = f.decision && f.decision.key === key ? f.decision : null;
      var p = html("p", undefined, "adr");
      var text = key + (decision && decision.title ? ": " + decision.title : "") +
        (decision && decision.status ? " (" + decision.status + ")" : "");
      if (decision && relative(decision.path)) {
        var a = html("a", text);
        a.setAttribute("href", decision.path);
        p.appendChild(a);
      } else p.textContent = text;
      return p;
    });
  }

  function relative(path) { // a path in the repository, never a URL or an absolute path
    return typeof path === "string" && path !== "" && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path) &&
      path.charAt(0) !== "/" && path.charAt(0) !== "\\";
  }

  // The search box: matching modules; choosing one opens what holds it and marks it.
  function search() {
    var input = document.getElementById("search"), list = document.getElementById("matches");
    function choose(module) {
      for (var guard = 0; guard < 100; guard++) {
        var shown = visibleNodes(), at = holder(module, shown);
        if (at === null || at === module || expanded[at] || !expandable(at, shown)) break;
        expanded[at] = true;
      }
      highlighted = holder(module, visibleNodes());
      list.textContent = "";
      input.value = module;
      draw();
    }
    function matches() {
      var wanted = input.value.trim().toLowerCase();
      return wanted ? modules.filter(function (m) { return m.toLowerCase().indexOf(wanted) >= 0; }).slice(0, 30) : [];
    }
    input.addEventListener("input", function () {
      list.textContent = "";
      matches().forEach(function (m) {
        var button = html("button", m);
        button.setAttribute("type", "button");
        button.setAttribute("data-module", m);
        button.addEventListener("click", function () { choose(m); });
        var li = html("li");
        li.appendChild(button);
        list.appendChild(li);
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && matches().length) choose(matches()[0]);
    });
  }

  function summary() {
    if (report) {
      var s = report.summary, line = document.getElementById("summary");
      var levels = [["errors", "error"], ["warnings", "warning"], ["notes", "note"]].filter(function (l) { return s[l[0]]; })
        .map(function (l) { return plural(s[l[0]], l[1]); });
      line.textContent = plural(s.findings, "finding") + (levels.length ? " (" + levels.join(", ") + ")" : "") +
        ", " + plural(s.rules_broken, "rule") + " broken" + (s.baselined ? ", " + s.baselined + " baselined" : "") +
        " \u2014 from " + plural(s.modules, "module");
      if (s.failed) line.className = "failed";
    }
    if (doc.left_out && doc.left_out.length) {
      var left = document.getElementById("left-out");
      left.textContent = "Left out: " + doc.left_out.join("; ");
      left.hidden = false;
    }
  }

  summary();
  search();
  draw();
  document.body.setAttribute("data-drawn", "true");
})();
