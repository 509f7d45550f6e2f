"""Dataset side: label profiles (pure data) and the readers that stream them."""
