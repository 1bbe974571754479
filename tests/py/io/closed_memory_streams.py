# Closed BytesIO/StringIO refuse writelines (even of nothing) and __setstate__.
import io

b = io.BytesIO(b"x")
b.close()
for call in (lambda: b.writelines([]), lambda: b.writelines([b"a"]), lambda: b.getvalue()):
    try:
        call()
    except ValueError as e:
        print("ValueError", e)
s = io.StringIO("x")
s.close()
for call in (lambda: s.__setstate__(("closed", "", 0, None)), lambda: s.writelines([])):
    try:
        call()
    except ValueError as e:
        print("ValueError", e)
