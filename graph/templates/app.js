/* polgraph explorer: filters, search, neighbourhood, tray of isolated nodes, language switch.
   Every change of what is shown re-lays it out (layout.js) and zooms to fit. */
var data = JSON.parse(document.getElementById("pg-data").textContent);
var info = data.nodes, einfo = data.edges, articles = data.articles, groups = data.groups;
var kindColour = {};
data.kinds.forEach(function (k) { kindColour[k[0]] = k[2]; });
var adj = {};
edgeData.forEach(function (e, i) {
  (adj[e.from] = adj[e.from] || []).push(i);
  (adj[e.to] = adj[e.to] || []).push(i);
});
var byRank = info.map(function (_n, i) { return "n" + i; })
  .sort(function (a, b) { return info[+a.slice(1)].rank - info[+b.slice(1)].rank; });
var edgesByRank = edgeData.map(function (e, i) { return i; })
  .filter(function (i) { return einfo[i].text; })
  .map(function (i) {
    var e = edgeData[i];
    return [Math.min(info[+e.from.slice(1)].rank, info[+e.to.slice(1)].rank), i];
  })
  .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
  .map(function (p) { return "e" + p[1]; });

// ------------------------------------------------------------------ what is shown
var state = { kinds: {}, place: "*", org: "", from: "", to: "", hood: null };
function defaultKinds() {
  data.kinds.forEach(function (k) { state.kinds[k[0]] = data.shown.indexOf(k[0]) >= 0; });
}
defaultKinds();
var visible = new Set(), edgeVisible = new Set(), trayIds = [];
var visibleByRank = [], visibleEdgesByRank = [], layoutMode = "global", moved = false;
var selectedId = null, pinned = null;
function inRange(d) { return (!state.from || d >= state.from) && (!state.to || d <= state.to); }
function dated() { return !!(state.from || state.to); }
function isDefault() {
  return !state.hood && state.place === "*" && !state.org && !dated()
    && data.kinds.every(function (k) { return state.kinds[k[0]] === (data.shown.indexOf(k[0]) >= 0); });
}
function nodeOk(i) {
  var n = info[i], id = "n" + i;
  if (!state.kinds[n.kind]) return false;
  if (state.place !== "*" && n.group !== state.place) return false;
  if (state.org && id !== state.org && n.orgs.indexOf(state.org) < 0) return false;
  if (dated() && !n.dates.some(inRange)) return false;
  if (state.hood && !state.hood.set.has(id)) return false;
  return true;
}
function compute() {
  var cand = new Set(), deg = {};
  for (var i = 0; i < info.length; i++) if (nodeOk(i)) cand.add("n" + i);
  edgeVisible = new Set();
  edgeData.forEach(function (e, j) {
    if (!cand.has(e.from) || !cand.has(e.to)) return;
    if (dated() && einfo[j].dates.length && !einfo[j].dates.some(inRange)) return;
    edgeVisible.add(e.id);
    deg[e.from] = 1; deg[e.to] = 1;
  });
  var keep = new Set(), alone = [];
  cand.forEach(function (id) {
    if (deg[id] || id === selectedId || (state.hood && id === state.hood.centre)) keep.add(id);
    else alone.push(id);
  });
  if (!keep.size) { keep = cand; alone = []; }
  visible = keep;
  trayIds = alone.sort(function (a, b) { return info[+a.slice(1)].rank - info[+b.slice(1)].rank; });
  visibleByRank = byRank.filter(function (id) { return visible.has(id); });
  visibleEdgesByRank = edgesByRank.filter(function (id) { return edgeVisible.has(id); });
}
function positions() {
  var ids = visibleByRank, out = {};
  if (isDefault() || ids.length > 1500) {
    layoutMode = "global";
    ids.forEach(function (id) { var n = nodeData[+id.slice(1)]; out[id] = [n.x, n.y]; });
    return out;
  }
  if (state.hood) {
    layoutMode = "radial";
    var levels = state.hood.levels.map(function (l) {
      return l.filter(function (id) { return visible.has(id); });
    }).filter(function (l) { return l.length; });
    var rad = radialLayout(levels, state.hood.parent);
    ids.forEach(function (id) { out[id] = rad[id] || [0, 0]; });
    return out;
  }
  layoutMode = "force";
  var index = {};
  ids.forEach(function (id, i) { index[id] = i; });
  var pairs = [];
  edgeVisible.forEach(function (eid) {
    var e = edgeData[+eid.slice(1)];
    pairs.push([index[e.from], index[e.to]]);
  });
  var xy = forceLayout(ids, pairs, ids.map(function (id) {
    var n = nodeData[+id.slice(1)]; return [n.x, n.y];
  }));
  ids.forEach(function (id, i) { out[id] = xy[i]; });
  return out;
}
function relayout() {
  var pos = positions(), body = network.body.nodes;
  if (layoutMode !== "global" || moved) {
    Object.keys(pos).forEach(function (id) {
      if (body[id]) { body[id].x = pos[id][0]; body[id].y = pos[id][1]; }
    });
    moved = layoutMode !== "global";
  }
  if (visibleByRank.length) {  // fit, with a margin for the labels and captions
    network.fit({ nodes: visibleByRank, animation: false });
    network.moveTo({ scale: network.getScale() * 0.88, animation: false });
  }
  network.redraw();
}
compute();  // before the views: they keep the ids their filter passed when made
var nodes = new vis.DataSet(nodeData), edges = new vis.DataSet(edgeData);
var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeVisible.has(e.id); } });
var container = document.getElementById("mynetwork");
var panel = document.getElementById("panel");
var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
network.on("afterDrawing", drawLabels);
network.once("afterDrawing", function () {
  window.pgFirstDraw = performance.now();
  document.body.setAttribute("data-drawn", "1");
});
function apply() {
  compute();
  nodeView.refresh();
  edgeView.refresh();
  relayout();
  renderStatus();
  renderTray();
}

