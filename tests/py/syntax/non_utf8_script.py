# A script file that is not UTF-8 and declares no encoding.
import os
import subprocess
import sys
import tempfile

for data in [b"\x89", b'x = 1\ny = "\xc3\xa9"\nz = "\xe9"\n', b'# coding: latin-1\nprint("\xe9")\n',
             b'\xef\xbb\xbfprint("ok")\n']:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "bad.py")
        with open(path, "wb") as f:
            f.write(data)
        r = subprocess.run([sys.executable, path], capture_output=True)
        print(r.returncode, r.stdout, r.stderr.decode().replace(path, "PATH").splitlines()[-1:])
