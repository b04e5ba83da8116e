# kernel tests: see the files in this directory.
