# _elementtree's XMLParser and TreeBuilder: parsing documents (bytes, text,
# encodings, entities, namespaces, comments and PIs), custom targets and
# factories, XMLPullParser/iterparse events, and ParseError details.
import io
import xml.etree.ElementTree as ET

DOC = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE root SYSTEM "about:legacy">
<root xmlns="urn:a" xmlns:b="urn:b" b:attr="v">
  <!-- note -->
  <item id="1">one &amp; <b:x>two</b:x> three</item>
  <?proc data here?>
  <item id="2"><![CDATA[<raw>]]></item>
</root>"""

root = ET.fromstring(DOC)
print(root.tag, root.attrib, len(root))
for e in root.iter():
    print(repr(e.tag), e.attrib, repr(e.text), repr(e.tail))
print(ET.tostring(root, encoding="unicode"))

parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
parser.feed(DOC[:50])
parser.feed(DOC[50:])
r2 = parser.close()
print([(e.tag if isinstance(e.tag, str) else e.tag.__name__, e.text) for e in r2.iter()])

class Target:
    def __init__(self):
        self.log = []
    def start(self, tag, attrib):
        self.log.append(("start", tag, attrib))
    def end(self, tag):
        self.log.append(("end", tag))
    def data(self, data):
        self.log.append(("data", data))
    def comment(self, text):
        self.log.append(("comment", text))
    def pi(self, target, data):
        self.log.append(("pi", target, data))
    def start_ns(self, prefix, uri):
        self.log.append(("start-ns", prefix, uri))
    def end_ns(self, prefix):
        self.log.append(("end-ns", prefix))
    def doctype(self, name, pubid, system):
        self.log.append(("doctype", name, pubid, system))
    def close(self):
        return "closed"

t = Target()
p = ET.XMLParser(target=t)
p.feed(DOC)
print(p.close())
for entry in t.log:
    print(entry)

class Bare:
    pass
bp = ET.XMLParser(target=Bare())
bp.feed("<a>x</a>")
print(bp.close(), type(bp.target).__name__, bp.entity)

p = ET.XMLParser()
p.entity["custom"] = "CUSTOM"
p.feed('<!DOCTYPE x SYSTEM "x.dtd"><x>&custom; and &custom;</x>')
print(p.close().text)
try:
    ET.fromstring('<!DOCTYPE x SYSTEM "x.dtd"><x>&other;</x>')
except ET.ParseError as e:
    print(e, e.code, e.position)
print(ET.fromstring('<!DOCTYPE x [<!ENTITY decl "D">]><x>&decl;</x>').text)

for bad in ["<a>", "<a></b>", "<a>&undefined;</a>", "<a/><b/>", "", "<a x='1' x='2'/>", "<a>\x00</a>"]:
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print(type(e).__name__, e, e.code, e.position)

print(ET.fromstring("<e>\u20ac \U0001F600</e>").text)
print(ET.fromstring("<?xml version='1.0' encoding='iso-8859-1'?><e>\xe9</e>".encode("iso-8859-1")).text)
print(ET.XMLParser(encoding="utf-8").version.startswith("Expat "))

events = ("start", "end", "start-ns", "end-ns", "comment", "pi")
pull = ET.XMLPullParser(events)
pull.feed(DOC)
pull.close()
for ev, obj in pull.read_events():
    print(ev, obj if isinstance(obj, (str, tuple)) or obj is None else (obj.tag if isinstance(obj.tag, str) else obj.text))

for ev, el in ET.iterparse(io.BytesIO(DOC), events=("start", "end")):
    print(ev, el.tag)
try:
    list(ET.iterparse(io.BytesIO(b"<a></a></b>")))
except ET.ParseError as e:
    print("iterparse", e)

tb = ET.TreeBuilder()
tb.start("r", {})
tb.data("a")
tb.data("b")
tb.start("c", {"k": "v"})
tb.end("c")
tb.data("tail")
tb.comment("ignored")
tb.pi("target", "text")
print(tb.end("r").tag)
r = tb.close()
print(r.text, r[0].tail, r[0].attrib)
try:
    tb.end("r")
except IndexError as e:
    print("IndexError", e)
tb = ET.TreeBuilder(element_factory=lambda tag, attrib: ET.Element(tag.upper(), attrib))
tb.start("lower", {})
print(tb.end("lower").tag)
tb2 = ET.TreeBuilder()
tb2.start("a", {}); tb2.end("a")
try:
    tb2.start("b", {})
except ET.ParseError as e:
    print("ParseError", e)
print(ET.canonicalize("<a  b='1'   a='2'><c/></a>"))
print(ET.tostring(ET.XML("<a><b>text</b>tail</a>"), method="text"))
