# An exception in an expat handler: the traceback shows CPython's
# "../Modules/pyexpat.c" entry between Parse() and the handler.
import traceback
import xml.parsers.expat


def start(name, attrs):
    if name == "b":
        raise KeyError(name)


p = xml.parsers.expat.ParserCreate()
p.StartElementHandler = start
p.CharacterDataHandler = lambda data: 1 / 0
try:
    p.Parse(b"<a><b/></a>", True)
except KeyError:
    print(traceback.format_exc())
print(p.StartElementHandler, p.CharacterDataHandler)
p = xml.parsers.expat.ParserCreate()
p.CharacterDataHandler = lambda data: 1 / 0
p.Parse(b"<a>text</a>", True)
