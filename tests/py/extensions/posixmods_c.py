# termios, resource, _uuid, _crypt-free small lib-dynload modules: constants and calls
# that need no terminal.
import os
import resource
import termios
import _uuid
import uuid

print(termios.TCSANOW, termios.B9600, termios.ECHO, termios.VMIN)
r, w = os.pipe()
try:
    termios.tcgetattr(r)
except termios.error as e:
    print("termios.error", e.args[0] == 25, e.args[1])
try:
    termios.tcgetattr("x")
except TypeError as e:
    print("TypeError", e)
os.close(r)
os.close(w)
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
print(soft > 0, hard >= soft or hard == resource.RLIM_INFINITY)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
ru = resource.getrusage(resource.RUSAGE_SELF)
print(type(ru).__name__, ru.ru_maxrss > 0, len(ru), resource.getpagesize() % 4096)
try:
    resource.getrlimit(12345)
except ValueError as e:
    print("ValueError", e)
print(_uuid.has_uuid_generate_time_safe in (0, 1), uuid._has_uuid_generate_time_safe is not None or True)
u = uuid.uuid1()
print(u.version, len(str(u)), uuid.uuid4().version, uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid3(uuid.NAMESPACE_URL, "http://example.com"), uuid.UUID("12345678123456781234567812345678").hex)
