"""wyassembler: assemble one joint consultation response from many partner bodies."""

__version__ = "0.1.0"
