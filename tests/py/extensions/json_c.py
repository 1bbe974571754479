# _json (lib-dynload): json uses the C scanner and encoder.
import json
import json.decoder
import json.encoder
import json.scanner

print(json.decoder.c_scanstring is not None, json.scanner.c_make_scanner is not None)
print(json.encoder.c_make_encoder is not None, json.encoder.c_encode_basestring_ascii is not None)
data = {"name": "Krait", "list": [1, 2.5, -3, None, True, False], "nested": {"a": {"b": [{}, []]}},
        "unicode": "h\u00e9llo \u4e16\u754c \U0001f600", "esc": "tab\tquote\"back\\slash\n"}
s = json.dumps(data)
print(s)
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, separators=(",", ":")))
print(json.loads(s) == data)
print(json.loads('{"x": [1, 2, {"y": "\\u00e9\\ud83d\\ude00"}], "z": 1e400, "w": -0.0}'))
print(json.loads("[NaN, Infinity, -Infinity]"))
for bad in ['{"a": 1,}', "[1, 2", '"abc', "{'a': 1}", "[1] x", "", '"\\x"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, e.pos, e.lineno, e.colno)
try:
    json.dumps({1: object()})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print("ValueError:", e)
r = []
r.append(r)
try:
    json.dumps(r)
except ValueError as e:
    print("ValueError:", e)
class E(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({"s": {3, 1, 2}}, cls=E))
print(json.loads('{"a": 1, "a": 2}', object_pairs_hook=list))
print(json.loads('[1.5, 2]', parse_float=str, parse_int=lambda x: int(x) * 10))
big = [{"k%d" % i: list(range(i % 7))} for i in range(2000)]
print(len(json.dumps(big)), json.loads(json.dumps(big)) == big)
print(json.dumps("\u2028\x00\x1f"), json.dumps(2**100), json.dumps(1.1), json.dumps(1e16))
