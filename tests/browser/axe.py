import json

from axe_playwright_python.base import AXE_SCRIPT, AxeResults

WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG22_AA}, "resultTypes": ["violations"]}
# Only the violations come back: the passes and the rules that did not apply are left in
# the browser.
RUN_AXE = f"axe.run(document, {json.dumps(AXE_OPTIONS)}).then(results => results.violations)"


def assert_no_axe_violations(page):
    """axe-core (half a megabyte) goes to a tab once, and every later page in the tab loads
    it before its own scripts."""
    if not page.evaluate("'axe' in window"):
        page.add_init_script(AXE_SCRIPT)
        page.evaluate(AXE_SCRIPT)
    violations = page.evaluate(RUN_AXE)
    assert not violations, AxeResults({"violations": violations}).generate_report()
