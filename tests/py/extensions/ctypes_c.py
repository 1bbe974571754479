# _ctypes (lib-dynload): calling libc, structures, arrays, pointers and Python callbacks.
import ctypes

import sys

libc = ctypes.CDLL(None)
print(libc.strlen(b"hello, world"), libc.abs(-42))
libc.strchr.restype = ctypes.c_char_p
libc.strchr.argtypes = [ctypes.c_char_p, ctypes.c_int]
print(libc.strchr(b"krait python", ord("p")))
buf = ctypes.create_string_buffer(32)
libc.snprintf(buf, 32, b"%d-%s-%.2f", 7, b"x", ctypes.c_double(3.14159))
print(buf.value, ctypes.sizeof(buf))

IntArray = ctypes.c_int * 8
arr = IntArray(5, 3, 8, 1, 9, 2, 7, 4)
CMPFUNC = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
calls = []
def py_cmp(a, b):
    calls.append(1)
    return a[0] - b[0]
libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMPFUNC(py_cmp))
print(list(arr), len(calls) > 0)

class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_double), ("name", ctypes.c_char * 8)]
p = Point(1, 2.5, b"pt")
print(p.x, p.y, p.name, ctypes.sizeof(Point), Point.y.offset)
pp = ctypes.pointer(p)
pp.contents.x = 99
print(p.x, ctypes.addressof(p) == ctypes.addressof(pp.contents))

class U(ctypes.Union):
    _fields_ = [("i", ctypes.c_uint32), ("b", ctypes.c_uint8 * 4)]
u = U(0x01020304)
print(list(u.b), sys.byteorder)
d = ctypes.c_double(1.5)
print(ctypes.cast(ctypes.pointer(d), ctypes.POINTER(ctypes.c_uint64)).contents.value == 0x3FF8000000000000)
print(ctypes.c_int(2**31).value, ctypes.c_uint8(300).value, ctypes.c_char(b"a").value, ctypes.c_wchar("z").value)
s = ctypes.c_char_p(b"abc")
print(s.value, ctypes.string_at(s, 2), ctypes.sizeof(ctypes.c_void_p), ctypes.sizeof(ctypes.c_long))

try:
    libc.this_function_does_not_exist
except AttributeError as e:
    print("AttributeError", str(e).split(":")[-1].strip())
try:
    Point(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)
def boom(x):
    return x * 2
print(CB(boom)(21))


