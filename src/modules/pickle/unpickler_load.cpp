// unpickler_load.cpp — the `_pickle` Unpickler's virtual machine: input
// from a buffer (loads) or a file object (read/readline), the value stack
// with its MARK fences, the memo, and one routine per opcode of protocols
// 0-5. Malformed or truncated input raises UnpicklingError / EOFError /
// ValueError with CPython 3.11's messages; nothing reads out of bounds.
#include <Python.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {
namespace {

using Self = UnpicklerObject;

// ------------------------------------------------------------------ input

int bad_readline() {
  PyErr_SetString(g_state.UnpicklingError, "pickle data was truncated");
  return -1;
}

// Replaces the input with a chunk from the file: readline() when n < 0,
// else read(n). Returns the number of bytes available.
Py_ssize_t read_from_file(Self* self, Py_ssize_t n) {
  Ref<PyObject> data;
  if (n < 0) {
    data = steal(PyObject_CallNoArgs(self->readline));
  } else {
    Ref<PyObject> len = steal(PyLong_FromSsize_t(n));
    if (!len) return -1;
    data = steal(PyObject_CallOneArg(self->read, len.get()));
  }
  if (!data) return -1;
  if (unpickler_set_string(self, data.get()) < 0) return -1;
  return self->input_len;
}

// Points *s at the next n bytes.
int read_n(Self* self, const char** s, Py_ssize_t n) {
  if (n <= self->input_len - self->next_read_idx) {
    *s = self->input + self->next_read_idx;
    self->next_read_idx += n;
    return 0;
  }
  if (self->read == nullptr) return bad_readline();
  Py_ssize_t got = read_from_file(self, n);
  if (got < 0) return -1;
  if (got < n) return bad_readline();
  *s = self->input;
  self->next_read_idx = n;
  return 0;
}

// One line including its '\n', copied to `line` (NUL-terminated).
Py_ssize_t read_line(Self* self, std::string& line) {
  for (Py_ssize_t i = self->next_read_idx; i < self->input_len; i++) {
    if (self->input[i] == '\n') {
      Py_ssize_t n = i - self->next_read_idx + 1;
      line.assign(self->input + self->next_read_idx, size_t(n));
      self->next_read_idx = i + 1;
      return n;
    }
  }
  if (self->read == nullptr) return bad_readline();
  Py_ssize_t n = read_from_file(self, -1);
  if (n < 0) return -1;
  if (n == 0 || self->input[n - 1] != '\n') return bad_readline();
  self->next_read_idx = n;
  line.assign(self->input, size_t(n));
  return n;
}

// Little-endian integers of the opcode arguments.
Py_ssize_t calc_binsize(const char* s, int n) {
  uint64_t x = 0;
  for (int i = 0; i < n; i++) x |= uint64_t((unsigned char)s[i]) << (8 * i);
  if (x > uint64_t(PY_SSIZE_T_MAX)) return -1;
  return Py_ssize_t(x);
}
long calc_binint(const char* s, int n) {
  unsigned long x = 0;
  for (int i = 0; i < n; i++) x |= (unsigned long)(unsigned char)s[i] << (8 * i);
  if (n == 4) return long(int32_t(uint32_t(x)));
  return long(x);
}

// ------------------------------------------------------------------ stack

int stack_underflow(Self* self) {
  PyErr_SetString(g_state.UnpicklingError,
                  self->mark_set ? "unexpected MARK found" : "unpickling stack underflow");
  return -1;
}
Py_ssize_t depth(Self* self) { return Py_ssize_t(self->stack->size()); }
void push(Self* self, PyObject* obj) { self->stack->push_back(obj); }  // steals
PyObject* pop(Self* self) {
  if (depth(self) <= self->fence) {
    stack_underflow(self);
    return nullptr;
  }
  PyObject* o = self->stack->back();
  self->stack->pop_back();
  return o;
}
void stack_clear_from(Self* self, Py_ssize_t start) {
  while (depth(self) > start) {
    PyObject* o = self->stack->back();
    self->stack->pop_back();
    Py_DECREF(o);
  }
}
PyObject* pop_tuple(Self* self, Py_ssize_t start) {
  if (start < self->fence) {
    stack_underflow(self);
    return nullptr;
  }
  Py_ssize_t len = depth(self) - start;
  PyObject* t = PyTuple_New(len);
  if (t == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < len; i++) PyTuple_SET_ITEM(t, i, (*self->stack)[size_t(start + i)]);
  self->stack->resize(size_t(start));
  return t;
}
PyObject* pop_list(Self* self, Py_ssize_t start) {
  if (start < self->fence) {
    stack_underflow(self);
    return nullptr;
  }
  Py_ssize_t len = depth(self) - start;
  PyObject* l = PyList_New(len);
  if (l == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < len; i++) PyList_SET_ITEM(l, i, (*self->stack)[size_t(start + i)]);
  self->stack->resize(size_t(start));
  return l;
}

Py_ssize_t marker(Self* self) {
  if (self->marks->empty()) {
    PyErr_SetString(g_state.UnpicklingError, "could not find MARK");
    return -1;
  }
  Py_ssize_t mark = self->marks->back();
  self->marks->pop_back();
  self->mark_set = !self->marks->empty();
  self->fence = self->marks->empty() ? 0 : self->marks->back();
  return mark;
}

// ------------------------------------------------------------------- memo

PyObject* memo_get(Self* self, Py_ssize_t idx) {
  if (idx < 0 || size_t(idx) >= self->memo->size()) return nullptr;
  return (*self->memo)[size_t(idx)];
}
int memo_put(Self* self, Py_ssize_t idx, PyObject* value) {
  if (size_t(idx) >= self->memo->size()) {
    if (size_t(idx) >= (size_t(1) << 40)) {
      PyErr_NoMemory();
      return -1;
    }
    self->memo->resize(size_t(idx) + 1, nullptr);
  }
  Py_INCREF(value);
  PyObject*& slot = (*self->memo)[size_t(idx)];
  if (slot == nullptr) self->memo_len++;
  Py_XSETREF(slot, value);
  return 0;
}
int memo_missing(Py_ssize_t idx) {
  if (!PyErr_Occurred())
    PyErr_Format(g_state.UnpicklingError, "Memo value not found at index %ld", long(idx));
  return -1;
}

// ----------------------------------------------------------- calls out

PyObject* call_find_class(Self* self, PyObject* module_name, PyObject* global_name) {
  Ref<PyObject> meth = steal(PyUnicode_FromString("find_class"));
  if (!meth) return nullptr;
  return PyObject_CallMethodObjArgs((PyObject*)self, meth.get(), module_name, global_name, nullptr);
}

PyObject* call_persistent_load(Self* self, PyObject* pid) {
  if (self->pers_func_self != nullptr)
    return PyObject_CallFunctionObjArgs(self->pers_func, self->pers_func_self, pid, nullptr);
  return PyObject_CallOneArg(self->pers_func, pid);
}

// ----------------------------------------------------------------- opcodes

int load_int(Self* self) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  errno = 0;
  char* end;
  long x = strtol(line.c_str(), &end, 0);
  PyObject* value;
  if (errno || (*end != '\n' && *end != '\0')) {
    // Too big for a C long (or odd): let int() parse it.
    errno = 0;
    value = PyLong_FromString(line.c_str(), nullptr, 0);
    if (value == nullptr) {
      PyErr_SetString(PyExc_ValueError, "could not convert string to int");
      return -1;
    }
  } else if (len == 3 && (x == 0 || x == 1)) {
    value = PyBool_FromLong(x);
  } else {
    value = PyLong_FromLong(x);
  }
  if (value == nullptr) return -1;
  push(self, value);
  return 0;
}

