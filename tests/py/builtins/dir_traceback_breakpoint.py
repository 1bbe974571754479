# dir() of a traceback lists its four attributes; $PYTHONBREAKPOINT values without a module part
# are ignored with CPython's warning.
import os
import sys
import warnings

try:
    raise IndexError
except IndexError as e:
    print(dir(e.__traceback__))
for envar in (".", "..", ".foo", "foo.", ".int", "int.", "nosuchbuiltin", "nosuchmodule.x"):
    os.environ["PYTHONBREAKPOINT"] = envar
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        breakpoint()
    print(envar, [(str(x.message), x.category.__name__) for x in w])
os.environ["PYTHONBREAKPOINT"] = "builtins.print"
breakpoint("called", sep="-")
