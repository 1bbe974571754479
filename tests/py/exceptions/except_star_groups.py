# Groups built by except* keep their exceptions in lists (as CPython's
# repr and args show), raising in a handler adds to the re-raised group.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("x")
except BaseException as e:
    print(repr(e), e.exceptions, e.args)
try:
    try:
        raise ExceptionGroup("x", [OSError(2), ValueError(3)])
    except* ValueError:
        pass
except ExceptionGroup as e:
    print(repr(e), e.args)
eg = ExceptionGroup("m", [ValueError(1), ExceptionGroup("n", [TypeError(2), ValueError(3)])])
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)))
