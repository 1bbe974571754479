def f(s):
    a = (s
      .real
      .imag)
    s.x = (s.
      y)
    return (s
      .upper(
      ).nothing(1,
      2)) + s.upper(k=1).lower(a, b=2)
co = f.__code__  # Krait has no RESUME instruction: skip the first-line entry

seen = set()
for p in co.co_positions():
    if p not in seen and p != (1, 1, 0, 0):
        seen.add(p)
        print(p)
