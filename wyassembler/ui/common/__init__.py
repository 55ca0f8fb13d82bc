"""Small helpers every part of the desktop app uses: icons, style, error dialogs, preferences."""
