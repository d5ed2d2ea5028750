/* Client-side layouts for what a filter, a search or a neighbourhood leaves on screen.
   Both are deterministic (start from the written positions, no randomness). */

/* Fruchterman-Reingold on a subset.  ids: node ids; pairs: [[i, j]] indices into ids;
   start: [[x, y]] written positions, used as the seed so places stay recognisable. */
function forceLayout(ids, pairs, start) {
  var n = ids.length, i, j, it;
  if (n === 0) return [];
  if (n === 1) return [[0, 0]];
  var x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n),
    dy = new Float64Array(n);
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (i = 0; i < n; i++) {
    minX = Math.min(minX, start[i][0]); maxX = Math.max(maxX, start[i][0]);
    minY = Math.min(minY, start[i][1]); maxY = Math.max(maxY, start[i][1]);
  }
  var span = Math.max(maxX - minX, maxY - minY, 1);
  for (i = 0; i < n; i++) {  // into [-1, 1], plus a small deterministic jitter
    x[i] = (start[i][0] - minX) / span * 2 - 1 + ((i * 7919) % 101) / 5000;
    y[i] = (start[i][1] - minY) / span * 2 - 1 + ((i * 104729) % 97) / 5000;
  }
  var k = 2 / Math.sqrt(n), temp = 0.3, iters = n > 800 ? 60 : 150;
  for (it = 0; it < iters; it++) {
    dx.fill(0); dy.fill(0);
    for (i = 0; i < n; i++) {
      for (j = i + 1; j < n; j++) {
        var ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey;
        if (d2 < 1e-6) d2 = 1e-6;
        var f = k * k / d2;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    for (var p = 0; p < pairs.length; p++) {
      var a = pairs[p][0], b = pairs[p][1];
      var ux = x[a] - x[b], uy = y[a] - y[b], len = Math.sqrt(ux * ux + uy * uy) || 1e-3;
      var g = len / k;
      dx[a] -= ux * g; dy[a] -= uy * g; dx[b] += ux * g; dy[b] += uy * g;
    }
    for (i = 0; i < n; i++) {  // a weak pull to the centre keeps components together
      dx[i] -= x[i] * 0.05 * n * k; dy[i] -= y[i] * 0.05 * n * k;
      var norm = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1e-9, step = Math.min(norm, temp);
      x[i] += dx[i] / norm * step; y[i] += dy[i] / norm * step;
    }
    temp *= 0.96;
  }
  var scale = 110 * Math.sqrt(n);  // room for labels
  var out = [];
  for (i = 0; i < n; i++) out.push([Math.round(x[i] * scale), Math.round(y[i] * scale)]);
  return out;
}

/* Rings around one node: depth d on a circle of radius ~ d, each ring ordered by the angle of
   the node it was reached from.  levels: [[centre], [ring 1 ids], ...]; parent: id -> id. */
function radialLayout(levels, parent) {
  var pos = {}, angle = {}, radius = 0;
  pos[levels[0][0]] = [0, 0];
  angle[levels[0][0]] = -Math.PI / 2;
  for (var d = 1; d < levels.length; d++) {
    var ring = levels[d].slice();
    ring.sort(function (a, b) {
      return (angle[parent[a]] - angle[parent[b]]) || (a < b ? -1 : a > b ? 1 : 0);
    });
    radius = Math.max(radius + 220, ring.length * 95 / (2 * Math.PI));
    ring.forEach(function (id, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / ring.length;
      angle[id] = a;
      pos[id] = [Math.round(radius * Math.cos(a)), Math.round(radius * Math.sin(a))];
    });
  }
  return pos;
}
