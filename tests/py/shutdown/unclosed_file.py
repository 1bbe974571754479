# A file left open at exit is flushed by its finalizer: a child process
# writes without closing, the parent reads what reached the disk.
import os, subprocess, sys, tempfile
path = os.path.join(tempfile.gettempdir(), "krait_unclosed_%d.txt" % os.getpid())
code = "f = open(%r, 'w'); f.write('kept\\n' * 3)" % path
subprocess.run([sys.executable, "-c", code], check=True)
with open(path) as f:
    print(repr(f.read()))
os.remove(path)
