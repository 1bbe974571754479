# list.sort's same-type fast compare re-checks the slot: a comparison that changes an element's
# __class__ to one whose __lt__ raises makes the sort raise (CPython's unsafe_object_compare).
class WackyComparator(int):
    def __lt__(self, other):
        elem.__class__ = WackyList2
        return int.__lt__(self, other)


class WackyList1(list):
    pass


class WackyList2(list):
    def __lt__(self, other):
        raise ValueError("wacky")


for wrap in (False, True):
    L = [WackyList1([WackyComparator(i), i]) for i in range(10)]
    elem = L[-1]
    try:
        ([(x,) for x in L] if wrap else L).sort()
        print("sorted")
    except ValueError as e:
        print("ValueError", e)


class PointlessComparator:
    def __lt__(self, other):
        return NotImplemented


L = [PointlessComparator(), PointlessComparator()]
try:
    L.sort()
except TypeError as e:
    print("TypeError", e)
