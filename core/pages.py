"""Whether a public page exists, for forms that name one (the feedback form, its thanks
page): an app whose pages depend on records (a role's slug) registers a check, so the
asking app need not know it."""

checks = []


def add_page_check(check):
    """``check(path)``: False when the path resolves but names no record that exists."""
    checks.append(check)


def page_exists(path):
    return all(check(path) for check in checks)
