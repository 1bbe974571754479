// suggestions.cpp — "Did you mean: 'x'?" for NameError and AttributeError in
// printed tracebacks, with CPython 3.11's rule (Python/suggestions.c, read for
// the facts): a Levenshtein distance over UTF-8 bytes where a case-only change
// costs 1 and any other edit 2; a candidate qualifies when its distance is at
// most (len(name) + len(candidate) + 3) * 2 / 6; names longer than 40 bytes
// and candidate lists of 750 or more entries are not considered.
#include "interp/suggestions.h"

#include <algorithm>
#include <string>
#include <vector>

#include "interp/frame_object.h"

namespace krait::interp {

namespace {

constexpr Py_ssize_t kMoveCost = 2, kCaseCost = 1, kMaxStringSize = 40, kMaxCandidates = 750;

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

Py_ssize_t substitution_cost(char a, char b) {
  if (a == b) return 0;
  return ascii_lower(a) == ascii_lower(b) ? kCaseCost : kMoveCost;
}

// Edit distance, or max_cost + 1 as soon as it must exceed max_cost.
Py_ssize_t distance(std::string a, std::string b, Py_ssize_t max_cost) {
  if (a == b) return 0;
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) pre++;
  a.erase(0, pre);
  b.erase(0, pre);
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.pop_back();
    b.pop_back();
  }
  Py_ssize_t na = static_cast<Py_ssize_t>(a.size()), nb = static_cast<Py_ssize_t>(b.size());
  if (na == 0 || nb == 0) return (na + nb) * kMoveCost;
  if (na > kMaxStringSize || nb > kMaxStringSize) return max_cost + 1;
  if (nb < na) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  if ((nb - na) * kMoveCost > max_cost) return max_cost + 1;
  std::vector<Py_ssize_t> row(static_cast<size_t>(na));
  for (Py_ssize_t i = 0; i < na; i++) row[static_cast<size_t>(i)] = (i + 1) * kMoveCost;
  Py_ssize_t result = 0;
  for (Py_ssize_t bi = 0; bi < nb; bi++) {
    char code = b[static_cast<size_t>(bi)];
    Py_ssize_t diag = bi * kMoveCost;
    result = diag;
    Py_ssize_t minimum = PY_SSIZE_T_MAX;
    for (Py_ssize_t ai = 0; ai < na; ai++) {
      Py_ssize_t substitute = diag + substitution_cost(code, a[static_cast<size_t>(ai)]);
      diag = row[static_cast<size_t>(ai)];
      Py_ssize_t ins_del = std::min(result, diag) + kMoveCost;
      result = std::min(ins_del, substitute);
      row[static_cast<size_t>(ai)] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

std::string utf8(PyObject* s) {
  Py_ssize_t n;
  const char* p = PyUnicode_AsUTF8AndSize(s, &n);
  if (!p) {
    PyErr_Clear();
    return {};
  }
  return std::string(p, static_cast<size_t>(n));
}

// The closest candidate in the list `dir` (new reference) or NULL.
PyObject* closest(PyObject* dir, PyObject* name) {
  Py_ssize_t n = PyList_GET_SIZE(dir);
  if (n >= kMaxCandidates) return nullptr;
  std::string target = utf8(name);
  Py_ssize_t best_distance = PY_SSIZE_T_MAX;
  PyObject* best = nullptr;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* item = PyList_GET_ITEM(dir, i);
    if (!PyUnicode_Check(item)) continue;
    if (PyUnicode_Compare(item, name) == 0) continue;
    std::string cand = utf8(item);
    Py_ssize_t max_distance = (static_cast<Py_ssize_t>(target.size() + cand.size()) + 3) * kMoveCost / 6;
    max_distance = std::min(max_distance, best_distance - 1);
    Py_ssize_t d = distance(target, cand, max_distance);
    if (d > max_distance) continue;
    if (!best || d < best_distance) {
      best = item;
      best_distance = d;
    }
  }
  return Py_XNewRef(best);
}

PyObject* closest_in_mapping(PyObject* mapping, PyObject* name) {
  if (!mapping) return nullptr;
  PyObject* keys = PyMapping_Keys(mapping);
  if (!keys) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* r = PyList_Check(keys) ? closest(keys, name) : nullptr;
  Py_DECREF(keys);
  return r;
}

PyObject* for_name_error(PyObject* exc, PyObject* name) {
  PyObject* tb = PyException_GetTraceback(exc);
  if (!tb) return nullptr;
  auto* t = reinterpret_cast<PyTracebackObject*>(tb);
  while (t->tb_next) t = t->tb_next;
  PyFrameObject* fo = t->tb_frame;
  PyObject* r = nullptr;
  if (fo) {
    PyObject* locals = PyFrame_GetLocals(fo);
    if (!locals) PyErr_Clear();
    r = closest_in_mapping(locals, name);
    Py_XDECREF(locals);
    if (!r) {
      PyObject* globals = PyFrame_GetGlobals(fo);
      r = globals != Py_None ? closest_in_mapping(globals, name) : nullptr;
      Py_DECREF(globals);
    }
    if (!r) {
      PyObject* builtins = PyFrame_GetBuiltins(fo);
      r = builtins != Py_None ? closest_in_mapping(builtins, name) : nullptr;
      Py_DECREF(builtins);
    }
  }
  Py_DECREF(tb);
  return r;
}

PyObject* for_attribute_error(PyObject* exc, PyObject* name) {
  PyObject* obj = PyObject_GetAttrString(exc, "obj");
  if (!obj) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* r = nullptr;
  if (obj != Py_None) {
    PyObject* dir = PyObject_Dir(obj);
    if (!dir) PyErr_Clear();
    else if (PyList_Check(dir)) r = closest(dir, name);
    Py_XDECREF(dir);
  }
  Py_DECREF(obj);
  return r;
}

}  // namespace

PyObject* offer_suggestions(PyObject* exc) {
  bool is_name = PyErr_GivenExceptionMatches(exc, PyExc_NameError);
  bool is_attr = PyErr_GivenExceptionMatches(exc, PyExc_AttributeError);
  if (!is_name && !is_attr) return nullptr;
  PyObject* name = PyObject_GetAttrString(exc, "name");
  if (!name) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* r = nullptr;
  if (PyUnicode_Check(name)) r = is_name ? for_name_error(exc, name) : for_attribute_error(exc, name);
  Py_DECREF(name);
  if (PyErr_Occurred()) PyErr_Clear();
  return r;
}

}  // namespace krait::interp

// CPython's private export of the same distance (used by _testinternalcapi):
// the edit cost between two str objects' UTF-8 forms; max_cost -1 means no
// bound (the cost of replacing the longer one entirely). -1 on error.
extern "C" PyAPI_FUNC(Py_ssize_t) _Py_UTF8_Edit_Cost(PyObject* a, PyObject* b, Py_ssize_t max_cost) {
  Py_ssize_t na, nb;
  const char* ua = PyUnicode_AsUTF8AndSize(a, &na);
  if (ua == nullptr) return -1;
  const char* ub = PyUnicode_AsUTF8AndSize(b, &nb);
  if (ub == nullptr) return -1;
  if (max_cost == -1) max_cost = krait::interp::kMoveCost * std::max(na, nb);
  return krait::interp::distance(std::string(ua, static_cast<size_t>(na)),
                                 std::string(ub, static_cast<size_t>(nb)), max_cost);
}
