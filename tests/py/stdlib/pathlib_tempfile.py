# pathlib, tempfile, shutil, glob and os file operations in a private temporary directory.
import glob, os, pathlib, shutil, stat, tempfile
with tempfile.TemporaryDirectory(prefix="krt") as d:
    base = pathlib.Path(d)
    (base / "a").mkdir()
    (base / "a" / "b").mkdir(parents=True, exist_ok=True)
    f = base / "a" / "hello.txt"
    f.write_text("hello\nworld\n", encoding="utf-8")
    (base / "a" / "b" / "data.bin").write_bytes(bytes(range(10)))
    (base / "a" / "note.md").touch()
    print(f.read_text().splitlines(), f.stat().st_size, f.suffix, f.stem, f.name, f.parent.name)
    print(sorted(p.name for p in (base / "a").iterdir()))
    print(sorted(str(p.relative_to(base)) for p in base.rglob("*")))
    print(sorted(os.path.basename(x) for x in glob.glob(os.path.join(d, "a", "*.txt"))))
    print(sorted(os.path.relpath(x, d) for x in glob.glob(os.path.join(d, "**", "*"), recursive=True)))
    shutil.copy(f, base / "copy.txt")
    shutil.copytree(base / "a", base / "tree")
    print(sorted(str(p.relative_to(base)) for p in (base / "tree").rglob("*")))
    shutil.move(str(base / "copy.txt"), str(base / "moved.txt"))
    print((base / "moved.txt").exists(), (base / "copy.txt").exists())
    shutil.rmtree(base / "tree")
    print((base / "tree").exists())
    os.chmod(f, 0o600)
    print(oct(stat.S_IMODE(f.stat().st_mode)), f.is_file(), f.is_dir(), (base / "a").is_dir())
    link = base / "link.txt"
    link.symlink_to(f)
    print(link.is_symlink(), link.resolve() == f.resolve(), os.readlink(link) == str(f))
    f.rename(base / "renamed.txt")
    print(sorted(p.name for p in base.iterdir()))
    with open(base / "renamed.txt", "a") as fh:
        fh.write("more\n")
    with open(base / "renamed.txt") as fh:
        print(fh.readlines())
    try:
        (base / "missing").read_text()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.strerror, os.path.basename(e.filename))
    try:
        (base / "a").rmdir()
    except OSError as e:
        print(type(e).__name__, e.errno)
    with tempfile.NamedTemporaryFile("w+", suffix=".log", dir=d, delete=False) as t:
        t.write("temp")
        name = t.name
    print(os.path.exists(name), name.endswith(".log"), os.path.dirname(name) == d)
    fd, path = tempfile.mkstemp(dir=d)
    os.write(fd, b"xyz")
    os.close(fd)
    print(open(path, "rb").read(), os.path.getsize(path))
    print(sorted(os.listdir(d)) == sorted(p.name for p in base.iterdir()))
    for root, dirs, files in sorted(os.walk(d)):
        print(os.path.relpath(root, d), sorted(dirs), sorted(f for f in files if not f.startswith("tmp")))
p = pathlib.PurePosixPath("/usr/lib/python3.11/os.py")
print(p.parts, p.parent, p.with_suffix(".pyc"), p.with_name("x.py"), p.match("*.py"), p.is_absolute())
print(pathlib.PurePosixPath("a/b/../c"), pathlib.PurePosixPath("a") / "b" / "c", pathlib.PurePath("x.tar.gz").suffixes)
print(repr(pathlib.PurePosixPath("q")), pathlib.PurePosixPath("/a/b").relative_to("/a"), str(pathlib.Path("~").expanduser()) != "~")