// ------------------------------------------------------------------ status, tray, legend
var statusEl = document.getElementById("status");
function renderStatus() {
  statusEl.textContent = t("status", { n: visible.size, N: info.length, e: edgeVisible.size,
                                       E: edgeData.length });
}
var tray = document.getElementById("tray"), trayToggle = document.getElementById("tray-toggle");
var trayList = document.getElementById("tray-list");
function renderTray() {
  tray.hidden = !trayIds.length;
  trayToggle.textContent = t("tray", { n: trayIds.length }) + (trayList.hidden ? " ▸" : " ▾");
  trayList.replaceChildren();
  if (trayList.hidden) return;
  trayIds.slice(0, 300).forEach(function (id) {
    var li = el("li");
    li.appendChild(nodeLink(id));
    trayList.appendChild(li);
  });
  if (trayIds.length > 300) trayList.appendChild(el("li", t("moreTray", { n: trayIds.length - 300 })));
}
trayToggle.addEventListener("click", function () { trayList.hidden = !trayList.hidden; renderTray(); });
var legend = document.getElementById("legend");
function renderLegend() {
  legend.replaceChildren();
  data.kinds.forEach(function (k) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = state.kinds[k[0]];
    box.value = k[0];
    box.addEventListener("change", function () { state.kinds[k[0]] = box.checked; rehood(); apply(); });
    var sw = el("span", null, "swatch");
    sw.style.background = k[2];
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(document.createTextNode(t(k[0]) + " (" + (data.counts[k[0]] || 0) + ")"));
    li.appendChild(label);
    legend.appendChild(li);
  });
}

// ------------------------------------------------------------------ selection
var hoodButton = document.getElementById("hood"), depthSelect = document.getElementById("hood-depth");
function neighbourhood(id, depth) {
  var set = new Set([id]), levels = [[id]], parent = {};
  for (var d = 0; d < depth; d++) {
    var next = [];
    levels[d].forEach(function (x) {
      (adj[x] || []).forEach(function (i) {
        var e = edgeData[i], y = e.from === x ? e.to : e.from;
        if (set.has(y) || !state.kinds[info[+y.slice(1)].kind]) return;
        set.add(y); parent[y] = x; next.push(y);
      });
    });
    if (!next.length) break;
    levels.push(next);
  }
  return { centre: id, set: set, levels: levels, parent: parent };
}
function rehood() {
  if (state.hood) state.hood = neighbourhood(state.hood.centre, state.hood.levels.length - 1 || 1);
}
function select(id) {
  selectedId = id;
  pinned = { type: "node", id: id };
  if (visible.has(id)) network.selectNodes([id]);
  show(pinned);
  hoodButton.disabled = false;
  network.redraw();
}
/* Search result or --focus: the node's neighbourhood, re-laid out around it. */
function choose(id) {
  state.hood = neighbourhood(id, +depthSelect.value);
  selectedId = id;
  apply();
  select(id);
}
/* A link in the panel or the tray: select it where it is, or show its neighbourhood. */
function goTo(id) {
  if (!visible.has(id)) { choose(id); return; }
  select(id);
  network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
}
network.on("click", function (p) {
  if (p.nodes.length) { select(p.nodes[0]); return; }
  if (p.edges.length) { pinned = { type: "edge", id: p.edges[0] }; show(pinned); }
});
hoodButton.addEventListener("click", function () {
  if (!selectedId) return;
  choose(selectedId);
});
