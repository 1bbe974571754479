// unicodedata_module.cpp — the `unicodedata` module: Unicode 14.0.0 character
// properties, names and normalization, the `UCD` type whose one instance
// `ucd_3_2_0` answers as Unicode 3.2.0 (for stringprep and the idna codec),
// and the `_ucnhash_CAPI` capsule.
//
// All data lives in src/support/unicode_db.h (generated from CPython 3.11
// itself); this file only adapts it to CPython's API. Every function exists
// once: the module-level functions get the module as `self`, the UCD methods
// the UCD object, and `self` decides which Unicode version answers.
#include <Python.h>
#include <structmember.h>

#include <cstring>
#include <string>

#include "support/ref.h"
#include "support/unicode_db.h"

using namespace krait;
namespace uni = krait::unicode;
namespace old = krait::unicode::ucd_3_2_0;

namespace {

struct UCDObject {
  PyObject_HEAD
  const char* version;  // unidata_version of this view
};

extern PyTypeObject UCD_Type;

// True when `self` is the 3.2.0 view (a UCD object) rather than the module.
bool is_old(PyObject* self) { return self != nullptr && Py_TYPE(self) == &UCD_Type; }

// The "a unicode character" converter: a str of length 1. `arg_desc` is
// "argument" for one-argument functions, "argument 1" otherwise.
bool get_char(PyObject* arg, const char* fname, const char* arg_desc, char32_t* out) {
  if (!PyUnicode_Check(arg) || PyUnicode_READY(arg) < 0 || PyUnicode_GET_LENGTH(arg) != 1) {
    if (PyErr_Occurred()) return false;
    PyErr_Format(PyExc_TypeError, "%s() %s must be a unicode character, not %.50s", fname,
                 arg_desc, arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    return false;
  }
  *out = static_cast<char32_t>(PyUnicode_READ_CHAR(arg, 0));
  return true;
}

// Positional-argument count check, as CPython's _PyArg_CheckPositional words it.
bool check_positional(const char* fname, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) {
  if (nargs < min) {
    PyErr_Format(PyExc_TypeError, "%s expected %s%zd argument%s, got %zd", fname,
                 min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    return false;
  }
  if (nargs > max) {
    PyErr_Format(PyExc_TypeError, "%s expected %s%zd argument%s, got %zd", fname,
                 min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    return false;
  }
  return true;
}

std::u32string to_u32(PyObject* s) {
  std::u32string out;
  Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  out.reserve(size_t(n));
  int kind = PyUnicode_KIND(s);
  const void* data = PyUnicode_DATA(s);
  for (Py_ssize_t i = 0; i < n; i++) out.push_back(char32_t(PyUnicode_READ(kind, data, i)));
  return out;
}

PyObject* from_u32(const std::u32string& s) {
  return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, s.data(), Py_ssize_t(s.size()));
}

// ------------------------------------------------------------ numeric values

// decimal / digit / numeric share their shape: (chr, default=<none>, /).
PyObject* numeric_value(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                        const char* fname, const char* not_found, int which) {
  if (!check_positional(fname, nargs, 1, 2)) return nullptr;
  char32_t c;
  if (!get_char(args[0], fname, "argument 1", &c)) return nullptr;
  bool old_view = is_old(self);
  if (which == 2) {
    double v;
    if (old_view ? old::numeric(c, &v) : uni::numeric(c, &v)) return PyFloat_FromDouble(v);
  } else {
    int v = which == 0 ? (old_view ? old::decimal(c) : uni::decimal(c))
                       : (old_view ? old::digit(c) : uni::digit(c));
    if (v >= 0) return PyLong_FromLong(v);
  }
  if (nargs == 2) return Py_NewRef(args[1]);
  PyErr_SetString(PyExc_ValueError, not_found);
  return nullptr;
}

PyObject* ud_decimal(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return numeric_value(self, args, nargs, "decimal", "not a decimal", 0);
}
PyObject* ud_digit(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return numeric_value(self, args, nargs, "digit", "not a digit", 1);
}
PyObject* ud_numeric(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return numeric_value(self, args, nargs, "numeric", "not a numeric character", 2);
}

// ------------------------------------------------------------ simple properties

PyObject* ud_category(PyObject* self, PyObject* arg) {
  char32_t c;
  if (!get_char(arg, "category", "argument", &c)) return nullptr;
  uint8_t cat = is_old(self) ? old::category(c) : uni::category(c);
  return PyUnicode_FromString(uni::category_name(cat));
}

PyObject* ud_bidirectional(PyObject* self, PyObject* arg) {
  char32_t c;
  if (!get_char(arg, "bidirectional", "argument", &c)) return nullptr;
  return PyUnicode_FromString(is_old(self) ? old::bidirectional(c) : uni::bidirectional(c));
}

PyObject* ud_combining(PyObject* self, PyObject* arg) {
  char32_t c;
  if (!get_char(arg, "combining", "argument", &c)) return nullptr;
  return PyLong_FromLong(is_old(self) ? old::combining(c) : uni::combining(c));
}

PyObject* ud_mirrored(PyObject* self, PyObject* arg) {
  char32_t c;
  if (!get_char(arg, "mirrored", "argument", &c)) return nullptr;
  return PyLong_FromLong(is_old(self) ? old::mirrored(c) : uni::mirrored(c));
}

PyObject* ud_east_asian_width(PyObject* self, PyObject* arg) {
  char32_t c;
  if (!get_char(arg, "east_asian_width", "argument", &c)) return nullptr;
  return PyUnicode_FromString(is_old(self) ? old::east_asian_width(c)
                                           : uni::east_asian_width(c));
}

PyObject* ud_decomposition(PyObject* self, PyObject* arg) {
  char32_t c;
  if (!get_char(arg, "decomposition", "argument", &c)) return nullptr;
  std::string d = is_old(self) ? old::decomposition(c) : uni::decomposition(c);
  return PyUnicode_FromStringAndSize(d.data(), Py_ssize_t(d.size()));
}

// ------------------------------------------------------------ normalization

// Parses (form, unistr) for normalize / is_normalized.
bool normalization_args(const char* fname, PyObject* const* args, Py_ssize_t nargs,
                        uni::Form* form) {
  if (!check_positional(fname, nargs, 2, 2)) return false;
  for (int i = 0; i < 2; i++) {
    if (!PyUnicode_Check(args[i])) {
      PyErr_Format(PyExc_TypeError, "%s() argument %d must be str, not %.50s", fname, i + 1,
                   args[i] == Py_None ? "None" : Py_TYPE(args[i])->tp_name);
      return false;
    }
    if (PyUnicode_READY(args[i]) < 0) return false;
  }
  Py_ssize_t len;
  const char* name = PyUnicode_AsUTF8AndSize(args[0], &len);
  if (name == nullptr) return false;
  if (!uni::parse_form(std::string_view(name, size_t(len)), form)) {
    PyErr_SetString(PyExc_ValueError, "invalid normalization form");
    return false;
  }
  return true;
}

PyObject* ud_normalize(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  uni::Form form;
  if (!normalization_args("normalize", args, nargs, &form)) return nullptr;
  PyObject* input = args[1];
  // Already normalized (always so for ""): CPython hands back the input itself.
  if (PyUnicode_GET_LENGTH(input) == 0) return Py_NewRef(input);
  std::u32string s = to_u32(input);
  if (!is_old(self) && uni::is_normalized(form, s)) return Py_NewRef(input);
  return from_u32(is_old(self) ? old::normalize(form, s) : uni::normalize(form, s));
}

PyObject* ud_is_normalized(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  uni::Form form;
  if (!normalization_args("is_normalized", args, nargs, &form)) return nullptr;
  if (PyUnicode_GET_LENGTH(args[1]) == 0) Py_RETURN_TRUE;
  std::u32string s = to_u32(args[1]);
  return PyBool_FromLong(is_old(self) ? old::is_normalized(form, s) : uni::is_normalized(form, s));
}

// ------------------------------------------------------------ names

PyObject* ud_name(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_positional("name", nargs, 1, 2)) return nullptr;
  char32_t c;
  if (!get_char(args[0], "name", "argument 1", &c)) return nullptr;
  std::string n;
  if (is_old(self) ? old::name(c, &n) : uni::name(c, &n))
    return PyUnicode_FromStringAndSize(n.data(), Py_ssize_t(n.size()));
  if (nargs == 2) return Py_NewRef(args[1]);
  PyErr_SetString(PyExc_ValueError, "no such name");
  return nullptr;
}

PyObject* ud_lookup(PyObject* self, PyObject* arg) {
  // str (as UTF-8) or a read-only bytes-like object, NULs allowed.
  Py_buffer view{};
  std::string name;
  if (PyUnicode_Check(arg)) {
    Py_ssize_t len;
    const char* s = PyUnicode_AsUTF8AndSize(arg, &len);
    if (s == nullptr) return nullptr;
    name.assign(s, size_t(len));
  } else {
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) != 0) return nullptr;
    name.assign(static_cast<const char*>(view.buf), size_t(view.len));
    PyBuffer_Release(&view);
  }
  if (name.size() > uni::kMaxNameLength) {
    PyErr_SetString(PyExc_KeyError, "name too long");
    return nullptr;
  }
  char32_t c;
  if (is_old(self) ? old::lookup_name(name, &c) : uni::lookup_name(name, &c))
    return PyUnicode_FromOrdinal(int(c));
  std::u32string seq;
  if (!is_old(self) && uni::lookup_named_sequence(name, &seq)) return from_u32(seq);
  // "%s" stops at an embedded NUL, as CPython's message does.
  PyErr_Format(PyExc_KeyError, "undefined character name '%s'", name.c_str());
  return nullptr;
}

