# b2a_qp with CRLF output style (from the first line end) and a later bare LF: the byte after
# the LF was swallowed.
import binascii

for data in (b"\xff\r\n\xff\n\xff", b"a\nb\r\nc", b"\x00\n\xff\r\n", b"x \r\ny\t\nz", b"0" * 75 + b"\xff\r\n\xff\r\n\xff"):
    for kw in ({}, {"istext": False}, {"quotetabs": True, "header": True}):
        print(binascii.b2a_qp(data, **kw))
