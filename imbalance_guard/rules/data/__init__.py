"""Dataset rules (IG1xx): one module per rule, each a plugin checking label profiles."""
