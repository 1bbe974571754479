# Counting words with a dict and dict.get, splitting text by hand (no str methods).
text = 'the quick brown fox jumps over the lazy dog the fox'
words = []
current = ''
for i in range(len(text)):
    c = text[i]
    if c == ' ':
        if current != '':
            words.append(current)
        current = ''
    else:
        current = current + c
if current != '':
    words.append(current)
print(words, len(words))
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
best = ''
best_n = 0
for w in words:
    if counts[w] > best_n:
        best = w
        best_n = counts[w]
print('most common:', best, best_n)
lengths = {}
for w in words:
    n = len(w)
    group = lengths.get(n)
    if group == None:
        group = []
        lengths[n] = group
    group.append(w)
print(lengths)
