/* Search (namesakes told apart by latest post and locality), filters, reset, language. */
function fold(s) {
  return String(s).replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/\s+/g, " ").trim();
}
function search(q) {
  var exact = String(q).normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  var f = fold(q), hits = [];
  if (!f) return hits;
  for (var i = 0; i < info.length; i++) {
    var n = info[i], best = 9;
    for (var j = 0; j < n.names.length; j++) {
      if (n.names[j].toLowerCase() === exact) { best = 0; break; }
    }
    if (best) {
      for (j = 0; j < n.keys.length; j++) {
        var k = n.keys[j], r = k === f ? 1 : k.indexOf(f) === 0 ? 2
          : k.indexOf(" " + f) >= 0 ? 3 : k.indexOf(f) >= 0 ? 4 : 9;
        if (r < best) best = r;
      }
    }
    if (best < 9) hits.push([best, n.kind === "person" ? 0 : 1, n.rank, "n" + i]);
  }
  hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
  return hits.map(function (h) { return h[3]; });
}
var input = document.getElementById("search"), results = document.getElementById("results");
function listResults() {
  results.replaceChildren();
  var hits = search(input.value);
  hits.slice(0, 20).forEach(function (id) {
    var n = info[+id.slice(1)], li = el("li"), b = el("button", nodeData[+id.slice(1)].label);
    b.type = "button";
    b.appendChild(el("span", " · " + t(n.kind), "muted"));
    b.appendChild(el("span", n.hint || (n.group || t("central")), "hint"));
    b.setAttribute("data-node", id);
    b.addEventListener("click", function () { results.replaceChildren(); choose(id); });
    li.appendChild(b);
    results.appendChild(li);
  });
  if (input.value.trim() && !hits.length) results.appendChild(el("li", t("noHit"), "muted"));
  return hits;
}
input.addEventListener("input", listResults);
input.addEventListener("keydown", function (ev) {
  if (ev.key === "Enter") {
    var hits = listResults();
    if (hits.length) { results.replaceChildren(); choose(hits[0]); }
  } else if (ev.key === "Escape") {
    results.replaceChildren();
  }
});

var placeSelect = document.getElementById("place"), orgSelect = document.getElementById("org");
function renderPlaces() {
  placeSelect.replaceChildren(el("option", t("allPlaces")));
  placeSelect.firstChild.value = "*";
  groups.map(function (g) { return g[0]; }).sort().forEach(function (g) {
    var opt = el("option", g || t("central"));
    opt.value = g;
    placeSelect.appendChild(opt);
  });
  placeSelect.value = state.place;
}
placeSelect.addEventListener("change", function () { state.place = placeSelect.value; apply(); });
data.orgs.forEach(function (o) {
  var opt = el("option", o[0]);
  opt.value = o[1];
  orgSelect.appendChild(opt);
});
orgSelect.addEventListener("change", function () { state.org = orgSelect.value; apply(); });
var from = document.getElementById("date-from"), to = document.getElementById("date-to");
[[from, "from", false], [to, "to", true]].forEach(function (x) {
  x[0].addEventListener("change", function () {
    var iso = parseDate(x[0].value, x[2]);
    x[0].classList.toggle("bad", iso === null);
    x[0].title = iso === null ? t("badDate") : "";
    if (iso === null) return;
    if (iso) x[0].value = fmtDate(iso);
    state[x[1]] = iso;
    apply();
  });
});
function resetFilters() {
  state.place = "*"; state.org = ""; state.from = ""; state.to = ""; state.hood = null;
  placeSelect.value = "*"; orgSelect.value = ""; from.value = ""; to.value = "";
  defaultKinds();
  renderLegend();
  apply();
}
document.getElementById("reset").addEventListener("click", resetFilters);
function setLang(l) {
  lang = l;
  applyLang();
  renderLegend();
  renderPlaces();
  renderStatus();
  renderTray();
  show(pinned);
  if (results.firstChild) listResults();
  network.redraw();
}
document.getElementById("lang").addEventListener("click", function () {
  setLang(lang === "vi" ? "en" : "vi");
});

setLang("vi");
relayout();
if (data.focus) choose(data.focus);
window.polgraph = {
  network: network, nodeView: nodeView, edgeView: edgeView, search: search, choose: choose, apply: apply, state: state,
  neighbourhood: neighbourhood, setLang: setLang, select: select,
  labels: function () { return drawnLabels.slice(); },
  visible: function () { return visibleByRank.slice(); },
  tray: function () { return trayIds.slice(); },
  layoutMode: function () { return layoutMode; }
};
