# __bases__ / __class__ assignment between instances of two different static
# layouts (list and dict share object as base) must raise TypeError: the
# compatibility check read the heap-type-only slots field of static types.
class L(list):
    pass


class D(dict):
    pass


for target, value in [(L, (dict,)), (D, (list,)), (L, (set,)), (D, (bytearray,))]:
    try:
        target.__bases__ = value
    except TypeError as e:
        print("bases:", e)

for obj, cls in [(L(), D), (D(), L)]:
    try:
        obj.__class__ = cls
    except TypeError as e:
        print("class:", e)

try:
    list.__bases__ = (dict,)
except TypeError as e:
    print("static:", e)
