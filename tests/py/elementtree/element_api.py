# _elementtree.Element (what xml.etree.ElementTree.Element is on CPython):
# construction, attributes, children as a sequence (indexes and slices),
# find*, iter/itertext, copying, pickling state and error messages.
import copy
import pickle
import xml.etree.ElementTree as ET
import _elementtree

E = _elementtree.Element
print(ET.Element is E, ET.SubElement is _elementtree.SubElement, ET.XMLParser is _elementtree.XMLParser,
      ET.TreeBuilder is _elementtree.TreeBuilder, ET.ParseError is _elementtree.ParseError)
print(E.__module__, E.__name__, ET.SubElement.__module__, ET.ParseError.__mro__[1])

def attempt(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ->", r if not isinstance(r, E) else ("Element", r.tag))

root = E("root", {"a": "1"}, b="2")
print(root.tag, root.attrib, root.text, root.tail, len(root), root.keys(), root.items())
print(E("x", attrib={"k": "v"}, z="w").attrib, E("y").attrib, E("y").keys())
attempt(E, "x", [])
attempt(E, "x", attrib=3)
attempt(E)
for i in range(6):
    c = ET.SubElement(root, "child", {"n": str(i)}, extra="e")
    c.text = "t%d" % i
    c.tail = "tail%d" % i
ET.SubElement(root[2], "grand").text = "deep"
print(len(root), [c.get("n") for c in root], root[-1].attrib, [c.get("n") for c in root[1:4]], root[::-2][0].get("n"))
attempt(lambda: root[10])
attempt(lambda: root["x"])
root[0] = E("replaced")
attempt(root.__setitem__, 1, "notelement")
del root[1]
print([c.tag for c in root])
root[1:3] = [E("s1"), E("s2"), E("s3")]
print([c.tag for c in root])
del root[::2]
print([c.tag for c in root])
attempt(root.__setitem__, slice(None, None, 2), [E("q")])
root[::2] = [E("e%d" % i) for i in range(len(root[::2]))]
print([c.tag for c in root])
attempt(root.__setitem__, slice(0, 1), 5)
attempt(root.append, "x")
attempt(root.extend, 5)
attempt(root.extend, [E("ok"), "bad"])
print(len(root))
root.insert(0, E("first"))
root.insert(-1, E("penultimate"))
root.insert(100, E("last"))
print([c.tag for c in root])
attempt(root.remove, E("nope"))
root.remove(root[0])
print(root.find("s2"), root.find("nothing"), root.findtext("last"), root.findtext("nothing", "dflt"))
print([e.tag for e in root.findall("e0")], root.find(".//grand"), [e.tag for e in root.iterfind("*")][:3])
print(root.get("a"), root.get("zz"), root.get("zz", 5))
root.set("c", "3")
print(sorted(root.attrib.items()))
tree = E("t")
for tag in "abc":
    s = ET.SubElement(tree, tag)
    s.text = tag.upper()
    s.tail = tag + "!"
    ET.SubElement(s, "in").text = tag * 2
tree.text = "start"
print([e.tag for e in tree.iter()], [e.tag for e in tree.iter("in")], [e.tag for e in tree.iter("*")])
print(list(tree.itertext()))
print(repr(E("r")).startswith("<Element 'r' at 0x"))
c1 = copy.copy(tree)
c2 = copy.deepcopy(tree)
print(c1[0] is tree[0], c2[0] is tree[0], c2[0].text, c2[0][0].text, ET.tostring(c2))
state = tree.__getstate__()
print(sorted(state), state["tag"], len(state["_children"]))
e2 = E.__new__(E)
e2.__setstate__({"tag": "foo", "attrib": {"bar": 42}, "_children": [E("child")], "text": "tx", "tail": "tl"})
print(e2.tag, e2.attrib, e2.text, e2.tail, len(e2), e2[0].tag)
attempt(e2.__setstate__, [1])
p = pickle.loads(pickle.dumps(tree))
print(ET.tostring(p) == ET.tostring(tree), type(p) is E)
tree.clear()
print(tree.tag, tree.text, tree.tail, len(tree), tree.attrib)
for name in ("tag", "text", "tail", "attrib"):
    attempt(delattr, tree, name)
attempt(setattr, tree, "attrib", 5)
print(E("s").__sizeof__() > 0, bool(E("s")), bool(root))
m = root.makeelement("made", {"k": "v"})
print(m.tag, m.attrib, len(root))
class Sub(E):
    pass
s = Sub("sub")
s.extra = 1
print(type(s).__name__, s.tag, s.extra, isinstance(s, E))
import weakref
w = weakref.ref(s)
print(w() is s)
