# posix path arguments: bytes-like objects (deprecated) still name files and are the
# OSError filename; str and bytes may be mixed in rename/link on POSIX; negative
# counts for copy_file_range/splice are ValueErrors; an unclosed scandir iterator
# warns when it is collected.
import gc
import os
import tempfile
import warnings

warnings.simplefilter("always")
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, "file.txt"), "w").close()
    for cls in (bytearray, memoryview):
        with warnings.catch_warnings(record=True) as w:
            names = sorted(e.name for e in os.scandir(cls(os.fsencode(d))))
        print(cls.__name__, names, [str(x.message) for x in w])
    try:
        with warnings.catch_warnings(record=True):
            os.chdir(bytearray(b"/nonexistent-krait-dir"))
    except FileNotFoundError as e:
        print("chdir:", type(e.filename).__name__, e.filename)
    for func in (os.rename, os.replace, os.link):
        try:
            func(b"/nonexistent-krait-a", os.path.join(d, "b"))
        except FileNotFoundError as e:
            print(func.__name__, e.filename, os.path.basename(e.filename2))
    for func in (os.copy_file_range, os.splice):
        try:
            func(0, 1, -10)
        except ValueError as e:
            print(func.__name__, e)
    it = os.scandir(d)
    next(it)
    with warnings.catch_warnings(record=True) as w:
        del it
        gc.collect()
    print([x.category.__name__ for x in w])
    it = os.scandir(d)
    list(it)
    with warnings.catch_warnings(record=True) as w:
        del it
        gc.collect()
    print([x.category.__name__ for x in w])
