"""Output formats. Each module is a plugin implementing ``ig_formatters``."""