int load_long(Self* self) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  if (len > 1 && line[size_t(len - 2)] == 'L') line[size_t(len - 2)] = '\0';
  PyObject* value = PyLong_FromString(line.c_str(), nullptr, 0);
  if (value == nullptr) return -1;
  push(self, value);
  return 0;
}

int load_binint(Self* self, int n) {
  const char* s;
  if (read_n(self, &s, n) < 0) return -1;
  PyObject* v = PyLong_FromLong(calc_binint(s, n));
  if (v == nullptr) return -1;
  push(self, v);
  return 0;
}

int load_counted_long(Self* self, int n) {
  const char* s;
  if (read_n(self, &s, n) < 0) return -1;
  long size = calc_binint(s, n);
  if (size < 0) {
    PyErr_SetString(g_state.UnpicklingError, "LONG pickle has negative byte count");
    return -1;
  }
  PyObject* value;
  if (size == 0) {
    value = PyLong_FromLong(0);
  } else {
    if (read_n(self, &s, size) < 0) return -1;
    value = _PyLong_FromByteArray(reinterpret_cast<const unsigned char*>(s), size_t(size), 1, 1);
  }
  if (value == nullptr) return -1;
  push(self, value);
  return 0;
}

int load_float(Self* self) {
  std::string line;
  if (read_line(self, line) < 0) return -1;
  char* end;
  double d = PyOS_string_to_double(line.c_str(), &end, PyExc_OverflowError);
  if (d == -1.0 && PyErr_Occurred()) return -1;
  if (end[0] != '\n' && end[0] != '\0') {
    PyErr_SetString(PyExc_ValueError, "could not convert string to float");
    return -1;
  }
  PyObject* v = PyFloat_FromDouble(d);
  if (v == nullptr) return -1;
  push(self, v);
  return 0;
}

