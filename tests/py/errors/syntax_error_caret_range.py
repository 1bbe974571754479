# Caret ranges printed for SyntaxErrors built by hand (offsets out of range).
import sys
sys.stderr = sys.stdout
for args in [("bad.py", 1, 2, "abcdefg", 1, 7), ("bad.py", 1, 2, "abcdefg", 1, 3),
             ("bad.py", 1, 2, "abcdefg", 1, -2), ("bad.py", 1, 4, "abcdefg", 1, 2),
             ("bad.py", 1, -4, "abcdefg", 1, -2), ("bad.py", 1, 0, "abcdefg", 1, 5),
             ("bad.py", 1, 2, "abcdefg", 1, 100), ("bad.py", 1, 8, "abcdefg", 1, 9),
             ("bad.py", 1, 2, "abcdefg\n", 1, 100), ("bad.py", 1, 2, "  abcdefg", 1, 100)]:
    try:
        raise SyntaxError("bad bad", args)
    except SyntaxError:
        sys.__excepthook__(*sys.exc_info())
