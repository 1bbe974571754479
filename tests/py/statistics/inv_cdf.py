# _statistics._normal_dist_inv_cdf: bit-identical results across all three
# regions of the approximation, and its errors. (statistics.py itself needs
# decimal, which is not importable yet.)
import _statistics

f = _statistics._normal_dist_inv_cdf
print(_statistics.__doc__, repr(f.__doc__), f.__text_signature__)
ps = [1e-300, 1e-20, 1e-10, 0.001, 0.01, 0.05, 0.075, 0.1, 0.3, 0.5, 0.7, 0.9, 0.925, 0.99, 1 - 1e-10]
for p in ps:
    print(repr(f(p, 0.0, 1.0)), repr(f(p, 3.5, 0.25)), repr(f(p, -1, 1e-3)))
for args in [(0, 0, 1), (1, 0, 1), (0.5, 0, 0), (0.5, 0, -1), ('a', 0, 1), (1, 0), (float('nan'), 0, 1)]:
    try:
        print(repr(f(*args)))
    except Exception as e:
        print(type(e).__name__, e)