int load_binfloat(Self* self) {
  const char* s;
  if (read_n(self, &s, 8) < 0) return -1;
  double x = PyFloat_Unpack8(s, 0);
  if (x == -1.0 && PyErr_Occurred()) return -1;
  PyObject* v = PyFloat_FromDouble(x);
  if (v == nullptr) return -1;
  push(self, v);
  return 0;
}

// Python 2 str data: bytes when encoding="bytes", else decoded text.
PyObject* decode_string(Self* self, const char* s, Py_ssize_t n) {
  if (*self->encoding == "bytes") return PyBytes_FromStringAndSize(s, n);
  return PyUnicode_Decode(s, n, self->encoding->c_str(), self->errors->c_str());
}

int load_string(Self* self) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  len--;  // the newline
  const char* p;
  if (len >= 2 && line[0] == line[size_t(len - 1)] && (line[0] == '\'' || line[0] == '"')) {
    p = line.c_str() + 1;
    len -= 2;
  } else {
    PyErr_SetString(g_state.UnpicklingError, "the STRING opcode argument must be quoted");
    return -1;
  }
  Ref<PyObject> bytes = steal(PyBytes_DecodeEscape(p, len, nullptr, 0, nullptr));
  if (!bytes) return -1;
  PyObject* obj;
  if (*self->encoding == "bytes")
    obj = bytes.release();
  else
    obj = PyUnicode_FromEncodedObject(bytes.get(), self->encoding->c_str(), self->errors->c_str());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_counted_binstring(Self* self, int n) {
  const char* s;
  if (read_n(self, &s, n) < 0) return -1;
  Py_ssize_t size = n == 4 ? calc_binint(s, 4) : calc_binsize(s, n);
  if (size < 0) {
    PyErr_SetString(g_state.UnpicklingError, "BINSTRING pickle has negative byte count");
    return -1;
  }
  if (read_n(self, &s, size) < 0) return -1;
  PyObject* obj = decode_string(self, s, size);
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int read_size(Self* self, int n, const char* what, Py_ssize_t* size) {
  const char* s;
  if (read_n(self, &s, n) < 0) return -1;
  *size = calc_binsize(s, n);
  if (*size < 0) {
    PyErr_Format(PyExc_OverflowError, "%s exceeds system's maximum size of %zd bytes", what,
                 PY_SSIZE_T_MAX);
    return -1;
  }
  return 0;
}

int load_counted_binbytes(Self* self, int n) {
  Py_ssize_t size;
  const char* s;
  if (read_size(self, n, "BINBYTES", &size) < 0 || read_n(self, &s, size) < 0) return -1;
  PyObject* b = PyBytes_FromStringAndSize(s, size);
  if (b == nullptr) return -1;
  push(self, b);
  return 0;
}

int load_counted_bytearray(Self* self) {
  Py_ssize_t size;
  const char* s;
  if (read_size(self, 8, "BYTEARRAY8", &size) < 0 || read_n(self, &s, size) < 0) return -1;
  PyObject* b = PyByteArray_FromStringAndSize(s, size);
  if (b == nullptr) return -1;
  push(self, b);
  return 0;
}

int load_unicode(Self* self) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  if (len < 1) return bad_readline();
  PyObject* str = PyUnicode_DecodeRawUnicodeEscape(line.data(), len - 1, nullptr);
  if (str == nullptr) return -1;
  push(self, str);
  return 0;
}

int load_counted_binunicode(Self* self, int n) {
  Py_ssize_t size;
  const char* s;
  if (read_size(self, n, "BINUNICODE", &size) < 0 || read_n(self, &s, size) < 0) return -1;
  PyObject* str = PyUnicode_DecodeUTF8(s, size, "surrogatepass");
  if (str == nullptr) return -1;
  push(self, str);
  return 0;
}

int load_counted_tuple(Self* self, Py_ssize_t len) {
  if (depth(self) < len) return stack_underflow(self);
  PyObject* t = pop_tuple(self, depth(self) - len);
  if (t == nullptr) return -1;
  push(self, t);
  return 0;
}

int load_tuple(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  return load_counted_tuple(self, depth(self) - i);
}

int load_list(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  PyObject* l = pop_list(self, i);
  if (l == nullptr) return -1;
  push(self, l);
  return 0;
}

int load_dict(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  Py_ssize_t j = depth(self);
  if ((j - i) % 2 != 0) {
    PyErr_SetString(g_state.UnpicklingError, "odd number of items for DICT");
    return -1;
  }
  PyObject* d = PyDict_New();
  if (d == nullptr) return -1;
  for (Py_ssize_t k = i + 1; k < j; k += 2) {
    if (PyDict_SetItem(d, (*self->stack)[size_t(k - 1)], (*self->stack)[size_t(k)]) < 0) {
      Py_DECREF(d);
      return -1;
    }
  }
  stack_clear_from(self, i);
  push(self, d);
  return 0;
}

