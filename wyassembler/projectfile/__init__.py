"""The .wyproj project file: encoding, safe reading, atomic saving. Nothing else touches the file."""
