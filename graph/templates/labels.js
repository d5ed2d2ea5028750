/* The page draws every label itself, after vis-network has drawn the shapes: locality
   captions first, then node labels in order of importance (most connected first), then
   post captions on edges ("Bí thư · 2022"); a label that would cover one already drawn
   is skipped.  Zooming in makes room, so more labels appear.  Text goes to the canvas
   with fillText: never parsed as markup.  polgraph.labels() returns what was drawn. */
var LABEL_PX = 12, MAX_NODE_LABELS = 600, MAX_EDGE_LABELS = 250;
var widthCache = {}, drawnLabels = [];
function textWidth(ctx, text, px, bold) {
  var key = (bold ? "b" : "") + text, w = widthCache[key];
  if (w === undefined) {
    ctx.font = (bold ? "bold " : "") + "12px system-ui, sans-serif";
    w = widthCache[key] = ctx.measureText(text).width;
  }
  return w * px / 12;
}
function Boxes(cell) {
  this.cell = cell; this.grid = new Map(); this.list = [];
}
Boxes.prototype.keys = function (b) {
  var out = [], c = this.cell;
  for (var i = Math.floor(b.x / c); i <= Math.floor((b.x + b.w) / c); i++) {
    for (var j = Math.floor(b.y / c); j <= Math.floor((b.y + b.h) / c); j++) out.push(i + ":" + j);
  }
  return out;
};
Boxes.prototype.free = function (b) {
  var ks = this.keys(b);
  for (var i = 0; i < ks.length; i++) {
    var here = this.grid.get(ks[i]) || [];
    for (var j = 0; j < here.length; j++) {
      var o = here[j];
      if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return false;
    }
  }
  return true;
};
Boxes.prototype.add = function (b) {
  var self = this;
  this.keys(b).forEach(function (k) {
    if (!self.grid.has(k)) self.grid.set(k, []);
    self.grid.get(k).push(b);
  });
  this.list.push(b);
};

function drawLabels(ctx) {
  var net = network, scale = net.getScale(), view = net.getViewPosition();
  var w = container.clientWidth, h = container.clientHeight;
  var ratio = net.canvas.pixelRatio || window.devicePixelRatio || 1;
  var nodesBody = net.body.nodes, boxes = new Boxes(64);
  function sx(x) { return (x - view.x) * scale + w / 2; }
  function sy(y) { return (y - view.y) * scale + h / 2; }
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  function put(text, x, y, px, colour, bold, kind, id) {
    ctx.font = (bold ? "bold " : "") + px + "px system-ui, sans-serif";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
    drawnLabels.push({ kind: kind, id: id, text: text, x: x, y: y,
                       w: textWidth(ctx, text, px, bold), h: px + 2 });
  }
  drawnLabels = [];
  if (layoutMode === "global") {  // one caption per locality group
    groups.forEach(function (g) {
      var text = g[0] || t("central"), x = sx(g[1]), y = sy(g[2]) - 22;
      var b = { x: x, y: y, w: textWidth(ctx, text, 14, true), h: 16 };
      if (x > w || y > h || x + b.w < 0 || y + b.h < 0 || !boxes.free(b)) return;
      boxes.add(b);
      put(text, x, y, 14, "#8a8a8a", true, "group", g[0]);
    });
  }
  var shown = 0, tried = 0;
  var order = selectedId && nodesBody[selectedId] ? [selectedId].concat(visibleByRank) : visibleByRank;
  for (var i = 0; i < order.length && shown < MAX_NODE_LABELS && tried < 8000; i++) {
    var id = order[i], node = nodesBody[id];
    if (!node || (i > 0 && id === selectedId)) continue;
    var x = sx(node.x), y = sy(node.y);
    if (x < -50 || y < -50 || x > w + 50 || y > h + 50) continue;
    tried++;
    var text = nodeData[+id.slice(1)].label, px = id === selectedId ? LABEL_PX + 1 : LABEL_PX;
    var tw = textWidth(ctx, text, px, id === selectedId), r = (node.options.size || 10) * scale;
    var b = { x: x - tw / 2 - 1, y: y + r + 1, w: tw + 2, h: px + 2 };
    if (!boxes.free(b)) continue;
    boxes.add(b);
    put(text, b.x + 1, b.y, px, "#222", id === selectedId, "node", id);
    shown++;
  }
  var eshown = 0;
  if (scale > 0.12) {
    for (var k = 0; k < visibleEdgesByRank.length && eshown < MAX_EDGE_LABELS; k++) {
      var eid = visibleEdgesByRank[k], e = edgeData[+eid.slice(1)];
      var a = nodesBody[e.from], c = nodesBody[e.to];
      if (!a || !c || !net.body.edges[eid]) continue;
      var mx = (sx(a.x) + sx(c.x)) / 2, my = (sy(a.y) + sy(c.y)) / 2;
      if (mx < 0 || my < 0 || mx > w || my > h) continue;
      var et = einfo[+eid.slice(1)].text;
      var ew = textWidth(ctx, et, 11, false);
      var eb = { x: mx - ew / 2 - 1, y: my - 7, w: ew + 2, h: 13 };
      if (!boxes.free(eb)) continue;
      boxes.add(eb);
      put(et, eb.x + 1, eb.y, 11, "#6b5a2e", false, "edge", eid);
      eshown++;
    }
  }
  ctx.restore();
}
