# os.major/minor/makedev argument and result conversions of CPython 3.11.
import os

for v in (-1, 2**64, 2**64 - 1, 5, 0x1234_5678):
    try:
        print(os.major(v), os.minor(v))
    except Exception as e:
        print(type(e).__name__, e)
for a in ((-1, 0), (2**32, 0), (1, 2), (1.0, 2), ("a", 1)):
    try:
        print(os.makedev(*a))
    except Exception as e:
        print(type(e).__name__, e)
