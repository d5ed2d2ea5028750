/* The side panel: names, timelines of posts, hierarchy, and every relation with its quoted
   sentence and source article (by headline).  Article text only ever goes in textContent. */
function el(tag, text, cls) {
  var x = document.createElement(tag);
  if (text !== undefined && text !== null) x.textContent = String(text);
  if (cls) x.className = cls;
  return x;
}
function nodeLink(id) {
  var b = el("button", nodeData[+id.slice(1)].label, "linkish");
  b.type = "button";
  b.addEventListener("click", function () { goTo(id); });
  return b;
}
function safeUrl(u) { return /^https?:\/\/\S+$/i.test(u || "") ? u : ""; }
function source(ai) {
  var span = el("div", null, "src");
  span.appendChild(document.createTextNode(t("source") + ": "));
  if (ai < 0 || !articles[ai]) { span.appendChild(document.createTextNode("?")); return span; }
  var a = articles[ai], text = a.title || a.id, url = safeUrl(a.url);
  var link = el(url ? "a" : "span", text, "headline");
  if (url) { link.href = url; link.target = "_blank"; link.rel = "noopener noreferrer"; }
  span.appendChild(link);
  if (a.date) span.appendChild(document.createTextNode(" (" + fmtDate(a.date) + ")"));
  return span;
}
function evidenceList(ei, into) {
  var x = einfo[ei];
  x.ev.forEach(function (pair) {
    if (pair[0]) into.appendChild(el("blockquote", "“" + pair[0] + "”", "evidence"));
    into.appendChild(source(pair[1]));
  });
  if (x.more) into.appendChild(el("div", t("more", { n: x.more }), "muted"));
}
function span(dates) {
  if (!dates.length) return "";
  var a = fmtDate(dates[0]), b = fmtDate(dates[dates.length - 1]);
  return a === b ? a : a + " – " + b;
}
function relText(i) {
  var x = einfo[i];
  return x.rel === "hold" ? (x.role || t("hold")) : t(x.rel);
}
/* Rows [when, role, other node id, former] of a person's posts or an organization's holders. */
function tenures(id) {
  return (adj[id] || []).filter(function (i) { return einfo[i].rel === "hold"; })
    .map(function (i) {
      var e = edgeData[i];
      return { i: i, first: einfo[i].dates[0] || "", role: einfo[i].role,
               other: e.from === id ? e.to : e.from, former: einfo[i].former };
    })
    .sort(function (a, b) {
      return a.role < b.role ? -1 : a.role > b.role ? 1
        : a.first < b.first ? -1 : a.first > b.first ? 1 : a.i - b.i;
    });
}
function timeline(id, kind) {
  var rows = tenures(id);
  if (!rows.length) return;
  if (kind === "person") {
    rows.sort(function (a, b) { return a.first < b.first ? -1 : a.first > b.first ? 1 : a.i - b.i; });
  }
  panel.appendChild(el("h3", t(kind === "person" ? "postsOver" : "holdersOver")));
  var table = el("table", null, "timeline"), lastRole = null;
  rows.forEach(function (r) {
    if (kind !== "person" && r.role !== lastRole) {
      var head = el("tr", null, "role");
      var td = el("td", r.role);
      td.colSpan = 2;
      head.appendChild(td);
      table.appendChild(head);
      lastRole = r.role;
    }
    var tr = el("tr");
    tr.appendChild(el("td", span(einfo[r.i].dates) + (r.former ? " (" + t("former") + ")" : ""),
                      "when"));
    var who = el("td");
    if (kind === "person") who.appendChild(document.createTextNode(r.role + " · "));
    who.appendChild(nodeLink(r.other));
    tr.appendChild(who);
    table.appendChild(tr);
  });
  panel.appendChild(table);
}
function hierarchy(id) {
  var up = [], down = [];
  (adj[id] || []).forEach(function (i) {
    if (einfo[i].rel !== "sub") return;
    if (edgeData[i].from === id) up.push(edgeData[i].to); else down.push(edgeData[i].from);
  });
  [["partOf", up], ["children", down]].forEach(function (pair) {
    if (!pair[1].length) return;
    panel.appendChild(el("h3", t(pair[0])));
    var ul = el("ul");
    pair[1].forEach(function (o) { var li = el("li"); li.appendChild(nodeLink(o)); ul.appendChild(li); });
    panel.appendChild(ul);
  });
}
function heading(title, kind) {
  panel.appendChild(el("h2", title));
  if (!kind) return;
  var k = el("span", t(kind), "kind");
  k.style.background = kindColour[kind] || "#888";
  panel.appendChild(k);
}
function showNode(id) {
  var n = info[+id.slice(1)];
  panel.replaceChildren();
  panel.setAttribute("data-node", id);
  panel.removeAttribute("data-edge");
  heading(n.names[0], n.kind);
  if (n.hint) panel.appendChild(el("div", n.hint, "sub"));
  if (n.fields.length) {
    var dl = el("ul");
    n.fields.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("i", t(f[0]) + ": "));
      li.appendChild(document.createTextNode(f[0] === "date" ? fmtDate(f[1]) : f[1]));
      dl.appendChild(li);
    });
    panel.appendChild(dl);
  }
  if (n.names.length > 1) {
    panel.appendChild(el("h3", t("names")));
    var ul = el("ul");
    n.names.forEach(function (s) { ul.appendChild(el("li", s)); });
    panel.appendChild(ul);
  }
  if (n.kind === "person" || n.kind === "organization") timeline(id, n.kind);
  if (n.kind === "organization") hierarchy(id);
  var mine = (adj[id] || []).slice();
  if (!mine.length) return;
  panel.appendChild(el("h3", t("relations")));
  mine.sort(function (a, b) {
    var la = einfo[a].rel, lb = einfo[b].rel;
    return la < lb ? -1 : la > lb ? 1 : a - b;
  });
  var rl = el("ul", null, "relations");
  mine.slice(0, 150).forEach(function (i) {
    var e = edgeData[i], li = el("li");
    if (e.from === id) {
      li.appendChild(el("b", relText(i) + " → "));
      li.appendChild(nodeLink(e.to));
    } else {
      li.appendChild(nodeLink(e.from));
      li.appendChild(el("b", " → " + relText(i)));
    }
    if (einfo[i].dates.length) li.appendChild(el("span", " · " + span(einfo[i].dates), "muted"));
    evidenceList(i, li);
    rl.appendChild(li);
  });
  if (mine.length > 150) rl.appendChild(el("li", t("moreRel", { n: mine.length - 150 })));
  panel.appendChild(rl);
}
function showEdge(eid) {
  var i = +eid.slice(1), e = edgeData[i];
  panel.replaceChildren();
  panel.setAttribute("data-edge", eid);
  panel.removeAttribute("data-node");
  heading(einfo[i].text || relText(i), "");
  var p = el("p");
  p.appendChild(nodeLink(e.from));
  p.appendChild(el("b", " → " + relText(i) + " → "));
  p.appendChild(nodeLink(e.to));
  panel.appendChild(p);
  if (einfo[i].dates.length) {
    panel.appendChild(el("div", t("dates") + ": " + einfo[i].dates.map(fmtDate).join(", "), "muted"));
  }
  if (einfo[i].former) panel.appendChild(el("div", t("formerPost"), "muted"));
  panel.appendChild(el("h3", t("evidence")));
  var box = el("div");
  evidenceList(i, box);
  panel.appendChild(box);
}
function show(target) {
  if (!target) {
    panel.replaceChildren(el("p", t("panelHint"), "hint"));
    panel.removeAttribute("data-node");
    panel.removeAttribute("data-edge");
  } else if (target.type === "node") showNode(target.id);
  else showEdge(target.id);
}
