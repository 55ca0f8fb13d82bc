"""The window's other panels: the start page and the sign-off panel."""
