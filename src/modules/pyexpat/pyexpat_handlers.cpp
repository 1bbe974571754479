// pyexpat_handlers.cpp — the C callbacks expat calls while parsing, each of
// which converts its arguments and calls the parser's Python handler.
//
// Conventions are CPython 3.11's, since user code observes them: names
// (elements, attributes, prefixes, entity and notation names, ids) go
// through the parser's intern dict (None included); text (character data,
// comments, PI data, attribute values) does not. An exception in a handler
// drops all Python handlers (flag_error) and stops the
// parser; Parse() then re-raises it. Pending buffered character data is
// delivered before any other event whose handler is set.
#include <Python.h>
#include <frameobject.h>

#include <cstring>
#include <initializer_list>

#include "modules/pyexpat/pyexpat.h"
#include "support/ref.h"

namespace krait::pyexpat {


namespace {

ParserObject* P(void* user_data) { return static_cast<ParserObject*>(user_data); }

// -- conversions ------------------------------------------------------------------

PyObject* conv(const XML_Char* s) {
  if (s == nullptr) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(s, Py_ssize_t(std::strlen(s)), "strict");
}

PyObject* conv_len(const XML_Char* s, int len) {
  if (s == nullptr) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(s, len, "strict");
}

// conv(), then shared through the intern dict (None is interned too).
PyObject* intern(ParserObject* self, const XML_Char* s) {
  PyObject* result = conv(s);
  if (result == nullptr || self->intern == nullptr) return result;
  PyObject* value = PyDict_GetItemWithError(self->intern, result);
  if (value == nullptr) {
    if (!PyErr_Occurred() && PyDict_SetItem(self->intern, result, result) == 0) return result;
    Py_DECREF(result);
    return nullptr;
  }
  Py_DECREF(result);
  return Py_NewRef(value);
}

PyObject* int_obj(int v) { return PyLong_FromLong(v); }

// A tuple of new references; NULL (and the rest released) if any is NULL.
PyObject* pack(std::initializer_list<PyObject*> items) {
  bool failed = false;
  for (PyObject* o : items) failed = failed || o == nullptr;
  PyObject* t = failed ? nullptr : PyTuple_New(Py_ssize_t(items.size()));
  Py_ssize_t i = 0;
  for (PyObject* o : items) {
    if (t != nullptr)
      PyTuple_SET_ITEM(t, i++, o);
    else
      Py_XDECREF(o);
  }
  return t;
}

// -- calling Python -------------------------------------------------------------------

// CPython adds a traceback entry for the C function that called the failing
// handler ("../Modules/pyexpat.c", line N, in StartElement); tracebacks show
// it and test_pyexpat checks it. These are the names and lines of Debian's
// CPython 3.11 build, so printed tracebacks match too.
struct TracebackSite {
  const char* func;
  int line;
};
constexpr TracebackSite kTracebackSites[kNumHandlers] = {
    {"StartElement", 417},       {"EndElement", 469},        {"ProcessingInstruction", 473},
    {"CharacterData", 282},      {"UnparsedEntityDecl", 479}, {"NotationDecl", 619},
    {"StartNamespaceDecl", 629}, {"EndNamespaceDecl", 636},  {"Comment", 641},
    {"StartCdataSection", 645},  {"EndCdataSection", 649},   {"Default", 653},
    {"DefaultHandlerExpand", 657}, {"NotStandalone", 662},   {"ExternalEntityRef", 666},
    {"StartDoctypeDecl", 681},   {"EndDoctypeDecl", 689},    {"EntityDecl", 491},
    {"XmlDecl", 508},            {"ElementDecl", 583},       {"AttlistDecl", 598},
    {"SkippedEntity", 611},
};

void add_traceback_entry(HandlerId id) {
  // Frames made by PyFrame_New borrow their globals: one dict for all, forever.
  static PyObject* globals = PyDict_New();
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  const TracebackSite& site = kTracebackSites[id];
  PyCodeObject* code = PyCode_NewEmpty("../Modules/pyexpat.c", site.func, site.line);
  PyFrameObject* frame = nullptr;
  if (code != nullptr && globals != nullptr)
    frame = PyFrame_New(PyThreadState_Get(), code, globals, nullptr);
  PyErr_Clear();
  PyErr_Restore(type, value, tb);
  if (frame != nullptr) PyTraceBack_Here(frame);
  Py_XDECREF(frame);
  Py_XDECREF(code);
}

// Calls handler `id` with `args` (a steal; NULL = conversion failed).
// Returns the result, or NULL after an error (handlers dropped).
PyObject* call_handler(ParserObject* self, HandlerId id, PyObject* args) {
  if (args == nullptr) {
    flag_error(self);
    return nullptr;
  }
  // The handler may replace itself while running: keep it alive.
  Ref<> handler = borrow(self->handlers[id]);
  self->in_callback = 1;
  PyObject* rv = PyObject_Call(handler.get(), args, nullptr);
  self->in_callback = 0;
  Py_DECREF(args);
  if (rv == nullptr) {
    add_traceback_entry(id);
    XML_StopParser(self->itself, XML_FALSE);
    flag_error(self);
  }
  return rv;
}

// The common shape of most events: nothing if the handler is unset or an
// error is pending; otherwise flush buffered text, build the arguments, call,
// and stop the parser if the handler raised. Returns the result or NULL.
template <class MakeArgs>
PyObject* dispatch(ParserObject* self, HandlerId id, MakeArgs make_args) {
  if (self->handlers[id] == nullptr || PyErr_Occurred()) return nullptr;
  if (flush_character_buffer(self) < 0) return nullptr;
  return call_handler(self, id, make_args());
}

template <class MakeArgs>
void dispatch_void(ParserObject* self, HandlerId id, MakeArgs make_args) {
  Py_XDECREF(dispatch(self, id, make_args));
}

template <class MakeArgs>
int dispatch_int(ParserObject* self, HandlerId id, MakeArgs make_args) {
  PyObject* rv = dispatch(self, id, make_args);
  if (rv == nullptr) return 0;
  long rc = PyLong_AsLong(rv);
  Py_DECREF(rv);
  return int(rc);
}

// -- character data ----------------------------------------------------------------

int call_character_handler(ParserObject* self, const XML_Char* data, int len) {
  if (self->handlers[kCharacterData] == nullptr) return -1;
  PyObject* text = conv_len(data, len);
  PyObject* rv = call_handler(self, kCharacterData, pack({text}));
  if (rv == nullptr) {
    install_noop_character_handler(self->itself);
    return -1;
  }
  Py_DECREF(rv);
  return 0;
}

void XMLCALL on_character_data(void* ud, const XML_Char* data, int len) {
  ParserObject* self = P(ud);
  if (PyErr_Occurred()) return;
  if (self->buffer == nullptr) {
    call_character_handler(self, data, len);
    return;
  }
  if (self->buffer_used + len > self->buffer_size) {
    if (flush_character_buffer(self) < 0) return;
    // The handler may have gone away meanwhile: then drop the text.
    if (self->handlers[kCharacterData] == nullptr) return;
  }
  if (len > self->buffer_size) {
    call_character_handler(self, data, len);
    self->buffer_used = 0;
  } else {
    std::memcpy(self->buffer + self->buffer_used, data, size_t(len));
    self->buffer_used += len;
  }
}

void XMLCALL noop_character_data(void*, const XML_Char*, int) {}

// -- elements ---------------------------------------------------------------------------

void XMLCALL on_start_element(void* ud, const XML_Char* name, const XML_Char** atts) {
  ParserObject* self = P(ud);
  if (self->handlers[kStartElement] == nullptr || PyErr_Occurred()) return;
  if (flush_character_buffer(self) < 0) return;
  // Number of slots of atts[] to use (two per attribute).
  int max = 0;
  if (self->specified_attributes) {
    max = XML_GetSpecifiedAttributeCount(self->itself);
  } else {
    while (atts[max] != nullptr) max += 2;
  }
  Ref<> container = steal(self->ordered_attributes ? PyList_New(max) : PyDict_New());
  if (!container) {
    flag_error(self);
    return;
  }
  for (int i = 0; i < max; i += 2) {
    PyObject* n = intern(self, atts[i]);
    if (n == nullptr) {
      flag_error(self);
      return;
    }
    PyObject* v = conv(atts[i + 1]);
    if (v == nullptr) {
      Py_DECREF(n);
      flag_error(self);
      return;
    }
    if (self->ordered_attributes) {
      PyList_SET_ITEM(container.get(), i, n);
      PyList_SET_ITEM(container.get(), i + 1, v);
    } else {
      int rc = PyDict_SetItem(container.get(), n, v);
      Py_DECREF(n);
      Py_DECREF(v);
      if (rc < 0) {
        flag_error(self);
        return;
      }
    }
  }
  PyObject* name_obj = intern(self, name);
  if (name_obj == nullptr) return;
  Py_XDECREF(call_handler(self, kStartElement, pack({name_obj, container.release()})));
}

void XMLCALL on_end_element(void* ud, const XML_Char* name) {
  ParserObject* self = P(ud);
  dispatch_void(self, kEndElement, [&] { return pack({intern(self, name)}); });
}

void XMLCALL on_processing_instruction(void* ud, const XML_Char* target, const XML_Char* data) {
  ParserObject* self = P(ud);
  dispatch_void(self, kProcessingInstruction,
                [&] { return pack({intern(self, target), conv(data)}); });
}

void XMLCALL on_unparsed_entity_decl(void* ud, const XML_Char* entity_name, const XML_Char* base,
                                     const XML_Char* system_id, const XML_Char* public_id,
                                     const XML_Char* notation_name) {
  ParserObject* self = P(ud);
  dispatch_void(self, kUnparsedEntityDecl, [&] {
    return pack({intern(self, entity_name), intern(self, base), intern(self, system_id),
                 intern(self, public_id), intern(self, notation_name)});
  });
}

void XMLCALL on_notation_decl(void* ud, const XML_Char* notation_name, const XML_Char* base,
                              const XML_Char* system_id, const XML_Char* public_id) {
  ParserObject* self = P(ud);
  dispatch_void(self, kNotationDecl, [&] {
    return pack({intern(self, notation_name), intern(self, base), intern(self, system_id),
                 intern(self, public_id)});
  });
}

void XMLCALL on_start_namespace_decl(void* ud, const XML_Char* prefix, const XML_Char* uri) {
  ParserObject* self = P(ud);
  dispatch_void(self, kStartNamespaceDecl,
                [&] { return pack({intern(self, prefix), intern(self, uri)}); });
}

void XMLCALL on_end_namespace_decl(void* ud, const XML_Char* prefix) {
  ParserObject* self = P(ud);
  dispatch_void(self, kEndNamespaceDecl, [&] { return pack({intern(self, prefix)}); });
}

void XMLCALL on_comment(void* ud, const XML_Char* data) {
  ParserObject* self = P(ud);
  dispatch_void(self, kComment, [&] { return pack({conv(data)}); });
}

void XMLCALL on_start_cdata(void* ud) {
  dispatch_void(P(ud), kStartCdataSection, [] { return PyTuple_New(0); });
}

void XMLCALL on_end_cdata(void* ud) {
  dispatch_void(P(ud), kEndCdataSection, [] { return PyTuple_New(0); });
}

void XMLCALL on_default(void* ud, const XML_Char* s, int len) {
  dispatch_void(P(ud), kDefault, [&] { return pack({conv_len(s, len)}); });
}

void XMLCALL on_default_expand(void* ud, const XML_Char* s, int len) {
  dispatch_void(P(ud), kDefaultHandlerExpand, [&] { return pack({conv_len(s, len)}); });
}

int XMLCALL on_not_standalone(void* ud) {
  return dispatch_int(P(ud), kNotStandalone, [] { return PyTuple_New(0); });
}

int XMLCALL on_external_entity_ref(XML_Parser parser, const XML_Char* context,
                                   const XML_Char* base, const XML_Char* system_id,
                                   const XML_Char* public_id) {
  ParserObject* self = P(XML_GetUserData(parser));
  return dispatch_int(self, kExternalEntityRef, [&] {
    return pack({conv(context), intern(self, base), intern(self, system_id),
                 intern(self, public_id)});
  });
}

// After an error, external entities fail instead of reaching Python.
int XMLCALL error_external_entity_ref(XML_Parser, const XML_Char*, const XML_Char*,
                                      const XML_Char*, const XML_Char*) {
  return 0;
}

void XMLCALL on_start_doctype_decl(void* ud, const XML_Char* doctype_name,
                                   const XML_Char* sysid, const XML_Char* pubid,
                                   int has_internal_subset) {
  ParserObject* self = P(ud);
  dispatch_void(self, kStartDoctypeDecl, [&] {
    return pack({intern(self, doctype_name), intern(self, sysid), intern(self, pubid),
                 int_obj(has_internal_subset)});
  });
}

void XMLCALL on_end_doctype_decl(void* ud) {
  dispatch_void(P(ud), kEndDoctypeDecl, [] { return PyTuple_New(0); });
}

void XMLCALL on_entity_decl(void* ud, const XML_Char* entity_name, int is_parameter_entity,
                            const XML_Char* value, int value_length, const XML_Char* base,
                            const XML_Char* system_id, const XML_Char* public_id,
                            const XML_Char* notation_name) {
  ParserObject* self = P(ud);
  dispatch_void(self, kEntityDecl, [&] {
    return pack({intern(self, entity_name), int_obj(is_parameter_entity),
                 conv_len(value, value_length), intern(self, base), intern(self, system_id),
                 intern(self, public_id), intern(self, notation_name)});
  });
}

void XMLCALL on_xml_decl(void* ud, const XML_Char* version, const XML_Char* encoding,
                         int standalone) {
  ParserObject* self = P(ud);
  dispatch_void(self, kXmlDecl,
                [&] { return pack({conv(version), conv(encoding), int_obj(standalone)}); });
}

// (type, quant, name, children) for an element declaration's content model.
// Deep nesting ("(a, (a, (a, ...)))") raises RecursionError, as CPython does.
PyObject* content_model(const XML_Content* model) {
  if (Py_EnterRecursiveCall(" while converting content model")) return nullptr;
  Ref<> children = steal(PyTuple_New(Py_ssize_t(model->numchildren)));
  for (unsigned i = 0; children && i < model->numchildren; i++) {
    PyObject* child = content_model(&model->children[i]);
    if (child == nullptr) children.reset();
    else PyTuple_SET_ITEM(children.get(), Py_ssize_t(i), child);
  }
  Py_LeaveRecursiveCall();
  if (!children) return nullptr;
  return pack({int_obj(model->type), int_obj(model->quant), conv(model->name),
               children.release()});
}

void XMLCALL on_element_decl(void* ud, const XML_Char* name, XML_Content* model) {
  ParserObject* self = P(ud);
  if (self->handlers[kElementDecl] != nullptr && !PyErr_Occurred() &&
      flush_character_buffer(self) >= 0) {
    PyObject* model_obj = content_model(model);
    PyObject* args = nullptr;
    if (model_obj != nullptr) args = pack({intern(self, name), model_obj});
    Py_XDECREF(call_handler(self, kElementDecl, args));
  }
  // The model belongs to us whatever happened.
  XML_FreeContentModel(self->itself, model);
}

void XMLCALL on_attlist_decl(void* ud, const XML_Char* elname, const XML_Char* attname,
                             const XML_Char* att_type, const XML_Char* dflt, int isrequired) {
  ParserObject* self = P(ud);
  dispatch_void(self, kAttlistDecl, [&] {
    return pack({intern(self, elname), intern(self, attname), conv(att_type), conv(dflt),
                 int_obj(isrequired)});
  });
}

void XMLCALL on_skipped_entity(void* ud, const XML_Char* entity_name, int is_parameter_entity) {
  ParserObject* self = P(ud);
  dispatch_void(self, kSkippedEntity, [&] {
    return pack({intern(self, entity_name), int_obj(is_parameter_entity)});
  });
}

}  // namespace

void install_handler(XML_Parser p, HandlerId id, bool on) {
  switch (id) {
    case kStartElement: XML_SetStartElementHandler(p, on ? on_start_element : nullptr); break;
    case kEndElement: XML_SetEndElementHandler(p, on ? on_end_element : nullptr); break;
    case kProcessingInstruction:
      XML_SetProcessingInstructionHandler(p, on ? on_processing_instruction : nullptr);
      break;
    case kCharacterData: XML_SetCharacterDataHandler(p, on ? on_character_data : nullptr); break;
    case kUnparsedEntityDecl:
      XML_SetUnparsedEntityDeclHandler(p, on ? on_unparsed_entity_decl : nullptr);
      break;
    case kNotationDecl: XML_SetNotationDeclHandler(p, on ? on_notation_decl : nullptr); break;
    case kStartNamespaceDecl:
      XML_SetStartNamespaceDeclHandler(p, on ? on_start_namespace_decl : nullptr);
      break;
    case kEndNamespaceDecl:
      XML_SetEndNamespaceDeclHandler(p, on ? on_end_namespace_decl : nullptr);
      break;
    case kComment: XML_SetCommentHandler(p, on ? on_comment : nullptr); break;
    case kStartCdataSection:
      XML_SetStartCdataSectionHandler(p, on ? on_start_cdata : nullptr);
      break;
    case kEndCdataSection: XML_SetEndCdataSectionHandler(p, on ? on_end_cdata : nullptr); break;
    case kDefault: XML_SetDefaultHandler(p, on ? on_default : nullptr); break;
    case kDefaultHandlerExpand:
      XML_SetDefaultHandlerExpand(p, on ? on_default_expand : nullptr);
      break;
    case kNotStandalone: XML_SetNotStandaloneHandler(p, on ? on_not_standalone : nullptr); break;
    case kExternalEntityRef:
      XML_SetExternalEntityRefHandler(p, on ? on_external_entity_ref : nullptr);
      break;
    case kStartDoctypeDecl:
      XML_SetStartDoctypeDeclHandler(p, on ? on_start_doctype_decl : nullptr);
      break;
    case kEndDoctypeDecl: XML_SetEndDoctypeDeclHandler(p, on ? on_end_doctype_decl : nullptr); break;
    case kEntityDecl: XML_SetEntityDeclHandler(p, on ? on_entity_decl : nullptr); break;
    case kXmlDecl: XML_SetXmlDeclHandler(p, on ? on_xml_decl : nullptr); break;
    case kElementDecl: XML_SetElementDeclHandler(p, on ? on_element_decl : nullptr); break;
    case kAttlistDecl: XML_SetAttlistDeclHandler(p, on ? on_attlist_decl : nullptr); break;
    case kSkippedEntity: XML_SetSkippedEntityHandler(p, on ? on_skipped_entity : nullptr); break;
    case kNumHandlers: break;
  }
}

void install_noop_character_handler(XML_Parser parser) {
  XML_SetCharacterDataHandler(parser, noop_character_data);
}

void flag_error(ParserObject* self) {
  for (int i = 0; i < kNumHandlers; i++) {
    Py_CLEAR(self->handlers[i]);
    install_handler(self->itself, HandlerId(i), false);
  }
  XML_SetExternalEntityRefHandler(self->itself, error_external_entity_ref);
}

int flush_character_buffer(ParserObject* self) {
  if (self->buffer == nullptr || self->buffer_used == 0) return 0;
  int rc = call_character_handler(self, self->buffer, self->buffer_used);
  self->buffer_used = 0;
  return rc;
}

int unknown_encoding_handler(void*, const XML_Char* name, XML_Encoding* info) {
  if (PyErr_Occurred()) return XML_STATUS_ERROR;
  char all_bytes[256];
  for (int i = 0; i < 256; i++) all_bytes[i] = char(i);
  Ref<> u = steal(PyUnicode_Decode(all_bytes, 256, name, "replace"));
  if (!u || PyUnicode_READY(u.get()) < 0) return XML_STATUS_ERROR;
  if (PyUnicode_GET_LENGTH(u.get()) != 256) {
    PyErr_SetString(PyExc_ValueError, "multi-byte encodings are not supported");
    return XML_STATUS_ERROR;
  }
  for (int i = 0; i < 256; i++) {
    Py_UCS4 ch = PyUnicode_READ_CHAR(u.get(), i);
    info->map[i] = ch == 0xFFFD ? -1 : int(ch);
  }
  info->data = nullptr;
  info->convert = nullptr;
  info->release = nullptr;
  return XML_STATUS_OK;
}

}  // namespace krait::pyexpat
