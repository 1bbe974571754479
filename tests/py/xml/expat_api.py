# pyexpat: module contents, every handler with its arguments, attribute
# options, buffering, interning, errors and ExpatError details.
import io
import pyexpat
import sys
from xml.parsers import expat

print(sorted(n for n in dir(pyexpat) if not n.startswith("__")))
print(pyexpat.EXPAT_VERSION.startswith("expat_"), len(pyexpat.version_info),
      pyexpat.native_encoding, type(pyexpat.features), pyexpat.features[0])
print(len(pyexpat.errors.codes), len(pyexpat.errors.messages),
      pyexpat.errors.XML_ERROR_SYNTAX, pyexpat.errors.codes["syntax error"],
      pyexpat.errors.messages[4], pyexpat.errors.__doc__, pyexpat.model.__doc__)
print(sys.modules["pyexpat.errors"] is pyexpat.errors, expat.errors is pyexpat.errors,
      sys.modules["xml.parsers.expat.model"] is pyexpat.model)
print(sorted((n, getattr(pyexpat.model, n)) for n in dir(pyexpat.model) if n.startswith("XML")))
print(pyexpat.ErrorString(1), pyexpat.ErrorString(999), pyexpat.ErrorString(0))
print(pyexpat.ExpatError, pyexpat.error is pyexpat.ExpatError, pyexpat.XMLParserType)
print(type(pyexpat.expat_CAPI).__name__)

p = pyexpat.ParserCreate()
print(sorted(n for n in dir(p) if not n.startswith("__")))
print(p.buffer_text, p.buffer_size, p.buffer_used, p.ordered_attributes,
      p.specified_attributes, p.namespace_prefixes, p.intern, p.StartElementHandler)
print(p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex,
      p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex)

DOC = b"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE root SYSTEM "root.dtd" [
  <!ELEMENT root (a|b)*>
  <!ELEMENT a (#PCDATA)>
  <!ELEMENT b EMPTY>
  <!ELEMENT c (a,(b|a)+,a?)>
  <!ATTLIST a x CDATA "dflt" y (p|q) #REQUIRED z CDATA #IMPLIED>
  <!ENTITY ent "entity &amp; text">
  <!ENTITY ext SYSTEM "ext.xml">
  <!ENTITY % pe "pe value">
  <!ENTITY unp SYSTEM "pic.gif" NDATA gif>
  <!NOTATION gif PUBLIC "-//gif" "viewer">
]>
<root xmlns:n="urn:n">
  <!-- a comment -->
  <?target some data?>
  <a y="p">text &ent; &#233; more</a>
  <n:b n:attr="v"/>
  <![CDATA[cdata <text>]]>
  &ext;
