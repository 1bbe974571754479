# The built-in hash modules (_md5, _sha1, _sha256, _sha512, _sha3, _blake2) and
# hashlib on top of them: digests of known inputs, incremental updates across
# block boundaries, copies, attributes and error messages.
import _md5, _sha1, _sha256, _sha512, _sha3, _blake2

inputs = [b'', b'abc', b'x' * 55, b'x' * 56, b'y' * 63, b'y' * 64, b'z' * 111, b'z' * 112,
          b'q' * 127, b'q' * 128, b'w' * 129, b'e' * 135, b'e' * 136, b'e' * 137,
          bytes(range(256)) * 5]
ctors = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384, _sha512.sha512,
         _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512, _blake2.blake2b, _blake2.blake2s]
for c in ctors:
    h0 = c()
    print(h0.name, h0.digest_size, h0.block_size, type(h0).__name__, type(h0).__module__)
    for data in inputs:
        print(' ', len(data), c(data).hexdigest())
        # incremental, odd chunk sizes
        h = c()
        for i in range(0, len(data), 7):
            h.update(data[i:i + 7])
        assert h.hexdigest() == c(data).hexdigest(), (c, len(data))
        assert h.digest() == bytes.fromhex(h.hexdigest())
    h = c(b'abc')
    h2 = h.copy()
    h2.update(b'def')
    print('  copy', h.hexdigest() == c(b'abc').hexdigest(), h2.hexdigest() == c(b'abcdef').hexdigest())
    h = c(bytearray(b'mem'))
    h.update(memoryview(b'view'))
    print('  buffers', h.hexdigest() == c(b'memview').hexdigest())
    for bad in ['str', 1, None]:
        try:
            c().update(bad)
        except TypeError as e:
            print('  TypeError', e)

for c in [_sha3.shake_128, _sha3.shake_256]:
    h = c(b'The quick brown fox')
    print(h.name, h.digest_size, h.block_size, h._capacity_bits, h._rate_bits, h._suffix)
    for n in [0, 1, 16, 32, 167, 168, 169, 400]:
        print(' ', n, h.hexdigest(n))
    assert h.digest(50) == bytes.fromhex(h.hexdigest(50))
    for bad in [-1, 2 ** 40]:
        try:
            h.digest(bad)
        except ValueError as e:
            print('  ValueError', e)

s = _sha3.sha3_256()
print(s._capacity_bits, s._rate_bits, s._suffix)
print(_md5.md5(string=b'abc', usedforsecurity=False).hexdigest())
print(_sha3.sha3_224(b'abc', usedforsecurity=False).hexdigest())
print(_md5.MD5Type, _sha1.SHA1Type, _sha256.SHA224Type, _sha256.SHA256Type, _sha512.SHA384Type)
print(sorted(n for n in dir(_sha512) if not n.startswith('__')))
print(sorted(n for n in dir(_blake2) if not n.startswith('__')))
print(_blake2.blake2b.SALT_SIZE, _blake2.blake2b.PERSON_SIZE, _blake2.blake2b.MAX_KEY_SIZE,
      _blake2.blake2b.MAX_DIGEST_SIZE, _blake2.blake2s.SALT_SIZE, _blake2.blake2s.MAX_DIGEST_SIZE)
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_PERSON_SIZE)

# BLAKE2 parameters
B, S = _blake2.blake2b, _blake2.blake2s
for c in (B, S):
    print(c(b'data', digest_size=20).hexdigest())
    print(c(b'data', key=b'secret key').hexdigest())
    print(c(b'data', key=b'k' * c.MAX_KEY_SIZE, salt=b's' * c.SALT_SIZE, person=b'p' * c.PERSON_SIZE).hexdigest())
    print(c(b'data', fanout=2, depth=2, leaf_size=4096, node_offset=3, node_depth=1,
            inner_size=c.MAX_DIGEST_SIZE // 2, last_node=True).hexdigest())
    print(c(b'x' * c().block_size, key=b'abc').hexdigest())
    print(c(digest_size=7).digest_size, c().name)
    for kw in [dict(digest_size=0), dict(digest_size=65), dict(salt=b'x' * 17), dict(person=b'x' * 17),
               dict(key=b'x' * 65), dict(fanout=256), dict(fanout=-1), dict(depth=0), dict(leaf_size=2 ** 32),
               dict(leaf_size=-1), dict(node_offset=2 ** 48), dict(node_offset=-1), dict(node_depth=256),
               dict(inner_size=65), dict(data=b'')]:
        try:
            c(**kw)
            print('ok', kw)
        except (ValueError, OverflowError, TypeError) as e:
            print(type(e).__name__, e)

for f in [lambda: _md5.md5('x'), lambda: _md5.md5(1), lambda: _md5.md5(b'', b''), lambda: _md5.md5(data=b''),
          lambda: _sha3.sha3_224('x'), lambda: _sha3.sha3_224(string=b''), lambda: _sha3.shake_128().digest(),
          lambda: _blake2.blake2b('s')]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)

# hashlib falls back to these modules when _hashlib is missing; its results agree either way.
import hashlib
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384',
             'sha3_512', 'blake2b', 'blake2s']:
    print(name, hashlib.new(name, b'hashlib').hexdigest(), getattr(hashlib, name)(b'x').hexdigest())
print(hashlib.shake_128(b'x').hexdigest(20), hashlib.shake_256(b'x').hexdigest(20))
print(hashlib.sha256(b'x').hexdigest())
print(sorted(hashlib.algorithms_guaranteed))
