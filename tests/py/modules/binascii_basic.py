# binascii: hex/base64/qp/uu round trips, crc32/crc_hqx, error messages and quirks.
import binascii as b

def e(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as x:
        print(type(x).__name__, x)

data = [b'', b'a', b'ab', b'abc', b'abcd', bytes(range(256)), b'hello world\n' * 5]
for d in data:
    print(b.hexlify(d)[:40], b.b2a_base64(d)[:40], b.b2a_base64(d, newline=False)[-8:],
          b.crc32(d), b.crc32(d, 12345), b.crc_hqx(d, 0), b.crc_hqx(d, 0xffff))
    assert b.unhexlify(b.hexlify(d)) == d
    assert b.a2b_base64(b.b2a_base64(d)) == d
    assert b.a2b_base64(b.b2a_base64(d), strict_mode=True) == d
    for i in range(0, len(d), 45):
        chunk = d[i:i + 45]
        assert b.a2b_uu(b.b2a_uu(chunk)) == chunk
        assert b.a2b_uu(b.b2a_uu(chunk, backtick=True)) == chunk
    assert b.a2b_qp(b.b2a_qp(d)) == d, d
print(b.b2a_uu(b''), b.b2a_uu(b'', backtick=True), b.b2a_uu(b'\x00\x00\x00', backtick=True), b.b2a_uu(b'Cat'))
e(b.a2b_uu, b''); e(b.a2b_uu, ''); e(b.a2b_uu, b'#0V%T\n'); e(b.a2b_uu, b'#0V%T   \n'); e(b.a2b_uu, b'#0V%Tx'); e(b.a2b_uu, b'#\x01V%T')
e(b.b2a_uu, b'x' * 46); e(b.b2a_uu, 'x')
e(b.hexlify, 'ab'); e(b.unhexlify, 'é'); e(b.unhexlify, 5); e(b.unhexlify, '616263'); e(b.a2b_hex, b'abc'); e(b.a2b_hex, b'zz')
e(b.b2a_hex, b'abc', 'é'); e(b.b2a_hex, b'abc', 'ab'); e(b.b2a_hex, b'abc', 3); e(b.b2a_hex, b'abc', '\u0100')
for n in (1, 2, 3, -1, -2, -3, 5, -5):
    print(n, b.hexlify(b'\x01\x02\x03\x04\x05', '-', n), b.b2a_hex(b'\x01\x02\x03\x04\x05', sep=b':', bytes_per_sep=n))
e(b.hexlify, data=b'\xff', sep='_')
e(b.crc_hqx, b'abc', -1); e(b.crc32, b'abc', -1); e(b.crc32, b'abc', 2**40); e(b.crc_hqx, b'abc', 2**40); e(b.crc_hqx, b'abc'); e(b.crc32, 'a'); e(b.crc32, b'a', 1.0)
print(b.Error.__mro__, b.Incomplete.__mro__, b.Error.__module__)
for s in [b'YWJj', b'YWJ', b'YW', b'Y', b'YQ==', b'YQ=', b'YQ', b'Y===', b'=YQ==', b'YQ==YQ==', b'Y!Q=\n=', b'YW=J', b'\nYWJj\n', 'YWJj', b'YWJjZA=', b'YWJjZA==x', b'YWJjZ']:
    e(b.a2b_base64, s); e(b.a2b_base64, s, strict_mode=True)
e(b.b2a_base64, b'a', True); e(b.b2a_base64, 'a')
for s in [b'=41=42', b'a=\nb', b'a=\r\nb', b'a==b', b'=4', b'=', b'=zz', b'a_b', 'x=3D']:
    e(b.a2b_qp, s); e(b.a2b_qp, s, header=True)
for s in [b'hello', b'a=b', b'tab\tend\t', b'sp end \nnext', b'x' * 200, b'.\n.', b'.', b'a\r\nb \r\nc', b'a\r\nb\nc', b'\x00\x7f\x80\xff', b'hi there_', b'line\nbreak', (b'y' * 74 + b'=') * 3, b'a' * 75 + b'\n']:
    for kw in [{}, {'quotetabs': True}, {'istext': False}, {'header': True}]:
        print(kw, b.b2a_qp(s, **kw))
e(b.b2a_qp, b'a', quotetabs=1.5)
