#!/usr/bin/env python3
"""Seeds for the fuzzers: every script of the runtime cases (the -e
programs of their command lines, the .bt files their setup writes), so the
seeds cover each construct the cases do and grow as they grow. Written,
one file each, into the directory given; tests/fuzz/corpus adds a few
hand-written ones."""
import os
import re
import sys

cases_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "runtime", "cases")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
n = 0


def emit(name, text):
    global n
    n += 1
    with open(os.path.join(out, "%s.%d.bt" % (name, n)), "w") as f:
        f.write(text)


for case in sorted(os.listdir(cases_dir)):
    if not case.endswith(".test"):
        continue
    text = open(os.path.join(cases_dir, case), errors="replace").read()
    name = case[:-5]
    # -e 'program' (the shell's '"'"' is a quote inside it)
    for m in re.finditer(r"-e '((?:[^']|'\"'\"')*)'", text):
        emit(name, m.group(1).replace("'\"'\"'", "'"))
    # cat >x.bt <<'END' ... END in a setup block
    for m in re.finditer(r"cat >\s*\S+\.bt <<'?(\w+)'?\n(.*?)\n\1\n", text, re.S):
        emit(name, m.group(2) + "\n")
print("%d seeds from the runtime cases" % n)
