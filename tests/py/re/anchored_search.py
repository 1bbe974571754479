# A search for a pattern anchored at the string start (\A, ^) tries one position only,
# and anchored patterns still behave as before in search/findall/split/sub.
import re, time
s = 'x' * 10**7
t0 = time.perf_counter()
for p in (r'\Ay', r'^y'):
    print(re.search(p, s), re.split(p, s) == [s], re.findall(p, s), list(re.finditer(p, s)), re.sub(p, '', s) == s)
print(time.perf_counter() - t0 < 1.5)  # a scan of every position took seconds
for p, subj, pos in [(r'\Aab', 'abab', 0), (r'\Aab', 'abab', 2), (r'^ab', 'xab', 1), (r'^', 'abc', 0), (r'\A', 'abc', 3), (r'^$', '', 0),
                     (r'(?m)^ab', 'x\nab', 0), (r'^a|b', 'xxb', 0), (r'\A(?:a|b)', 'ba', 0), (r'^a*', 'aaab', 0)]:
    r = re.compile(p)
    print(p, subj, pos, r.search(subj, pos), r.findall(subj, pos), re.split(p, subj), re.sub(p, '-', subj))
print(re.compile(r'^a').search('ba', 1), re.compile(r'\Aa').search('aa', 1), re.compile('^').search('ab', 2))
