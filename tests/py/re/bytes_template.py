# Bytes replacement templates go through re/_parser.parse_template, which
# encodes literals with str.encode('latin-1').
import re
print(re.sub(b'(\\d+)', rb'<\1>', b'a12b3'), re.sub(rb'(?P<x>a)', rb'\g<x>\n', b'bab'))
print(re.match(rb'(a)(b)', b'ab').expand(rb'\2\1'))
