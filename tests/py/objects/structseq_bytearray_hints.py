# struct_time(seq, dict=None) is refused as CPython 3.11 does; bytearray.extend propagates
# errors of __len__/__length_hint__ and calls __iter__ once.
import time

t = time.struct_time
for a, k in [((), {}), ((None,), {}), (("123",), {}), (("123",), {"dict": {}}),
             (("123456789",), {"dict": None}), (("123456789",), {})]:
    try:
        print(t(*a, **k))
    except TypeError as e:
        print("TypeError", e)


class BadLen:
    iters = 0

    def __iter__(self):
        BadLen.iters += 1
        return iter(range(10))

    def __len__(self):
        raise RuntimeError("len")


class BadLengthHint:
    def __iter__(self):
        return iter(range(10))

    def __length_hint__(self):
        raise RuntimeError("hint")


class Fine:
    def __iter__(self):
        return iter([1, 2, 3])


for f in (list, [].extend, bytearray().extend, bytearray):
    for c in (BadLen, BadLengthHint):
        try:
            f(c())
            print("no error", c.__name__)
        except RuntimeError as e:
            print("RuntimeError", e)
b = bytearray(b"x")
b.extend(Fine())
print(b, BadLen.iters)
for bad in (5, None, "str"):
    try:
        bytearray().extend(bad)
    except TypeError as e:
        print("TypeError", e)
