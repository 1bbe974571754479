a.b, c: int
