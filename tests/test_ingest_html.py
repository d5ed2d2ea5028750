"""HTML pages: main text kept with paragraph breaks, page furniture dropped, metadata read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from polgraph.ingest import read_all

PAGE = """<!doctype html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Hội nghị Tỉnh ủy Mẫu - Báo Điện tử Mẫu</title>
<meta property="og:title" content="Hội nghị Tỉnh ủy Mẫu lần thứ nhất">
<meta property="article:published_time" content="2021-03-05T09:00:00+07:00">
<link rel="canonical" href="https://bao-mau.example/chinh-tri/hoi-nghi-123.html">
<style>.x { color: red }</style>
<script>window.tracker = "Tin đọc nhiều";</script>
</head><body>
<header class="site-header"><a class="logo">Báo Mẫu</a>
  <ul class="main-menu"><li>Thời sự</li><li>Chính trị</li></ul></header>
<nav><a>Trang chủ</a> › <a>Chính trị</a></nav>
<div class="breadcrumb">Trang chủ › Chính trị</div>
<h1 class="title-detail">Hội nghị Tỉnh ủy Mẫu lần thứ nhất</h1>
<div class="social-share"><a>Chia sẻ Zalo</a><a>Chia sẻ Facebook</a></div>
<article class="fck_detail">
  <p>Ngày 4/3, Tỉnh ủy Mẫu tổ chức hội nghị lần thứ nhất.</p>
  <p>Đồng chí Trần Văn Thử, Bí thư Tỉnh ủy, chủ trì<br>hội nghị.</p>
  <p>Chia sẻ Zalo</p>
  <div class="box"><div class="box-title"><span>Tin liên quan</span></div>
    <ul><li><a>Tỉnh ủy Khác kiện toàn nhân sự</a></li></ul></div>
</article>
<div class="col-right"><h3>Tin đọc nhiều</h3><ul><li>Giá vàng hôm nay</li></ul></div>
<div id="box-comment"><h3>Bình luận</h3><form><textarea>Ý kiến</textarea>
  <button>Gửi</button></form></div>
<footer>Bản quyền thuộc Báo Mẫu</footer>
</body></html>
"""


def read_page(tmp_path: Path, html: str, name: str = "trang.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    result = read_all([path])
    assert result.errors == ()
    (article,) = result.articles
    return article


def test_main_text_kept_and_boilerplate_dropped(tmp_path: Path) -> None:
    article = read_page(tmp_path, PAGE)
    assert article.text == (
        "Hội nghị Tỉnh ủy Mẫu lần thứ nhất\n\n"
        "Ngày 4/3, Tỉnh ủy Mẫu tổ chức hội nghị lần thứ nhất.\n\n"
        "Đồng chí Trần Văn Thử, Bí thư Tỉnh ủy, chủ trì\nhội nghị."
    )
    for noise in ["Chia sẻ", "Tin liên quan", "Tin đọc nhiều", "Giá vàng", "Bình luận",
                  "Trang chủ", "Bản quyền", "tracker", "color", "Ý kiến", "Khác"]:  # fmt: skip
        assert noise not in article.text


def test_metadata(tmp_path: Path) -> None:
    article = read_page(tmp_path, PAGE)
    assert article.id == "trang"
    assert article.title == "Hội nghị Tỉnh ủy Mẫu lần thứ nhất"
    assert article.date == dt.date(2021, 3, 5)
    assert article.url == "https://bao-mau.example/chinh-tri/hoi-nghi-123.html"
    assert article.source == str(tmp_path / "trang.html")


def test_title_falls_back_to_h1_then_title(tmp_path: Path) -> None:
    h1 = read_page(tmp_path, "<title>Trang - Báo</title><h1>Tiêu đề  chính</h1><p>Nội dung.</p>")
    assert h1.title == "Tiêu đề chính"
    bare = read_page(tmp_path, "<title>Chỉ có title</title><p>Nội dung.</p>", "b.htm")
    assert bare.title == "Chỉ có title" and bare.date is None and bare.url is None


def test_page_without_article_element_keeps_body_paragraphs(tmp_path: Path) -> None:
    html = (
        "<body><div class='menu'>Thời sự</div><div class='content'><p>Đoạn một.</p>"
        "<div>Đoạn hai <b>đậm</b>.</div></div><div class='tin-lien-quan'>Bài khác</div></body>"
    )
    assert read_page(tmp_path, html).text == "Đoạn một.\n\nĐoạn hai đậm."


def test_entities_and_nfd_are_normalised(tmp_path: Path) -> None:
    import unicodedata

    nfc = read_page(tmp_path, "<p>Tỉnh ủy&nbsp;Mẫu &amp; Hội đồng</p>", "a.html")
    nfd = read_page(tmp_path, unicodedata.normalize("NFD", "<p>Tỉnh ủy Mẫu &amp; Hội đồng</p>"))
    assert nfc.text == nfd.text == "Tỉnh ủy Mẫu & Hội đồng"


def test_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "cu.html"
    path.write_bytes(
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        b"<p>H\xf4\xf2i nghi\xf2</p>"  # "Hội nghị" with combining tone marks
    )
    (article,) = read_all([path]).articles
    assert article.text == "Hội nghị"


def test_page_with_only_boilerplate_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<nav>Trang chủ</nav><footer>Bản quyền</footer>", encoding="utf-8")
    (error,) = read_all([path]).errors
    assert error.path == str(path) and "no text" in error.reason


def test_deeply_nested_page_does_not_overflow(tmp_path: Path) -> None:
    html = "<div>" * 3000 + "<p>Sâu.</p>" + "</div>" * 3000
    assert read_page(tmp_path, html).text == "Sâu."


def test_read_more_line_mid_article_drops_only_that_line(tmp_path: Path) -> None:
    html = (
        "<article><p>Đoạn một.</p><p><a>Xem thêm: Tỉnh ủy Khác họp</a></p>"
        "<p>Đoạn hai.</p><p>Bình luận (3)</p><ul><li>Ý kiến độc giả</li></ul></article>"
    )
    assert read_page(tmp_path, html).text == "Đoạn một.\n\nĐoạn hai."


def test_ordinary_paragraph_starting_like_a_box_title_is_kept(tmp_path: Path) -> None:
    text = "Tin mới nhận được cho biết Tỉnh ủy Mẫu đã họp."
    assert read_page(tmp_path, f"<article><p>{text}</p></article>").text == text
