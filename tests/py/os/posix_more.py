# posix functions: configuration, credentials, scheduling, vectored I/O, special files, xattrs.
import os, sys, tempfile, shutil, errno
print(os.sysconf("SC_PAGESIZE") == os.sysconf(os.sysconf_names["SC_PAGESIZE"]), os.sysconf("SC_NPROCESSORS_ONLN") >= 1)
print(sorted(os.sysconf_names)[:3], len(os.sysconf_names), len(os.confstr_names), len(os.pathconf_names))
print(os.confstr("CS_PATH"), type(os.confstr("CS_GNU_LIBC_VERSION")).__name__)
for bad in ["SC_NOPE", 3.5]:
    try:
        os.sysconf(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(os.pathconf("/", "PC_NAME_MAX"), os.fpathconf(0, "PC_PIPE_BUF") > 0 if os.isatty(0) else True)
st = os.statvfs("/")
print(type(st).__name__, st.f_bsize > 0, len(st), st.f_namemax, os.fstatvfs(1).f_bsize > 0 or True)
du = shutil.disk_usage("/")
print(type(du).__name__, du.total >= du.used >= 0)
print(os.getresuid() == (os.getuid(), os.geteuid(), os.getuid()) or True, len(os.getresgid()))
print(os.getpriority(os.PRIO_PROCESS, 0) == os.nice(0))
print(isinstance(os.getgrouplist("root", 0), list))
print(os.sched_getaffinity(0) == set(range(len(os.sched_getaffinity(0)))) or True, os.sched_yield())
print(os.sched_param(5), os.sched_param(sched_priority=3).sched_priority, os.sched_getscheduler(0) == os.SCHED_OTHER)
print(os.sched_get_priority_max(os.SCHED_FIFO) >= os.sched_get_priority_min(os.SCHED_FIFO), os.sched_getparam(0))
import pickle
try:
    pickle.loads(pickle.dumps(os.sched_param(7)))
except TypeError as e:
    print("TypeError:", e)
try:
    os.sched_setaffinity(0, [-1])
except ValueError as e:
    print("ValueError:", e)
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "f")
    fd = os.open(p, os.O_RDWR | os.O_CREAT)
    print(os.writev(fd, [b"abc", bytearray(b"def"), memoryview(b"gh")]), os.pwrite(fd, b"XY", 1))
    os.lseek(fd, 0, 0)
    a, b = bytearray(3), bytearray(10)
    print(os.readv(fd, [a, b]), a, b)
    print(os.pwritev(fd, [b"1", b"2"], 6), os.preadv(fd, [bytearray(4)], 4))
    os.fdatasync(fd)
    os.posix_fallocate(fd, 0, 100)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_NORMAL)
    os.lockf(fd, os.F_LOCK, 0)
    os.lockf(fd, os.F_ULOCK, 0)
    print(os.fstat(fd).st_size)
    out = os.open(os.path.join(d, "g"), os.O_WRONLY | os.O_CREAT)
    print(os.sendfile(out, fd, 0, 5), os.copy_file_range(fd, out, 3, 0, 5))
    os.close(out)
    print(open(os.path.join(d, "g"), "rb").read())
    os.close(fd)
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    import stat
    print(stat.S_ISFIFO(os.stat(fifo).st_mode))
    try:
        os.mkfifo(fifo)
    except FileExistsError as e:
        print("FileExistsError", e.errno == errno.EEXIST)
    dev = os.makedev(8, 1)
    print(os.major(dev), os.minor(dev))
    cwd = os.getcwd()
    dfd = os.open(d, os.O_RDONLY)
    os.fchdir(dfd)
    print(os.getcwd() == os.path.realpath(d))
    os.chdir(cwd)
    os.close(dfd)
    efd = os.eventfd(3)
    os.eventfd_write(efd, 4)
    print(os.eventfd_read(efd))
    os.close(efd)
    mfd = os.memfd_create("x")
    os.write(mfd, b"memfd")
    print(os.pread(mfd, 5, 0))
    os.close(mfd)
    print(len(os.getrandom(16)), len(os.getrandom(0)))
    m, s = os.openpty()
    print(os.isatty(s), os.get_inheritable(m), os.ttyname(s).startswith("/dev/pts/"))
    os.close(m); os.close(s)
    try:
        os.setxattr(p, "user.k", b"v")
        print(os.getxattr(p, "user.k"), "user.k" in os.listxattr(p))
        os.removexattr(p, "user.k")
        print(os.listxattr(p))
    except OSError as e:
        print("xattr unsupported here")
    os.fchown(os.open(p, os.O_RDONLY), -1, -1)
    os.lchown(p, -1, -1)
finally:
    shutil.rmtree(d)
pid = os.fork()
if pid == 0:
    os._exit(3)
rpid, status, ru = os.wait4(pid, 0)
print(rpid == pid, os.WEXITSTATUS(status), type(ru).__name__, ru.ru_utime >= 0)
pid = os.fork()
if pid == 0:
    os._exit(5)
r = os.waitid(os.P_PID, pid, os.WEXITED)
print(type(r).__name__, r.si_pid == pid, r.si_status, r.si_code == os.CLD_EXITED)
print(os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG) if False else "skip", os.ctermid())
try:
    os.wait3(os.WNOHANG)
except ChildProcessError as e:
    print("ChildProcessError", e.errno)
