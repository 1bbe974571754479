# numpy under Krait: arrays, ufuncs, indexing, dtypes, broadcasting,
# reductions, linalg, seeded random, tolist, reprs and errors must print
# exactly what CPython prints (numpy drives the C-API hard).
import numpy as np

np.set_printoptions(precision=6, suppress=False)

# construction and reprs
a = np.arange(12).reshape(3, 4)
print(repr(a))
print(a.dtype, a.shape, a.ndim, a.size, a.itemsize, a.strides)
print(np.zeros((2, 3)), np.ones(3, dtype=np.int8), np.full((2, 2), 7.5))
print(repr(np.linspace(0, 1, 5)))
print(repr(np.eye(3, dtype=int)))
print(np.array([1, 2, 3], dtype=np.float32))
print(repr(np.array([1 + 2j, 3 - 1j])))
print(repr(np.array(["a", "bcd"])), repr(np.array([b"x", b"yz"])))
print(repr(np.array([True, False])))
print(repr(np.array([], dtype=float)))
print(str(np.float64(1.5)), repr(np.int32(7)), repr(np.bool_(True)))

# ufuncs and arithmetic
x = np.array([1.0, 4.0, 9.0, 16.0])
print(np.sqrt(x), np.exp(np.array([0.0, 1.0])), np.sin(np.array([0.0])))
print(x + 1, x * 2, x / 3, x // 3, x % 3, x ** 2, -x, abs(-x))
print(np.add(x, x), np.maximum(x, 5), np.minimum.reduce(x))
print(np.add.accumulate(np.arange(5)), np.multiply.outer([1, 2], [3, 4]))
print(a > 5, (a > 5).any(), (a > 5).all())
print(np.where(a % 2 == 0, a, -a))
print(np.isnan(np.array([1.0, np.nan])), np.isinf(np.array([np.inf, 0.0])))
with np.errstate(divide="ignore", invalid="ignore"):
    print(np.array([1.0, 0.0, -1.0]) / 0.0)

# indexing, slicing, fancy indexing
print(a[1], a[1, 2], a[:, 1], a[::2, ::-1], a[-1, -1])
print(a[[0, 2]], a[[0, 1], [1, 2]], a[a > 6], a[..., 0], a[np.newaxis, 0].shape)
b = a.copy()
b[0] = 100
b[:, -1] = [7, 8, 9]
b[b > 50] = -1
print(b)
v = a[1:, 1:3]
print(v.base is a, v.flags["C_CONTIGUOUS"], v.copy().flags["C_CONTIGUOUS"])

# dtypes, including structured
dt = np.dtype([("name", "U8"), ("age", "i4"), ("score", "f8")])
print(dt, dt.names, dt.itemsize, dt["age"])
people = np.array([("ann", 31, 9.5), ("bob", 25, 7.25)], dtype=dt)
print(repr(people))
print(people["age"].sum(), people[1]["name"], np.sort(people, order="age")["name"])
print(np.dtype("float32"), np.dtype("<i8").str, np.dtype(np.complex128).kind)
print(np.array([1, 2, 3]).astype(np.float16), np.array([1.7, -1.7]).astype(int))
print(np.promote_types(np.int8, np.uint8), np.result_type(np.int32, np.float32))
print(np.iinfo(np.int16).max, np.finfo(np.float32).eps)

# broadcasting
print(np.arange(3)[:, None] + np.arange(4))
print(np.broadcast_shapes((3, 1), (1, 4)), (np.ones((2, 3)) * np.array([1, 2, 3])).sum())

# reductions
f = np.arange(1.0, 13.0).reshape(3, 4)
print(f.sum(), f.sum(axis=0), f.mean(axis=1), f.std(), f.var(axis=0))
print(f.min(), f.max(axis=1), f.argmin(), f.argmax(axis=0), f.cumsum()[-3:], f.prod(axis=1))
print(np.median(f), np.percentile(f, 25), np.unique(np.array([3, 1, 3, 2, 1])))
print(np.sort(np.array([3, 1, 2])), np.argsort(np.array([3, 1, 2])), np.concatenate([a, a]).shape)
print(np.vstack([x, x]).shape, np.hstack([x, x]).shape, np.stack([x, x], axis=1).shape)

# linalg
m = np.array([[4.0, 1.0], [2.0, 3.0]])
print(np.round(np.linalg.inv(m), 6), round(float(np.linalg.det(m)), 6))
print(np.linalg.solve(m, np.array([1.0, 2.0])), np.dot(m, m), m @ np.array([1.0, 1.0]))
w = np.linalg.eigvals(m)
print(np.sort(np.round(w.real, 6)), np.round(np.linalg.norm(m), 6), np.trace(m))
q, r = np.linalg.qr(m)
print(np.allclose(q @ r, m), np.linalg.matrix_rank(m))

# random with a seeded Generator
g = np.random.default_rng(12345)
print(g.integers(0, 100, size=5), np.round(g.random(3), 6), g.permutation(5))
print(np.round(g.normal(size=2), 6), g.choice([10, 20, 30], size=4))
rs = np.random.RandomState(7)
print(rs.randint(0, 10, 5), np.round(rs.rand(2), 6))

# tolist and conversions
print(a.tolist(), people.tolist(), np.array([1.5, 2]).tolist(), type(np.int64(3).item()))
print(int(np.int64(5)), float(np.float32(0.5)), complex(np.complex64(1j)), bool(np.array([1])))
print(list(np.arange(3)), [type(e).__name__ for e in np.arange(2)], len(a), 5 in a)
print(np.frombuffer(b"\x01\x02\x03\x04", dtype=np.uint8), np.arange(4, dtype="<i2").tobytes())

# errors
for expr in ["np.arange(6).reshape(4, 2)", "a[5]", "np.ones(3) + np.ones(4)",
             "np.dtype('nope')", "np.linalg.inv(np.zeros((2, 2)))", "a[:, 'x']",
             "np.array([1, 2]).astype('datetime64[foo]')", "int(np.array([1, 2]))"]:
    try:
        eval(expr)
    except Exception as e:
        print(type(e).__name__, e)
