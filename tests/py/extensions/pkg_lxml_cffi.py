# Debian's python3-lxml (Cython over libxml2/libxslt) and python3-cffi-backend
# (_cffi_backend with cffi's ABI mode) loaded unmodified.
from lxml import etree
import _cffi_backend

xml = b"""<?xml version="1.0"?>
<library xmlns:k="urn:krait">
  <book id="1" k:lang="en"><title>Dune</title><year>1965</year></book>
  <book id="2"><title>Solaris</title><year>1961</year></book>
</library>"""
root = etree.fromstring(xml)
print(root.tag, len(root), [b.get("id") for b in root.iter("book")])
print(root.xpath("//book[year < 1964]/title/text()"), root.findtext("book/title"))
print(root[0].get("{urn:krait}lang"), root[0].attrib.keys())
new = etree.SubElement(root, "book", id="3")
etree.SubElement(new, "title").text = "Ubik & <Co>"
print(etree.tostring(new))
print(etree.tostring(root, pretty_print=True).decode().splitlines()[-4:])
try:
    etree.fromstring(b"<a><b></a>")
except etree.XMLSyntaxError as e:
    print("XMLSyntaxError", e.msg if hasattr(e, "msg") else e)
xslt = etree.XSLT(etree.fromstring(b"""<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><titles><xsl:for-each select="//title">
    <t><xsl:value-of select="."/></t></xsl:for-each></titles></xsl:template>
</xsl:stylesheet>"""))
print(str(xslt(root)).strip())
html = etree.HTML("<p>Hello <b>world</b></p>")
print(etree.tostring(html, method="html"))

ffi_backend = _cffi_backend
print(ffi_backend.__version__ is not None)
int_t = ffi_backend.new_primitive_type("int")
arr_t = ffi_backend.new_array_type(ffi_backend.new_pointer_type(int_t), 4)
a = ffi_backend.newp(arr_t, [1, 2, 3, 4])
print(len(a), a[2], sum(a[i] for i in range(4)), ffi_backend.sizeof(int_t))
libc = ffi_backend.load_library(None)
char_p = ffi_backend.new_pointer_type(ffi_backend.new_primitive_type("char"))
size_t = ffi_backend.new_primitive_type("size_t")
strlen = libc.load_function(ffi_backend.new_function_type((char_p,), size_t, False), "strlen")
print(strlen(b"hello cffi"))
