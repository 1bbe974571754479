# _locale: constants, setlocale queries/errors, localeconv, nl_langinfo, strcoll/strxfrm, getencoding.
import _locale as l
print([n for n in dir(l) if not n.startswith('__')])
print(l.Error.__mro__, l.getencoding(), l.setlocale(l.LC_CTYPE), l.setlocale(l.LC_ALL), l.CHAR_MAX)
for args in [(999,), (l.LC_ALL, 'xx_YY'), (l.LC_NUMERIC, 'C'), (l.LC_NUMERIC,), ('x',)]:
    try:
        print(l.setlocale(*args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    l.nl_langinfo(99999)
except Exception as e:
    print(type(e).__name__, e)
print(l.localeconv())
for n in sorted(dir(l)):
    if n.isupper() and not n.startswith('LC_') and n not in ('CHAR_MAX',):
        print(n, repr(l.nl_langinfo(getattr(l, n))))
print(l.strcoll('a', 'b') < 0, l.strcoll('b', 'a') > 0, l.strcoll('a', 'a'), l.strxfrm('abc'))
try:
    l.strxfrm('a\0b')
except Exception as e:
    print(type(e).__name__, e)
print(l.gettext('hello'), l.dgettext(None, 'x'), l.textdomain(None))
