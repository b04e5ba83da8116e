# tests/stress: (being written)
