# Classes: __init__, methods, class attributes, __repr__/__str__, __eq__, inheritance and super().
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f'Point({self.x!r}, {self.y!r})'

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def norm2(self):
        return self.x ** 2 + self.y ** 2


class Point3(Point):
    dims = 3

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def __repr__(self):
        return f'Point3({self.x}, {self.y}, {self.z})'

    def norm2(self):
        return super().norm2() + self.z ** 2


p = Point(1, 2)
q = Point(3, 4.5)
print(p, q, p + q, [p, q])
print(p == Point(1, 2), p == q, p != Point(1, 2), p == (1, 2))
print(p.norm2(), Point.dims, p.dims, Point3.dims)
r = Point3(1, 2, 3)
print(r, r.norm2(), isinstance(r, Point), issubclass(Point3, Point), type(r).__name__)
print(Point3.__mro__[1].__name__, Point.__name__, Point.__qualname__)
p.extra = 'dynamic'
print(p.extra, sorted(vars(p)))
print(hasattr(p, 'x'), hasattr(p, 'nope'), getattr(p, 'nope', 'default'))
try:
    p.missing
except AttributeError as e:
    print(e)
print(str(Point('a', None)))
