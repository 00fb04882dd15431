"""axe-core in Chromium, the same way for every page a test opens: colours read only once the
page has settled."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
axe = Axe()


# Before axe reads colours: two frames painted and every running transition jumped to its end, so
# a search result fading in is never measured half-way (a contrast "failure" that depends on load).
SETTLE = """async () => {
  for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(done));
  document.getAnimations().forEach((animation) => animation.finish());
  await new Promise((done) => requestAnimationFrame(done));
}"""


def violations(page) -> list[str]:
    page.evaluate(SETTLE)
    # Only the violations come back: the passing and inapplicable rules' nodes, which the tests
    # never read, were most of axe's time and of what crossed to Python.
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = axe.run(page, options=options)
    found = []
    for item in result.response["violations"]:
        node = item["nodes"][0]
        found.append(f"{item['id']} ({item['impact']}): {node['target']} {node.get('failureSummary', '')}")
    return found
