// grp_module.cpp — the `grp` module: getgrgid, getgrnam, getgrall and the
// grp.struct_group struct sequence (gr_mem is a list of member names).
#include <Python.h>
#include <errno.h>
#include <grp.h>
#include <unistd.h>

#include <vector>

#include "support/ref.h"

extern "C" int _Py_Gid_Converter(PyObject* obj, void* p);
extern "C" PyObject* _PyLong_FromGid(gid_t gid);

using namespace krait;

namespace {

PyTypeObject* g_group_type = nullptr;

PyStructSequence_Field group_fields[] = {{"gr_name", "group name"},
                                         {"gr_passwd", "password"},
                                         {"gr_gid", "group id"},
                                         {"gr_mem", "group members"},
                                         {nullptr, nullptr}};

PyStructSequence_Desc group_desc = {
    "grp.struct_group",
    "grp.struct_group: Results from getgr*() routines.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (gr_name,gr_passwd,gr_gid,gr_mem)\n"
    "or via the object attributes as named in the above tuple.\n",
    group_fields, 4};

PyObject* decode(const char* s) {
  if (!s) Py_RETURN_NONE;
  return PyUnicode_DecodeFSDefault(s);
}

PyObject* make_entry(const struct group* g) {
  Ref<> members = steal(PyList_New(0));
  if (!members) return nullptr;
  for (char** m = g->gr_mem; m && *m; m++) {
    Ref<> s = steal(decode(*m));
    if (!s || PyList_Append(members.get(), s.get()) < 0) return nullptr;
  }
  Ref<> v = steal(PyStructSequence_New(g_group_type));
  if (!v) return nullptr;
  PyObject* items[] = {decode(g->gr_name), decode(g->gr_passwd), _PyLong_FromGid(g->gr_gid),
                       members.release()};
  bool ok = true;
  for (int i = 0; i < 4; i++) {
    if (!items[i]) ok = false;
    PyStructSequence_SET_ITEM(v.get(), i, items[i]);
  }
  return ok ? v.release() : nullptr;
}

// getgr*_r with a growing buffer: 1 found, 0 not found, -1 out of memory.
template <typename F>
int lookup(F call, struct group* gr, std::vector<char>& buf) {
  long sz = sysconf(_SC_GETGR_R_SIZE_MAX);
  buf.resize(sz > 0 ? sz : 1024);
  for (;;) {
    struct group* result = nullptr;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = call(gr, buf.data(), buf.size(), &result);
    Py_END_ALLOW_THREADS
    if (status == ERANGE) {
      if (buf.size() > (1u << 28)) return -1;
      buf.resize(buf.size() * 2);
      continue;
    }
    return result ? 1 : 0;
  }
}

PyObject* grp_getgrgid(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"id", nullptr};
  PyObject* id;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:getgrgid", const_cast<char**>(kwlist), &id))
    return nullptr;
  gid_t gid;
  if (!_Py_Gid_Converter(id, &gid)) return nullptr;
  struct group gr;
  std::vector<char> buf;
  int r = lookup([gid](struct group* g, char* b, size_t n, struct group** out) {
    return getgrgid_r(gid, g, b, n, out);
  }, &gr, buf);
  if (r < 0) return PyErr_NoMemory();
  if (r == 0) {
    Ref<> gid_obj = steal(_PyLong_FromGid(gid));
    if (!gid_obj) return nullptr;
    PyErr_Format(PyExc_KeyError, "getgrgid(): gid not found: %S", gid_obj.get());
    return nullptr;
  }
  return make_entry(&gr);
}

PyObject* grp_getgrnam(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"name", nullptr};
  PyObject* name_obj;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:getgrnam", const_cast<char**>(kwlist), &name_obj))
    return nullptr;
  if (!PyUnicode_Check(name_obj)) {
    PyErr_Format(PyExc_TypeError, "getgrnam() argument 'name' must be str, not %.50s",
                 Py_TYPE(name_obj)->tp_name);
    return nullptr;
  }
  Ref<> bytes = steal(PyUnicode_EncodeFSDefault(name_obj));
  if (!bytes) return nullptr;
  char* name;
  if (PyBytes_AsStringAndSize(bytes.get(), &name, nullptr) < 0) return nullptr;
  struct group gr;
  std::vector<char> buf;
  int r = lookup([name](struct group* g, char* b, size_t n, struct group** out) {
    return getgrnam_r(name, g, b, n, out);
  }, &gr, buf);
  if (r < 0) return PyErr_NoMemory();
  if (r == 0) {
    PyErr_Format(PyExc_KeyError, "getgrnam(): name not found: %R", name_obj);
    return nullptr;
  }
  return make_entry(&gr);
}

PyObject* grp_getgrall(PyObject*, PyObject*) {
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  setgrent();
  struct group* g;
  while ((g = getgrent()) != nullptr) {
    Ref<> v = steal(make_entry(g));
    if (!v || PyList_Append(list.get(), v.get()) < 0) {
      endgrent();
      return nullptr;
    }
  }
  endgrent();
  return list.release();
}

#define KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef grp_methods[] = {
    {"getgrgid", KW(grp_getgrgid), METH_VARARGS | METH_KEYWORDS,
     "getgrgid($module, /, id)\n--\n\n"
     "Return the group database entry for the given numeric group ID.\n\n"
     "If id is not valid, raise KeyError."},
    {"getgrnam", KW(grp_getgrnam), METH_VARARGS | METH_KEYWORDS,
     "getgrnam($module, /, name)\n--\n\n"
     "Return the group database entry for the given group name.\n\n"
     "If name is not valid, raise KeyError."},
    {"getgrall", grp_getgrall, METH_NOARGS,
     "getgrall($module, /)\n--\n\n"
     "Return a list of all available group entries, in arbitrary order.\n\n"
     "An entry whose name starts with '+' or '-' represents an instruction\n"
     "to use YP/NIS and may not be accessible via getgrnam or getgrgid."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef grp_module = {
    PyModuleDef_HEAD_INIT, "grp",
    "Access to the Unix group database.\n\n"
    "Group entries are reported as 4-tuples containing the following fields\n"
    "from the group database, in order:\n\n"
    "  gr_name   - name of the group\n"
    "  gr_passwd - group password (encrypted); often empty\n"
    "  gr_gid    - numeric ID of the group\n"
    "  gr_mem    - list of members\n\n"
    "The gid is an integer, name and password are strings.  (Note that most\n"
    "users are not explicitly listed as members of the groups they are in\n"
    "according to the password database.  Check both databases to get\n"
    "complete membership information.)",
    -1, grp_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyMODINIT_FUNC PyInit_grp(void) {
  Ref<> m = steal(PyModule_Create(&grp_module));
  if (!m) return nullptr;
  if (!g_group_type && !(g_group_type = PyStructSequence_NewType(&group_desc))) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "struct_group", reinterpret_cast<PyObject*>(g_group_type)) < 0)
    return nullptr;
  return m.release();
}
