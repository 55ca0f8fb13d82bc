"""The open project: the document object, its undoable commands, the save job."""
