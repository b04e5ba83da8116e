#!/bin/sh -e
# Generates configure and the Makefile.in files from a fresh checkout.
autoreconf -fi "$(dirname "$0")"
