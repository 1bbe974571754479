// pyexpat.h — what the files of the `pyexpat` module share: the xmlparser
// object, its handler table, and the module state (ExpatError).
#pragma once
#include <Python.h>
#include <expat.h>

namespace krait::pyexpat {

// The Python-visible handlers, in CPython's order (which is also the order of
// the attributes' getset entries).
enum HandlerId {
  kStartElement,
  kEndElement,
  kProcessingInstruction,
  kCharacterData,
  kUnparsedEntityDecl,
  kNotationDecl,
  kStartNamespaceDecl,
  kEndNamespaceDecl,
  kComment,
  kStartCdataSection,
  kEndCdataSection,
  kDefault,
  kDefaultHandlerExpand,
  kNotStandalone,
  kExternalEntityRef,
  kStartDoctypeDecl,
  kEndDoctypeDecl,
  kEntityDecl,
  kXmlDecl,
  kElementDecl,
  kAttlistDecl,
  kSkippedEntity,
  kNumHandlers,
};

struct ParserObject {
  PyObject_HEAD
  XML_Parser itself;
  int ordered_attributes;    // attributes as a flat list instead of a dict
  int specified_attributes;  // leave out attributes defaulted from the DTD
  int in_callback;           // a Python handler is running
  int ns_prefixes;           // namespace_prefixes: names as "uri sep local sep prefix"
  char* buffer;              // buffer_text: pending character data (UTF-8), or NULL
  int buffer_size;
  int buffer_used;
  PyObject* intern;          // dict used to share name strings, or NULL
  PyObject* handlers[kNumHandlers];
};

extern PyTypeObject Parser_Type;
extern PyObject* g_expat_error;  // pyexpat.ExpatError

// Creates a parser as ParserCreate() does (arguments already validated).
PyObject* new_parser(const char* encoding, const char* namespace_separator, PyObject* intern);

// Raises ExpatError for `code` at the parser's error position.
PyObject* set_error(ParserObject* self, enum XML_Error code);

// "StartElementHandler", ...: the attribute names, by HandlerId.
inline constexpr const char* kHandlerNames[kNumHandlers] = {
    "StartElementHandler",     "EndElementHandler",        "ProcessingInstructionHandler",
    "CharacterDataHandler",    "UnparsedEntityDeclHandler", "NotationDeclHandler",
    "StartNamespaceDeclHandler", "EndNamespaceDeclHandler", "CommentHandler",
    "StartCdataSectionHandler", "EndCdataSectionHandler",  "DefaultHandler",
    "DefaultHandlerExpand",    "NotStandaloneHandler",     "ExternalEntityRefHandler",
    "StartDoctypeDeclHandler", "EndDoctypeDeclHandler",    "EntityDeclHandler",
    "XmlDeclHandler",          "ElementDeclHandler",       "AttlistDeclHandler",
    "SkippedEntityHandler",
};
// -- pyexpat_handlers.cpp: the C callbacks expat calls --------------------------

// Points expat's callback for `id` at our trampoline (on) or at nothing.
void install_handler(XML_Parser parser, HandlerId id, bool on);
// When a character-data handler is replaced mid-callback: a callback that
// ignores the data, so the old Python handler is never called again.
void install_noop_character_handler(XML_Parser parser);
// Drops every Python handler after an exception in one (CPython's
// flag_error): no more Python code runs for this parse.
void flag_error(ParserObject* self);
// Delivers the buffered character data (buffer_text) to the handler.
int flush_character_buffer(ParserObject* self);
// Single-byte encodings expat does not know, through Python's codecs.
int unknown_encoding_handler(void* data, const XML_Char* name, XML_Encoding* info);

}  // namespace krait::pyexpat
