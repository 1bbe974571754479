# _testinternalcapi (config <-> dict, normalize_path) and _xxsubinterpreters
# (interpreter IDs, channels carrying cross-interpreter data) on the one
# interpreter Krait has.
import _testinternalcapi as t
import _xxsubinterpreters as xi
print(sorted(t.get_configs()))
cfg = t.get_config()
print(type(cfg), len(cfg) > 50, cfg['argv'] == __import__('sys').argv)
t.set_config(cfg)
for bad in ({}, dict(cfg, argv='x'), dict(cfg, isolated='x'), dict(cfg, bogus=1)):
    try:
        t.set_config(bad)
    except Exception as e:
        print(type(e).__name__, str(e)[:60])
print(t.normalize_path('/a/b/../c/./d//e/'), t.normalize_path('a/../../b'), t.normalize_path('//x/y'), t.normalize_path('///x/..'), t.normalize_path('./a/b'), t.normalize_path('a/..'))
main = xi.get_main()
print(repr(main), str(main), int(main), main == 0, hash(main) == hash(0), xi.get_current() == main)
print(xi.list_all())
print(xi.is_shareable(b'x'), xi.is_shareable('s'), xi.is_shareable(5), xi.is_shareable(None), xi.is_shareable([]), xi.is_shareable(2**70))
try:
    xi.InterpreterID(5)
except Exception as e:
    print(type(e).__name__, e)
print(xi.InterpreterID(0), xi.InterpreterID(7, force=True))
cid = xi.channel_create()
xi.channel_send(cid, b'spam')
xi.channel_send(cid, 'eggs')
xi.channel_send(cid, 12345)
xi.channel_send(cid, None)
print([xi.channel_recv(cid) for _ in range(4)])
try:
    xi.channel_send(cid, [1])
except Exception as e:
    print(type(e).__name__, e)
try:
    xi.channel_send(cid, 2**70)
except Exception as e:
    print(type(e).__name__, e)
