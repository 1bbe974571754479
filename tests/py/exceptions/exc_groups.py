# ExceptionGroup / BaseExceptionGroup construction, split/subgroup, derive, except* semantics.
eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
print(repr(eg), str(eg), eg.message, len(eg.exceptions))
match_, rest = eg.split(ValueError)
print(repr(match_), repr(rest))
print(repr(eg.subgroup(lambda e: isinstance(e, (KeyError, TypeError)))))
print(eg.subgroup(OSError), eg.split(Exception)[1])
print(type(BaseExceptionGroup("b", [ValueError()])).__name__, type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)
for args in [("m", []), ("m", [1]), (1, [ValueError()]), ("m",), ("m", ValueError())]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError", e)

class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)
m, r = MyEG("mine", [ValueError(1), TypeError(2)]).split(ValueError)
print(repr(m), repr(r), type(m).__name__)

def raiser():
    raise ExceptionGroup("grp", [ValueError("v1"), TypeError("t1"), ValueError("v2"), OSError("o")])

try:
    try:
        raiser()
    except* ValueError as g:
        print("caught values:", repr(g))
    except* TypeError as g:
        print("caught types:", repr(g))
except ExceptionGroup as leftover:
    print("leftover:", repr(leftover))

try:
    raise ValueError("naked")
except* ValueError as g:
    print("naked wrapped:", repr(g), repr(g.exceptions[0]))

try:
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        raise KeyError("from handler")
except ExceptionGroup as e:
    print("raised in handler:", repr(e), repr(e.exceptions[0].__context__))

try:
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("reraise:", repr(e))

for src in ["try:\n pass\nexcept* (ValueError, ExceptionGroup):\n pass",
            "try:\n pass\nexcept*:\n pass",
            "try:\n pass\nexcept* ValueError:\n pass\nexcept TypeError:\n pass",
            "for i in x:\n try:\n  pass\n except* E:\n  break",
            "def f():\n try:\n  pass\n except* E:\n  return 1"]:
    try:
        compile(src, "<s>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
try:
    try:
        raise ExceptionGroup("g", [ValueError()])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError:", e)

e = ValueError("note me")
e.add_note("first")
e.add_note("second")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print("TypeError", err)
import traceback
print("".join(traceback.format_exception(ExceptionGroup("top", [ValueError("a"), ExceptionGroup("sub", [TypeError("b")])]))))
