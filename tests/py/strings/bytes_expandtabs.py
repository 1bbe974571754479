# bytes.expandtabs / bytearray.expandtabs.
for v in [b'a\tb\n\tc', bytearray(b'\t\tx\r\ty'), b'', b'12345\t|', b'\t']:
    print(v.expandtabs(), v.expandtabs(4), v.expandtabs(tabsize=0), v.expandtabs(-1),
          v.expandtabs(1), type(v.expandtabs()).__name__)
for bad in ['x', 1.5]:
    try:
        b''.expandtabs(bad)
    except TypeError as e:
        print(e)
