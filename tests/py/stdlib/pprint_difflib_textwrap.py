# pprint, difflib, textwrap, string formatting helpers.
import difflib, pprint, string, textwrap
data = {"name": "krait", "versions": list(range(12)), "nested": {"a": [1, 2, {"deep": ("x", "y")}], "b": None},
        "long": "x" * 50, "set": {3, 1, 2}, "frozen": frozenset({"q"})}
pprint.pprint(data)
pprint.pprint(data, width=40, depth=2)
print(pprint.pformat([list(range(30))], compact=True, width=60))
print(pprint.saferepr({"self": "ref"}), pprint.isreadable([1, 2]), pprint.isrecursive([1]))
r = [1]
r.append(r)
print(pprint.pformat(r).split(" with id=")[0])
pprint.pprint({"b": 1, "a": 2}, sort_dicts=False)
a = "one two three four five".split()
b = "one 2 three four six five".split()
print(list(difflib.unified_diff(a, b, "a", "b", lineterm="")))
print(list(difflib.context_diff(a, b, lineterm="")))
print(list(difflib.ndiff(["abc\n", "def\n"], ["abd\n", "def\n"])))
sm = difflib.SequenceMatcher(None, "abcdefgh", "abXdefYh")
print(sm.ratio(), sm.get_matching_blocks(), sm.get_opcodes())
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]))
print(textwrap.wrap("The quick brown fox jumps over the lazy dog " * 3, width=30))
print(textwrap.fill("aaa bbb ccc ddd eee fff", width=10, initial_indent="> ", subsequent_indent="  "))
print(textwrap.dedent("    a\n      b\n    c"), textwrap.indent("x\ny\n", "# "), textwrap.shorten("Hello  world, this is long", 15))
t = string.Template("$who likes ${what}!")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
print(string.capwords("hello   world foo"), string.ascii_letters[:5], string.punctuation[:5], string.digits)
fmt = string.Formatter()
print(fmt.format("{0}-{x}", 1, x=2), list(fmt.parse("a{b:>3}c{d!r}")))
print(difflib.HtmlDiff().make_table(["a"], ["b"])[:60] if False else "skip html")
