"""Built-in code rules: one module per rule, each a plugin."""
