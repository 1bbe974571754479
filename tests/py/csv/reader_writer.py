# _csv reader/writer behaviour: parsing states, quoting styles, escapes,
# error messages, line_num, field_size_limit.
import _csv
import csv
import io
import pickle


def rd(lines, **kw):
    r = _csv.reader(lines, **kw)
    out = []
    try:
        for row in r:
            out.append(row)
    except Exception as e:
        out.append("%s: %s" % (type(e).__name__, e))
    print(repr(out), r.line_num)


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


def wr(rows, **kw):
    s = Sink()
    w = _csv.writer(s, **kw)
    try:
        for row in rows:
            w.writerow(row)
    except Exception as e:
        s.parts.append("%s: %s" % (type(e).__name__, e))
    print(repr(s.parts))


rd(["a,b,c"])
rd(["a,b,c\r\n", "1,2,3\n"])
rd(['"a,b",c'])
rd(['"a""b",c'])
rd(['"a""b",c'], doublequote=False)
rd(['"a"b",c'])
rd(['"a"b",c'], strict=True)
rd(['"abc'])
rd(['"abc'], strict=True)
rd(['"ab\n', 'cd"\n', "x"])
rd(["a,b\rc,d"])
rd(["a,b\nc,d"])
rd(["a\\,b,c"], escapechar="\\")
rd(["a\\\nb,c"], escapechar="\\")
rd(["a\\", "b"], escapechar="\\")
rd(['"a\\"b",c'], escapechar="\\")
rd(['"a\\', 'b"'], escapechar="\\")
rd(["a, b,  c"], skipinitialspace=True)
rd(["a, b,  c"])
rd(["1,2.5,abc"], quoting=csv.QUOTE_NONNUMERIC)
rd(['1,"2",x'], quoting=csv.QUOTE_NONNUMERIC)
rd(['"a",b'], quoting=csv.QUOTE_NONE)
rd(["a;b;c"], delimiter=";")
rd(["a\0b,c"])
rd(["", "a", "", "b"])
rd(["\n", "a\n"])
rd([b"abc"])
rd([1])
rd(["a,b", 3])
rd([",", ",,", '""', '"",""'])
rd(["a,'b,c',d"], quotechar="'")
rd(["a|b|c"], delimiter="|", quotechar=None)
rd(['"a\r\nb"\r\n', "c"])
rd(["x" * 20])
_csv.field_size_limit(10)
rd(["x" * 20])
rd(["x" * 10])
rd(['"' + "y" * 11 + '"'])
_csv.field_size_limit(131072)
rd(["a,\u20ac,\U0001F600"])
rd(["abc"], dialect="excel-tab")
rd(["a\tb"], dialect="excel-tab")
rd(["a b"], delimiter=" ", skipinitialspace=True)
rd(['a,"b"c'])
rd(['a,"b"c'], strict=True)
rd(['"a"\r'])
rd(['a\r', '\n'])
rd(['a', '\r\n'])

wr([["a", "b", "c"]])
wr([["a,b", 'c"d', "e\nf", "g\rh"]])
wr([[1, 2.5, None, True, "x"]])
wr([[1, 2.5, None, "x"]], quoting=csv.QUOTE_NONNUMERIC)
wr([[1, "x", None]], quoting=csv.QUOTE_ALL)
wr([["a,b"]], quoting=csv.QUOTE_NONE)
wr([["a,b", 'c"d', "e\\f"]], quoting=csv.QUOTE_NONE, escapechar="\\")
wr([['c"d']], doublequote=False)
wr([['c"d']], doublequote=False, escapechar="\\")
wr([["a\\b"]], escapechar="\\")
wr([[""]])
wr([[""]], quoting=csv.QUOTE_NONE)
wr([[None]])
wr([[]])
wr([["", ""]])
wr([["a"]], lineterminator="\n")
wr([["a\rb"]], lineterminator="\n")
wr([["a\nb"]], lineterminator="X")
wr([["aXb"]], lineterminator="X")
wr([["a b", " c"]], delimiter=" ")
wr([["a", "b"]], delimiter="\t")
wr([1])
wr([None])
wr(["abc"])
wr([iter(["x", "y"])])
wr([("\u20ac", "\U0001F600,")])
wr([[" x"]], quoting=csv.QUOTE_MINIMAL)


class Bad:
    def __str__(self):
        raise ValueError("no str")


wr([[Bad()]])


def gen():
    yield "a"
    raise KeyError("boom")


wr([gen()])

s = Sink()
w = _csv.writer(s)
print(w.writerows([["a"], ["b", "c"]]), s.parts)
print(w.writerow(["z"]))
print(type(w).__name__, type(w.dialect).__name__, w.dialect.delimiter)
r = _csv.reader([], delimiter=";")
print(type(r).__name__, r.dialect.delimiter, r.line_num, iter(r) is r)
try:
    w.writerows(5)
except Exception as e:
    print(type(e).__name__, e)
try:
    pickle.dumps(_csv.Dialect())
except Exception as e:
    print(type(e).__name__, e)

f = io.StringIO()
dw = csv.DictWriter(f, ["x", "y"])
dw.writeheader()
dw.writerow({"x": 1, "y": "a,b"})
print(repr(f.getvalue()))
print(list(csv.DictReader(io.StringIO(f.getvalue()))))
sn = csv.Sniffer()
sample = "a;b;c\n1;2;3\n4;5;6\n"
d = sn.sniff(sample)
print(d.delimiter, sn.has_header(sample))


class MyDialect(csv.Dialect):
    delimiter = ":"
    quotechar = "'"
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False


wr([["a:b", "c"]], dialect=MyDialect)
rd(["'a:b':c"], dialect=MyDialect)
try:
    class BadD(csv.Dialect):
        delimiter = "xx"
        quotechar = '"'
        lineterminator = "\n"
        quoting = csv.QUOTE_MINIMAL
    BadD()
except Exception as e:
    print(type(e).__name__, e)
