f(a, [b, (c