// ------------------------------------------------------------ _ucnhash_CAPI

// The layout of CPython 3.11's _PyUnicode_Name_CAPI (pycore_ucnhash.h).
struct UcnhashCAPI {
  int (*getname)(Py_UCS4 code, char* buffer, int buflen, int with_alias_and_seq);
  int (*getcode)(const char* name, int namelen, Py_UCS4* code, int with_named_seq);
};

int capi_getname(Py_UCS4 code, char* buffer, int buflen, int) {
  std::string n;
  if (!uni::name(char32_t(code), &n)) return 0;
  if (buflen < 0 || n.size() + 1 > size_t(buflen)) return 0;
  std::memcpy(buffer, n.c_str(), n.size() + 1);
  return 1;
}

int capi_getcode(const char* name, int namelen, Py_UCS4* code, int) {
  if (namelen < 0) return 0;
  char32_t c;
  if (!uni::lookup_name(std::string_view(name, size_t(namelen)), &c)) return 0;
  *code = Py_UCS4(c);
  return 1;
}

UcnhashCAPI ucnhash_capi = {capi_getname, capi_getcode};

// ------------------------------------------------------------ tables

#define UD_FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef ud_methods[] = {
    {"decimal", UD_FASTCALL(ud_decimal), METH_FASTCALL,
     "decimal($self, chr, default=<unrepresentable>, /)\n--\n\n"
     "Converts a Unicode character into its equivalent decimal value.\n\n"
     "Returns the decimal value assigned to the character chr as integer.\n"
     "If no such value is defined, default is returned, or, if not given,\n"
     "ValueError is raised."},
    {"digit", UD_FASTCALL(ud_digit), METH_FASTCALL,
     "digit($self, chr, default=<unrepresentable>, /)\n--\n\n"
     "Converts a Unicode character into its equivalent digit value.\n\n"
     "Returns the digit value assigned to the character chr as integer.\n"
     "If no such value is defined, default is returned, or, if not given,\n"
     "ValueError is raised."},
    {"numeric", UD_FASTCALL(ud_numeric), METH_FASTCALL,
     "numeric($self, chr, default=<unrepresentable>, /)\n--\n\n"
     "Converts a Unicode character into its equivalent numeric value.\n\n"
     "Returns the numeric value assigned to the character chr as float.\n"
     "If no such value is defined, default is returned, or, if not given,\n"
     "ValueError is raised."},
    {"category", ud_category, METH_O,
     "category($self, chr, /)\n--\n\n"
     "Returns the general category assigned to the character chr as string."},
    {"bidirectional", ud_bidirectional, METH_O,
     "bidirectional($self, chr, /)\n--\n\n"
     "Returns the bidirectional class assigned to the character chr as string.\n\n"
     "If no such value is defined, an empty string is returned."},
    {"combining", ud_combining, METH_O,
     "combining($self, chr, /)\n--\n\n"
     "Returns the canonical combining class assigned to the character chr as integer.\n\n"
     "Returns 0 if no combining class is defined."},
    {"mirrored", ud_mirrored, METH_O,
     "mirrored($self, chr, /)\n--\n\n"
     "Returns the mirrored property assigned to the character chr as integer.\n\n"
     "Returns 1 if the character has been identified as a \"mirrored\"\n"
     "character in bidirectional text, 0 otherwise."},
    {"east_asian_width", ud_east_asian_width, METH_O,
     "east_asian_width($self, chr, /)\n--\n\n"
     "Returns the east asian width assigned to the character chr as string."},
    {"decomposition", ud_decomposition, METH_O,
     "decomposition($self, chr, /)\n--\n\n"
     "Returns the character decomposition mapping assigned to the character chr as string.\n\n"
     "An empty string is returned in case no such mapping is defined."},
    {"name", UD_FASTCALL(ud_name), METH_FASTCALL,
     "name($self, chr, default=<unrepresentable>, /)\n--\n\n"
     "Returns the name assigned to the character chr as a string.\n\n"
     "If no name is defined, default is returned, or, if not given,\n"
     "ValueError is raised."},
    {"lookup", ud_lookup, METH_O,
     "lookup($self, name, /)\n--\n\n"
     "Look up character by name.\n\n"
     "If a character with the given name is found, return the\n"
     "corresponding character.  If not found, KeyError is raised."},
    {"is_normalized", UD_FASTCALL(ud_is_normalized), METH_FASTCALL,
     "is_normalized($self, form, unistr, /)\n--\n\n"
     "Return whether the Unicode string unistr is in the normal form 'form'.\n\n"
     "Valid values for form are 'NFC', 'NFKC', 'NFD', and 'NFKD'."},
    {"normalize", UD_FASTCALL(ud_normalize), METH_FASTCALL,
     "normalize($self, form, unistr, /)\n--\n\n"
     "Return the normal form 'form' for the Unicode string unistr.\n\n"
     "Valid values for form are 'NFC', 'NFKC', 'NFD', and 'NFKD'."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef ucd_members[] = {
    {"unidata_version", T_STRING, offsetof(UCDObject, version), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyTypeObject UCD_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "unicodedata.UCD",
    .tp_basicsize = sizeof(UCDObject),
    .tp_dealloc = [](PyObject* op) { PyObject_Free(op); },
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = ud_methods,
    .tp_members = ucd_members,
};

const char kModuleDoc[] =
    "This module provides access to the Unicode Character Database which\n"
    "defines character properties for all Unicode characters. The data in\n"
    "this database is based on the UnicodeData.txt file version\n"
    "14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n"
    "\n"
    "The module uses the same names and symbols as defined by the\n"
    "UnicodeData File Format 14.0.0.";

PyModuleDef unicodedata_module = {
    PyModuleDef_HEAD_INIT, "unicodedata", kModuleDoc, -1, ud_methods,
};

}  // namespace

extern "C" PyObject* PyInit_unicodedata(void) {
  if (PyType_Ready(&UCD_Type) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&unicodedata_module));
  if (!m) return nullptr;
  if (PyModule_AddStringConstant(m.get(), "unidata_version", uni::kUnicodeVersion) < 0)
    return nullptr;
  if (PyModule_AddObjectRef(m.get(), "UCD", reinterpret_cast<PyObject*>(&UCD_Type)) < 0)
    return nullptr;
  UCDObject* ucd = PyObject_New(UCDObject, &UCD_Type);
  if (ucd == nullptr) return nullptr;
  ucd->version = old::kUnicodeVersion;
  Ref<> ucd_ref = steal(reinterpret_cast<PyObject*>(ucd));
  if (PyModule_AddObjectRef(m.get(), "ucd_3_2_0", ucd_ref.get()) < 0) return nullptr;
  Ref<> capsule = steal(PyCapsule_New(&ucnhash_capi, "unicodedata._ucnhash_CAPI", nullptr));
  if (!capsule || PyModule_AddObjectRef(m.get(), "_ucnhash_CAPI", capsule.get()) < 0)
    return nullptr;
  return m.release();
}
