// pyexpat_parser.cpp — pyexpat.xmlparser, the object ParserCreate() returns:
// Parse/ParseFile, the handler attributes, character-data buffering
// (buffer_text/buffer_size/buffer_used), ordered/specified attributes,
// namespace_prefixes, the error/position attributes, external entity
// parsers. The expat callbacks themselves are in pyexpat_handlers.cpp.
#include <Python.h>
#include <structmember.h>

#include <climits>
#include <cstdint>
#include <cstring>

#include "modules/pyexpat/pyexpat.h"
#include "support/ref.h"

namespace krait::pyexpat {
namespace {

constexpr int kCharacterDataBufferSize = 8192;  // default buffer_size
constexpr int kParseFileChunk = 2048;           // bytes ParseFile asks read() for
constexpr int kMaxParseChunk = 1 << 20;         // Parse feeds expat at most this much at once

ParserObject* S(PyObject* op) { return reinterpret_cast<ParserObject*>(op); }

PyObject* alloc_parser() {
  ParserObject* self = PyObject_GC_New(ParserObject, &Parser_Type);
  if (self == nullptr) return nullptr;
  self->itself = nullptr;
  self->ordered_attributes = 0;
  self->specified_attributes = 0;
  self->in_callback = 0;
  self->ns_prefixes = 0;
  self->buffer = nullptr;
  self->buffer_size = kCharacterDataBufferSize;
  self->buffer_used = 0;
  self->intern = nullptr;
  for (PyObject*& h : self->handlers) h = nullptr;
  return reinterpret_cast<PyObject*>(self);
}

// Parse()'s and ParseFile()'s answer once expat returned `rv`.
PyObject* parse_result(ParserObject* self, int rv) {
  if (PyErr_Occurred()) return nullptr;
  if (rv == 0) return set_error(self, XML_GetErrorCode(self->itself));
  if (flush_character_buffer(self) < 0) return nullptr;
  return PyLong_FromLong(rv);
}

// Positional argument count, worded as CPython's argument clinic does.
bool check_nargs(const char* fname, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) {
  if (nargs < min) {
    PyErr_Format(PyExc_TypeError, "%s() takes at least %zd positional argument%s (%zd given)",
                 fname, min, min == 1 ? "" : "s", nargs);
    return false;
  }
  if (nargs > max) {
    PyErr_Format(PyExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", fname, max,
                 max == 1 ? "" : "s", nargs);
    return false;
  }
  return true;
}

// -- methods --------------------------------------------------------------------

PyObject* parser_parse(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  ParserObject* self = S(op);
  if (!check_nargs("Parse", nargs, 1, 2)) return nullptr;
  int isfinal = 0;
  if (nargs == 2) {
    if (PyFloat_Check(args[1])) {
      PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
      return nullptr;
    }
    long v = PyLong_AsLong(args[1]);
    if (v == -1 && PyErr_Occurred()) return nullptr;
    isfinal = v != 0;
  }
  Py_buffer view{};
  const char* s;
  Py_ssize_t len;
  if (PyUnicode_Check(args[0])) {
    s = PyUnicode_AsUTF8AndSize(args[0], &len);
    if (s == nullptr) return nullptr;
    // A str arrives as UTF-8, whatever the document declares.
    (void)XML_SetEncoding(self->itself, "utf-8");
  } else {
    if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) return nullptr;
    s = static_cast<const char*>(view.buf);
    len = view.len;
  }
  int rc = 1;
  while (len > kMaxParseChunk) {
    rc = XML_Parse(self->itself, s, kMaxParseChunk, 0);
    if (!rc) break;
    s += kMaxParseChunk;
    len -= kMaxParseChunk;
  }
  if (rc) rc = XML_Parse(self->itself, s, int(len), isfinal);
  if (view.obj != nullptr) PyBuffer_Release(&view);
  return parse_result(self, rc);
}

// Calls file.read(n) into expat's buffer; returns the byte count or -1.
int read_into(void* buf, int n, PyObject* read) {
  Ref<> arg = steal(PyLong_FromLong(n));
  if (!arg) return -1;
  Ref<> data = steal(PyObject_CallOneArg(read, arg.get()));
  if (!data) return -1;
  Py_ssize_t len;
  const char* bytes;
  if (PyBytes_Check(data.get())) {
    len = PyBytes_GET_SIZE(data.get());
    bytes = PyBytes_AS_STRING(data.get());
  } else if (PyByteArray_Check(data.get())) {
    len = PyByteArray_GET_SIZE(data.get());
    bytes = PyByteArray_AS_STRING(data.get());
  } else {
    PyErr_Format(PyExc_TypeError, "read() did not return a bytes object (type=%.400s)",
                 Py_TYPE(data.get())->tp_name);
    return -1;
  }
  if (len > n) {
    PyErr_Format(PyExc_ValueError,
                 "read() returned too much data: %i bytes requested, %zd returned", n, len);
    return -1;
  }
  std::memcpy(buf, bytes, size_t(len));
  return int(len);
}

PyObject* parser_parse_file(PyObject* op, PyObject* file) {
  ParserObject* self = S(op);
  static PyObject* read_name = PyUnicode_InternFromString("read");
  if (read_name == nullptr) return nullptr;
  PyObject* raw = nullptr;
  if (_PyObject_LookupAttr(file, read_name, &raw) < 0) return nullptr;
  Ref<> read = steal(raw);
  if (!read) {
    PyErr_SetString(PyExc_TypeError, "argument must have 'read' attribute");
    return nullptr;
  }
  int rv = 1;
  for (;;) {
    void* buf = XML_GetBuffer(self->itself, kParseFileChunk);
    if (buf == nullptr) return parse_result(self, 0);
    int n = read_into(buf, kParseFileChunk, read.get());
    if (n < 0) return nullptr;
    rv = XML_ParseBuffer(self->itself, n, n == 0);
    if (PyErr_Occurred()) return nullptr;
    if (!rv || n == 0) break;
  }
  return parse_result(self, rv);
}

PyObject* parser_set_base(PyObject* op, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "SetBase() argument must be str, not %.50s",
                 arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  Py_ssize_t len;
  const char* base = PyUnicode_AsUTF8AndSize(arg, &len);
  if (base == nullptr) return nullptr;
  if (std::strlen(base) != size_t(len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  if (!XML_SetBase(S(op)->itself, base)) return PyErr_NoMemory();
  Py_RETURN_NONE;
}

PyObject* parser_get_base(PyObject* op, PyObject*) {
  const XML_Char* base = XML_GetBase(S(op)->itself);
  if (base == nullptr) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(base, Py_ssize_t(std::strlen(base)), "strict");
}

PyObject* parser_get_input_context(PyObject* op, PyObject*) {
  ParserObject* self = S(op);
  if (!self->in_callback) Py_RETURN_NONE;
  int offset, size;
  const char* buffer = XML_GetInputContext(self->itself, &offset, &size);
  if (buffer == nullptr) Py_RETURN_NONE;
  return PyBytes_FromStringAndSize(buffer + offset, size - offset);
}

// A str argument (None too when `allow_none`) as UTF-8 without NULs.
bool str_arg(PyObject* arg, const char* fname, const char* which, bool allow_none,
             const char** out) {
  if (allow_none && arg == Py_None) {
    *out = nullptr;
    return true;
  }
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "%s() %s must be str%s, not %.50s", fname, which,
                 allow_none ? " or None" : "", arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    return false;
  }
  Py_ssize_t len;
  const char* s = PyUnicode_AsUTF8AndSize(arg, &len);
  if (s == nullptr) return false;
  if (std::strlen(s) != size_t(len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return false;
  }
  *out = s;
  return true;
}

PyObject* parser_external_entity_parser_create(PyObject* op, PyObject* const* args,
                                               Py_ssize_t nargs) {
  ParserObject* self = S(op);
  if (!check_nargs("ExternalEntityParserCreate", nargs, 1, 2)) return nullptr;
  const char* context;
  const char* encoding = nullptr;
  if (!str_arg(args[0], "ExternalEntityParserCreate", "argument 1", true, &context))
    return nullptr;
  if (nargs == 2 &&
      !str_arg(args[1], "ExternalEntityParserCreate", "argument 2", false, &encoding))
    return nullptr;
  Ref<> result = steal(alloc_parser());
  if (!result) return nullptr;
  ParserObject* child = S(result.get());
  child->buffer_size = self->buffer_size;
  child->ordered_attributes = self->ordered_attributes;
  child->specified_attributes = self->specified_attributes;
  child->ns_prefixes = self->ns_prefixes;
  child->intern = Py_XNewRef(self->intern);
  child->itself = XML_ExternalEntityParserCreate(self->itself, context, encoding);
  if (child->itself == nullptr) return PyErr_NoMemory();
  if (self->buffer != nullptr) {
    child->buffer = static_cast<char*>(PyMem_Malloc(size_t(child->buffer_size)));
    if (child->buffer == nullptr) return PyErr_NoMemory();
  }
  XML_SetUserData(child->itself, child);
  for (int i = 0; i < kNumHandlers; i++) {
    if (self->handlers[i] != nullptr) {
      child->handlers[i] = Py_NewRef(self->handlers[i]);
      install_handler(child->itself, HandlerId(i), true);
    }
  }
  PyObject_GC_Track(result.get());
  return result.release();
}

PyObject* parser_set_param_entity_parsing(PyObject* op, PyObject* arg) {
  if (PyFloat_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    return nullptr;
  }
  long flag = PyLong_AsLong(arg);
  if (flag == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromLong(
      XML_SetParamEntityParsing(S(op)->itself, static_cast<enum XML_ParamEntityParsing>(flag)));
}

PyObject* parser_use_foreign_dtd(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  ParserObject* self = S(op);
  if (!check_nargs("UseForeignDTD", nargs, 0, 1)) return nullptr;
  int flag = 1;
  if (nargs == 1) {
    flag = PyObject_IsTrue(args[0]);
    if (flag < 0) return nullptr;
  }
  enum XML_Error rc = XML_UseForeignDTD(self->itself, flag ? XML_TRUE : XML_FALSE);
  if (rc != XML_ERROR_NONE) return set_error(self, rc);
  Py_RETURN_NONE;
}

#define PX_FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

// Parse, ParseFile, ExternalEntityParserCreate and UseForeignDTD carry only a
// signature: in CPython 3.11 these (defining-class) methods' __doc__ is None.
PyMethodDef parser_methods[] = {
    {"Parse", PX_FASTCALL(parser_parse), METH_FASTCALL,
     "Parse($self, data, isfinal=False, /)\n--\n\n"},
    {"ParseFile", parser_parse_file, METH_O,
     "ParseFile($self, file, /)\n--\n\n"},
    {"SetBase", parser_set_base, METH_O,
     "SetBase($self, base, /)\n--\n\nSet the base URL for the parser."},
    {"GetBase", parser_get_base, METH_NOARGS,
     "GetBase($self, /)\n--\n\nReturn base URL string for the parser."},
    {"GetInputContext", parser_get_input_context, METH_NOARGS,
     "GetInputContext($self, /)\n--\n\n"
     "Return the untranslated text of the input that caused the current event.\n\n"
     "If the event was generated by a large amount of text (such as a start tag\n"
     "for an element with many attributes), not all of the text may be available."},
    {"ExternalEntityParserCreate", PX_FASTCALL(parser_external_entity_parser_create),
     METH_FASTCALL,
     "ExternalEntityParserCreate($self, context, encoding=<unrepresentable>,\n"
     "                           /)\n--\n\n"},
    {"SetParamEntityParsing", parser_set_param_entity_parsing, METH_O,
     "SetParamEntityParsing($self, flag, /)\n--\n\n"
     "Controls parsing of parameter entities (including the external DTD subset).\n\n"
     "Possible flag values are XML_PARAM_ENTITY_PARSING_NEVER,\n"
     "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE and\n"
     "XML_PARAM_ENTITY_PARSING_ALWAYS. Returns true if setting the flag\n"
     "was successful."},
    {"UseForeignDTD", PX_FASTCALL(parser_use_foreign_dtd), METH_FASTCALL,
     "UseForeignDTD($self, flag=True, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr},
};

// -- attributes -----------------------------------------------------------------

int cannot_delete(PyObject* v) {
  if (v != nullptr) return 0;
  PyErr_SetString(PyExc_RuntimeError, "Cannot delete attribute");
  return -1;
}

PyObject* get_handler(PyObject* op, void* closure) {
  PyObject* h = S(op)->handlers[reinterpret_cast<intptr_t>(closure)];
  return Py_NewRef(h != nullptr ? h : Py_None);
}

int set_handler(PyObject* op, PyObject* v, void* closure) {
  ParserObject* self = S(op);
  auto id = HandlerId(reinterpret_cast<intptr_t>(closure));
  if (cannot_delete(v) < 0) return -1;
  // Text buffered for the old character-data handler goes to it first.
  if (id == kCharacterData && flush_character_buffer(self) < 0) return -1;
  if (v == Py_None) {
    Py_CLEAR(self->handlers[id]);
    // Mid-callback, expat may still deliver text it holds: ignore it.
    if (id == kCharacterData && self->in_callback)
      install_noop_character_handler(self->itself);
    else
      install_handler(self->itself, id, false);
    return 0;
  }
  Py_XSETREF(self->handlers[id], Py_NewRef(v));
  install_handler(self->itself, id, true);
  return 0;
}

#define PX_INT_GETTER(attr, expr)                          \
  PyObject* get_##attr(PyObject* op, void*) {              \
    XML_Parser p = S(op)->itself;                          \
    (void)p;                                               \
    return PyLong_FromLong(long(expr));                    \
  }
PX_INT_GETTER(ErrorCode, XML_GetErrorCode(p))
PX_INT_GETTER(ErrorLineNumber, XML_GetErrorLineNumber(p))
PX_INT_GETTER(ErrorColumnNumber, XML_GetErrorColumnNumber(p))
PX_INT_GETTER(ErrorByteIndex, XML_GetErrorByteIndex(p))
PX_INT_GETTER(CurrentLineNumber, XML_GetCurrentLineNumber(p))
PX_INT_GETTER(CurrentColumnNumber, XML_GetCurrentColumnNumber(p))
PX_INT_GETTER(CurrentByteIndex, XML_GetCurrentByteIndex(p))
#undef PX_INT_GETTER

PyObject* get_buffer_size(PyObject* op, void*) { return PyLong_FromLong(S(op)->buffer_size); }
PyObject* get_buffer_used(PyObject* op, void*) { return PyLong_FromLong(S(op)->buffer_used); }
PyObject* get_buffer_text(PyObject* op, void*) { return PyBool_FromLong(S(op)->buffer != nullptr); }

int set_buffer_size(PyObject* op, PyObject* v, void*) {
  ParserObject* self = S(op);
  if (cannot_delete(v) < 0) return -1;
  if (!PyLong_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "buffer_size must be an integer");
    return -1;
  }
  long size = PyLong_AsLong(v);
  if (size <= 0) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_ValueError, "buffer_size must be greater than zero");
    return -1;
  }
  if (size == self->buffer_size) return 0;
  if (size > INT_MAX) {
    PyErr_Format(PyExc_ValueError, "buffer_size must not be greater than %i", INT_MAX);
    return -1;
  }
  // As CPython: setting a size (re)allocates the buffer, turning buffering on.
  if (self->buffer != nullptr) {
    if (self->buffer_used != 0 && flush_character_buffer(self) < 0) return -1;
    PyMem_Free(self->buffer);
  }
  self->buffer = static_cast<char*>(PyMem_Malloc(size_t(size)));
  if (self->buffer == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  self->buffer_size = int(size);
  return 0;
}

int set_buffer_text(PyObject* op, PyObject* v, void*) {
  ParserObject* self = S(op);
  if (cannot_delete(v) < 0) return -1;
  int b = PyObject_IsTrue(v);
  if (b < 0) return -1;
  if (b) {
    if (self->buffer == nullptr) {
      self->buffer = static_cast<char*>(PyMem_Malloc(size_t(self->buffer_size)));
      if (self->buffer == nullptr) {
        PyErr_NoMemory();
        return -1;
      }
      self->buffer_used = 0;
    }
  } else if (self->buffer != nullptr) {
    if (flush_character_buffer(self) < 0) return -1;
    PyMem_Free(self->buffer);
    self->buffer = nullptr;
  }
  return 0;
}

#define PX_FLAG(attr, field, extra)                       \
  PyObject* get_##attr(PyObject* op, void*) {             \
    return PyBool_FromLong(S(op)->field);                 \
  }                                                       \
  int set_##attr(PyObject* op, PyObject* v, void*) {      \
    if (cannot_delete(v) < 0) return -1;                  \
    int b = PyObject_IsTrue(v);                           \
    if (b < 0) return -1;                                 \
    S(op)->field = b;                                     \
    extra;                                                \
    return 0;                                             \
  }
