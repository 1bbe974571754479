# json round trips, options, custom encoders/decoders, errors.
import json, decimal, collections
data = {"name": "Krait", "ver": [3, 11], "ok": True, "none": None, "pi": 3.141592653589793, "big": 10**20,
        "nested": {"ü": "ñ", "emoji": "🐍", "esc": "tab\tquote\"back\\"}, "empty": {}, "list": []}
s = json.dumps(data)
print(s)
print(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
print(json.dumps(data, separators=(",", ":"), sort_keys=True)[:80])
print(json.loads(s) == data, json.loads('[1, 2.5, "x", null, true, false, {"a": -0.0}]'))
print(json.dumps([float("inf"), float("nan"), -0.0]), json.dumps(1e300 * 10))
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print("ValueError:", e)
for bad in ['{"a": 1,}', "[1, 2", '{"a" 1}', "nul", '"\\x"', "", "[1] x", '{"a": 01}']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e.msg, e.lineno, e.colno, e.pos)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        if isinstance(o, complex):
            return [o.real, o.imag]
        return super().default(o)
print(json.dumps({"s": {3, 1}, "c": 1 + 2j}, cls=Enc))
try:
    json.dumps({"o": object()})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
print(json.dumps({1: "int key", 2.5: "float", True: "bool", None: "none"}), json.dumps({(1, 2): 3}, skipkeys=True))
print(json.loads('{"a": 1.5, "b": 2}', parse_float=decimal.Decimal, parse_int=str))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=collections.OrderedDict))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads('"\\ud83d\\ude00"'), json.dumps("\ud83d"), json.dumps("é", ensure_ascii=True))
print(json.loads("  [1,\n 2 ]  "), json.loads(b'{"bytes": 1}'), json.loads("1e400"), json.loads("-Infinity"))
import io
buf = io.StringIO()
json.dump({"k": [1, 2]}, buf, indent="\t")
print(repr(buf.getvalue()), json.load(io.StringIO(buf.getvalue())))
dec = json.JSONDecoder()
print(dec.raw_decode('{"a": 1} trailing'), json.dumps("x" * 3, indent=4), json.dumps([], indent=4), json.dumps({}, indent=4))
print(json.dumps([[1, [2]], {"a": {"b": []}}], indent=1))