</root>
"""

events = []


def rec(name):
    def handler(*args):
        events.append((name,) + args)
        if name == "ExternalEntityRef":
            return 1
        if name == "NotStandalone":
            return 1
    return handler


def all_handlers(p):
    for h in ["StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler",
              "CharacterDataHandler", "UnparsedEntityDeclHandler", "NotationDeclHandler",
              "StartNamespaceDeclHandler", "EndNamespaceDeclHandler", "CommentHandler",
              "StartCdataSectionHandler", "EndCdataSectionHandler", "NotStandaloneHandler",
              "ExternalEntityRefHandler", "StartDoctypeDeclHandler", "EndDoctypeDeclHandler",
              "EntityDeclHandler", "XmlDeclHandler", "ElementDeclHandler",
              "AttlistDeclHandler", "SkippedEntityHandler"]:
        setattr(p, h, rec(h[:-7]))


p = pyexpat.ParserCreate()
all_handlers(p)
print(p.Parse(DOC, True))
for e in events:
    print(e)
print(sorted(k for k in p.intern if k is not None), None in p.intern)

# namespaces, ordered/specified attributes, namespace_prefixes
for kw, opts in [({}, {}), ({"namespace_separator": " "}, {}),
                 ({"namespace_separator": "!"}, {"namespace_prefixes": True}),
                 ({}, {"ordered_attributes": True}),
                 ({}, {"specified_attributes": True, "ordered_attributes": 1}),
                 ({"namespace_separator": ""}, {}), ({"intern": None}, {})]:
    events.clear()
    p = pyexpat.ParserCreate(**kw)
    for k, v in opts.items():
        setattr(p, k, v)
    p.StartElementHandler = rec("Start")
    p.EndElementHandler = rec("End")
    p.StartNamespaceDeclHandler = rec("NS")
    p.EndNamespaceDeclHandler = rec("EndNS")
    p.Parse(b'<!DOCTYPE r [<!ATTLIST e d CDATA "def">]><r xmlns="urn:d" xmlns:q="urn:q">'
            b'<q:e q:a="1" b="2"/><e/></r>', 1)
    print(kw, opts, p.intern if p.intern is None else len(p.intern))
    for e in events:
        print("  ", e)

# Default handlers see the raw text
for which in ("DefaultHandler", "DefaultHandlerExpand"):
    events.clear()
    p = pyexpat.ParserCreate()
    setattr(p, which, rec(which))
    p.Parse(b'<!DOCTYPE r [<!ENTITY e "E">]><r a="1">x&e;y&amp;</r>', True)
    print(which, events)

# character data buffering
for text, size in [(False, None), (True, None), (True, 4), (True, 1000)]:
    events.clear()
    p = pyexpat.ParserCreate()
    p.buffer_text = text
    if size:
        p.buffer_size = size
    p.CharacterDataHandler = rec("CD")
    p.Parse(b"<r>ab&amp;cd<x/>ef\nghijklmnop\n<!-- c -->q</r>", True)
    print("buffer", text, size, p.buffer_text, p.buffer_size, p.buffer_used, events)
p = pyexpat.ParserCreate()
p.buffer_text = True
p.CharacterDataHandler = rec("CD2")
events.clear()
p.Parse(b"<r>abc")
print("pending", p.buffer_used, events)
p.buffer_text = False
print("flushed", p.buffer_used, events)
p.Parse(b"def</r>", True)
print(events)

# incremental parsing, positions, str input
p = pyexpat.ParserCreate()
pos = []
p.StartElementHandler = lambda n, a: pos.append(
    (n, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex, p.GetInputContext()))
for chunk in ["<r>\n", "  <a>", "\u00e9<b/>", "</a>\n</r>"]:
    print(p.Parse(chunk))
print(p.Parse("", True), pos, p.GetInputContext())

# errors
for doc in [b"<a>", b"<a></b>", b"<a x='1' x='2'/>", b"", b"<a>&undef;</a>", b"<a/><b/>",
            b"<?xml version='1.0' encoding='bogus'?><a/>", b"<a>\xff</a>",
            b"<a>\n\n  <b>\n</a>"]:
    p = pyexpat.ParserCreate()
    try:
        p.Parse(doc, True)
    except expat.ExpatError as e:
        print(repr(str(e)), e.code, e.lineno, e.offset, pyexpat.errors.messages[e.code],
              p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)
    except Exception as e:
        print(type(e).__name__, e)
p = pyexpat.ParserCreate()
p.Parse(b"<a/>", True)
try:
    p.Parse(b"<b/>", True)
except expat.ExpatError as e:
    print("again:", e)

# exceptions in handlers


def boom(*args):
    raise ValueError("boom %r" % (args,))


for h in ("StartElementHandler", "EndElementHandler", "CharacterDataHandler",
          "CommentHandler"):
    p = pyexpat.ParserCreate()
    setattr(p, h, boom)
    p.ProcessingInstructionHandler = rec("PI")
    events.clear()
    try:
        p.Parse(b"<r>text<!--c--><?pi x?></r>", True)
    except ValueError as e:
        print(h, e, getattr(p, h), p.ProcessingInstructionHandler, events)

p = pyexpat.ParserCreate()
p.ExternalEntityRefHandler = lambda *a: None
try:
    p.Parse(b'<!DOCTYPE r [<!ENTITY e SYSTEM "x">]><r>&e;</r>', True)
except Exception as e:
    print(type(e).__name__, e)
p = pyexpat.ParserCreate()
p.ExternalEntityRefHandler = lambda *a: 0
try:
    p.Parse(b'<!DOCTYPE r [<!ENTITY e SYSTEM "x">]><r>&e;</r>', True)
except Exception as e:
    print(type(e).__name__, e)

# external entity parser
p = pyexpat.ParserCreate()
p.SetBase("http://base/")
print(p.GetBase())
out = []


def ext(context, base, system_id, public_id):
    out.append((context, base, system_id, public_id))
    sub = p.ExternalEntityParserCreate(context)
    sub.CharacterDataHandler = lambda d: out.append(("sub", d))
    return sub.Parse(b"external text", True)


p.ExternalEntityRefHandler = ext
p.CharacterDataHandler = lambda d: out.append(("main", d))
p.Parse(b'<!DOCTYPE r [<!ENTITY e SYSTEM "e.xml">]><r>[&e;]</r>', True)
print(out)
p = pyexpat.ParserCreate()
print(p.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_ALWAYS), p.UseForeignDTD(),
      p.UseForeignDTD(False))

# ParseFile
p = pyexpat.ParserCreate()
got = []
p.StartElementHandler = lambda n, a: got.append(n)
print(p.ParseFile(io.BytesIO(b"<r>" + b"<e/>" * 1000 + b"</r>")), len(got))


class BadRead:
    def __init__(self, result):
        self.result = result

    def read(self, n):
        return self.result


for r in ["text", b"x" * 5000, 5]:
    try:
        pyexpat.ParserCreate().ParseFile(BadRead(r))
    except Exception as e:
        print(type(e).__name__, e)

# argument and attribute errors
p = pyexpat.ParserCreate()
for f in [lambda: pyexpat.ParserCreate(namespace_separator="ab"),
          lambda: pyexpat.ParserCreate(intern=1), lambda: pyexpat.ParserCreate(encoding=1),
          lambda: pyexpat.ParserCreate("latin-1", "x").Parse(b"<a>\xe9</a>", 1),
          lambda: setattr(p, "buffer_size", 0), lambda: setattr(p, "buffer_size", "x"),
          lambda: setattr(p, "buffer_size", 2**40), lambda: delattr(p, "StartElementHandler"),
          lambda: delattr(p, "buffer_text"), lambda: setattr(p, "foo", 1), lambda: p.foo,
          lambda: setattr(p, "ErrorCode", 1), lambda: pyexpat.XMLParserType(),
          lambda: p.ParseFile(1), lambda: p.Parse(1), lambda: p.Parse("x", "y"),
          lambda: setattr(p, "intern", {}), lambda: p.Parse(), lambda: p.SetBase(1),
          lambda: pyexpat.ParserCreate(encoding="iso-8859-5").Parse(
              "<?xml version='1.0' encoding='iso-8859-5'?><a>\u0436</a>".encode("iso-8859-5"),
              True),
          lambda: pyexpat.ParserCreate().Parse(
              "<?xml version='1.0' encoding='iso-8859-5'?><a/>".encode(), True),
          lambda: pyexpat.ParserCreate().Parse(
              "<?xml version='1.0' encoding='utf-16'?><a/>".encode("utf-16"), True),
          lambda: pyexpat.ParserCreate().Parse(
              "<?xml version='1.0' encoding='shift_jis'?><a/>".encode(), True)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
