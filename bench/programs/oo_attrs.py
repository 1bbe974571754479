"""OO and attribute access: a small particle/inventory simulation with inheritance, super(),
properties, class attributes, __slots__ classes, instance-dict classes, getattr/setattr/hasattr,
__eq__/__hash__/__repr__ dunders and isinstance checks.

Stresses: LOAD_ATTR/STORE_ATTR on instances, classes and slots, method lookup through the MRO,
bound-method calls, descriptors (property), dunder dispatch.
"""
# quick: 300
import sys


class Entity:
    count = 0
    kind = "entity"

    def __init__(self, name, x, y):
        self.name = name
        self.x = x
        self.y = y
        Entity.count += 1

    def move(self, dx, dy):
        self.x += dx
        self.y += dy

    def describe(self):
        return self.kind

    def score(self):
        return self.x + self.y


class Mover(Entity):
    kind = "mover"

    def __init__(self, name, x, y, vx, vy):
        super().__init__(name, x, y)
        self.vx = vx
        self.vy = vy

    def step(self):
        self.move(self.vx, self.vy)
        if self.x > 1000 or self.x < -1000:
            self.vx = -self.vx
        if self.y > 1000 or self.y < -1000:
            self.vy = -self.vy

    def score(self):
        return super().score() + abs(self.vx) + abs(self.vy)


class Heavy(Mover):
    kind = "heavy"

    def __init__(self, name, x, y, vx, vy, mass):
        super().__init__(name, x, y, vx, vy)
        self._mass = mass

    @property
    def mass(self):
        return self._mass

    @mass.setter
    def mass(self, v):
        self._mass = v if v > 0 else 1

    def step(self):
        Mover.step(self)
        self.mass = self.mass + (1 if self.x & 1 else -1)

    def score(self):
        return super().score() * 2 + self.mass


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)


class Inventory:
    def __init__(self):
        self.slots = {}

    def add(self, item, qty):
        self.slots[item] = self.slots.get(item, 0) + qty


def main(n):
    world = []
    for i in range(60):
        if i % 3 == 0:
            world.append(Entity("e%d" % i, i, -i))
        elif i % 3 == 1:
            world.append(Mover("m%d" % i, i, i, i % 7 - 3, i % 5 - 2))
        else:
            world.append(Heavy("h%d" % i, -i, i, i % 5 - 2, i % 7 - 3, i))
    inv = Inventory()
    total = 0
    for t in range(n):
        for e in world:
            if isinstance(e, Mover):
                e.step()
            else:
                e.move(1, -1)
            total += e.score()
            if e.describe() == "heavy":
                total += 1
        p = Point(t % 17, t % 13)
        inv.add(p, 1)
        q = Point(t, -t)
        for name in ("x", "y"):
            setattr(q, name, getattr(q, name) + 1)
        total += q.x - q.y
        if hasattr(world[t % 60], "vx"):
            total += 2
        total %= 1000000007
    reps = sorted(repr(k) for k in inv.slots)
    return "%d %d %d %s" % (total, len(inv.slots), Entity.count, reps[0])


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40000))
