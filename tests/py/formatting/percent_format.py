# printf-style % formatting for str and bytes.
print("%s %r %a" % ("é", "é", "é"))
print("%d %i %u %5d|%-5d|%05d|%+d|% d" % (1, -2, 3, 4, 5, -6, 7, 8))
print("%x %X %#x %#X %o %#o %08.3x" % (255, 255, 255, 255, 8, 8, 5))
print("%e %E %.2e %f %.0f %#.0f %g %G %.3g %10.4f|%-10.2f|" % (1234.5, 1234.5, 0.000123, 3.14159, 2.5, 2.5, 1e-5, 1e20, 2/3, 3.14159, 2.5))
print("%c%c%c" % (72, "i", 0x1F600))
print("%(name)s is %(age)d; %(name)r" % {"name": "Ann", "age": 30})
print("%*d|%-*d|%.*f" % (5, 42, 4, 7, 2, 3.14159))
print("%%" % (), "100%% %s" % "done")
print("%s" % [1, 2], "%s" % ((1, 2),), "%s %s" % (1, 2))
print("%d" % 3.99, "%x" % True, "%s" % None, "%.3s" % "abcdef", "%5.1s|" % "xyz")
print("%d" % 10**30, "%x" % -(10**20), "%o" % -8)
for fmt, args in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%(a)s", (1,)), ("%c", 1 << 30),
                  ("%c", "ab"), ("%y", 1), ("%", ()), ("%(a", {"a": 1}), ("%*d", ("x", 1)),
                  ("%x", 1.5), ("%d", None), ("%.*f", (1.5, 2.0)), ("%s", {}), ("%i", [1])]:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, OverflowError, KeyError) as e:
        print(fmt, type(e).__name__, e)

class Idx:
    def __index__(self):
        return 65
class Int:
    def __int__(self):
        return 7
print("%x %c %o" % (Idx(), Idx(), Idx()))
try:
    print("%d" % Int())
except TypeError as e:
    print("TypeError", e)
print("%s" % Int.__name__, "%r" % Idx.__name__)
print("%5s|%-5s|" % ("ab", "cd"))
print("%f %F %e" % (float("inf"), float("nan"), float("-inf")))

# bytes
print(b"%s %d %x %c %c %%" % (b"ab", 5, 255, 65, b"Z"))
print(b"%r %a" % ("é", b"x"))
print(b"%(k)s=%(v)d" % {b"k": b"key", b"v": 1})
print(b"%5s|%-5s|%.1s" % (b"a", bytearray(b"b"), memoryview(b"cd")))
for fmt, args in [(b"%s", "str"), (b"%c", 256), (b"%c", b"ab"), (b"%d", b"1"), (b"%y", 1)]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, OverflowError) as e:
        print(fmt, type(e).__name__, e)
print(bytearray(b"%d-%d") % (1, 2))
