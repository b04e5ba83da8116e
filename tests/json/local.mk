# tests/json: (being written)
