f"{a b c}"
