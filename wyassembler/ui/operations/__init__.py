"""What the main window does, one object per concern: saving, sync, Word, autosave, disk watch, recovery."""
