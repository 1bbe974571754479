import select, os, selectors, errno
print(sorted((k, getattr(select, k)) for k in dir(select) if k.isupper()))
r, w = os.pipe()
print(select.select([r], [w], [], 0))
os.write(w, b'x')
print(select.select([r, r], [], [r], 0.01))
class F:
    def __init__(self, fd): self.fd = fd
    def fileno(self): return self.fd
f = F(r)
print(select.select([f], [], [], None)[0][0] is f)
p = select.poll()
print(type(p).__name__, type(p).__module__)
p.register(r)
p.register(F(w), select.POLLOUT)
print(sorted(p.poll()), sorted(p.poll(0)), sorted(p.poll(1.5)))
p.modify(w, select.POLLIN)
print(p.poll(10))
p.unregister(r)
print(p.poll(0))
e = select.epoll()
print(type(e), e.closed, e.fileno() > 2)
e.register(r, select.EPOLLIN)
e.register(fd=w, eventmask=select.EPOLLOUT)
print(sorted(e.poll(0)), sorted(e.poll(timeout=0.01, maxevents=5)))
e.modify(w, select.EPOLLIN)
print(e.poll(0.001))
e.unregister(r)
print(e.poll(0))
with select.epoll() as e2:
    e3 = select.epoll.fromfd(os.dup(e2.fileno()))
    print(e3.closed)
    e3.close()
print(e2.closed)
e.close(); e.close()
for c in [lambda: p.register(r, -1), lambda: p.register(r, 70000), lambda: p.modify(99, 1),
          lambda: p.unregister(99), lambda: p.poll('x'), lambda: p.poll(2**40),
          lambda: select.select([r], [], [], 'x'), lambda: select.select([r], [], [], -1),
          lambda: select.select(5, [], []), lambda: select.select([5000], [], [], 0),
          lambda: select.epoll(-5), lambda: select.epoll(flags=5), lambda: select.poll(1),
          lambda: type(p)(), lambda: p.register(-1), lambda: select.select([-1], [], [], 0),
          lambda: select.select([], [], [], 1e100),
          lambda: e.fileno(), lambda: e.register(r), lambda: e.__enter__(), lambda: e.poll(0)]:
    try:
        print(c())
    except Exception as ex:
        print(type(ex).__name__, ex)
e = select.epoll()
for c in [lambda: e.register(r, -1), lambda: e.poll('x'), lambda: e.poll(1, 0),
          lambda: e.poll(2**40), lambda: e.register(r), lambda: e.register(r),
          lambda: e.unregister(w), lambda: e.modify(w, 1), lambda: e.register(-1),
          lambda: e.poll(float('nan'))]:
    try:
        print(c())
    except Exception as ex:
        print(type(ex).__name__, ex)
sel = selectors.DefaultSelector()
print(type(sel).__name__)
sel.register(r, selectors.EVENT_READ, 'data')
print([(k.fd, k.data, ev) for k, ev in sel.select(0)])
sel.close()
for cls in (selectors.PollSelector, selectors.SelectSelector, selectors.EpollSelector):
    with cls() as s:
        s.register(w, selectors.EVENT_WRITE)
        print(cls.__name__, [(k.fd == w, ev) for k, ev in s.select(1)])
