# bytes/bytearray.hex(sep, bytes_per_sep): sep validation (length, ASCII, type) as memoryview.hex.
import binascii
tb = b'\xb9\x01\xef'
for t in (bytes, bytearray, memoryview):
    x = t(tb)
    for a in [('',), ('xx',), (':', 0), (None, 0), ('\xff',), (b'\xff',), (b'\x80',), (chr(0x100),), (b'\x00',), ('\x7f',), (':', 4), (':', -4), ('*', -2), (1,), (b'',), (b'ab',), (':', 2**70), (':', 'x')]:
        try:
            print(t.__name__, a, repr(x.hex(*a)))
        except Exception as e:
            print(t.__name__, a, type(e).__name__, e)
for a in [('',), (':', 0), ('\xff',), (b'\x80',), (':', 2), (b'\x00',), ('xx',)]:
    try:
        print('b2a', a, repr(binascii.b2a_hex(tb, *a)), binascii.hexlify(tb, *a))
    except Exception as e:
        print('b2a', a, type(e).__name__, e)
