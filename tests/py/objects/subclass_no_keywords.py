# Builtin-type subclasses without __init__ reject keyword arguments as the base type does.
for base in (float, tuple, frozenset, list, set, dict, bytes, bytearray, str, int, complex, range, slice, memoryview, enumerate, reversed, zip, map, filter, object, type):
    class S(base): pass
    try:
        S(x=0)
        print(base.__name__, "ok")
    except TypeError as e:
        print(base.__name__, e)