PX_FLAG(namespace_prefixes, ns_prefixes, XML_SetReturnNSTriplet(S(op)->itself, b))
PX_FLAG(ordered_attributes, ordered_attributes, (void)0)
PX_FLAG(specified_attributes, specified_attributes, (void)0)
#undef PX_FLAG

#define PX_HANDLER(id)                                                              \
  {const_cast<char*>(kHandlerNames[id]), get_handler, set_handler, nullptr, \
   reinterpret_cast<void*>(intptr_t(id))}


PyGetSetDef parser_getset[] = {
    {"ErrorCode", get_ErrorCode, nullptr, nullptr, nullptr},
    {"ErrorLineNumber", get_ErrorLineNumber, nullptr, nullptr, nullptr},
    {"ErrorColumnNumber", get_ErrorColumnNumber, nullptr, nullptr, nullptr},
    {"ErrorByteIndex", get_ErrorByteIndex, nullptr, nullptr, nullptr},
    {"CurrentLineNumber", get_CurrentLineNumber, nullptr, nullptr, nullptr},
    {"CurrentColumnNumber", get_CurrentColumnNumber, nullptr, nullptr, nullptr},
    {"CurrentByteIndex", get_CurrentByteIndex, nullptr, nullptr, nullptr},
    {"buffer_size", get_buffer_size, set_buffer_size, nullptr, nullptr},
    {"buffer_text", get_buffer_text, set_buffer_text, nullptr, nullptr},
    {"buffer_used", get_buffer_used, nullptr, nullptr, nullptr},
    {"namespace_prefixes", get_namespace_prefixes, set_namespace_prefixes, nullptr, nullptr},
    {"ordered_attributes", get_ordered_attributes, set_ordered_attributes, nullptr, nullptr},
    {"specified_attributes", get_specified_attributes, set_specified_attributes, nullptr,
     nullptr},
    PX_HANDLER(kStartElement),
    PX_HANDLER(kEndElement),
    PX_HANDLER(kProcessingInstruction),
    PX_HANDLER(kCharacterData),
    PX_HANDLER(kUnparsedEntityDecl),
    PX_HANDLER(kNotationDecl),
    PX_HANDLER(kStartNamespaceDecl),
    PX_HANDLER(kEndNamespaceDecl),
    PX_HANDLER(kComment),
    PX_HANDLER(kStartCdataSection),
    PX_HANDLER(kEndCdataSection),
    PX_HANDLER(kDefault),
    PX_HANDLER(kDefaultHandlerExpand),
    PX_HANDLER(kNotStandalone),
    PX_HANDLER(kExternalEntityRef),
    PX_HANDLER(kStartDoctypeDecl),
    PX_HANDLER(kEndDoctypeDecl),
    PX_HANDLER(kEntityDecl),
    PX_HANDLER(kXmlDecl),
    PX_HANDLER(kElementDecl),
    PX_HANDLER(kAttlistDecl),
    PX_HANDLER(kSkippedEntity),
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
#undef PX_HANDLER

PyMemberDef parser_members[] = {
    {"intern", T_OBJECT, offsetof(ParserObject, intern), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

// -- lifetime -------------------------------------------------------------------------

int parser_traverse(PyObject* op, visitproc visit, void* arg) {
  for (PyObject* h : S(op)->handlers) Py_VISIT(h);
  Py_VISIT(S(op)->intern);
  return 0;
}

int parser_clear(PyObject* op) {
  ParserObject* self = S(op);
  for (int i = 0; i < kNumHandlers; i++) {
    Py_CLEAR(self->handlers[i]);
    if (self->itself != nullptr) install_handler(self->itself, HandlerId(i), false);
  }
  Py_CLEAR(self->intern);
  return 0;
}

void parser_dealloc(PyObject* op) {
  ParserObject* self = S(op);
  PyObject_GC_UnTrack(op);
  parser_clear(op);
  if (self->itself != nullptr) XML_ParserFree(self->itself);
  self->itself = nullptr;
  PyMem_Free(self->buffer);
  self->buffer = nullptr;
  PyObject_GC_Del(op);
}

}  // namespace

PyTypeObject Parser_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "pyexpat.xmlparser",
    .tp_basicsize = sizeof(ParserObject),
    .tp_dealloc = parser_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "XML parser",
    .tp_traverse = parser_traverse,
    .tp_clear = parser_clear,
    .tp_methods = parser_methods,
    .tp_members = parser_members,
    .tp_getset = parser_getset,
};

PyObject* new_parser(const char* encoding, const char* namespace_separator, PyObject* intern) {
  Ref<> result = steal(alloc_parser());
  if (!result) return nullptr;
  ParserObject* self = S(result.get());
  self->intern = Py_XNewRef(intern);
  self->itself = XML_ParserCreate_MM(encoding, nullptr, namespace_separator);
  if (self->itself == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "XML_ParserCreate failed");
    return nullptr;
  }
  XML_SetUserData(self->itself, self);
  XML_SetUnknownEncodingHandler(self->itself, unknown_encoding_handler, nullptr);
  PyObject_GC_Track(result.get());
  return result.release();
}

PyObject* set_error(ParserObject* self, enum XML_Error code) {
  XML_Parser parser = self->itself;
  int lineno = int(XML_GetErrorLineNumber(parser));
  int column = int(XML_GetErrorColumnNumber(parser));
  Ref<> message =
      steal(PyUnicode_FromFormat("%s: line %i, column %i", XML_ErrorString(code), lineno, column));
  if (!message) return nullptr;
  Ref<> err = steal(PyObject_CallOneArg(g_expat_error, message.get()));
  if (!err) return nullptr;
  struct {
    const char* name;
    int value;
  } attrs[] = {{"code", int(code)}, {"offset", column}, {"lineno", lineno}};
  for (const auto& a : attrs) {
    Ref<> v = steal(PyLong_FromLong(a.value));
    if (!v || PyObject_SetAttrString(err.get(), a.name, v.get()) < 0) return nullptr;
  }
  PyErr_SetObject(g_expat_error, err.get());
  return nullptr;
}

}  // namespace krait::pyexpat
