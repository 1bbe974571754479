import socket, os, array, errno
print(socket.AF_INET, socket.SOCK_STREAM, repr(socket.SOCK_DGRAM), socket.timeout is TimeoutError)
print(socket.htons(1), socket.ntohl(1), socket.inet_aton('1.2.3.4'), socket.inet_ntoa(b'\x7f\0\0\1'))
print(socket.inet_pton(socket.AF_INET6, '::1'), socket.inet_ntop(socket.AF_INET6, b'\0' * 15 + b'\1'))
print(socket.CMSG_LEN(4), socket.CMSG_SPACE(4), socket.getdefaulttimeout())
print(socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getnameinfo(('127.0.0.1', 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.gethostbyname('127.0.0.1'), socket.getservbyname('http', 'tcp'), socket.getprotobyname('tcp'))
srv = socket.socket()
print(srv.family, srv.type, srv.proto, srv.gettimeout(), srv.getblocking())
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(('127.0.0.1', 0))
srv.listen()
port = srv.getsockname()[1]
cli = socket.create_connection(('127.0.0.1', port), timeout=5)
conn, addr = srv.accept()
print(addr[0], cli.getpeername() == ('127.0.0.1', port), conn.gettimeout())
cli.sendall(b'hello world')
print(conn.recv(5), conn.recv(100))
buf = bytearray(10)
conn.send(b'abc')
print(cli.recv_into(buf), buf)
conn.settimeout(0.05)
try:
    conn.recv(10)
except TimeoutError as e:
    print('TimeoutError', e)
conn.setblocking(False)
try:
    conn.recv(10)
except BlockingIOError as e:
    print('BlockingIOError', e.errno == errno.EAGAIN)
cli.shutdown(socket.SHUT_WR)
conn.setblocking(True)
print(conn.recv(10))
with cli, conn, srv:
    f = cli.makefile('rb')
    f.close()
print(cli.fileno(), repr(cli)[:40])
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(('127.0.0.1', 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b'datagram', u1.getsockname())
data, a = u1.recvfrom(100)
print(data, a == u2.getsockname())
u1.close(); u2.close()
a, b = socket.socketpair()
print(a.family, a.type)
a.sendall(b'pair')
print(b.recv(4))
r, w = os.pipe()
a.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [r]))])
msg, anc, flags, addr = b.recvmsg(1, socket.CMSG_SPACE(4))
print(msg, len(anc), anc[0][:2], flags)
fd = array.array('i', anc[0][2])[0]
os.write(w, b'via fd')
print(os.read(fd, 10))
a.close(); b.close()
for c in [lambda: socket.socket().connect(('127.0.0.1', 1)), lambda: socket.inet_aton('x'),
          lambda: socket.socket().bind(('127.0.0.1', 70000)), lambda: socket.socket().bind('x'),
          lambda: socket.getaddrinfo('nonexistent.invalid', 80), lambda: socket.htons(-1),
          lambda: socket.htons(70000), lambda: socket.inet_ntoa(b'12'),
          lambda: socket.socket().settimeout(-1), lambda: socket.socket(fileno=-5),
          lambda: socket.getservbyname('nosuchservice')]:
    try:
        print(c())
    except Exception as e:
        print(type(e).__name__, e)