int load_frozenset(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  Ref<PyObject> items = steal(pop_tuple(self, i));
  if (!items) return -1;
  PyObject* fs = PyFrozenSet_New(items.get());
  if (fs == nullptr) return -1;
  push(self, fs);
  return 0;
}

// cls(*args), or cls.__new__(cls) for an empty argument list on a class
// without __getinitargs__ (old-style INST/OBJ semantics).
PyObject* instantiate(PyObject* cls, PyObject* args) {
  if (PyTuple_GET_SIZE(args) == 0 && PyType_Check(cls)) {
    PyObject* func = nullptr;
    if (lookup_attr(cls, "__getinitargs__", &func) < 0) return nullptr;
    if (func == nullptr) return PyObject_CallMethod(cls, "__new__", "O", cls);
    Py_DECREF(func);
  }
  return PyObject_CallObject(cls, args);
}

int load_obj(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  if (depth(self) - i < 1) return stack_underflow(self);
  Ref<PyObject> args = steal(pop_tuple(self, i + 1));
  if (!args) return -1;
  Ref<PyObject> cls = steal(pop(self));
  if (!cls) return -1;
  PyObject* obj = instantiate(cls.get(), args.get());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int read_name_line(Self* self, Ref<PyObject>& out, bool utf8) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  if (len < 2) return bad_readline();
  out = steal(utf8 ? PyUnicode_DecodeUTF8(line.data(), len - 1, "strict")
                   : PyUnicode_DecodeASCII(line.data(), len - 1, "strict"));
  return out ? 0 : -1;
}

