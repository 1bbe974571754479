"""Ray tracer: spheres and a checkered plane, point lights, shadows and recursive reflection.

Stresses: OO float math (a 3-vector class with many small methods), isinstance-free polymorphism,
object allocation, recursion, clamping and quantising colours.
"""
# quick: 16
import sys

EPS = 1e-9


class V3:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return V3(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return V3(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return V3(self.x * k, self.y * k, self.z * k)

    def mul(self, o):
        return V3(self.x * o.x, self.y * o.y, self.z * o.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return V3(self.y * o.z - self.z * o.y, self.z * o.x - self.x * o.z,
                  self.x * o.y - self.y * o.x)

    def length(self):
        return self.dot(self) ** 0.5

    def unit(self):
        return self.scale(1.0 / self.length())

    def reflect(self, normal):
        return self - normal.scale(2.0 * self.dot(normal))


BLACK = V3(0.0, 0.0, 0.0)
WHITE = V3(1.0, 1.0, 1.0)


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction.scale(t)


class Material:
    def __init__(self, color, diffuse, specular, reflect, checker=None):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect
        self.checker = checker

    def color_at(self, p):
        if self.checker is None:
            return self.color
        if (int(p.x // 1.0) + int(p.z // 1.0)) & 1:
            return self.checker
        return self.color


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def hit(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = disc ** 0.5
        t = -b - root
        if t > EPS:
            return t
        t = -b + root
        if t > EPS:
            return t
        return None

    def normal(self, p):
        return (p - self.center).unit()


class Plane:
    def __init__(self, point, normal_vec, material):
        self.point = point
        self.n = normal_vec.unit()
        self.material = material

    def hit(self, ray):
        denom = self.n.dot(ray.direction)
        if -EPS < denom < EPS:
            return None
        t = (self.point - ray.origin).dot(self.n) / denom
        if t > EPS:
            return t
        return None

    def normal(self, p):
        return self.n


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []
        self.ambient = 0.1

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, p, to_light, dist):
        ray = Ray(p, to_light)
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            k = 0.5 * (ray.direction.y + 1.0)
            return WHITE.scale(1.0 - k) + V3(0.5, 0.7, 1.0).scale(k)
        p = ray.at(t)
        n = obj.normal(p)
        if n.dot(ray.direction) > 0.0:
            n = n.scale(-1.0)
        m = obj.material
        base = m.color_at(p)
        color = base.scale(self.ambient)
        lift = p + n.scale(1e-6)
        for lpos, lcol in self.lights:
            to_light = lpos - p
            dist = to_light.length()
            to_light = to_light.scale(1.0 / dist)
            if self.shadowed(lift, to_light, dist):
                continue
            lam = n.dot(to_light)
            if lam > 0.0:
                color = color + base.mul(lcol).scale(lam * m.diffuse)
            half = (to_light - ray.direction).unit()
            spec = n.dot(half)
            if spec > 0.0:
                color = color + lcol.scale(m.specular * spec ** 32)
        if m.reflect > 0.0 and depth < 4:
            r = ray.direction.reflect(n)
            color = color + self.trace(Ray(lift, r), depth + 1).scale(m.reflect)
        return color


def build_scene():
    s = Scene()
    s.objects.append(Plane(V3(0.0, 0.0, 0.0), V3(0.0, 1.0, 0.0),
                           Material(V3(0.9, 0.9, 0.9), 0.8, 0.1, 0.2, V3(0.1, 0.1, 0.1))))
    s.objects.append(Sphere(V3(0.0, 1.0, 0.0), 1.0, Material(V3(0.8, 0.2, 0.2), 0.7, 0.5, 0.3)))
    s.objects.append(Sphere(V3(-2.2, 0.7, 1.0), 0.7, Material(V3(0.2, 0.8, 0.2), 0.7, 0.3, 0.1)))
    s.objects.append(Sphere(V3(2.0, 0.6, -0.5), 0.6, Material(V3(0.2, 0.3, 0.9), 0.6, 0.8, 0.5)))
    s.objects.append(Sphere(V3(0.6, 0.3, 2.0), 0.3, Material(V3(0.9, 0.8, 0.1), 0.9, 0.2, 0.0)))
    s.lights.append((V3(-5.0, 8.0, 6.0), V3(0.8, 0.8, 0.8)))
    s.lights.append((V3(6.0, 5.0, 3.0), V3(0.4, 0.4, 0.5)))
    return s


def render(scene, size):
    eye = V3(0.0, 2.0, 7.0)
    look = V3(0.0, 0.8, 0.0)
    forward = (look - eye).unit()
    right = forward.cross(V3(0.0, 1.0, 0.0)).unit()
    up = right.cross(forward)
    total = 0
    for j in range(size):
        y = 1.0 - 2.0 * (j + 0.5) / size
        for i in range(size):
            x = 2.0 * (i + 0.5) / size - 1.0
            d = (forward + right.scale(x * 0.8) + up.scale(y * 0.8)).unit()
            c = scene.trace(Ray(eye, d), 0)
            r = min(255, int(c.x * 255.0))
            g = min(255, int(c.y * 255.0))
            b = min(255, int(c.z * 255.0))
            total = (total * 17 + r * 65536 + g * 256 + b) % 1000000007
    return total


def main(n):
    return render(build_scene(), n)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 320))
