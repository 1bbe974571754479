# Deeply nested source gets CPython's errors (never a crash): the tokenizer's
# parenthesis limit, MemoryError from the parser, RecursionError from the
# compiler and from ast construction.
import ast

cases = [
    "(" * 250 + ")" * 250,
    "-" * 50000 + "1",
    "not " * 50000 + "x",
    "[" * 100 + "]" * 100,
    "a." * 20000 + "b",
    "x = " + "1+" * 100000 + "1",
    "f(" * 2000 + ")" * 2000,
]
for src in cases:
    for how in ("compile", "ast.parse"):
        try:
            if how == "compile":
                compile(src, "<s>", "exec")
            else:
                ast.parse(src)
            print(how, "ok")
        except (SyntaxError, RecursionError, MemoryError) as e:
            print(how, type(e).__name__, e)
