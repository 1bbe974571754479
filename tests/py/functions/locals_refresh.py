# locals() in a function is one dict refreshed at every call (names bound later appear, deleted
# ones disappear); frame.f_locals likewise. (A second call used to return the first snapshot.)
import sys
import typing


def f(a):
    first = locals()
    b = 2
    second = locals()
    print(sorted(first), sorted(second), first is second)
    del a
    print(sorted(locals()))
    fr = sys._getframe()
    c = 3
    print(sorted(fr.f_locals), fr.f_locals is fr.f_locals)

    def inner():
        return b
    print(sorted(locals()))


f(1)


def classes():
    class C1:
        a: list["C1"]
    print(sorted(locals()))

    class C2:
        a: dict["C1", list[typing.List[list["C2"]]]]
    print(sorted(locals()))
    print(typing.get_type_hints(C2, globals(), locals()))


classes()
u = int | str
print(u.__module__, typing.Annotated[int | float, "const"])
