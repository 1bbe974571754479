# Importing a helper module from the test's own directory: import once, attributes, from-import, aliases.
import _shapes
import _shapes as sh
from _shapes import area, Square as Sq
import sys

print(_shapes is sh, _shapes.loaded, area(2), Sq(3).area(), _shapes.PI)
print(__name__, _shapes.__name__, '_shapes' in sys.modules, sys.modules['_shapes'] is _shapes)
_shapes.PI = 3
print(sh.area(1), area(1))
import math, os.path
print(math.sqrt(16), math.pi, math.floor(-2.5), math.gcd(12, 18), os.path.basename(__file__))
try:
    import _no_such_module
except ImportError as e:
    print(type(e).__name__, e.name, e)
