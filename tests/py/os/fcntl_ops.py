import fcntl, os, tempfile, struct, array
FIONREAD = 0x541B  # FIONREAD (Linux)
print(sorted(k for k in dir(fcntl) if k.isupper()))
r, w = os.pipe()
fl = fcntl.fcntl(r, fcntl.F_GETFL)
fcntl.fcntl(r, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK != 0, os.get_blocking(r))
print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
print(fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) > 0)
with tempfile.TemporaryFile() as f:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_EX, 10, 0, 0)
    fcntl.lockf(f, fcntl.LOCK_UN)
    lk = struct.pack('hhllhh', fcntl.F_WRLCK, 0, 0, 0, 0, 0)
    out = fcntl.fcntl(f, fcntl.F_GETLK, lk)
    print(type(out), len(out), struct.unpack('hhllhh', out)[0] == fcntl.F_UNLCK)
    os.write(w, b'abc')
    buf = array.array('i', [0])
    print(fcntl.ioctl(r, FIONREAD, buf), buf[0])
    print(struct.unpack('i', fcntl.ioctl(r, FIONREAD, b'\0' * 4))[0])
    buf2 = bytearray(4)
    print(fcntl.ioctl(r, FIONREAD, buf2, False), buf2)
for call in [lambda: fcntl.fcntl(-1, fcntl.F_GETFL), lambda: fcntl.fcntl('x', 1),
             lambda: fcntl.fcntl(r, fcntl.F_GETFL, 1.5), lambda: fcntl.fcntl(r, 1, b'x' * 2000),
             lambda: fcntl.lockf(r, 12345), lambda: fcntl.flock(999, fcntl.LOCK_EX),
             lambda: fcntl.ioctl(r, FIONREAD, 1.5), lambda: fcntl.fcntl(r),
             lambda: fcntl.ioctl(r, FIONREAD, b'x' * 2000)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
