# A Matrix class with full operator overloading, reflected ops, NotImplemented, hashing and formatting.
from fractions import Fraction
class Matrix:
    __slots__ = ("rows", "n", "m")
    def __init__(self, rows):
        self.rows = tuple(tuple(r) for r in rows)
        self.n, self.m = len(self.rows), len(self.rows[0]) if rows else 0
    @classmethod
    def identity(cls, n):
        return cls([[int(i == j) for j in range(n)] for i in range(n)])
    def __repr__(self):
        return f"Matrix({[list(r) for r in self.rows]})"
    def __str__(self):
        w = max(len(str(v)) for r in self.rows for v in r)
        return "\n".join(" ".join(f"{v!s:>{w}}" for v in r) for r in self.rows)
    def __format__(self, spec):
        return "[" + "; ".join(", ".join(format(v, spec) for v in r) for r in self.rows) + "]"
    def __eq__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows
    def __hash__(self):
        return hash(self.rows)
    def __add__(self, other):
        if isinstance(other, (int, float, Fraction)):
            return Matrix([[v + other for v in r] for r in self.rows])
        if not isinstance(other, Matrix):
            return NotImplemented
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])
    __radd__ = __add__
    def __neg__(self):
        return Matrix([[-v for v in r] for r in self.rows])
    def __sub__(self, other):
        return self + (-other)
    def __rsub__(self, other):
        return (-self) + other
    def __mul__(self, k):
        if isinstance(k, Matrix):
            return NotImplemented
        return Matrix([[v * k for v in r] for r in self.rows])
    __rmul__ = __mul__
    def __matmul__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.m != other.n:
            raise ValueError(f"shape mismatch {self.n}x{self.m} @ {other.n}x{other.m}")
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    def __pow__(self, e):
        r = Matrix.identity(self.n)
        b = self
        while e:
            if e & 1:
                r = r @ b
            b = b @ b
            e >>= 1
        return r
    def __getitem__(self, idx):
        i, j = idx
        return self.rows[i][j]
    def __iter__(self):
        return iter(self.rows)
    def __len__(self):
        return self.n
    def __bool__(self):
        return any(any(r) for r in self.rows)
    def __abs__(self):
        return sum(v * v for r in self.rows for v in r) ** 0.5
    def T(self):
        return Matrix(list(zip(*self.rows)))
    def det(self):
        if self.n == 1:
            return self.rows[0][0]
        return sum((-1) ** j * self.rows[0][j] * Matrix([r[:j] + r[j + 1:] for r in self.rows[1:]]).det()
                   for j in range(self.m))
A = Matrix([[1, 2], [3, 4]])
B = Matrix([[0, 1], [1, 0]])
print(A + B, A - B, A * 2, 3 * A, A @ B, A ** 5, sep="\n---\n")
print(repr(A + 1), repr(1 + A), repr(10 - A), A == Matrix([[1, 2], [3, 4]]), A != B, A == 5, hash(A) == hash(Matrix(A.rows)))
print(f"{Matrix([[Fraction(1, 3), 0.5]]):.3f}", A[1, 0], list(A), len(A), bool(Matrix([[0]])), round(abs(A), 6))
print(A.T().rows, A.det(), Matrix([[2, 0, 1], [1, 3, 2], [1, 1, 1]]).det(), {A: "a", B: "b"}[Matrix([[0, 1], [1, 0]])])
fib = Matrix([[1, 1], [1, 0]]) ** 90
print(fib[0, 1])
for bad in [lambda: A @ 3, lambda: A @ Matrix([[1, 2, 3]]), lambda: A * A, lambda: "x" + A, lambda: A < B]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(sum([A, B, A], Matrix([[0, 0], [0, 0]])), sorted([3, 1, 2], key=lambda k: -k))
