# tests/fuzz: (being written)
