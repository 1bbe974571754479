# posix module: files, stat, directories, scandir, fds, processes (differential vs CPython 3.11).
import posix
pid = posix.getpid()
base = "/tmp/krait_os_test_%d" % pid
posix.mkdir(base)
fd = posix.open(base + "/f.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(posix.write(fd, b"hello world\n"))
print(posix.get_inheritable(fd), posix.get_blocking(fd), posix.isatty(fd))
posix.close(fd)
st = posix.stat(base + "/f.txt")
print(type(st).__name__, st.st_size, st.st_mode & 0o777, len(st), type(st.st_mtime).__name__)
print(st.st_mtime_ns // 1000000000 == st[8], st.st_atime == st[7] + (st.st_atime_ns % 10**9) * 1e-9)
fd = posix.open(base + "/f.txt", posix.O_RDONLY)
print(posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.read(fd, 100), posix.read(fd, 10))
print(posix.fstat(fd).st_size)
posix.close(fd)
print(sorted(posix.listdir(base)), posix.listdir(base.encode()))
posix.symlink("f.txt", base + "/link")
print(posix.readlink(base + "/link"), posix.readlink((base + "/link").encode()))
entries = sorted(posix.scandir(base), key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path == base + "/" + e.name, e.is_file(), e.is_dir(), e.is_symlink(),
          e.is_file(follow_symlinks=False), e.stat().st_size, posix.fspath(e) == e.path)
print(posix.access(base + "/f.txt", posix.R_OK), posix.access(base + "/nope", posix.F_OK))
posix.chmod(base + "/f.txt", 0o600)
print(oct(posix.stat(base + "/f.txt").st_mode & 0o777))
posix.utime(base + "/f.txt", (1000000000, 1500000000.25))
st = posix.stat(base + "/f.txt")
print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[7], st[8])
posix.utime(base + "/f.txt", ns=(5, 1234567890123456789))
st = posix.stat(base + "/f.txt")
print(st.st_atime_ns, st.st_mtime_ns, st.st_mtime)
posix.rename(base + "/f.txt", base + "/g.txt")
posix.replace(base + "/g.txt", base + "/h.txt")
print(sorted(posix.listdir(base)))
for f in [lambda: posix.stat(base + "/nope"), lambda: posix.rename(base + "/a", base + "/b"),
          lambda: posix.stat([]), lambda: posix.stat("a\0"), lambda: posix.close(2**40),
          lambda: posix.fstat(9999), lambda: posix.rmdir(base), lambda: posix.mkdir(base),
          lambda: posix.listdir(3.5), lambda: posix.fspath(1), lambda: posix.stat("x", dir_fd="a"),
          lambda: posix.putenv("a=b", "c"), lambda: posix.urandom(-1),
          lambda: posix.open(base + "/nope", posix.O_RDONLY)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, str(e).replace(base, "BASE"), getattr(e, "errno", None))
posix.unlink(base + "/link")
posix.remove(base + "/h.txt")
posix.rmdir(base)
print(posix.path_exists if hasattr(posix, "path_exists") else "ok")
r, w = posix.pipe()
posix.write(w, b"xyz")
print(posix.read(r, 10), posix.get_inheritable(r))
posix.set_inheritable(r, True); print(posix.get_inheritable(r))
posix.set_blocking(r, False); print(posix.get_blocking(r))
d = posix.dup(r); print(d > r, posix.get_inheritable(d))
print(posix.dup2(r, d) == d)
for x in (r, w, d): posix.close(x)
print(len(posix.urandom(16)), posix.strerror(2), posix.strerror(9999))
print(posix.WIFEXITED(0), posix.WEXITSTATUS(256), posix.waitstatus_to_exitcode(256), posix.WIFSIGNALED(9), posix.WTERMSIG(9))
print(type(posix.environ), all(type(k) is bytes for k in posix.environ))
old = posix.umask(0o22); print(posix.umask(old) == 0o22)
print(type(posix.times()).__name__, len(posix.times()), posix.uname().sysname, posix.cpu_count() > 0)
print(posix.getcwd() == posix.getcwdb().decode(), posix.getuid() == posix.geteuid())
print(posix.stat_result.n_fields, posix.stat_result.n_sequence_fields, posix.stat_result.__module__)
print(posix.device_encoding(r), posix.O_RDONLY, posix.WNOHANG, len(posix._have_functions))
pid = posix.fork()
if pid == 0:
    posix._exit(7)
p, status = posix.waitpid(pid, 0)
print(p == pid, posix.WEXITSTATUS(status), posix.waitstatus_to_exitcode(status))
print(posix.DirEntry, type(posix.scandir("/")).__name__)
