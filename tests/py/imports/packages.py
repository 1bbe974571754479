# Packages, relative imports, `from x import y`, module attributes.
import sys
import _pkg
print(_pkg.X, _pkg.helper.Y, _pkg.sub.deep.Z)
print(_pkg.__name__, _pkg.__package__, _pkg.__spec__.name, _pkg.__spec__.submodule_search_locations is not None)
print(_pkg.__file__.endswith("_pkg/__init__.py"), _pkg.__path__[0].endswith("_pkg"))
from _pkg.sub import deep
print(deep.__name__, deep.__package__, deep.__spec__.parent, deep.where())
from _pkg.helper import Y, where as w
print(Y, w())
import _pkg.sub.deep as d2
print(d2 is deep, d2.Z)
print(type(_pkg.__loader__).__name__, type(_pkg.__spec__).__name__)
print(sorted(k for k in sys.modules if k.startswith("_pkg")))
print(__name__, __spec__, __package__)
