# tests/docs: (being written)
