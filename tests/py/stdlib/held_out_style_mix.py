import logging, argparse, csv, io, hashlib, base64, zlib, struct, statistics, fractions, decimal, textwrap, pprint, difflib, datetime, random, json, re
log = logging.getLogger("app")
h = logging.StreamHandler(__import__("sys").stdout); h.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s:%(funcName)s"))
log.addHandler(h); log.setLevel(logging.DEBUG)
log.debug("d %s", 1); log.info("i"); log.warning("w %(x)s", {"x": 5})
try:
    1 / 0
except ZeroDivisionError:
    log.exception("oops")
child = logging.getLogger("app.child"); child.error("from child"); print(child.getEffectiveLevel(), child.parent.name)
logging.disable(logging.ERROR); log.error("hidden"); logging.disable(logging.NOTSET)
ap = argparse.ArgumentParser(prog="tool", description="d")
ap.add_argument("files", nargs="*"); ap.add_argument("-v", "--verbose", action="count", default=0)
ap.add_argument("--mode", choices=["a", "b"], default="a"); ap.add_argument("-n", type=int, required=False)
sub = ap.add_subparsers(dest="cmd"); s1 = sub.add_parser("run"); s1.add_argument("--fast", action="store_true")
print(ap.parse_args(["x", "y", "-vv", "--mode", "b", "-n", "3"]))
print(ap.parse_args(["run", "--fast"]))
print(ap.format_help())
try:
    ap.parse_args(["--mode", "c"])
except SystemExit as e:
    print("exit", e.code)
buf = io.StringIO(); w = csv.writer(buf); w.writerows([["a", "b,c", 'q"uote'], [1, None, 2.5]]); print(repr(buf.getvalue()))
print(list(csv.reader(io.StringIO(buf.getvalue()))), list(csv.DictReader(io.StringIO("x,y\n1,2\n3,4\n"))))
print(hashlib.sha256(b"abc").hexdigest()[:16], hashlib.md5(b"").hexdigest(), hashlib.blake2b(b"x", digest_size=8).hexdigest(), hashlib.sha1(b"a" * 1000).hexdigest()[:10])
print(base64.b64encode(b"\x00\xffhello"), base64.urlsafe_b64decode("AP9oZWxsbw=="), base64.b32encode(b"ab"), base64.b16decode("4142"), base64.a85encode(b"xyz"))
z = zlib.compress(b"a" * 1000, 9); print(len(z), zlib.decompress(z)[:5], zlib.crc32(b"hello"), zlib.adler32(b"hello"))
print(struct.pack("<hIq?", -2, 7, -1, True), struct.unpack(">HH", b"\x01\x02\x03\x04"), struct.calcsize("@iqc"), struct.pack("5s", b"ab"), struct.Struct("!f").pack(1.5))
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(statistics.mean(data), statistics.median(data), statistics.stdev(data), statistics.pstdev(data), statistics.mode(data), statistics.quantiles(data, n=4), statistics.fmean([1, 2]), statistics.harmonic_mean([1, 2, 4]))
print(fractions.Fraction(3, 4) + fractions.Fraction("1/3"), fractions.Fraction(0.1).limit_denominator(100), fractions.Fraction(7, 3).__floor__(), round(fractions.Fraction(5, 2)))
decimal.getcontext().prec = 10
print(decimal.Decimal(1) / decimal.Decimal(7), decimal.Decimal("1.10") + decimal.Decimal("2.205"), decimal.Decimal("2").sqrt(), decimal.Decimal("3.14159").quantize(decimal.Decimal("0.01")), decimal.Decimal("-0"), decimal.Decimal("1e3").normalize())
print(textwrap.fill("The quick brown fox jumps over the lazy dog " * 3, width=30), textwrap.dedent("   a\n    b\n"), textwrap.shorten("hello world foo bar", 12), textwrap.indent("x\ny", "> "))
pprint.pprint({"k%d" % i: list(range(i)) for i in range(8)}, width=50); print(pprint.pformat([{"a": 1}] * 3, compact=True, width=20))
print(list(difflib.unified_diff(["a\n", "b\n", "c\n"], ["a\n", "c\n", "d\n"], "f1", "f2")), difflib.SequenceMatcher(None, "abcd", "bcde").ratio(), difflib.get_close_matches("appel", ["ape", "apple", "peach"]))
d = datetime.datetime(2024, 2, 29, 13, 45, 30, 123456)
print(d.isoformat(), d.strftime("%A %d %B %Y %I:%M%p %j %U"), d + datetime.timedelta(days=366, hours=11), (d - datetime.datetime(2000, 1, 1)).total_seconds(), d.replace(year=2025, day=28).weekday(), datetime.date.fromisoformat("2024-03-01") - d.date())
print(datetime.datetime.fromisoformat("2024-01-02T03:04:05+05:30"), datetime.timezone(datetime.timedelta(hours=-3)), datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc).astimezone(datetime.timezone(datetime.timedelta(hours=2))), repr(datetime.timedelta(seconds=-1)))
random.seed(12345); print(random.random(), random.randint(1, 100), random.choice("abcdef"), random.sample(range(100), 5), random.gauss(0, 1), random.uniform(1, 2), random.choices("ab", weights=[1, 3], k=5))
r = random.Random(7); l = list(range(10)); r.shuffle(l); print(l, r.getrandbits(40), r.randrange(0, 100, 7), r.betavariate(2, 3), r.expovariate(1.5))
print(re.sub(r"(\w+)@(\w+)\.com", r"\2 at \1", "joe@site.com, ann@web.com"), re.findall(r"(?i)a(b)?", "AbaB a"), re.split(r"(\d)", "a1b2c"), re.fullmatch(r"[\w.]+", "a.b_c") is not None, re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)").search("on 2024-05!").groupdict())
