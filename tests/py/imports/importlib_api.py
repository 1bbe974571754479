# importlib's public API and the import machinery's state in sys.
import sys
import importlib
import importlib.util
import importlib.machinery
m = importlib.import_module("_pkg.helper")
print(m.Y, m.__name__)
print(importlib.import_module(".sub.deep", "_pkg").Z)
spec = importlib.util.find_spec("_pkg")
print(spec.name, spec.origin.endswith("__init__.py"), spec.parent)
print(importlib.util.find_spec("no_such_thing_krait"))
# Only importlib's own finders: site-packages .pth files may add others (e.g.
# setuptools' DistutilsMetaFinder), which differ from machine to machine.
print([c.__name__ for c in sys.meta_path if getattr(c, "__module__", "").startswith("_frozen_importlib")])
print(sys.path_hooks[0].__name__ if hasattr(sys.path_hooks[0], "__name__") else type(sys.path_hooks[0]))
print(importlib.machinery.SOURCE_SUFFIXES, importlib.machinery.EXTENSION_SUFFIXES)
print(importlib.machinery.BuiltinImporter.find_spec("marshal").origin)
import marshal
print(marshal.__spec__.origin, marshal.__loader__.__name__)
print(type(sys.modules["sys"].__spec__).__name__, sys.__spec__.origin)
mod = importlib.reload(m)
print(mod is m, mod.Y)
print(importlib.util.resolve_name("..x", "a.b.c"))
