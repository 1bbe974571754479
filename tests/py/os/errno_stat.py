# errno and _stat modules (differential vs CPython 3.11).
import errno, _stat
print(errno.ENOENT, errno.EAGAIN, errno.EWOULDBLOCK, errno.errorcode[errno.EAGAIN],
      errno.errorcode[errno.EDEADLK], errno.errorcode[errno.ENOTSUP], len(errno.errorcode))
print(sorted(n for n in errno.__dict__ if n.startswith("E")) == sorted(set(errno.errorcode.values()) | {"EDEADLK", "EOPNOTSUPP", "EWOULDBLOCK"}))
for mode in (0o100644, 0o40755, 0o120777, 0o104755, 0o102755, 0o41777, 0o41776, 0o10600, 0o140000, 0o20000, 0o60000, 0o7777, 0):
    print(_stat.filemode(mode), _stat.S_ISDIR(mode), _stat.S_ISREG(mode), _stat.S_ISLNK(mode),
          _stat.S_IMODE(mode), _stat.S_IFMT(mode), _stat.S_ISDOOR(mode))
print(sorted((n, getattr(_stat, n)) for n in list(_stat.__dict__) if n.isupper() and isinstance(getattr(_stat, n), int)))
for bad in (-1, "x", 2**40):
    try:
        _stat.S_ISDIR(bad)
    except Exception as e:
        print(type(e).__name__)
