TAB = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}


def tab_to(page, locator, limit=400):
    """Press Tab until the element has focus, as a keyboard user would.

    Each Tab goes straight to Chromium through the DevTools protocol: Playwright's own
    keyboard waits for a frame after every key, which made the Tabs through a long page
    take seconds."""
    target = locator.element_handle()
    keyboard = page.context.new_cdp_session(page)
    try:
        for _ in range(limit):
            if target.evaluate("el => el === document.activeElement"):
                return
            keyboard.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **TAB})
            keyboard.send("Input.dispatchKeyEvent", {"type": "keyUp", **TAB})
    finally:
        keyboard.detach()
    raise AssertionError(f"could not reach {locator} by keyboard")
