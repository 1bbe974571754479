# Warnings from the tokenizer (a keyword glued to a number) and from string
# literals (invalid escapes), and the SyntaxErrors they become as errors;
# malformed \N and friends report CPython's codec message and position.
import warnings

SOURCES = [
    "0xfor x", "1if x else y", "[0x1ffor x in ()]", "1in x", "0o7or x", "1.is x", "1jif x else y",
    r"'\d'", r"b'\d'", r"'\777'", r"b'\777'", r"'é\q'", r"f'\{6*7}'", r"f'\d{1}'", r"b'\u1234'",
    r"'\8'", "x = 1\ny = ('a'\n'\\d')", r"'\N{DIGIT ONE}\n'", r"f'\N{DIGIT ONE}{1}'",
]

for src in SOURCES:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = eval(compile(src, "<w>", "exec" if "=" in src else "eval"), {"x": [1], "y": 2})
    print(repr(src), repr(r), [(x.category.__name__, str(x.message), x.filename, x.lineno) for x in w])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(src, "<w>", "exec")
        except SyntaxError as e:
            print("   SyntaxError:", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))

for src in [r"'\N'", r"'ab\N{'", r"'\N{}'", r"'\N{GREEK CAPITAL LETTER DELTA'", r"'\N{FOO}'",
            r"'é\N{FOO}'", r"'\x1'", r"b'\x1'", r"'ab\u12'", r"'\U00110000'", r"f'\N'", r"f'\N{'",
            r"f'\N{GREEK CAPITAL LETTER DELTA'", r"f'\}'"]:
    try:
        eval(src)
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_offset)
