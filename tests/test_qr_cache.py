"""QR codes drawn by an earlier build are reused (scripts/render/qr.py), never half-written ones."""

from __future__ import annotations

from pathlib import Path

import segno

from scripts.render import print_footer, qr

URL = "https://example.org/jarablus-safety-guide/ku/report/"


def test_a_code_is_kept_and_reused_and_a_broken_file_is_drawn_again(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(qr.CACHE_ENV, str(tmp_path))
    size = print_footer.QR_SIZE
    drawn = qr.page_code(URL, size)
    assert drawn == qr.data_uri(URL, size)
    saved = qr.cache_file(URL, size)
    assert saved.is_relative_to(tmp_path) and saved.read_text(encoding="ascii") == drawn
    assert list(tmp_path.rglob("*.part")) == []

    # The next build reads the file: the same code, and no drawing (segno is not called).
    monkeypatch.setattr(segno, "make", lambda *_, **__: (_ for _ in ()).throw(AssertionError("drew")))
    qr.svg.cache_clear()
    qr.data_uri.cache_clear()
    assert qr.page_code(URL, size) == drawn

    # A file cut short (a full disk, a stopped build) is not used.
    saved.write_text(drawn[: len(drawn) // 2], encoding="ascii")
    monkeypatch.undo()
    monkeypatch.setenv(qr.CACHE_ENV, str(tmp_path))
    assert qr.page_code(URL, size) == drawn
    assert saved.read_text(encoding="ascii") == drawn
