# sys essentials: version info, limits, recursion errors, exc_info/exception, _getframe, intern, refcounts.
import sys
print(sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 11), type(sys.version_info).__name__)
print(sys.maxsize == 2**63 - 1, sys.byteorder, sys.platform, sys.hexversion >> 16 == 0x30b)
print(sys.implementation.name in ("cpython", "krait"), sys.implementation.version[:2], sys.implementation.cache_tag is not None)
print(sys.getrecursionlimit())
old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(old)
for bad in [0, -5, "x"]:
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(sys.exc_info(), sys.exception())
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), type(tb).__name__, sys.exception() is v)
    try:
        raise ValueError
    except ValueError:
        print("inner", sys.exc_info()[0].__name__)
    print("restored", sys.exc_info()[0].__name__)
print("after", sys.exc_info())

def who():
    f = sys._getframe()
    return f.f_code.co_name, sys._getframe(1).f_code.co_name, f.f_back.f_lineno > 0
def caller():
    return who()
print(caller())
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError:", e)
a = sys.intern("hello world!")
b = sys.intern("".join(["hello ", "world!"]))
print(a is b)
try:
    sys.intern(b"x")
except TypeError as e:
    print("TypeError:", e)
x = object()
base = sys.getrefcount(x)
lst = [x, x]
print(sys.getrefcount(x) - base)
print(sys.getsizeof(0) > 0, sys.getsizeof([]) < sys.getsizeof([1, 2, 3]))
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.int_info.bits_per_digit)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(700)
try:
    int("1" * 800)
except ValueError as e:
    print("ValueError:", e)
try:
    str(10 ** 800)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)))
sys.set_int_max_str_digits(4300)
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError:", e)
print(type(sys.flags).__name__, sys.flags.optimize, sys.flags.dont_write_bytecode in (0, 1))
print(sys.argv[1:], isinstance(sys.path, list), "builtins" in sys.builtin_module_names)
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.stdout.encoding)
print(callable(sys.displayhook), callable(sys.excepthook), sys.__stdout__ is not None)
sys.stdout.write("written\n")
print(sys.stdout.write("abc") if False else "", end="")
print(sys.is_finalizing(), sys.thread_info.name is not None)
try:
    sys.exit("message to stderr")
except SystemExit as e:
    print("SystemExit", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit", e.code, e.args)
