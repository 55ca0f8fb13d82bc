"""The PySide6 desktop app: the only part of wyassembler that imports Qt."""
