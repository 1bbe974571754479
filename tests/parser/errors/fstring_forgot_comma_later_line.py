x = 1
y = f"x{a b}"
