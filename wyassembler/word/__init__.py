"""Word documents in and out (named so it never shadows python-docx's ``docx``)."""
