"""The last pass over every page (scripts/finish/final_pages.py): one rewrite that drops Material's
stylesheet links, uses fingerprinted names, minifies and adds the security policy."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.finish import allowed_inline_scripts, final_pages, styles
from scripts.finish.security_headers import script_hash

PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<link rel="stylesheet" href="assets/stylesheets/main.0123.min.css">\n</head>\n<body>\n'
    '<p class="jsg-note">Hello</p>\n<script>load("assets/javascripts/site.js")</script>\n</body>\n</html>\n'
)
MATERIAL_LINK = re.compile(r'<link rel="?stylesheet"? href="?[^"\s>]*main\.0123\.min\.css"?>\s*')


def test_a_script_naming_an_asset_gets_the_policy_for_its_final_text(tmp_path: Path, monkeypatch):
    """The survey hashes the script as MkDocs wrote it; renaming the asset changes the script,
    so the page must end up allowing the renamed script, and only that. (Both texts are put on
    the reviewed list for this test: a script not on it never gets into the policy.)"""
    listed = ['load("assets/javascripts/site.js")', 'load("assets/javascripts/site.1234abcd.js")']
    monkeypatch.setattr(allowed_inline_scripts, "ALLOWED_HASHES", frozenset(map(script_hash, listed)))
    page = tmp_path / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    used, surveyed = final_pages.survey(tmp_path)
    assert "jsg-note" in used.classes
    assert surveyed == [script_hash('load("assets/javascripts/site.js")')]

    renames = {"assets/javascripts/site.js": "assets/javascripts/site.1234abcd.js"}
    final = final_pages.finish(tmp_path, MATERIAL_LINK, renames, surveyed, styles.Used())

    html = page.read_text(encoding="utf-8")
    assert final == [script_hash('load("assets/javascripts/site.1234abcd.js")')]
    assert final[0] in html and surveyed[0] not in html
    assert "main.0123.min.css" not in html
    assert "\n<p" not in html  # minified
    assert html.index("Content-Security-Policy") < html.index("<body")


def test_a_page_gets_the_rules_it_uses_in_place_of_our_stylesheet_and_a_policy_for_them(tmp_path: Path):
    """The link to our stylesheet becomes the page's own <style>, with the rules that can match the
    page (and what our script adds), and the page's policy allows that style by its hash only."""
    css = ".jsg-note{color:red}.jsg-unused{color:blue}.jsg-added{color:green}"
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / "assets/stylesheets/site.0123abcd.css").write_text(css, encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text(
        PAGE.replace(
            '<link rel="stylesheet" href="assets/stylesheets/main.0123.min.css">',
            '<link rel="stylesheet" href="assets/stylesheets/site.css">',
        ),
        encoding="utf-8",
    )
    renames = {"assets/stylesheets/site.css": "assets/stylesheets/site.0123abcd.css"}
    final_pages.finish(tmp_path, MATERIAL_LINK, renames, [], styles.Used(classes={"jsg-added"}))

    html = page.read_text(encoding="utf-8")
    own = re.search(r"<style id=jsg-styles>(.*?)</style>", html, re.DOTALL).group(1)
    assert "site.0123abcd.css" not in html and "<link" not in html
    assert ".jsg-note{color:red}" in own and ".jsg-added{color:green}" in own and "jsg-unused" not in own
    policy = re.search(r"<meta http-equiv=Content-Security-Policy content=\"([^\"]*)\"", html).group(1)
    assert f"style-src 'self' {script_hash(own)};" in policy
