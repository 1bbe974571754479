# http.client against a socketserver-based HTTP server in a forked child
# (loopback only; no threads needed).
import os, socket, http.client, http.server, socketserver, sys

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ('path=%s' % self.path).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

server = socketserver.TCPServer(('127.0.0.1', 0), Handler)
port = server.server_address[1]
pid = os.fork()
if pid == 0:
    try:
        server.handle_request()
        server.handle_request()
    finally:
        os._exit(0)
server.server_close()
conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
conn.request('GET', '/hello?x=1')
r = conn.getresponse()
print(r.status, r.reason, r.getheader('Content-Type'), r.read())
conn.close()
conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
conn.request('GET', '/second')
print(conn.getresponse().read())
conn.close()
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
