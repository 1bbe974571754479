"""Chaos game: an iterated-function-system fractal whose maps bend points along B-spline curves.

Stresses: small vector objects with operator overloading (__add__, __mul__, __sub__), float math,
method calls, a hand-written pseudo-random generator, writing into a 2-D list of pixels.
"""
# quick: 5000
import sys


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def lerp(self, o, t):
        return Vec(self.x + (o.x - self.x) * t, self.y + (o.y - self.y) * t)


class Spline:
    """A uniform cubic B-spline through control points, evaluated with de Boor's recurrence."""

    def __init__(self, points):
        self.points = points
        self.segments = len(points) - 3

    def at(self, u):
        """Point at parameter u in [0, 1]."""
        s = u * self.segments
        i = int(s)
        if i >= self.segments:
            i = self.segments - 1
        t = s - i
        p = self.points
        # de Boor for a uniform cubic: three levels of affine combinations.
        a = p[i].lerp(p[i + 1], (t + 2.0) / 3.0)
        b = p[i + 1].lerp(p[i + 2], (t + 1.0) / 3.0)
        c = p[i + 2].lerp(p[i + 3], t / 3.0)
        d = a.lerp(b, (t + 1.0) / 2.0)
        e = b.lerp(c, t / 2.0)
        return d.lerp(e, t)


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next_float(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state / 2147483648.0

    def below(self, n):
        return int(self.next_float() * n)


SPLINES = [
    Spline([Vec(1.597, 3.304), Vec(1.576, 4.123), Vec(1.313, 5.288), Vec(1.619, 5.330),
            Vec(2.890, 5.503), Vec(2.373, 4.382), Vec(1.662, 4.360)]),
    Spline([Vec(2.805, 4.017), Vec(2.551, 3.525), Vec(1.979, 2.620), Vec(1.979, 2.620),
            Vec(2.300, 1.900), Vec(3.000, 2.100)]),
    Spline([Vec(2.212, 3.315), Vec(2.350, 3.300), Vec(2.576, 3.350), Vec(2.800, 3.420),
            Vec(3.100, 3.600), Vec(3.300, 3.900)]),
]


def main(n, width=256, height=256):
    rng = Lcg(42)
    pixels = [[0] * width for _ in range(height)]
    minx, maxx, miny, maxy = 1.0, 3.6, 1.5, 5.8
    p = Vec(2.0, 3.5)
    for step in range(n):
        spline = SPLINES[rng.below(len(SPLINES))]
        u = rng.next_float()
        target = spline.at(u)
        # Contract towards the curve, then add a small swirl that depends on the distance.
        p = p.lerp(target, 0.5)
        d = p - target
        swirl = Vec(-d.y, d.x) * 0.3
        p = p + swirl
        if p.x < minx or p.x > maxx or p.y < miny or p.y > maxy:
            p = target
        if step >= 20:
            px = int((p.x - minx) / (maxx - minx) * (width - 1))
            py = int((p.y - miny) / (maxy - miny) * (height - 1))
            pixels[py][px] += 1
    lit = 0
    weight = 0
    for y, row in enumerate(pixels):
        for x, v in enumerate(row):
            if v:
                lit += 1
                weight = (weight + v * (x * 7 + y * 13)) % 1000000007
    return "%d %d" % (lit, weight)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 650000))