int load_inst(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  Ref<PyObject> module_name, class_name;
  if (read_name_line(self, module_name, false) < 0) return -1;
  if (read_name_line(self, class_name, false) < 0) return -1;
  Ref<PyObject> cls = steal(call_find_class(self, module_name.get(), class_name.get()));
  if (!cls) return -1;
  Ref<PyObject> args = steal(pop_tuple(self, i));
  if (!args) return -1;
  PyObject* obj = instantiate(cls.get(), args.get());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_newobj(Self* self, bool use_kwargs) {
  const char* opname = use_kwargs ? "NEWOBJ_EX" : "NEWOBJ";
  Ref<PyObject> kwargs;
  if (use_kwargs) {
    kwargs = steal(pop(self));
    if (!kwargs) return -1;
  }
  Ref<PyObject> args = steal(pop(self));
  if (!args) return -1;
  Ref<PyObject> cls = steal(pop(self));
  if (!cls) return -1;
  if (!PyType_Check(cls.get())) {
    PyErr_Format(g_state.UnpicklingError, "%s class argument must be a type, not %.200s", opname,
                 Py_TYPE(cls.get())->tp_name);
    return -1;
  }
  auto* tp = reinterpret_cast<PyTypeObject*>(cls.get());
  if (tp->tp_new == nullptr) {
    PyErr_Format(g_state.UnpicklingError, "%s class argument '%.200s' doesn't have __new__",
                 opname, tp->tp_name);
    return -1;
  }
  if (!PyTuple_Check(args.get())) {
    PyErr_Format(g_state.UnpicklingError, "%s args argument must be a tuple, not %.200s", opname,
                 Py_TYPE(args.get())->tp_name);
    return -1;
  }
  if (use_kwargs && !PyDict_Check(kwargs.get())) {
    PyErr_Format(g_state.UnpicklingError, "%s kwargs argument must be a dict, not %.200s", opname,
                 Py_TYPE(kwargs.get())->tp_name);
    return -1;
  }
  PyObject* obj = tp->tp_new(tp, args.get(), kwargs.get());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_global(Self* self) {
  Ref<PyObject> module_name, global_name;
  if (read_name_line(self, module_name, true) < 0) return -1;
  if (read_name_line(self, global_name, true) < 0) return -1;
  PyObject* g = call_find_class(self, module_name.get(), global_name.get());
  if (g == nullptr) return -1;
  push(self, g);
  return 0;
}

int load_stack_global(Self* self) {
  Ref<PyObject> global_name = steal(pop(self));
  if (!global_name) return -1;
  Ref<PyObject> module_name = steal(pop(self));
  if (!module_name) return -1;
  if (!PyUnicode_CheckExact(module_name.get()) || !PyUnicode_CheckExact(global_name.get())) {
    PyErr_SetString(g_state.UnpicklingError, "STACK_GLOBAL requires str");
    return -1;
  }
  PyObject* g = call_find_class(self, module_name.get(), global_name.get());
  if (g == nullptr) return -1;
  push(self, g);
  return 0;
}

int no_persistent_load() {
  PyErr_SetString(g_state.UnpicklingError,
                  "A load persistent id instruction was encountered,\n"
                  "but no persistent_load function was specified.");
  return -1;
}

int load_persid(Self* self) {
  if (self->pers_func == nullptr) return no_persistent_load();
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  if (len < 1) return bad_readline();
  Ref<PyObject> pid = steal(PyUnicode_DecodeASCII(line.data(), len - 1, "strict"));
  if (!pid) {
    if (PyErr_ExceptionMatches(PyExc_UnicodeDecodeError))
      PyErr_SetString(g_state.UnpicklingError,
                      "persistent IDs in protocol 0 must be ASCII strings");
    return -1;
  }
  PyObject* obj = call_persistent_load(self, pid.get());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_binpersid(Self* self) {
  if (self->pers_func == nullptr) return no_persistent_load();
  Ref<PyObject> pid = steal(pop(self));
  if (!pid) return -1;
  PyObject* obj = call_persistent_load(self, pid.get());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_pop(Self* self) {
  Py_ssize_t len = depth(self);
  // MARKs live on their own stack: POP removes a mark sitting on top.
  if (!self->marks->empty() && self->marks->back() == len) {
    self->marks->pop_back();
    self->mark_set = !self->marks->empty();
    self->fence = self->marks->empty() ? 0 : self->marks->back();
  } else if (len <= self->fence) {
    return stack_underflow(self);
  } else {
    PyObject* o = self->stack->back();
    self->stack->pop_back();
    Py_DECREF(o);
  }
  return 0;
}

int load_pop_mark(Self* self) {
  Py_ssize_t i = marker(self);
  if (i < 0) return -1;
  stack_clear_from(self, i);
  return 0;
}

int load_dup(Self* self) {
  if (depth(self) <= self->fence) return stack_underflow(self);
  PyObject* last = self->stack->back();
  Py_INCREF(last);
  push(self, last);
  return 0;
}

int push_memo_value(Self* self, Py_ssize_t idx) {
  PyObject* value = memo_get(self, idx);
  if (value == nullptr) return memo_missing(idx);
  Py_INCREF(value);
  push(self, value);
  return 0;
}

int load_get(Self* self) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  if (len < 2) return bad_readline();
  Ref<PyObject> key = steal(PyLong_FromString(line.c_str(), nullptr, 10));
  if (!key) return -1;
  Py_ssize_t idx = PyLong_AsSsize_t(key.get());
  if (idx == -1 && PyErr_Occurred()) return -1;
  return push_memo_value(self, idx);
}

int load_binget(Self* self, int n) {
  const char* s;
  if (read_n(self, &s, n) < 0) return -1;
  return push_memo_value(self, calc_binsize(s, n));
}

int load_put(Self* self) {
  std::string line;
  Py_ssize_t len = read_line(self, line);
  if (len < 0) return -1;
  if (len < 2) return bad_readline();
  if (depth(self) <= self->fence) return stack_underflow(self);
  PyObject* value = self->stack->back();
  Ref<PyObject> key = steal(PyLong_FromString(line.c_str(), nullptr, 10));
  if (!key) return -1;
  Py_ssize_t idx = PyLong_AsSsize_t(key.get());
  if (idx < 0) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "negative PUT argument");
    return -1;
  }
  return memo_put(self, idx, value);
}

int load_binput(Self* self, int n) {
  const char* s;
  if (read_n(self, &s, n) < 0) return -1;
  if (depth(self) <= self->fence) return stack_underflow(self);
  Py_ssize_t idx = calc_binsize(s, n);
  if (idx < 0) {
    PyErr_SetString(PyExc_ValueError, "negative LONG_BINPUT argument");
    return -1;
  }
  return memo_put(self, idx, self->stack->back());
}

int load_memoize(Self* self) {
  if (depth(self) <= self->fence) return stack_underflow(self);
  return memo_put(self, self->memo_len, self->stack->back());
}

int do_append(Self* self, Py_ssize_t x) {
  Py_ssize_t len = depth(self);
  if (x > len || x <= self->fence) return stack_underflow(self);
  if (len == x) return 0;
  PyObject* list = (*self->stack)[size_t(x - 1)];
  if (PyList_CheckExact(list)) {
    Ref<PyObject> slice = steal(pop_list(self, x));
    if (!slice) return -1;
    Py_ssize_t n = PyList_GET_SIZE(list);
    return PyList_SetSlice(list, n, n, slice.get());
  }
  PyObject* extend = nullptr;
  if (lookup_attr(list, "extend", &extend) < 0) return -1;
  if (extend != nullptr) {
    Ref<PyObject> func = steal(extend);
    Ref<PyObject> slice = steal(pop_list(self, x));
    if (!slice) return -1;
    Ref<PyObject> r = steal(PyObject_CallOneArg(func.get(), slice.get()));
    return r ? 0 : -1;
  }
  // PEP 307 asks for extend(); append() one by one still works.
  Ref<PyObject> append = steal(PyObject_GetAttrString(list, "append"));
  if (!append) return -1;
  for (Py_ssize_t i = x; i < len; i++) {
    Ref<PyObject> r = steal(PyObject_CallOneArg(append.get(), (*self->stack)[size_t(i)]));
    if (!r) {
      stack_clear_from(self, x);
      return -1;
    }
  }
  stack_clear_from(self, x);
  return 0;
}

int do_setitems(Self* self, Py_ssize_t x) {
  Py_ssize_t len = depth(self);
  if (x > len || x <= self->fence) return stack_underflow(self);
  if (len == x) return 0;
  if ((len - x) % 2 != 0) {
    PyErr_SetString(g_state.UnpicklingError, "odd number of items for SETITEMS");
    return -1;
  }
  PyObject* dict = (*self->stack)[size_t(x - 1)];
  int status = 0;
  for (Py_ssize_t i = x + 1; i < len; i += 2) {
    if (PyObject_SetItem(dict, (*self->stack)[size_t(i - 1)], (*self->stack)[size_t(i)]) < 0) {
      status = -1;
      break;
    }
  }
  stack_clear_from(self, x);
  return status;
}

int load_additems(Self* self) {
  Py_ssize_t mark = marker(self);
  if (mark < 0) return -1;
  Py_ssize_t len = depth(self);
  if (mark > len || mark <= self->fence) return stack_underflow(self);
  if (len == mark) return 0;
  PyObject* set = (*self->stack)[size_t(mark - 1)];
  if (PySet_Check(set)) {
    Ref<PyObject> items = steal(pop_tuple(self, mark));
    if (!items) return -1;
    Py_ssize_t n = PyTuple_GET_SIZE(items.get());
    for (Py_ssize_t i = 0; i < n; i++)
      if (PySet_Add(set, PyTuple_GET_ITEM(items.get(), i)) < 0) return -1;
    return 0;
  }
  Ref<PyObject> add = steal(PyObject_GetAttrString(set, "add"));
  if (!add) return -1;
  for (Py_ssize_t i = mark; i < len; i++) {
    Ref<PyObject> r = steal(PyObject_CallOneArg(add.get(), (*self->stack)[size_t(i)]));
    if (!r) {
      stack_clear_from(self, mark);
      return -1;
    }
  }
  stack_clear_from(self, mark);
  return 0;
}

// BUILD: inst.__setstate__(state), or the default: state (and an optional
// slot-state dict) written into the instance.
int load_build(Self* self) {
  if (depth(self) - 2 < self->fence) return stack_underflow(self);
  Ref<PyObject> state = steal(pop(self));
  if (!state) return -1;
  PyObject* inst = self->stack->back();
  PyObject* setstate = nullptr;
  if (lookup_attr(inst, "__setstate__", &setstate) < 0) return -1;
  if (setstate != nullptr) {
    Ref<PyObject> func = steal(setstate);
    Ref<PyObject> r = steal(PyObject_CallOneArg(func.get(), state.get()));
    return r ? 0 : -1;
  }
  Ref<PyObject> slotstate;
  if (PyTuple_Check(state.get()) && PyTuple_GET_SIZE(state.get()) == 2) {
    slotstate = borrow(PyTuple_GET_ITEM(state.get(), 1));
    state = borrow(PyTuple_GET_ITEM(state.get(), 0));
  }
  if (state.get() != Py_None) {
    if (!PyDict_Check(state.get())) {
      PyErr_SetString(g_state.UnpicklingError, "state is not a dictionary");
      return -1;
    }
    Ref<PyObject> dict = steal(PyObject_GetAttrString(inst, "__dict__"));
    if (!dict) return -1;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(state.get(), &pos, &k, &v)) {
      Py_INCREF(k);
      if (PyUnicode_CheckExact(k)) PyUnicode_InternInPlace(&k);
      int r = PyObject_SetItem(dict.get(), k, v);
      Py_DECREF(k);
      if (r < 0) return -1;
    }
  }
  if (slotstate) {
    if (!PyDict_Check(slotstate.get())) {
      PyErr_SetString(g_state.UnpicklingError, "slot state is not a dictionary");
      return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(slotstate.get(), &pos, &k, &v))
      if (PyObject_SetAttr(inst, k, v) < 0) return -1;
  }
  return 0;
}

