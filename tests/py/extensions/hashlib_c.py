# _hashlib (lib-dynload, OpenSSL): digests, HMAC, pbkdf2, scrypt.
import _hashlib
import hashlib
import hmac

print(hashlib.sha256 is _hashlib.openssl_sha256, type(hashlib.sha256()).__name__)
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b"]:
    h = hashlib.new(name, b"The quick brown fox")
    h.update(b" jumps over the lazy dog")
    print(name, h.hexdigest()[:32], h.digest_size, h.block_size)
h = hashlib.sha256()
for i in range(100):
    h.update(str(i).encode())
c = h.copy()
c.update(b"more")
print(h.hexdigest(), c.hexdigest() != h.hexdigest(), h.name)
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000).hex())
print(hashlib.pbkdf2_hmac("sha1", b"pw", b"NaCl", 2, dklen=10).hex())
print(hmac.new(b"key", b"msg", "sha256").hexdigest())
print(hmac.digest(b"key", b"msg", "md5").hex(), hmac.compare_digest(b"a", b"a"))
print(hashlib.scrypt(b"password", salt=b"NaCl", n=16, r=1, p=1, dklen=16).hex())
print(_hashlib.openssl_md5(b"x").hexdigest(), _hashlib.get_fips_mode())
print(hashlib.shake_128(b"abc").hexdigest(8), hashlib.sha512(b"").hexdigest()[:16])
try:
    hashlib.new("nope")
except ValueError as e:
    print("ValueError", e)
try:
    hashlib.sha256("str")
except TypeError as e:
    print("TypeError", e)
print(sorted(hashlib.algorithms_guaranteed)[:5], len(hashlib.file_digest.__name__))
