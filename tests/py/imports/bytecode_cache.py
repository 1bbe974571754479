# A second import from the bytecode cache behaves like the first (both runs of this test
# may find the cache already written by an earlier run).
import sys
import _pkg.sub.deep as d
print(d.Z, d.where())
del sys.modules["_pkg.sub.deep"]
import _pkg.sub.deep as d2
print(d2 is d, d2.Z, d2.where())
print(d2.__cached__.endswith(".pyc"), "__pycache__" in d2.__cached__)
