f"{a}{b c}"
