# _tokenize.TokenizerIter and tokenize._generate_tokens_from_c_tokenizer:
# token strings, exact types, positions (UTF-8 byte columns) and the `line`
# the C tokenizer reports, plus where iteration stops or raises.
import _tokenize
import tokenize

SOURCES = [
    "a = 1\n",
    "x",
    "if x:\n    y = (1,\n         2)\nelse:\n    pass\n",
    'def f(a, *b, **c) -> None:\n    """doc\n    string"""\n    return a @ b\n',
    "s = '''one\ntwo''' + 'x'\n",
    "a\\\n  + b\n",
    "é = 'ü' # comment\n\n# only a comment\n   \nz\n",
    "x = [\n  1, # inside\n  2]\n",
    "a <> b\n",
    "a $ b ? c ! d\n",
    "x\r\ny\r\n",
    "f(**k, *a) ; g[1:2] -> ... := += -= *= /= //= %= @= &= |= ^= >>= <<= **= != == <= >= ~\n",
    "async def g():\n    await x\n",
    "0x1F 1_000 1.5e-3 3j 0o7 0b1\n",
    "class C:\n  def m(self):\n    pass\n  x = 1\n",
    "\tif x:\n        a\n",
    "if x:\n    a\n  b\n",
    "(\n",
    "f'{x!r:>{w}}' rb'\\d' u'x'\n",
    "",
    "\n\n",
    "# just a comment",
]

ERRORS = [
    'a = "abc\n',
    "1_a\n",
    "0x\n",
    "a = 1 )\n",
    "(]\n",
    "'''never ends\n",
    "x = $\u00a0\n",
]

for src in SOURCES:
    print(repr(src))
    for tok in _tokenize.TokenizerIter(src):
        print("   ", tok)

for src in ERRORS:
    print(repr(src))
    try:
        for tok in _tokenize.TokenizerIter(src):
            print("   ", tok)
    except SyntaxError as e:
        print("   ", type(e).__name__, e.args)

for info in tokenize._generate_tokens_from_c_tokenizer("x = (1 +\n  2)\nprint(x)\n"):
    print(info, info.exact_type)

it = _tokenize.TokenizerIter("x")
print(iter(it) is it, list(it), list(it))
for bad in [(b"x",), (), ("a\0b",), (1,)]:
    try:
        _tokenize.TokenizerIter(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(_tokenize.TokenizerIter(source="y").__next__())
print(type(it).__name__, type(it).__module__)
