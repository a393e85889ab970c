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


  var ROW_GAP = 80, GAP = 48, HEIGHT = 40, LANE = 36, CHAR = 7.3, MARGIN = 40, PAD = 12, TITLE = 18;
  function lane(name) { return name.charAt(0) === "\u0001"; }
  function isBox(id) { return id.charAt(0) === "\u0002"; }
  var named = {}; // a box's id -> the box
  function key(id) { return isBox(id) ? named[id].name : id; }
  function byKey(a, b) { return byName(key(a), key(b)) || byName(a, b); }

  // The boxes drawn: the document's clusters and the opened packages, each with
  // the drawn nodes it holds and the box it sits in (the smallest holding them all).
  // Each is laid out as one block, so a box's frame holds its own nodes only.
  function boxesOf(shown) {
    var listed = doc.nodes.map(function (n) { return n.name; });
    function origin(n) { // the document's node a drawn node comes from
      var best = null;
      listed.forEach(function (m) { if (under(n, m) && (best === null || m.length > best.length)) best = m; });
      return best;
    }
    var boxes = [];
    function cluster(c) {
      var holds = {};
      (function collect(k) {
        k.nodes.forEach(function (m) { holds[m] = true; });
        (k.clusters || []).forEach(collect);
      })(c);
      boxes.push({ name: c.name, kind: "cluster", members: shown.filter(function (n) { return holds[origin(n)]; }) });
      (c.clusters || []).forEach(cluster);
    }
    (doc.clusters || []).forEach(cluster);
    Object.keys(expanded).sort(byName).forEach(function (name) {
      boxes.push({ name: name, kind: "frame", members: shown.filter(function (n) { return under(n, name); }) });
    });
    var kept = [];
    boxes.forEach(function (b) {
      var crosses = kept.some(function (k) {
        var common = k.members.filter(function (n) { return b.members.indexOf(n) >= 0; }).length;
        return common > 0 && common < b.members.length && common < k.members.length;
      });
      if (b.members.length && !crosses) kept.push(b); // of two boxes that cross, the first is drawn
    });
    named = {};
    kept.forEach(function (b, i) { b.id = "\u0002" + i; b.rank = i; named[b.id] = b; });
    kept.forEach(function (b) {
      b.parent = null;
      kept.forEach(function (o) { // the smallest box holding b's nodes; of equal ones, the one listed last before b
        if (o === b || o.members.length < b.members.length || (o.members.length === b.members.length && o.rank > b.rank)) return;
        if (!b.members.every(function (n) { return o.members.indexOf(n) >= 0; })) return;
        if (b.parent === null || o.members.length < b.parent.members.length || o.rank > b.parent.rank) b.parent = o;
      });
    });
    return kept;
  }

  // The innermost box of each drawn node (null: none).
  function homes(shown, boxes) {
    var home = {};
    shown.forEach(function (n) {
      home[n] = null;
      boxes.forEach(function (b) {
        if (b.members.indexOf(n) >= 0 && (home[n] === null || b.members.length < home[n].members.length ||
          (b.members.length === home[n].members.length && b.rank > home[n].rank))) home[n] = b;
      });
    });
    return home;
  }

  // What stands for node n among the items of box `within`: n, or the box inside holding it.
  function itemIn(n, within, home) {
    var item = n, b = home[n];
    while (b !== within) {
      if (b === null) return null;
      item = b.id; b = b.parent;
    }
    return item;
  }

  // A node's rank: the document's rank of the longest name it is under (-1: none).
  var rankOf = {};
  function rankOfName(name) {
    var parts = name.split(".");
    for (var end = parts.length; end > 0; end--) {
      var prefix = parts.slice(0, end).join(".");
      if (prefix in rankOf) return rankOf[prefix];
    }
    return -1;
  }
  function rankOfItem(id) {
    if (!isBox(id)) return rankOfName(id);
    var ranks = named[id].members.map(rankOfName).filter(function (r) { return r >= 0; });
    return ranks.length ? Math.min.apply(null, ranks) : -1;
  }

  // Layers of one box's items: the document's ranks side by side, top to bottom (a
  // package opened below a rank stays in it, its modules in longest-path order);
  // the other items by longest path; cycles broken by a DFS in name order.
  function layering(items, links) {
    var out = {}, back = {}, state = {};
    items.forEach(function (n) { out[n] = []; });
    links.forEach(function (l) { if (out[l.s].indexOf(l.t) < 0) out[l.s].push(l.t); });
    function visit(n) {
      state[n] = 1;
      out[n].slice().sort(byKey).forEach(function (t) {
        if (state[t] === 1) back[n + "\u0000" + t] = true;
        else if (!state[t]) visit(t);
      });
      state[n] = 2;
    }
    items.slice().sort(byKey).forEach(function (n) { if (!state[n]) visit(n); });
    var forward = links.filter(function (l) {
      if (back[l.s + "\u0000" + l.t]) return false;
      if (l.s in rankOf && l.t in rankOf) return false; // the ranks place both
      var gs = rankOfItem(l.s), gt = rankOfItem(l.t);
      return gt < 0 || (gs >= 0 && gs <= gt); // an upward edge across ranks does not push
    });
    var layer = {};
    function settle(names, base) {
      names.forEach(function (n) { layer[n] = base; });
      for (var pass = 0, changed = true; changed && pass <= items.length; pass++) {
        changed = false;
        forward.forEach(function (l) {
          if (names.indexOf(l.t) >= 0 && l.s in layer && layer[l.t] < layer[l.s] + 1) {
            layer[l.t] = layer[l.s] + 1; changed = true;
          }
        });
      }
    }
    var base = 0;
    (doc.ranks || []).forEach(function (_, i) {
      var names = items.filter(function (n) { return rankOfItem(n) === i; });
      if (!names.length) return;
      settle(names, base);
      names.forEach(function (n) { base = Math.max(base, layer[n] + 1); });
    });
    settle(items.filter(function (n) { return rankOfItem(n) < 0; }), 0);
    var used = items.map(function (n) { return layer[n]; })
      .filter(function (l, i, all) { return all.indexOf(l) === i; }).sort(function (a, b) { return a - b; });
    items.forEach(function (n) { layer[n] = used.indexOf(layer[n]); }); // no empty rows
    return layer;
  }

  // Within a row: name order, then four sweeps placing each at the mean position
  // of its neighbours in the row above (down) or below (up); ties keep the order.
  function order(rows, links) {
    rows.forEach(function (row) { row.sort(byKey); });
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

  // The layers of each box's items, the outer boxes first: an edge between two
  // items of a box goes down or up as they lie there (sideways counts as up).
  function plan(within, boxes, shown, edges, home, plans) {
    var items = shown.filter(function (n) { return home[n] === within; }), links = [];
    boxes.forEach(function (b) { if (b.parent === within) items.push(b.id); });
    edges.forEach(function (e) {
      var s = itemIn(e.source, within, home), t = itemIn(e.target, within, home);
      if (s !== null && t !== null && s !== t) links.push({ s: s, t: t, edge: e });
    });
    var layer = layering(items, links);
    links.forEach(function (l) { l.edge.down = layer[l.t] > layer[l.s]; });
    plans[within === null ? "" : within.id] = { items: items, links: links, layer: layer };
    boxes.forEach(function (b) { if (b.parent === within) plan(b, boxes, shown, edges, home, plans); });
  }

  // One box (null: the whole drawing) as a block: its items in rows (a box inside
  // is one item, laid out first), a point in each row an edge passes (its lane) so
  // it goes round nodes, also from a node in the box to the box's side the edge
  // leaves by, and each rank's label at the left of its first row.
  function layout(within, boxes, shown, edges, home, plans) {
    var inner = {}, at = plans[within === null ? "" : within.id], layer = at.layer, rows = [], chained = [];
    at.items.forEach(function (n) {
      (rows[layer[n]] = rows[layer[n]] || []).push(n);
      if (isBox(n)) inner[n] = layout(named[n], boxes, shown, edges, home, plans);
    });
    function lanes(e, from, to, tag) { // lanes in rows from..to (either way, both in)
      var ids = [];
      for (var r = from, step = from <= to ? 1 : -1; r !== to + step; r += step) {
        var id = "\u0001" + e.index + ":" + tag + ":" + r;
        rows[r].push(id); ids.push(id);
      }
      return ids;
    }
    function chain(ids) { for (var k = 1; k < ids.length; k++) chained.push([ids[k - 1], ids[k]]); }
    at.links.forEach(function (l) {
      var a = layer[l.s], b = layer[l.t], step = a < b ? 1 : -1;
      l.edge.middle = a === b || Math.abs(a - b) === 1 ? [] : lanes(l.edge, a + step, b - step, "");
      chain([l.s].concat(l.edge.middle, [l.t]));
    });
    if (within !== null) {
      var last = rows.length - 1;
      edges.forEach(function (e) {
        var s = itemIn(e.source, within, home), t = itemIn(e.target, within, home), ids;
        if ((s === null) === (t === null)) return;
        if (s !== null) { // leaving the box: to its bottom going down, else to its top
          ids = e.down ? (layer[s] < last ? lanes(e, layer[s] + 1, last, within.id) : [])
            : (layer[s] > 0 ? lanes(e, layer[s] - 1, 0, within.id) : []);
          e.exit = e.exit.concat(ids);
          chain([s].concat(ids));
        } else { // entering it: from its top coming down, else from its bottom
          ids = e.down ? (layer[t] > 0 ? lanes(e, 0, layer[t] - 1, within.id) : [])
            : (layer[t] < last ? lanes(e, last, layer[t] + 1, within.id) : []);
          e.enter = ids.concat(e.enter);
          chain(ids.concat([t]));
        }
      });
    }
    order(rows, chained);
    var labelOf = [];
    (doc.rank_labels || []).forEach(function (text, i) {
      var r = rows.findIndex(function (row) { return row.some(function (n) { return !lane(n) && !isBox(n) && rankOfName(n) === i; }); });
      if (r >= 0 && labelOf[r] === undefined) labelOf[r] = text;
    });
    var gutter = labelOf.reduce(function (w, text) { return Math.max(w, text.length * CHAR + 24); }, 0);
    var block = { w: 0, h: 0, nodes: {}, frames: [], labels: [] }, size = {}, widest = 0, y = 0;
    rows.forEach(function (row) {
      var x = 0;
      row.forEach(function (n) {
        size[n] = lane(n) ? { w: LANE, h: 0 } : isBox(n) ? { w: inner[n].w, h: inner[n].h }
          : { w: Math.max(90, n.length * CHAR + 24), h: HEIGHT };
        x += size[n].w + GAP;
      });
      widest = Math.max(widest, x - GAP);
    });
    rows.forEach(function (row, r) {
      var width = row.reduce(function (w, n) { return w + size[n].w + GAP; }, -GAP);
      var x = gutter + (widest - width) / 2;
      var height = row.reduce(function (h, n) { return Math.max(h, size[n].h); }, HEIGHT);
      row.forEach(function (n) { // a lane runs down the whole row, beside what is in it
        var at = { x: x, y: y, w: size[n].w, h: lane(n) ? height : size[n].h };
        if (isBox(n)) merge(block, inner[n], at.x, at.y); else block.nodes[n] = at;
        x += size[n].w + GAP;
      });
      if (labelOf[r] !== undefined) block.labels.push({ text: labelOf[r], x: 0, y: y + HEIGHT / 2 + 4 });
      y += height + ROW_GAP;
    });
    block.w = gutter + widest;
    block.h = Math.max(0, y - ROW_GAP);
    if (within === null) return block;
    var framed = { w: block.w + 2 * PAD, h: block.h + 2 * PAD + TITLE, nodes: {}, frames: [], labels: [] };
    framed.frames.push({ box: within, x: 0, y: 0, w: framed.w, h: framed.h });
    merge(framed, block, PAD, PAD + TITLE);
    return framed;
  }

  function merge(into, block, dx, dy) {
    Object.keys(block.nodes).forEach(function (n) {
      var b = block.nodes[n];
      into.nodes[n] = { x: b.x + dx, y: b.y + dy, w: b.w, h: b.h };
    });
    block.frames.forEach(function (f) { into.frames.push({ box: f.box, x: f.x + dx, y: f.y + dy, w: f.w, h: f.h }); });
    block.labels.forEach(function (l) { into.labels.push({ text: l.text, x: l.x + dx, y: l.y + dy }); });
  }

  function draw() {
    var shown = visibleNodes();
    var edges = visibleEdges(shown);
    edges.forEach(function (e, i) { e.index = i; });
    rankOf = {};
    (doc.ranks || []).forEach(function (rank, i) { rank.forEach(function (n) { rankOf[n] = i; }); });
    var boxes = boxesOf(shown);
    var home = homes(shown, boxes), plans = {};
    plan(null, boxes, shown, edges, home, plans);
    edges.forEach(function (e) { e.exit = []; e.enter = []; e.middle = []; });
    var block = { w: 0, h: 0, nodes: {}, frames: [], labels: [] };
    merge(block, layout(null, boxes, shown, edges, home, plans), MARGIN, MARGIN);
    edges.forEach(function (e) { e.points = [e.source].concat(e.exit, e.middle, e.enter, [e.target]); });
    var box = block.nodes;
    var width = 0, height = 0;
    Object.keys(box).forEach(function (n) { width = Math.max(width, box[n].x + box[n].w); height = Math.max(height, box[n].y + box[n].h); });
    block.frames.forEach(function (f) { width = Math.max(width, f.x + f.w); height = Math.max(height, f.y + f.h); });
    width += MARGIN + 60; height += MARGIN;
    var svg = el("svg", { width: width, height: height, role: "img", viewBox: "0 0 " + width + " " + height });
    var defs = el("defs");
    [["arrow", "#8c959f"], ["arrow-red", "#d1242f"]].forEach(function (m) {
      var marker = el("marker", { id: m[0], viewBox: "0 0 10 10", refX: 10, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
      marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }));
      defs.appendChild(marker);
    });
    svg.appendChild(defs);
    var titles = [], taken = drawFrames(svg, block, titles);
    Object.keys(box).forEach(function (n) { if (!lane(n)) taken.push({ x: box[n].x, y: box[n].y, w: box[n].w, h: box[n].h, weight: 100 }); });
    var pairs = {};
    edges.forEach(function (e) { pairs[e.source + "\u0000" + e.target] = true; });
    edges.forEach(function (e) { route(e, box, pairs[e.target + "\u0000" + e.source] ? (e.source < e.target ? -8 : 8) : 0); });
    edges.forEach(function (e) { svg.appendChild(drawEdge(e, edges, taken)); });
    titles.forEach(function (title) { svg.appendChild(title); });
    shown.forEach(function (n) { svg.appendChild(drawNode(n, box[n], shown)); });
    var holderNode = document.getElementById("drawing");
    holderNode.textContent = "";
    holderNode.appendChild(svg);
  }

  // The frames: the document's clusters solid, the opened packages dashed, each
  // with its name (in a group of its own, drawn over the edges, so a line never
  // hides it); the ranks' labels. Returns the places they take, for the edges' labels.
  function drawFrames(svg, block, titles) {
    var taken = [];
    block.frames.slice().sort(function (a, b) { return b.w * b.h - a.w * a.h; }).forEach(function (f) {
      var opened = f.box.kind === "frame", name = f.box.name;
      var attributes = opened ? { "class": "frame", "data-package": name } : { "class": "cluster", "data-cluster": name };
      var g = el("g", attributes), head = el("g", attributes);
      g.appendChild(el("rect", { x: f.x, y: f.y, width: f.w, height: f.h, rx: 6 }));
      var title = opened ? "\u25be " + name + " (fold)" : name;
      var text = el("text", { x: f.x + 8, y: f.y + 14 }, title);
      if (opened) text.addEventListener("click", function () { fold(name); });
      head.appendChild(text);
      svg.appendChild(g);
      titles.push(head);
      taken.push({ x: f.x, y: f.y, w: title.length * 6.7 + 16, h: TITLE, weight: 50 });
    });
    block.labels.forEach(function (l) {
      svg.appendChild(el("text", { "class": "rank-label", x: l.x, y: l.y }, l.text));
      taken.push({ x: l.x, y: l.y - 12, w: l.text.length * CHAR, h: 16, weight: 50 });
    });
    return taken;
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

  // An edge's curves (each a cubic: from, two controls, to), moved `off` sideways
  // when the opposite edge is drawn too, and points along them for placing labels.
  // A node is left or reached on the side facing its neighbour (side by side: the
  // top, the bottom for the second of two opposite edges); a lane is run through
  // from the end nearer the point before; two ends level are joined by an arc.
  function route(e, box, off) {
    var ends = []; // per point: x, where the line comes in, where it goes out, whether it goes out upwards
    e.points.forEach(function (n, k) {
      var b = box[n], x = b.x + b.w / 2 + off, middle = b.y + b.h / 2;
      if (lane(n)) {
        var up = ends[k - 1][2] > middle;
        ends.push([x, up ? b.y + b.h : b.y, up ? b.y : b.y + b.h, up]);
        return;
      }
      var next = box[e.points[1]], toward = k === 0 ? next.y + next.h / 2 : ends[k - 1][2];
      var below = toward > middle || (toward === middle && off > 0), y = below ? b.y + b.h : b.y;
      ends.push([x, y, y, !below]);
    });
    e.curves = [];
    ends.forEach(function (q, k) {
      if (k === 0) return;
      var p = ends[k - 1], from = [p[0], p[2]], to = [q[0], q[1]];
      if (Math.abs(to[1] - from[1]) < 24) {
        var bend = p[3] ? Math.min(from[1], to[1]) - 34 : Math.max(from[1], to[1]) + 34;
        e.curves.push([from, [from[0], bend], [to[0], bend], to]);
      } else {
        var half = (from[1] + to[1]) / 2;
        e.curves.push([from, [from[0], half], [to[0], half], to]);
      }
      if (q[1] !== q[2]) e.curves.push([to, to, [q[0], q[2]], [q[0], q[2]]]); // down (or up) a lane
    });
    e.samples = [];
    e.curves.forEach(function (c) {
      for (var n = Math.ceil(length(c) / 5), i = 0; i <= n; i++) e.samples.push(at(c, i / n));
    });
    e.side = off;
  }
  function at(c, t) {
    var u = 1 - t;
    return [0, 1].map(function (d) {
      return u * u * u * c[0][d] + 3 * u * u * t * c[1][d] + 3 * u * t * t * c[2][d] + t * t * t * c[3][d];
    });
  }
  function length(c) { return Math.abs(c[3][0] - c[0][0]) + Math.abs(c[3][1] - c[0][1]) + 1; }

  // A label's place: the candidates along the edge's longest curve first (its middle,
  // then either side of it), on the line or beside it; the first that covers the
  // fewest nodes, frame titles, labels and other edges' lines.
  function labelPlace(e, w, edges, taken) {
    var curves = e.curves.slice().sort(function (a, b) { return length(b) - length(a); });
    var best = null;
    curves.forEach(function (c) {
      [0.5, 0.35, 0.65, 0.2, 0.8].forEach(function (t) {
        var p = at(c, t), beside = [p[0] + w / 2 + 6, p[0] - w / 2 - 6];
        var xs = e.side ? [e.side > 0 ? beside[0] : beside[1]] : [p[0], beside[0], beside[1]];
        xs.forEach(function (x) {
          var r = { x: x - w / 2, y: p[1] - 9, w: w, h: 15 }, cost = 0;
          taken.forEach(function (o) { if (overlap(r, o)) cost += o.weight; });
          edges.forEach(function (other) {
            if (other !== e) other.samples.forEach(function (s) { if (inside(s, r)) cost += 4; });
          });
          if (best === null || cost < best.cost) best = { cost: cost, x: x, y: p[1], r: r };
        });
      });
    });
    return best;
  }
  function overlap(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
  function inside(p, r) { return p[0] > r.x - 1 && p[0] < r.x + r.w + 1 && p[1] > r.y - 1 && p[1] < r.y + r.h + 1; }

  function drawEdge(e, edges, taken) {
    var rules = Object.keys(e.violations).sort(byName);
    var dashed = e.imports > 0 && (e.type_checking === e.imports || e.dynamic === e.imports);
    var g = el("g", { "class": "edge" + (rules.length ? " violation" : "") + (dashed ? " dashed" : "") +
      (chosenEdge === e.source + "\u0000" + e.target ? " chosen" : ""), "data-source": e.source, "data-target": e.target });
    var d = "M" + e.curves[0][0];
    e.curves.forEach(function (c) { d += " C" + c[1] + " " + c[2] + " " + c[3]; });
    g.appendChild(el("path", { "class": "hit", d: d }));
    g.appendChild(el("path", { "class": "line", d: d, "marker-end": rules.length ? "url(#arrow-red)" : "url(#arrow)" }));
    var label = rules.length ? rules.map(function (r) { return r + ": " + e.violations[r]; }).join(", ")
      : plural(e.imports, "import");
    var w = label.length * 6.7 + 8, place = labelPlace(e, w, edges, taken);
    taken.push({ x: place.r.x, y: place.r.y, w: place.r.w, h: place.r.h, weight: 100 });
    g.appendChild(el("rect", { "class": "label-box", x: place.r.x, y: place.r.y, width: w, height: 15, rx: 3 }));
    g.appendChild(el("text", { x: place.x, y: place.y + 2, "text-anchor": "middle" }, label));
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
