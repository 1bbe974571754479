f"{a!r:{b c}}"
