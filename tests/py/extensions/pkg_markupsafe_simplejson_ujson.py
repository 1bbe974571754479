# Debian's python3-markupsafe, python3-simplejson and python3-ujson: their C
# speedups loaded unmodified.
import markupsafe
import markupsafe._speedups
import simplejson
import simplejson._speedups
import ujson

print(markupsafe.escape is markupsafe._speedups.escape)
print(markupsafe.escape("<a href='x'>&\"</a>"), markupsafe.escape(42), markupsafe.escape(None))
m = markupsafe.Markup("<b>%s</b>") % "<i>"
print(m, type(m).__name__, m.striptags(), markupsafe.Markup("&lt;&amp;").unescape())
print(markupsafe.soft_str(5), markupsafe.escape_silent(None), markupsafe.Markup("a").join(["<", ">"]))

print(simplejson._speedups.scanstring is not None, simplejson.decoder.c_scanstring is not None)
data = {"b": [1, 2.5, None, True], "a": {"x": "\u00e9\u4e2d"}, "c": 10**20}
s = simplejson.dumps(data, sort_keys=True)
print(s, simplejson.loads(s) == data)
print(simplejson.dumps(data, indent=1, sort_keys=True, ensure_ascii=False))
from decimal import Decimal
print(simplejson.loads("1.10", use_decimal=True), simplejson.dumps(Decimal("2.50"), use_decimal=True))
try:
    simplejson.loads('{"a": }')
except simplejson.JSONDecodeError as e:
    print("JSONDecodeError", e.msg, e.pos)

print(ujson.dumps(data, sort_keys=True), ujson.loads('{"k": [1, 2, {"z": null}]}'))
print(ujson.dumps([1.5, "x\n", -3], indent=0), ujson.dumps("\u00e9", ensure_ascii=False))
try:
    ujson.loads("[1, 2")
except ValueError as e:
    print("ValueError", type(e).__name__)
big = [{"n": i, "s": str(i) * 3} for i in range(1000)]
print(ujson.loads(ujson.dumps(big)) == big, simplejson.loads(simplejson.dumps(big)) == big)
