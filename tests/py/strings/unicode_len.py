# Lengths and indexing of strings mixing 1-, 2- and 4-byte characters.
words = ['ascii', 'café', 'naïve', 'Ελληνικά', '日本語', '😀👍', 'mixé日😀']
for w in words:
    print(w, len(w), w[0], w[-1])
total = 0
for w in words:
    total = total + len(w)
print(total)
s = ''
for w in words:
    s = s + w
print(s, len(s))
print('\u00e9' == 'é', '\U0001F600' == '😀')
print(['\u00e9', '\u03b1'])
