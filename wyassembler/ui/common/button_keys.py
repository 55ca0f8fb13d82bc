"""Alt letters for the standard buttons Qt names without one. Qt's own names give Yes and No a letter
but not Save, Discard, Open or Apply, so in "Save changes?" Discard could only be reached by Tab; the
names are handed to Qt as a translation of its own words, so every message box and button box has them.
OK and Cancel keep none: Enter and Escape are theirs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

# Qt's source text (context QPlatformTheme) -> the same word with its letter.
STANDARD_BUTTON_KEYS = {
    "Save": "&Save", "Discard": "&Discard", "Don't Save": "Do&n't Save",
    "Close without Saving": "Close &without Saving", "Save All": "Save &All", "Open": "&Open",
    "Apply": "&Apply", "Reset": "&Reset",
    "Restore Defaults": "Restore &Defaults", "Retry": "&Retry", "Ignore": "&Ignore", "Abort": "&Abort",
}


class StandardButtonKeys(QTranslator):
    """Gives Qt's standard buttons the letters in :data:`STANDARD_BUTTON_KEYS`; leaves every other text."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None is "no translation here": Qt keeps its own text.
        return STANDARD_BUTTON_KEYS.get(source) if context == "QPlatformTheme" else None

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication) -> StandardButtonKeys:
    """Install the standard buttons' letters in ``app`` once (kept alive by it); returns the translator."""
    translator = app.findChild(StandardButtonKeys)
    if translator is None:
        translator = StandardButtonKeys(app)
        app.installTranslator(translator)
    return translator