int load_reduce(Self* self) {
  Ref<PyObject> argtup = steal(pop(self));
  if (!argtup) return -1;
  Ref<PyObject> callable = steal(pop(self));
  if (!callable) return -1;
  PyObject* obj = PyObject_CallObject(callable.get(), argtup.get());
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_proto(Self* self) {
  const char* s;
  if (read_n(self, &s, 1) < 0) return -1;
  int i = (unsigned char)s[0];
  if (i <= kHighestProtocol) {
    self->proto = i;
    return 0;
  }
  PyErr_Format(PyExc_ValueError, "unsupported pickle protocol: %d", i);
  return -1;
}

int load_frame(Self* self) {
  const char* s;
  if (read_n(self, &s, 8) < 0) return -1;
  Py_ssize_t frame_len = calc_binsize(s, 8);
  if (frame_len < 0) {
    PyErr_Format(PyExc_OverflowError, "FRAME length exceeds system's maximum of %zd bytes",
                 PY_SSIZE_T_MAX);
    return -1;
  }
  // Bring the whole frame into the buffer, then read the opcodes from it.
  if (read_n(self, &s, frame_len) < 0) return -1;
  self->next_read_idx -= frame_len;
  return 0;
}

int load_extension(Self* self, int nbytes) {
  const char* s;
  if (read_n(self, &s, nbytes) < 0) return -1;
  long code = calc_binint(s, nbytes);
  if (code <= 0) {
    PyErr_SetString(g_state.UnpicklingError, "EXT specifies code <= 0");
    return -1;
  }
  Ref<PyObject> py_code = steal(PyLong_FromLong(code));
  if (!py_code) return -1;
  PyObject* obj = PyDict_GetItemWithError(g_state.extension_cache, py_code.get());
  if (obj != nullptr) {
    Py_INCREF(obj);
    push(self, obj);
    return 0;
  }
  if (PyErr_Occurred()) return -1;
  PyObject* pair = PyDict_GetItemWithError(g_state.inverted_registry, py_code.get());
  if (pair == nullptr) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_ValueError, "unregistered extension code %ld", code);
    return -1;
  }
  if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 ||
      !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0)) || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 1))) {
    PyErr_Format(PyExc_ValueError, "_inverted_registry[%ld] isn't a 2-tuple of strings", code);
    return -1;
  }
  Ref<PyObject> keep = borrow(pair);
  obj = call_find_class(self, PyTuple_GET_ITEM(pair, 0), PyTuple_GET_ITEM(pair, 1));
  if (obj == nullptr) return -1;
  if (PyDict_SetItem(g_state.extension_cache, py_code.get(), obj) < 0) {
    Py_DECREF(obj);
    return -1;
  }
  push(self, obj);
  return 0;
}

