"""The domain: projects, organisations, sections, content, revisions and sign-off.

Plain Python only. Nothing here imports Qt, touches XML or opens files, so the
command line, the desktop app and the tests all share the same rules.
"""
