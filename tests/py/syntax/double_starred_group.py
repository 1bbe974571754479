# `(**a)` is "cannot use double starred expression here" (invalid_group), in
# plain code and in f-string replacement fields.
for src in ["(**a)", "f(x, (**a))", "f'{**a}'", "f'{*a}'", "(**a, b)", "x = (**{})"]:
    try:
        compile(src, "?", "exec")
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_offset)
