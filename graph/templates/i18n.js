/* Interface strings: Vietnamese first, English on the switch.  Data (names, roles,
   sentences) is never translated.  Dates are shown and typed as dd/mm/yyyy. */
var I18N = {
  vi: {
    otherLang: "English", searchPh: "Tìm tên (có hoặc không dấu)…", allPlaces: "Mọi địa phương",
    allOrgs: "Mọi tổ chức", from: "Từ", to: "đến", hood: "Lân cận nút đang chọn",
    step1: "1 bước", step2: "2 bước", step3: "3 bước", reset: "Hiện tất cả",
    panelHint: "Bấm vào một người, một tổ chức hay một cạnh để xem chức vụ theo thời gian, "
      + "câu trích dẫn làm bằng chứng và bài báo nguồn. Gõ tên vào ô tìm kiếm rồi Enter để "
      + "xem lân cận của người đó.",
    status: "Hiển thị {n}/{N} nút, {e}/{E} cạnh", tray: "Nút đơn lẻ: {n}", noHit: "Không tìm thấy",
    central: "Trung ương / chưa rõ địa phương", names: "Tên gọi", postsOver: "Chức vụ theo thời gian",
    holdersOver: "Người giữ chức theo thời gian", partOf: "Trực thuộc", children: "Đơn vị trực thuộc",
    relations: "Quan hệ và bằng chứng", evidence: "Bằng chứng", source: "Nguồn",
    former: "nguyên", formerPost: "Chức vụ cũ (nguyên)", more: "… và {n} câu khác",
    moreRel: "… và {n} quan hệ khác", moreTray: "… và {n} nút khác", dates: "Ngày",
    now: "nay", badDate: "Ngày phải có dạng dd/mm/yyyy",
    person: "Người", organization: "Tổ chức", document: "Văn bản", meeting: "Hội nghị",
    hold: "giữ chức", sub: "trực thuộc", issue: "ban hành", organize: "tổ chức",
    chair: "chủ trì", attend: "dự", about: "bàn về",
    locality: "Địa phương", doctype: "Loại", number: "Số", term: "Khóa", summary: "Trích yếu",
    date: "Ngày", born: "Sinh"
  },
  en: {
    otherLang: "Tiếng Việt", searchPh: "Search a name (with or without diacritics)…",
    allPlaces: "All localities", allOrgs: "All organizations", from: "From", to: "to",
    hood: "Neighbourhood of selection", step1: "1 step", step2: "2 steps", step3: "3 steps",
    reset: "Show all",
    panelHint: "Click a person, an organization or an edge to see posts over time, the quoted "
      + "evidence sentences and the source articles. Type a name in the search box and press "
      + "Enter to see that person's neighbourhood.",
    status: "Showing {n}/{N} nodes, {e}/{E} edges", tray: "Isolated nodes: {n}", noHit: "No match",
    central: "Central / locality unknown", names: "Names", postsOver: "Posts over time",
    holdersOver: "Post holders over time", partOf: "Part of", children: "Sub-organizations",
    relations: "Relations and evidence", evidence: "Evidence", source: "Source",
    former: "former", formerPost: "Former post", more: "… and {n} more sentences",
    moreRel: "… and {n} more relations", moreTray: "… and {n} more nodes", dates: "Dates",
    now: "now", badDate: "Dates are dd/mm/yyyy",
    person: "People", organization: "Organizations", document: "Documents", meeting: "Meetings",
    hold: "holds", sub: "part of", issue: "issued", organize: "organized",
    chair: "chaired", attend: "attended", about: "discussed",
    locality: "Locality", doctype: "Type", number: "Number", term: "Term", summary: "Summary",
    date: "Date", born: "Born"
  }
};
var lang = "vi";
function t(key, args) {
  var s = (I18N[lang] && I18N[lang][key]) || I18N.vi[key] || key;
  if (args) Object.keys(args).forEach(function (k) { s = s.split("{" + k + "}").join(args[k]); });
  return s;
}
/* "2022-04-01" -> "01/04/2022", "2022-04" -> "04/2022"; anything else unchanged. */
function fmtDate(iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  if (m) return m[3] + "/" + m[2] + "/" + m[1];
  m = /^(\d{4})-(\d{2})$/.exec(iso || "");
  return m ? m[2] + "/" + m[1] : String(iso || "");
}
/* What a reader types -> ISO date ("" if empty, null if not a date).  end: a bare year or
   month means its last day. */
function parseDate(text, end) {
  var s = String(text || "").trim(), m;
  if (!s) return "";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  if ((m = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(s))) {
    var d = +m[1], mo = +m[2];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return m[3] + "-" + pad(mo) + "-" + pad(d);
  }
  if ((m = /^(\d{1,2})[\/.\-](\d{4})$/.exec(s))) {
    if (+m[1] < 1 || +m[1] > 12) return null;
    return m[2] + "-" + pad(+m[1]) + (end ? "-31" : "-01");
  }
  if ((m = /^(\d{4})$/.exec(s))) return m[1] + (end ? "-12-31" : "-01-01");
  return null;
}
function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach(function (x) {
    x.textContent = t(x.getAttribute("data-i18n"));
  });
  document.querySelectorAll("[data-i18n-ph]").forEach(function (x) {
    x.placeholder = t(x.getAttribute("data-i18n-ph"));
  });
}
