# AttributeError.name/.obj: set by generic getattr, kept from a nested
# lookup; suggestions are printed even after a failed str().
import sys
class NonStringifyClass:
    __str__ = None
    __repr__ = None
class A:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError(NonStringifyClass())
class B:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError("Error", 23)
class C:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError(23)
sys.stderr = sys.stdout
for cls in [A, B, C]:
    try:
        cls().bluch
    except AttributeError as exc:
        sys.__excepthook__(*sys.exc_info())
class AA:
    bluch = 1
class BB:
    def __getattribute__(self, attr):
        a = AA()
        return a.blich
try:
    BB().something
except AttributeError as exc:
    sys.__excepthook__(*sys.exc_info())
class E:
    xyzzy = 1
try:
    raise AttributeError(name="xyzzz", obj=E())
except AttributeError:
    sys.__excepthook__(*sys.exc_info())
for f in (lambda: object.__getattribute__(AA(), "bluch2"), lambda: BB().something, lambda: C().bluch):
    try:
        f()
    except AttributeError as exc:
        print(exc.name, type(exc.obj).__name__)
