# Runs lantern -f json with kstack keys and values while wl_stack makes
# five getpid() calls, parses every output line as JSON and says what the
# stacks were (the stack_kstack_json case).
import json
import os
import re
import subprocess
import sys

lantern = sys.argv[1]
script = ('tracepoint:syscalls:sys_enter_getpid /comm == "wl_stack"/ '
          '{ @k[kstack(3)] = count(); @v = kstack(2); }')
wl = os.path.join(os.environ["WORKLOADS"], "wl_stack")
out = subprocess.run([lantern, "-f", "json", "-e", script, "-c", wl + " 5"],
                     capture_output=True, text=True, timeout=25).stdout
frame = re.compile(r"^[A-Za-z0-9_.]+\+[0-9]+$")
maps = {}
for line in out.splitlines():
    msg = json.loads(line)
    if msg["type"] == "map":
        maps.update(msg["data"])
(key, count), = maps["@k"].items()
lines = key.split("\n")
assert lines[0] == "" and lines[-1] == "", repr(key)
assert all(frame.match(f) for f in lines[1:-1]), repr(key)
print("@k: %d frames, %d times" % (len(lines) - 2, count))
value = maps["@v"].split("\n")
assert value[0] == "" and value[-1] == "", repr(maps["@v"])
assert all(f.startswith(" " * 8) and frame.match(f[8:]) for f in value[1:-1]), repr(maps["@v"])
print("@v: %d frames" % (len(value) - 2))
