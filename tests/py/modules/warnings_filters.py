# _warnings filter engine: actions, registries, errors. Output goes through a
# showwarning override (no linecache/source lines).
import sys
import _warnings
import warnings
sys.stderr = sys.stdout
warnings.showwarning = lambda m, c, f, l, file=None, line=None: print("W:", m, c.__name__, f.rsplit("/", 1)[-1], l)
print(_warnings._defaultaction, len(_warnings.filters), warnings.filters is _warnings.filters)
def f():
    warnings.warn("hello")
f(); f()
warnings.warn("dep", DeprecationWarning)
warnings.warn("pend", PendingDeprecationWarning)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("a"); warnings.warn("a")
    warnings.warn(UserWarning("inst"))
    warnings.warn("b", RuntimeWarning, stacklevel=2)
    print([(str(x.message), x.category.__name__, x.lineno) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try: warnings.warn("boom", RuntimeWarning)
    except RuntimeWarning as e: print("raised", e)
try: warnings.warn("x", int)
except TypeError as e: print(e)
try: warnings.warn("x", 5)
except TypeError as e: print(e)
warnings.warn_explicit("expl", UserWarning, "foo.py", 12)
warnings.warn_explicit("expl", UserWarning, "foo.py", 12, registry={})
with warnings.catch_warnings():
    warnings.simplefilter("once")
    for i in range(3): warnings.warn("once msg")
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.warn("ignore me", RuntimeWarning)
    warnings.simplefilter("module")
    for i in range(3): warnings.warn("mod msg")
_warnings.filters.insert(0, ("bogus", None, Warning, None, 0))
try: _warnings.warn("z")
except RuntimeError as e: print(e)
del _warnings.filters[0]
_warnings.filters.insert(0, 5)
try: _warnings.warn("z")
except ValueError as e: print(e)
del _warnings.filters[0]
try: _warnings.warn_explicit("x", UserWarning, "f.py", 1, registry=5)
except TypeError as e: print(e)
print(sorted(str(k) for k in f.__globals__['__warningregistry__'] if k != 'version'))
