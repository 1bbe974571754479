// stat_module.cpp — the `_stat` module behind stat.py: file-type and
// permission constants, the S_IS*() predicates, S_IMODE, S_IFMT and
// filemode(), with CPython's values (including the zero-valued S_IFDOOR,
// S_IFPORT, S_IFWHT that Linux lacks and the BSD st_flags constants).
#include <Python.h>
#include <sys/stat.h>

#include "support/ref.h"

namespace {

// mode argument -> mode_t, as CPython's _PyLong_AsMode_t.
bool as_mode(PyObject* o, mode_t* out) {
  unsigned long v = PyLong_AsUnsignedLong(o);
  if (v == static_cast<unsigned long>(-1) && PyErr_Occurred()) return false;
  if (static_cast<unsigned long>(static_cast<mode_t>(v)) != v) {
    PyErr_SetString(PyExc_OverflowError, "mode out of range");
    return false;
  }
  *out = static_cast<mode_t>(v);
  return true;
}

#define STAT_PRED(NAME, TEST, DOC)                          \
  PyObject* stat_##NAME(PyObject*, PyObject* arg) {         \
    mode_t mode;                                            \
    if (!as_mode(arg, &mode)) return nullptr;               \
    return PyBool_FromLong(TEST);                           \
  }
STAT_PRED(S_ISDIR, S_ISDIR(mode), "")
STAT_PRED(S_ISCHR, S_ISCHR(mode), "")
STAT_PRED(S_ISBLK, S_ISBLK(mode), "")
STAT_PRED(S_ISREG, S_ISREG(mode), "")
STAT_PRED(S_ISFIFO, S_ISFIFO(mode), "")
STAT_PRED(S_ISLNK, S_ISLNK(mode), "")
STAT_PRED(S_ISSOCK, S_ISSOCK(mode), "")
STAT_PRED(S_ISDOOR, (static_cast<void>(mode), 0), "")
STAT_PRED(S_ISPORT, (static_cast<void>(mode), 0), "")
STAT_PRED(S_ISWHT, (static_cast<void>(mode), 0), "")

PyObject* stat_S_IMODE(PyObject*, PyObject* arg) {
  mode_t mode;
  if (!as_mode(arg, &mode)) return nullptr;
  return PyLong_FromUnsignedLong(mode & 07777);
}

PyObject* stat_S_IFMT(PyObject*, PyObject* arg) {
  mode_t mode;
  if (!as_mode(arg, &mode)) return nullptr;
  return PyLong_FromUnsignedLong(mode & S_IFMT);
}

char filetype_char(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return '-';
    case S_IFDIR: return 'd';
    case S_IFLNK: return 'l';
    case S_IFBLK: return 'b';
    case S_IFCHR: return 'c';
    case S_IFIFO: return 'p';
    case S_IFSOCK: return 's';
    default: return '?';
  }
}

PyObject* stat_filemode(PyObject*, PyObject* arg) {
  mode_t mode;
  if (!as_mode(arg, &mode)) return nullptr;
  char buf[10];
  buf[0] = filetype_char(mode);
  // Each triple: r, w, then x combined with the set-id / sticky bit.
  struct Triple { mode_t r, w, x, special; char set_x, set_nox; };
  const Triple triples[3] = {{S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's', 'S'},
                             {S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's', 'S'},
                             {S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't', 'T'}};
  for (int i = 0; i < 3; i++) {
    const Triple& t = triples[i];
    buf[1 + 3 * i] = mode & t.r ? 'r' : '-';
    buf[2 + 3 * i] = mode & t.w ? 'w' : '-';
    bool x = mode & t.x, sp = mode & t.special;
    buf[3 + 3 * i] = sp ? (x ? t.set_x : t.set_nox) : (x ? 'x' : '-');
  }
  return PyUnicode_FromStringAndSize(buf, 10);
}

