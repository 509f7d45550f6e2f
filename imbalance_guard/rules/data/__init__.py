"""Dataset rules: one module per rule, each a plugin."""
