f(a, x.y=1)
