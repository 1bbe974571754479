# logging: handlers, formatters, levels, hierarchy, propagation, exceptions, LoggerAdapter, dictConfig.
import io, logging, logging.config, sys
stream = io.StringIO()
h = logging.StreamHandler(stream)
h.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s [%(funcName)s]"))
root = logging.getLogger()
root.handlers[:] = [h]
root.setLevel(logging.DEBUG)
log = logging.getLogger("app.sub")
def work():
    log.debug("debug %d", 1)
    log.info("info %s", "x")
    log.warning("warn")
    log.error("error %r", {"k": 1})
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("boom")
work()
out = stream.getvalue().splitlines()
print(out[:5])
print(out[5], out[-1])
print(logging.getLevelName(10), logging.getLevelName("WARNING"), logging.getLevelName(33))
log.setLevel(logging.ERROR)
log.warning("suppressed")
log.critical("crit")
print(stream.getvalue().splitlines()[-1])
child = logging.getLogger("app.sub.child")
print(child.getEffectiveLevel(), child.parent.name, logging.getLogger("app").parent is root)
child.propagate = False
child.error("lost")
print("lost" in stream.getvalue())
adapter = logging.LoggerAdapter(logging.getLogger("ad"), {"user": "bob"})
h.setFormatter(logging.Formatter("%(user)s %(message)s"))
adapter.warning("hello")
print(stream.getvalue().splitlines()[-1])
class Upper(logging.Filter):
    def filter(self, record):
        record.msg = record.msg.upper()
        return "skip" not in record.msg.lower()
h.addFilter(Upper())
h.setFormatter(logging.Formatter("%(message)s"))
logging.getLogger("f").warning("filtered msg")
logging.getLogger("f").warning("skip me")
print(stream.getvalue().splitlines()[-1])
s2 = io.StringIO()
logging.config.dictConfig({
    "version": 1,
    "formatters": {"short": {"format": "%(name)s|%(levelname)s|%(message)s"}},
    "handlers": {"mem": {"class": "logging.StreamHandler", "stream": s2, "formatter": "short", "level": "INFO"}},
    "loggers": {"cfg": {"handlers": ["mem"], "level": "DEBUG", "propagate": False}},
})
cfg = logging.getLogger("cfg")
cfg.debug("not shown")
cfg.info("shown %s", 42)
print(s2.getvalue())
rec = logging.LogRecord("n", logging.INFO, "p.py", 7, "m %s", ("a",), None)
print(rec.getMessage(), rec.levelname, rec.lineno, rec.module)
f = logging.Formatter("%(asctime)s", datefmt="%Y")
print(len(f.format(rec)) == 4)
logging.disable(logging.CRITICAL)
cfg.critical("disabled")
logging.disable(logging.NOTSET)
print(s2.getvalue().count("\n"))
