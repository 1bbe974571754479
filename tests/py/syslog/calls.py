# syslog: constants, mask helpers and calls (the log itself is not read back).
import syslog

print(sorted((n, getattr(syslog, n)) for n in dir(syslog) if n.startswith('LOG_') and n.isupper()
             and isinstance(getattr(syslog, n), int)))
print(syslog.LOG_MASK(3), syslog.LOG_UPTO(syslog.LOG_WARNING), syslog.LOG_UPTO(0))
old = syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_EMERG))
print(syslog.setlogmask(old) == syslog.LOG_UPTO(syslog.LOG_EMERG))
syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_EMERG))  # keep the tests out of the system log
print(syslog.openlog('krait-test', syslog.LOG_PID, syslog.LOG_LOCAL0))
print(syslog.syslog('message'), syslog.syslog(syslog.LOG_DEBUG, 'debug'))
print(syslog.closelog(), syslog.closelog())
print(syslog.syslog('reopens'), syslog.openlog(), syslog.openlog(ident='x'), syslog.closelog())
for args in [(), (1,), (1, 2), ('a', 'b'), (1, 'a', 3)]:
    try:
        syslog.syslog(*args)
    except TypeError as e:
        print('TypeError', e)
for bad in [lambda: syslog.openlog(1), lambda: syslog.LOG_MASK('a'), lambda: syslog.setlogmask('a'),
            lambda: syslog.openlog(facility='a')]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
