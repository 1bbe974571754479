import os, shutil, glob, tempfile, pathlib, stat, fnmatch, io, errno
with tempfile.TemporaryDirectory() as d:
    base = pathlib.Path(d)
    (base / "a" / "b").mkdir(parents=True)
    (base / "a" / "x.txt").write_text("hello\nworld\n", encoding="utf-8")
    (base / "a" / "b" / "y.py").write_bytes(b"print(1)\n")
    (base / "a" / "b" / "z.PY").write_text("")
    print(sorted(p.relative_to(base).as_posix() for p in base.rglob("*")))
    print(sorted(os.path.relpath(p, d) for p in glob.glob(os.path.join(d, "**", "*.py"), recursive=True)))
    print(sorted(glob.glob("*", root_dir=os.path.join(d, "a"))), fnmatch.fnmatch("Z.PY", "*.py"), fnmatch.filter(["a.py", "b.txt"], "*.py"))
    for root, dirs, files in sorted(os.walk(d)):
        dirs.sort()
        print(os.path.relpath(root, d), dirs, sorted(files))
    shutil.copytree(base / "a", base / "c")
    shutil.copy2(base / "a" / "x.txt", base / "c" / "x2.txt")
    print(sorted(os.listdir(base / "c")), (base / "c" / "x2.txt").read_text().splitlines())
    shutil.move(str(base / "c" / "x2.txt"), str(base / "moved.txt"))
    print((base / "moved.txt").exists(), (base / "c" / "x2.txt").exists())
    shutil.rmtree(base / "c"); print((base / "c").exists())
    p = base / "a" / "x.txt"
    st = p.stat(); print(st.st_size, stat.S_ISREG(st.st_mode), stat.filemode(st.st_mode)[0], p.suffix, p.stem, p.name, p.parent.name)
    os.chmod(p, 0o600); print(oct(stat.S_IMODE(os.stat(p).st_mode)))
    with open(p, "a+") as f:
        f.write("more\n"); f.seek(0); print(f.read().split())
    with open(p, "rb") as f:
        f.seek(-5, io.SEEK_END); print(f.read(), f.tell())
    try:
        os.mkdir(base / "a")
    except FileExistsError as e:
        print("FileExistsError", e.errno == errno.EEXIST, e.filename == str(base / "a"))
    try:
        open(base / "nope")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.strerror, e.args[0])
    try:
        os.rmdir(base / "a")
    except OSError as e:
        print(type(e).__name__, errno.errorcode[e.errno])
    os.symlink(p, base / "link"); print(os.path.islink(base / "link"), os.readlink(base / "link") == str(p), (base / "link").resolve() == p.resolve())
    fd, name = tempfile.mkstemp(dir=d, suffix=".tmp"); os.write(fd, b"abc"); os.close(fd); print(os.path.getsize(name), name.endswith(".tmp"))
    with tempfile.NamedTemporaryFile("w+", dir=d, delete=True) as tf:
        tf.write("x"); tf.flush(); print(os.path.exists(tf.name))
    print(os.path.exists(tf.name))
    with tempfile.SpooledTemporaryFile(max_size=10) as sf:
        sf.write(b"0123456789ABC"); sf.seek(0); print(sf.read())
    print(shutil.disk_usage(d).total > 0, shutil.which("sh") is not None)
    arch = shutil.make_archive(os.path.join(d, "arc"), "zip", base / "a"); print(os.path.basename(arch))
    shutil.unpack_archive(arch, base / "un"); print(sorted(str(q.relative_to(base / "un")) for q in (base / "un").rglob("*")))
print(os.path.join("a", "/b", "c"), os.path.normpath("a//b/../c/./d"), os.path.splitext("x.tar.gz"), os.path.split("/a/b/"), os.path.basename("/a/b"), os.path.commonpath(["/a/b/c", "/a/b/d"]))
print(pathlib.PurePosixPath("/a/b/c.txt").with_suffix(".md"), pathlib.PurePath("a/b").parts, pathlib.PurePosixPath("a") / "b" / "..", pathlib.PurePosixPath("/x/y").is_relative_to("/x"), pathlib.PurePosixPath("a/b/c").parents[1])
print(os.sep, os.curdir, os.pardir, os.extsep, os.linesep == "\n", os.name, os.fspath(pathlib.Path("q")))
