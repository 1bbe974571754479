# json round trips and errors, re patterns, textwrap, string constants and Template
import json, re, textwrap, string
obj = {'b': [1, 2.5, None, True], 'a': {'nested': 'é'}, 'c': 'quote"s'}
s = json.dumps(obj); print(s); print(json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False))
print(json.loads(s) == obj, json.loads('[1e3, -0, "\\u00e9", {"k": []}]'), json.dumps([float('inf')]), json.dumps((1, 2)))
print(json.dumps({'x': 1}, separators=(',', ':')), json.dumps('\x00\u2028'), json.loads('"\\ud83d\\ude00"') == '\U0001F600')
for bad in ['{', '[1,]', '{"a" 1}', 'nan_', '']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('JSONDecodeError', e.msg, e.pos)
try:
    json.dumps({1j: 1})
except TypeError as e:
    print('TypeError', e)
print(json.dumps({1: 'int key', True: 'b'}), json.loads('{"a": 1}', object_hook=lambda d: sorted(d)))
print(re.findall(r'\b\w+@\w+\.com\b', 'x a@b.com y c@d.com'), re.sub(r'(\d+)', lambda m: str(int(m[1]) * 2), 'a1 b22'))
m = re.search(r'(?P<key>\w+)=(?P<val>\d+)', 'set x=42;'); print(m['key'], m.group('val'), m.span(), m.groupdict(), m.start(2))
print(re.split(r'[,;]\s*', 'a, b;c'), re.fullmatch(r'\d{3}', '123') is not None, re.sub(r'\s+', ' ', ' a  b\n c '), re.escape('a.b*c'))
print([m.group() for m in re.finditer(r'[A-Z]\w*', 'Hello big World')], re.compile(r'x', re.I).match('X') is not None)
try:
    re.compile('(')
except re.error as e:
    print('re.error', e)
text = 'The quick brown fox jumps over the lazy dog. ' * 3
print(textwrap.wrap(text, 30)); print(textwrap.fill('short text here', 8))
print(textwrap.dedent('    a\n      b\n    c'), textwrap.indent('x\ny', '> '), textwrap.shorten(text, 40))
print(string.ascii_letters, string.digits, string.punctuation, string.capwords('hello  world'))
t = string.Template('$who likes ${what}s')
print(t.substitute(who='Tim', what='kung pao'), t.safe_substitute(who='x'))
try:
    t.substitute(who='y')
except KeyError as e:
    print('KeyError', e)
print(string.Formatter().format('{0}-{x}', 1, x=2))