#define PRED_DEF(NAME, DOC) {#NAME, stat_##NAME, METH_O, #NAME "(mode) -> bool\n\n" DOC}
PyMethodDef stat_methods[] = {
    PRED_DEF(S_ISDIR, "Return True if mode is from a directory."),
    PRED_DEF(S_ISCHR, "Return True if mode is from a character special device file."),
    PRED_DEF(S_ISBLK, "Return True if mode is from a block special device file."),
    PRED_DEF(S_ISREG, "Return True if mode is from a regular file."),
    PRED_DEF(S_ISFIFO, "Return True if mode is from a FIFO (named pipe)."),
    PRED_DEF(S_ISLNK, "Return True if mode is from a symbolic link."),
    PRED_DEF(S_ISSOCK, "Return True if mode is from a socket."),
    PRED_DEF(S_ISDOOR, "Return True if mode is from a door."),
    PRED_DEF(S_ISPORT, "Return True if mode is from an event port."),
    PRED_DEF(S_ISWHT, "Return True if mode is from a whiteout."),
    {"S_IMODE", stat_S_IMODE, METH_O,
     "Return the portion of the file's mode that can be set by os.chmod()."},
    {"S_IFMT", stat_S_IFMT, METH_O,
     "Return the portion of the file's mode that describes the file type."},
    {"filemode", stat_filemode, METH_O,
     "Convert a file's mode to a string of the form '-rwxrwxrwx'"},
    {nullptr, nullptr, 0, nullptr},
};

struct Const {
  const char* name;
  long value;
};

const Const kConsts[] = {
    {"S_IFDIR", S_IFDIR}, {"S_IFCHR", S_IFCHR}, {"S_IFBLK", S_IFBLK}, {"S_IFREG", S_IFREG},
    {"S_IFIFO", S_IFIFO}, {"S_IFLNK", S_IFLNK}, {"S_IFSOCK", S_IFSOCK},
    {"S_IFDOOR", 0}, {"S_IFPORT", 0}, {"S_IFWHT", 0},
    {"S_ISUID", S_ISUID}, {"S_ISGID", S_ISGID}, {"S_ISVTX", S_ISVTX},
    {"S_ENFMT", S_ISGID},  // System V file locking: same bit as S_ISGID
    {"S_IREAD", S_IRUSR}, {"S_IWRITE", S_IWUSR}, {"S_IEXEC", S_IXUSR},
    {"S_IRWXU", S_IRWXU}, {"S_IRUSR", S_IRUSR}, {"S_IWUSR", S_IWUSR}, {"S_IXUSR", S_IXUSR},
    {"S_IRWXG", S_IRWXG}, {"S_IRGRP", S_IRGRP}, {"S_IWGRP", S_IWGRP}, {"S_IXGRP", S_IXGRP},
    {"S_IRWXO", S_IRWXO}, {"S_IROTH", S_IROTH}, {"S_IWOTH", S_IWOTH}, {"S_IXOTH", S_IXOTH},
    {"UF_NODUMP", 0x1}, {"UF_IMMUTABLE", 0x2}, {"UF_APPEND", 0x4}, {"UF_OPAQUE", 0x8},
    {"UF_NOUNLINK", 0x10}, {"UF_COMPRESSED", 0x20}, {"UF_HIDDEN", 0x8000},
    {"SF_ARCHIVED", 0x10000}, {"SF_IMMUTABLE", 0x20000}, {"SF_APPEND", 0x40000},
    {"SF_NOUNLINK", 0x100000}, {"SF_SNAPSHOT", 0x200000},
    {"ST_MODE", 0}, {"ST_INO", 1}, {"ST_DEV", 2}, {"ST_NLINK", 3}, {"ST_UID", 4},
    {"ST_GID", 5}, {"ST_SIZE", 6}, {"ST_ATIME", 7}, {"ST_MTIME", 8}, {"ST_CTIME", 9},
};

int stat_exec(PyObject* m) {
  for (const Const& c : kConsts)
    if (PyModule_AddIntConstant(m, c.name, c.value) < 0) return -1;
  return 0;
}

PyModuleDef_Slot stat_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(stat_exec)},
    {0, nullptr},
};

PyModuleDef stat_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_stat",
    .m_doc = "S_IFMT_: file type bits\n"
             "S_IFDIR: directory\nS_IFCHR: character device\nS_IFBLK: block device\n"
             "S_IFREG: regular file\nS_IFIFO: fifo (named pipe)\nS_IFLNK: symbolic link\n"
             "S_IFSOCK: socket file\nS_IFDOOR: door\nS_IFPORT: event port\nS_IFWHT: whiteout\n",
    .m_size = 0,
    .m_methods = stat_methods,
    .m_slots = stat_slots,
};

}  // namespace

// See PyInit_posix for the extra reference.
extern "C" PyObject* PyInit__stat() {
  PyObject* def = PyModuleDef_Init(&stat_module);
  Py_XINCREF(def);
  return def;
}
