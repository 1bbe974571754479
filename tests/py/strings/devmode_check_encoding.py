# Under -X dev, str/bytes encode and decode validate the encoding and errors
# names up front (LookupError even for empty data or when no error occurs).
import subprocess, sys
code = r'''
inv = 'Boom'
for data in (b'', b'short'):
    for kw in ({'encoding': inv}, {'errors': inv}, {'encoding': 'latin1', 'errors': inv}):
        for f in (lambda: str(data, **kw), lambda: data.decode(**kw), lambda: bytearray(data).decode(**kw)):
            try: print(repr(f()))
            except LookupError as e: print('LookupError', e)
for data in ('', 'short'):
    for kw in ({'encoding': inv}, {'encoding': 'utf8', 'errors': inv}, {'errors': 'strict'}):
        for f in (lambda: data.encode(**kw), lambda: bytes(data, **kw) if 'encoding' in kw else None,
                  lambda: bytearray(data, **kw) if 'encoding' in kw else None):
            try: print(repr(f()))
            except LookupError as e: print('LookupError', e)
print(str(b'', errors='backslashreplace'), ''.encode(errors='xmlcharrefreplace'))
'''
for flags in ([], ['-X', 'dev']):
    r = subprocess.run([sys.executable, *flags, '-c', code], capture_output=True, text=True)
    print(flags, r.returncode)
    print(r.stdout, r.stderr)
