"""Every dialog of the desktop app."""
