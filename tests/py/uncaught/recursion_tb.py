def a(n):
    return a(n + 1)
a(0)
