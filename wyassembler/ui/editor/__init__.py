"""The section editor: the limited rich-text widget, content <-> QTextDocument, its bars."""
