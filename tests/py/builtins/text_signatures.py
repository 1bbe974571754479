# inspect.signature of builtin functions, methods and types (from __text_signature__).
import builtins, inspect, types
for name in ["abs", "len", "sorted", "print", "pow", "round", "sum", "compile", "open", "format", "divmod",
             "isinstance", "getattr", "iter", "max", "next", "__import__", "exec", "input", "anext"]:
    f = getattr(builtins, name)
    try:
        print(name, inspect.signature(f))
    except ValueError as e:
        print(name, "ValueError:", e)
for meth in [str.split, str.join, bytes.split, bytearray.append, bytes.hex, list.sort, dict.pop, dict.get,
             object.__reduce_ex__, type.mro, int.to_bytes, int.from_bytes, float.hex, bytes.fromhex,
             bytearray.pop, bytes.translate, [].append]:
    try:
        print(getattr(meth, "__qualname__", meth), inspect.signature(meth))
    except ValueError as e:
        print(getattr(meth, "__qualname__", meth), "ValueError:", e)
for t in [int, float, list, dict, object, property, range, types.FunctionType, types.ModuleType, types.MethodType]:
    try:
        print(t.__name__, inspect.signature(t))
    except ValueError as e:
        print(t.__name__, "ValueError:", e)
print(len.__text_signature__, float.__text_signature__, object.__text_signature__, (1).__add__.__text_signature__)
print(object.__doc__.splitlines()[0] == object.__doc__.splitlines()[0].lstrip(), float.__doc__.startswith("float(") is False)
