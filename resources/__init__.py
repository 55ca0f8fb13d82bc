"""Files shipped with wyassembler (schema, templates, sample, icons), installed as ``wyassembler.resources``."""
