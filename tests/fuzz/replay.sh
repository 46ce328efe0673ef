#!/bin/sh
# Replays every fuzz corpus through its target (built by make check).
set -e
src=${srcdir:-.}/tests/fuzz/corpus
for t in query conf router body jwt authorization listing; do
	./tests/fuzz/replay_$t "$src/$t"/*
done
