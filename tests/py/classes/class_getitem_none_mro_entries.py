# __class_getitem__ = None makes a class unsubscriptable; type() refuses bases with
# __mro_entries__ before looking for a metaclass.
class C_is_none(tuple):
    __class_getitem__ = None


try:
    C_is_none[int]
except TypeError as e:
    print(e)


class C:
    def __mro_entries__(self, bases):
        return ()


for bases in ((C(),), (int, C())):
    try:
        type("Bad", bases, {})
    except TypeError as e:
        print(e)
print(list[int], tuple[int, ...])
