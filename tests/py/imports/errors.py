# ImportError / ModuleNotFoundError messages and attributes; failed imports leave sys.modules clean.
import sys
try:
    import no_such_module_krait
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name, e.path)
try:
    import _pkg.no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import _pkg.helper.notapkg
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from _pkg import not_there
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from _pkg.helper import missing_name
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    import _pkg.broken
except RuntimeError as e:
    print("RuntimeError", e)
print("_pkg.broken" in sys.modules, "_pkg.helper" in sys.modules)
try:
    import _pkg.badrel
except ImportError as e:
    print(type(e).__name__, e)
print("_pkg.badrel" in sys.modules)
try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)
sys.modules["blocked_mod"] = None
try:
    import blocked_mod
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    __import__("")
except ValueError as e:
    print("ValueError", e)
try:
    __import__("x", level=-1)
except ValueError as e:
    print("ValueError", e)
