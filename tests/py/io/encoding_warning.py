# PEP 597 (-X warn_default_encoding) and -X dev's early check of TextIOWrapper's
# error handler, run in a child interpreter of the same implementation.
import subprocess
import sys

child = r'''
import io, pathlib, sys
with open(sys.argv[1]) as f:
    pass
pathlib.Path(sys.argv[1]).read_text()
io.TextIOWrapper(io.BytesIO())
io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
print(io.text_encoding(None), io.text_encoding("latin-1"))
'''
r = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-c", child, __file__],
                   capture_output=True, text=True)
print(r.returncode, r.stdout.strip())
print(r.stderr.replace(__file__, "FILE"))

dev = r'''
import io
for kw in ({"errors": "no-such-handler"}, {"encoding": "no-such-codec"}):
    try:
        io.TextIOWrapper(io.BytesIO(), **kw)
        print("accepted", kw)
    except LookupError as e:
        print("LookupError", e)
'''
for flags in ([], ["-X", "dev"]):
    r = subprocess.run([sys.executable, *flags, "-c", dev], capture_output=True, text=True)
    print(flags, r.returncode, r.stdout.strip().replace("\n", " | "))
