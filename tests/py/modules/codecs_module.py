# The _codecs builtin module: the codec registry, the built-in error
# handlers, and every codec function with CPython 3.11's results and errors.
import _codecs as kc
import codecs
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: kc.lookup('UTF--8 ').name); t(lambda: kc.lookup('latin 1').name)
seen = []
def sf(n):
    seen.append(n); return None
kc.register(sf)
for n in ['Foo Bar-Baz!', ' x ', '--', 'a.b-C', 'ÄÖ x', 'A1__B2']:
    t(lambda: kc.lookup(n))
print(seen)
kc.unregister(sf)
t(lambda: kc.lookup_error('strict')); t(lambda: kc.lookup_error('surrogatepass')); t(lambda: kc.lookup_error('nope'))
for h in ['strict','ignore','replace','xmlcharrefreplace','backslashreplace','namereplace','surrogatepass','surrogateescape']:
    f = kc.lookup_error(h); print(h, f.__name__, repr(f.__doc__), f.__self__)
e = UnicodeEncodeError('ascii', 'a\xe9\u20ac\U0001f600\udc80b', 1, 5, 'bad')
d = UnicodeDecodeError('utf-8', b'a\xff\xfe\xed\xb2\x80b', 1, 4, 'bad')
tr = UnicodeTranslateError('a\xe9\u20acb', 1, 3, 'bad')
for h in ['strict','ignore','replace','xmlcharrefreplace','backslashreplace','namereplace','surrogatepass','surrogateescape']:
    f = kc.lookup_error(h)
    for x in (e, d, tr, ValueError('v'), 1):
        t(lambda: f(x))
e3 = UnicodeEncodeError('ascii', '\x00\x09\x0a\x63\x64\x3e7\u0100\u1000\uffff\U00010000\U0010ffff', 0, 12, 'bad')
for h in ['xmlcharrefreplace','backslashreplace','namereplace']: t(lambda: kc.lookup_error(h)(e3))
e2 = UnicodeEncodeError('utf-8', 'a\udc80\udcffb', 1, 3, 'bad')
for enc in ['utf-8', 'utf-16', 'utf_16_be', 'UTF-32-LE', 'utf32', 'CP_UTF8', 'latin-1', 'utf-16-xe']:
    e2.encoding = enc
    t(lambda: kc.lookup_error('surrogatepass')(e2)); t(lambda: kc.lookup_error('surrogateescape')(e2))
for enc, data in [('utf-8', b'a\xed\xb2\x80b'), ('utf-16-le', b'a\x00\x80\xdcb'), ('utf-16-be', b'\x00a\xdc\x80'), ('utf-32-le', b'\x80\xdc\x00\x00'), ('utf-8', b'a\x80\x81\x82\x83\x84b'), ('utf-8', b'a\x01b')]:
    d2 = UnicodeDecodeError(enc, data, 1, 2, 'bad')
    t(lambda: kc.lookup_error('surrogatepass')(d2)); t(lambda: kc.lookup_error('surrogateescape')(d2))
t(lambda: kc.register(1)); t(lambda: kc.register_error('x', 1)); t(lambda: kc.register_error(1, print)); t(lambda: kc.register_error('x'))
t(lambda: kc.lookup(1)); t(lambda: kc.lookup('a\0b'))
def bad(n): return (1,2,3) if n == 'badcodec' else None
kc.register(bad); t(lambda: kc.lookup('badcodec')); kc.unregister(bad)
def bad2(n): return codecs.CodecInfo(lambda o, e='strict': 5, lambda o, e='strict': (1,2,3), name='bad2') if n == 'bad2' else None
kc.register(bad2); t(lambda: kc.encode('x', 'bad2')); t(lambda: kc.decode(b'x', 'bad2')); kc.unregister(bad2)
t(lambda: kc.lookup('nonexistent-enc'))
t(lambda: kc.encode('x')); t(lambda: kc.encode(obj='x', encoding='latin-1')); t(lambda: kc.decode(b'x', errors='strict')); t(lambda: kc.encode('x', 1)); t(lambda: kc.encode())
t(lambda: kc.encode(b'x', 'rot13')); t(lambda: kc.decode('x', 'hex')); t(lambda: kc.encode('ab', 'rot13')); t(lambda: kc.decode(b'6162', 'hex'))
# codec functions
data = 'héllo €\U0001f600'
for fn in ['utf_8_encode','utf_7_encode','utf_16_encode','utf_16_le_encode','utf_16_be_encode','utf_32_encode','utf_32_le_encode','utf_32_be_encode','unicode_escape_encode','raw_unicode_escape_encode','latin_1_encode','ascii_encode']:
    f = getattr(kc, fn)
    t(lambda: f(data)); t(lambda: f(data, 'replace')); t(lambda: f(data, 'ignore')); t(lambda: f(b'x')); t(lambda: f()); t(lambda: f('x', None)); t(lambda: f('x', 1))
t(lambda: kc.utf_16_encode('ab', None, 1)); t(lambda: kc.utf_16_encode('ab', None, -1)); t(lambda: kc.utf_32_encode('ab', 'strict', 1)); t(lambda: kc.utf_16_le_encode('ab', None, 1))
bs = [b'h\xc3\xa9llo', b'h\xc3', b'\xff\xfeh\x00i\x00', b'\xfe\xff\x00h\x00i', b'h\x00\xd8', b'+AGEA-x', b'\\u20ac\\x41\\', b'\\N{EURO SIGN}\\q', b'abc\xff']
for fn in ['utf_8_decode','utf_7_decode','utf_16_decode','utf_16_le_decode','utf_16_be_decode','utf_32_decode','utf_32_le_decode','utf_32_be_decode','unicode_escape_decode','raw_unicode_escape_decode','latin_1_decode','ascii_decode', 'escape_decode', 'readbuffer_encode', 'charmap_decode']:
    f = getattr(kc, fn)
    for b in bs:
        t(lambda: f(b)); t(lambda: f(b, 'replace'));
        t(lambda: f(b, 'strict', True))
    t(lambda: f('str')); t(lambda: f(1)); t(lambda: f(memoryview(b'abcd')[::2])); t(lambda: f(bytearray(b'ab'), None, 1.5))
for fn in ['utf_16_ex_decode', 'utf_32_ex_decode']:
    f = getattr(kc, fn)
    for b in bs: t(lambda: f(b)); t(lambda: f(b, None, 1)); t(lambda: f(b, None, -1, True))
t(lambda: kc.escape_encode(b'a\'b"\\\t\n\r\x00\x7f\x80\xff~')); t(lambda: kc.escape_encode('x')); t(lambda: kc.escape_encode(bytearray()))
m = kc.charmap_build('abc\u20ac'); t(lambda: type(m)); t(lambda: kc.charmap_encode('cab\u20ac', 'strict', m)); t(lambda: kc.charmap_encode('xyz', 'replace', m)); t(lambda: kc.charmap_build(1))
t(lambda: kc.charmap_decode(b'\x00\x01\x02', 'strict', 'xyz')); t(lambda: kc.charmap_decode(b'\x00\x05', 'replace', 'xyz')); t(lambda: kc.charmap_decode(b'\x00\x01', 'strict', {0: 'A', 1: None}))
t(lambda: kc.charmap_encode('ab', 'strict', {97: 65, 98: b'BB'})); t(lambda: kc.charmap_encode('ab'))
t(lambda: kc.utf_8_decode.__doc__); t(lambda: kc.utf_8_decode.__text_signature__); t(lambda: kc.register.__doc__)
t(lambda: kc.lookup_error.__doc__)
