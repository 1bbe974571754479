# input(): prompt to sys.stdout, reading sys.stdin; EOFError at end of input.
import sys


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


t(input, "prompt> ")
t(input)
t(input, 1, 2)
t(input, prompt="x")


class FakeIn:
    def __init__(self, lines):
        self.lines = list(lines)

    def readline(self):
        return self.lines.pop(0) if self.lines else ""


class FakeOut:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        self.parts.append("<flush>")


real_in, real_out = sys.stdin, sys.stdout
sys.stdin = FakeIn(["first\n", "second", ""])
out = FakeOut()
sys.stdout = out
a = input("A: ")
b = input(42)
try:
    input()
    c = "no error"
except EOFError as e:
    c = "EOFError: %s" % e
sys.stdin = FakeIn([b"raw\n"])
d = input()
sys.stdin = FakeIn([7])
try:
    input()
except TypeError as e:
    e1 = str(e)
sys.stdout = real_out
print(repr(a), repr(b), c, repr(d), e1)
print(out.parts)
sys.stdin = None
t(input)
sys.stdin = real_in
