# _multibytecodec and _codecs_* (lib-dynload): CJK encodings, incremental codecs, errors.
import codecs

text = "\u4e2d\u6587 \u65e5\u672c\u8a9e \ud55c\uad6d\uc5b4 ABC"
for enc, sample in [("gb2312", "\u4e2d\u6587\u5b57\u7b26"), ("gbk", "\u4e2d\u6587"), ("gb18030", text),
                    ("big5", "\u4e2d\u6587"), ("shift_jis", "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8"),
                    ("euc-jp", "\u65e5\u672c\u8a9e"), ("iso2022_jp", "\u65e5\u672c\u8a9e abc"),
                    ("euc-kr", "\ud55c\uad6d\uc5b4"), ("cp949", "\ud55c\uad6d"), ("big5hkscs", "\u4e2d"),
                    ("cp932", "\uff71\uff72"), ("hz", "\u4e2d\u6587")]:
    b = sample.encode(enc)
    print(enc, b, b.decode(enc) == sample)
try:
    "\ud55c".encode("gb2312")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
print("\ud55c\u4e2d".encode("gb2312", errors="replace"), "\ud55cx".encode("shift_jis", errors="xmlcharrefreplace"))
try:
    b"\xff\xfe\xfd".decode("euc-kr")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(b"\x82\xa0\xff".decode("shift_jis", errors="replace"), b"ab\xa4".decode("big5", "ignore"))
enc = codecs.getincrementalencoder("iso2022_jp")()
parts = [enc.encode(c) for c in "\u65e5\u672cabc\u8a9e"] + [enc.encode("", final=True)]
print(b"".join(parts))
dec = codecs.getincrementaldecoder("shift_jis")()
raw = "\u30c6\u30b9\u30c8".encode("shift_jis")
print([dec.decode(raw[i:i + 1]) for i in range(len(raw))])
import io
s = io.TextIOWrapper(io.BytesIO("\u4e2d\u6587\n\u7b2c\u4e8c\u884c\n".encode("gbk")), encoding="gbk")
print(s.read().splitlines())
print(codecs.lookup("sjis").name, codecs.lookup("cp936").name)
