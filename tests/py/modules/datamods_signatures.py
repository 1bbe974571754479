# Signatures and docstrings of zlib, unicodedata, _csv and pyexpat callables.
import zlib, unicodedata, _csv, pyexpat, inspect
objs = []
for mod in (zlib, unicodedata, _csv, pyexpat):
    for n in sorted(dir(mod)):
        o = getattr(mod, n)
        if callable(o) and not isinstance(o, type):
            objs.append((mod.__name__ + "." + n, o))
objs += [("Compress." + n, getattr(zlib.compressobj(), n)) for n in ("compress", "flush", "copy")]
objs += [("Decompress." + n, getattr(zlib.decompressobj(), n)) for n in ("decompress", "flush", "copy")]
p = pyexpat.ParserCreate()
objs += [("xmlparser." + n, getattr(p, n)) for n in ("Parse", "ParseFile", "SetBase", "GetBase", "GetInputContext", "ExternalEntityParserCreate", "SetParamEntityParsing", "UseForeignDTD")]
objs += [("UCD." + n, getattr(unicodedata.ucd_3_2_0, n)) for n in ("name", "lookup", "normalize")]
for name, o in objs:
    try:
        sig = str(inspect.signature(o))
    except Exception as e:
        sig = type(e).__name__
    print(name, sig, repr(o.__doc__)[:60])
