# Interface tests: header constants, structure layouts and prototypes
# against the original's headers, the exported symbols, and the headers
# compiled as C99, C11 and C++.
TESTS += abi/abi-check.py
EXTRA_DIST += abi/abi-check.py
