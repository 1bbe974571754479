// Helpers shared by the container unit tests (tuple/list/dict/set/range):
// owned references, repr/error text, and the CPython oracle.
#pragma once
#include <Python.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace ctest {

// Owned reference.
struct Obj {
  PyObject* p;
  explicit Obj(PyObject* o = nullptr) : p(o) {}
  ~Obj() { Py_XDECREF(p); }
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  PyObject* get() const { return p; }
  explicit operator bool() const { return p != nullptr; }
};

inline std::string repr(PyObject* o) {
  if (o == nullptr) {
    PyErr_Clear();
    return "<NULL>";
  }
  Obj r(PyObject_Repr(o));
  if (!r.get()) {
    PyErr_Clear();
    return "<repr failed>";
  }
  return PyUnicode_AsUTF8(r.get());
}

// "TypeName: message" of the pending exception (cleared), or "" if none.
inline std::string error_text() {
  if (!PyErr_Occurred()) return "";
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  std::string s = std::string(reinterpret_cast<PyTypeObject*>(t)->tp_name) + ": ";
  Obj str(PyObject_Str(v));
  if (str.get()) s += PyUnicode_AsUTF8(str.get());
  else PyErr_Clear();
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
  return s;
}

// Calls obj.name(*args) built with Py_BuildValue's format.
template <class... A>
inline PyObject* call(PyObject* obj, const char* name, const char* fmt, A... args) {
  return PyObject_CallMethod(obj, name, fmt, args...);
}

// Output of `/usr/bin/python3.11 -c code` (stdout, trailing newline
// stripped), run with the given PYTHONHASHSEED. The oracle is live: CPython
// itself, not stored expectations.
inline std::string oracle(const std::string& code, const char* hashseed = "0") {
  std::string quoted;
  for (char c : code) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  std::string cmd = std::string("PYTHONHASHSEED=") + hashseed + " /usr/bin/python3.11 -c '" + quoted + "'";
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return "<popen failed>";
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  pclose(f);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

inline bool have_oracle() { return std::system("test -x /usr/bin/python3.11") == 0; }

}  // namespace ctest