int load_next_buffer(Self* self) {
  if (self->buffers == nullptr) {
    PyErr_SetString(g_state.UnpicklingError,
                    "pickle stream refers to out-of-band data but no *buffers* argument was given");
    return -1;
  }
  PyObject* buf = PyIter_Next(self->buffers);
  if (buf == nullptr) {
    if (!PyErr_Occurred())
      PyErr_SetString(g_state.UnpicklingError, "not enough out-of-band buffers");
    return -1;
  }
  push(self, buf);
  return 0;
}

int load_readonly_buffer(Self* self) {
  if (depth(self) <= self->fence) return stack_underflow(self);
  PyObject*& top = self->stack->back();
  PyObject* view = PyMemoryView_FromObject(top);
  if (view == nullptr) return -1;
  if (!PyMemoryView_GET_BUFFER(view)->readonly) {
    // A writable buffer is handed out read-only, as it was pickled.
    PyMemoryView_GET_BUFFER(view)->readonly = 1;
    Py_SETREF(top, view);
  } else {
    Py_DECREF(view);
  }
  return 0;
}

int push_new(Self* self, PyObject* obj) {
  if (obj == nullptr) return -1;
  push(self, obj);
  return 0;
}

int load_mark(Self* self) {
  self->marks->push_back(depth(self));
  self->mark_set = 1;
  self->fence = depth(self);
  return 0;
}

}  // namespace

