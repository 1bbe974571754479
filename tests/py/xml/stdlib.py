# The stdlib XML stack on pyexpat: minidom,
# ElementTree (XMLParser, iterparse, XMLPullParser, canonicalize), plistlib.
import io
import plistlib
import xml.dom.minidom as minidom
import xml.etree.ElementTree as ET

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE catalog [<!ENTITY pub "Krait Press">]>
<catalog xmlns="urn:books" xmlns:x="urn:extra">
  <!-- books -->
  <book id="b1" x:rating="5">
    <title>Snakes &amp; Ladders</title>
    <author>A. N. Other</author>
    <publisher>&pub;</publisher>
    <price currency="EUR">12.50</price>
  </book>
  <book id="b2">
    <title><![CDATA[<Raw> text]]></title>
    <?render fancy?>
    <price currency="USD">9.99</price>
  </book>
</catalog>
"""

d = minidom.parseString(DOC)
print(d.documentElement.tagName, d.documentElement.namespaceURI)
for b in d.getElementsByTagName("book"):
    print(b.getAttribute("id"), b.getAttributeNS("urn:extra", "rating"),
          [t.firstChild.data for t in b.getElementsByTagName("title")],
          b.getElementsByTagName("price")[0].getAttribute("currency"))
print(d.toxml()[:200])
print(d.documentElement.toprettyxml(indent=" ")[:300])
print(minidom.parseString("<a><b/>text<c x='1'/></a>").toxml())
try:
    minidom.parseString("<a><b></a>")
except Exception as e:
    print(type(e).__name__, e)



root = ET.fromstring(DOC)
ns = {"b": "urn:books"}
print(root.tag, [b.get("id") for b in root.findall("b:book", ns)])
print([t.text for t in root.iter("{urn:books}title")])
print(root.find("b:book/b:publisher", ns).text)
print(ET.tostring(root, encoding="unicode")[:250])
parser = ET.XMLParser()
parser.feed("<a x='1'><b>t")
parser.feed("ext</b></a>")
e = parser.close()
print(e.tag, e.attrib, e[0].text)
print(type(parser).__module__, ET.XMLParser.__module__)
for event, elem in ET.iterparse(io.BytesIO(DOC.encode()), events=("start", "end", "start-ns",
                                                                    "end-ns", "comment", "pi")):
    print(event, elem if isinstance(elem, (tuple, str)) else getattr(elem.tag, "__name__", elem.tag))
pp = ET.XMLPullParser(["start", "end"])
pp.feed("<r><a/>")
print([(ev, el.tag) for ev, el in pp.read_events()])
pp.feed("<b/></r>")
print([(ev, el.tag) for ev, el in pp.read_events()])
try:
    ET.fromstring("<a><b></a>")
except ET.ParseError as e:
    print("ParseError", e, e.code, e.position)
print(ET.canonicalize("<r b='2' a='1'><!-- c --><x>t</x></r>"))
tb = ET.TreeBuilder()
tb.start("root", {})
tb.data("hi")
tb.end("root")
print(ET.tostring(tb.close()))
print(ET.tostring(ET.XML("<a>\u00e9\u20ac</a>"), encoding="utf-8"))

pl = {"name": "krait", "list": [1, 2.5, True], "nested": {"b": b"bytes"}}
data = plistlib.dumps(pl)
print(data.decode()[:120])
print(plistlib.loads(data))
