"""One test module per guarantee in README.md's "What mtnorm guarantees"."""
