import json, collections, decimal
data = {"b": [1, 2.5, None, True, False, "x\u00e9\n\t\"\\", {"z": []}], "a": {"nested": {"deep": [[], {}]}}, "n": -0.0, "big": 10**30, "f": 1e300}
s = json.dumps(data)
print(s)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
print(json.loads(s) == data)
print(json.dumps([float("inf"), float("-inf"), float("nan")]))
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print("ValueError:", e)
for bad in ['{"a": 1,}', '[1, 2', '{"a" 1}', 'nul', '"\\x"', '[1,]', '', '  ', '{"a":1}x', '"\ud800"', '01']:
    try:
        print(repr(json.loads(bad)))
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, e.pos, e.lineno, e.colno)
print(json.loads('"\\ud83d\\ude00"'), json.loads('1.5e3'), json.loads('-12'), json.loads(' [1 , 2 ] '))
print(json.loads('{"a":1,"a":2}'), json.loads('{"x": 1.1}', parse_float=decimal.Decimal))
print(json.loads('[1, 2]', parse_int=str), json.loads('{"a": [1]}', object_pairs_hook=collections.OrderedDict))
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())))
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({"s": {3, 1, 2}}, cls=Enc))
try:
    json.dumps({"s": object()})
except TypeError as e:
    print("TypeError:", str(e)[:40])
print(json.dumps({1: 2, 2.5: 3, True: 4, None: 5}))
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
print(json.dumps({(1, 2): 3}, skipkeys=True))
print(json.dumps("\u2603\x00\x1f", ensure_ascii=True), json.dumps("\u2603", ensure_ascii=False))
circ = []; circ.append(circ)
try:
    json.dumps(circ)
except ValueError as e:
    print("ValueError:", e)
print(json.dumps([1, [2, [3]]], indent="\t"))
print(json.JSONDecoder().raw_decode('{"a": 1} tail'))
import io
buf = io.StringIO(); json.dump({"k": [1, 2]}, buf, indent=1); print(buf.getvalue())
print(json.load(io.StringIO('[{"x": "y"}]')))
print(json.dumps(12345678901234567890.0), json.dumps(0.1), json.dumps(1/3), json.dumps(-1e-7))
