"""Loading Python files and notebooks into code units, and the analysis shared by code rules."""
