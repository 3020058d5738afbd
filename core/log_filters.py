"""Logging filters the settings attach to Django's loggers."""

import logging


class BadHostFilter(logging.Filter):
    """A request with a Host header the site does not serve (``DisallowedHost``): one
    WARNING line, without the traceback. Anyone can send such requests, so each is noise
    in the log, not an error of the site's."""

    def filter(self, record):
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
