# A line continuation with nothing after it is "unexpected EOF while parsing", also on a blank line.
for src in ['x = 5\\', '\\', 'x = 5\\\n', '\\\n', '  \\\n', 'if 1:\n  \\\n']:
    try:
        exec(src)
        print("ok", repr(src))
    except SyntaxError as e:
        print(repr(src), e, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