PyObject* unpickler_load(UnpicklerObject* self) {
  self->marks->clear();
  self->mark_set = 0;
  self->fence = 0;
  self->proto = 0;
  stack_clear_from(self, 0);
  for (;;) {
    const char* s;
    if (read_n(self, &s, 1) < 0) {
      if (PyErr_ExceptionMatches(g_state.UnpicklingError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_EOFError, "Ran out of input");
      }
      return nullptr;
    }
    unsigned char op = (unsigned char)s[0];
    int r;
    switch (op) {
      case NONE: Py_INCREF(Py_None); r = push_new(self, Py_None); break;
      case BININT: r = load_binint(self, 4); break;
      case BININT1: r = load_binint(self, 1); break;
      case BININT2: r = load_binint(self, 2); break;
      case INT: r = load_int(self); break;
      case LONG: r = load_long(self); break;
      case LONG1: r = load_counted_long(self, 1); break;
      case LONG4: r = load_counted_long(self, 4); break;
      case FLOAT: r = load_float(self); break;
      case BINFLOAT: r = load_binfloat(self); break;
      case SHORT_BINBYTES: r = load_counted_binbytes(self, 1); break;
      case BINBYTES: r = load_counted_binbytes(self, 4); break;
      case BINBYTES8: r = load_counted_binbytes(self, 8); break;
      case BYTEARRAY8: r = load_counted_bytearray(self); break;
      case NEXT_BUFFER: r = load_next_buffer(self); break;
      case READONLY_BUFFER: r = load_readonly_buffer(self); break;
      case SHORT_BINSTRING: r = load_counted_binstring(self, 1); break;
      case BINSTRING: r = load_counted_binstring(self, 4); break;
      case STRING: r = load_string(self); break;
      case UNICODE: r = load_unicode(self); break;
      case SHORT_BINUNICODE: r = load_counted_binunicode(self, 1); break;
      case BINUNICODE: r = load_counted_binunicode(self, 4); break;
      case BINUNICODE8: r = load_counted_binunicode(self, 8); break;
      case EMPTY_TUPLE: r = load_counted_tuple(self, 0); break;
      case TUPLE1: r = load_counted_tuple(self, 1); break;
      case TUPLE2: r = load_counted_tuple(self, 2); break;
      case TUPLE3: r = load_counted_tuple(self, 3); break;
      case TUPLE: r = load_tuple(self); break;
      case EMPTY_LIST: r = push_new(self, PyList_New(0)); break;
      case LIST: r = load_list(self); break;
      case EMPTY_DICT: r = push_new(self, PyDict_New()); break;
      case DICT: r = load_dict(self); break;
      case EMPTY_SET: r = push_new(self, PySet_New(nullptr)); break;
      case ADDITEMS: r = load_additems(self); break;
      case FROZENSET: r = load_frozenset(self); break;
      case OBJ: r = load_obj(self); break;
      case INST: r = load_inst(self); break;
      case NEWOBJ: r = load_newobj(self, false); break;
      case NEWOBJ_EX: r = load_newobj(self, true); break;
      case GLOBAL: r = load_global(self); break;
      case STACK_GLOBAL: r = load_stack_global(self); break;
      case APPEND: r = do_append(self, depth(self) - 1); break;
      case APPENDS: {
        Py_ssize_t i = marker(self);
        r = i < 0 ? -1 : do_append(self, i);
        break;
      }
      case BUILD: r = load_build(self); break;
      case DUP: r = load_dup(self); break;
      case BINGET: r = load_binget(self, 1); break;
      case LONG_BINGET: r = load_binget(self, 4); break;
      case GET: r = load_get(self); break;
      case EXT1: r = load_extension(self, 1); break;
      case EXT2: r = load_extension(self, 2); break;
      case EXT4: r = load_extension(self, 4); break;
      case MARK: r = load_mark(self); break;
      case BINPUT: r = load_binput(self, 1); break;
      case LONG_BINPUT: r = load_binput(self, 4); break;
      case PUT: r = load_put(self); break;
      case MEMOIZE: r = load_memoize(self); break;
      case POP: r = load_pop(self); break;
      case POP_MARK: r = load_pop_mark(self); break;
      case SETITEM: r = do_setitems(self, depth(self) - 2); break;
      case SETITEMS: {
        Py_ssize_t i = marker(self);
        r = i < 0 ? -1 : do_setitems(self, i);
        break;
      }
      case PERSID: r = load_persid(self); break;
      case BINPERSID: r = load_binpersid(self); break;
      case REDUCE: r = load_reduce(self); break;
      case PROTO: r = load_proto(self); break;
      case FRAME: r = load_frame(self); break;
      case NEWTRUE: Py_INCREF(Py_True); r = push_new(self, Py_True); break;
      case NEWFALSE: Py_INCREF(Py_False); r = push_new(self, Py_False); break;
      case STOP: {
        if (PyErr_Occurred()) return nullptr;
        return pop(self);
      }
      default:
        if (0x20 <= op && op <= 0x7e && op != '\'' && op != '\\')
          PyErr_Format(g_state.UnpicklingError, "invalid load key, '%c'.", op);
        else
          PyErr_Format(g_state.UnpicklingError, "invalid load key, '\\x%02x'.", op);
        return nullptr;
    }
    if (r < 0) return nullptr;
  }
}

}  // namespace krait::pickle
