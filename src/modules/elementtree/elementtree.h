// elementtree.h — shared declarations of the `_elementtree` module (the C
// accelerator xml.etree.ElementTree imports): Element, its iterator,
// TreeBuilder and the expat-driven XMLParser.
//
// The Element layout is CPython 3.11's (tag, text, tail, extra, weakreflist;
// extra = attrib, length, allocated, children, 4 inline child slots), because
// test_xml_etree_c checks __sizeof__ against it. Text and tail always hold
// their final value: TreeBuilder joins collected character data when it
// flushes instead of storing a list to join lazily.
#pragma once
#include <Python.h>

namespace krait::etree {

inline constexpr Py_ssize_t kStaticChildren = 4;

struct ElementExtra {
  PyObject* attrib;  // dict, or NULL until needed
  Py_ssize_t length;
  Py_ssize_t allocated;
  PyObject** children;  // _children or a PyMem buffer
  PyObject* _children[kStaticChildren];
};

struct ElementObject {
  PyObject_HEAD
  PyObject* tag;
  PyObject* text;
  PyObject* tail;
  ElementExtra* extra;
  PyObject* weakreflist;
};

extern PyTypeObject Element_Type;
extern PyTypeObject ElementIter_Type;
extern PyTypeObject TreeBuilder_Type;
extern PyTypeObject XMLParser_Type;

// Module-wide state (set up by PyInit__elementtree).
extern PyObject* g_parse_error;      // xml.etree.ElementTree.ParseError
extern PyObject* g_deepcopy;         // copy.deepcopy
extern PyObject* g_comment_factory;  // set by _set_factories, or NULL
extern PyObject* g_pi_factory;

inline bool Element_Check(PyObject* o) { return PyObject_TypeCheck(o, &Element_Type); }
inline bool Element_CheckExact(PyObject* o) { return Py_IS_TYPE(o, &Element_Type); }

// New Element with `tag` and a copy-free `attrib` (NULL or an empty dict: none).
PyObject* create_new_element(PyObject* tag, PyObject* attrib);
// Appends `child` (must be an Element) to `self`; -1 with TypeError otherwise.
int element_add_subelement(ElementObject* self, PyObject* child);
// A dict merging kwds' "attrib" entry (which must be a dict) with the other keywords.
PyObject* get_attrib_from_keywords(PyObject* kwds);
PyObject* create_elementiter(ElementObject* self, PyObject* tag, bool gettext);

// TreeBuilder entry points the parser calls directly for an exact TreeBuilder target.
struct TreeBuilderObject;
PyObject* treebuilder_new_default();
PyObject* treebuilder_handle_start(TreeBuilderObject* self, PyObject* tag, PyObject* attrib);
PyObject* treebuilder_handle_data(TreeBuilderObject* self, PyObject* data);
PyObject* treebuilder_handle_end(TreeBuilderObject* self, PyObject* tag);
PyObject* treebuilder_handle_comment(TreeBuilderObject* self, PyObject* text);
PyObject* treebuilder_handle_pi(TreeBuilderObject* self, PyObject* target, PyObject* text);
PyObject* treebuilder_handle_start_ns(TreeBuilderObject* self, PyObject* prefix, PyObject* uri);
PyObject* treebuilder_handle_end_ns(TreeBuilderObject* self, PyObject* prefix);
PyObject* treebuilder_done(TreeBuilderObject* self);
// Event reporting state of a TreeBuilder, configured by XMLParser._setevents.
struct TreeBuilderEvents {
  PyObject* events_append;
  PyObject* start;
  PyObject* end;
  PyObject* start_ns;
  PyObject* end_ns;
  PyObject* comment;
  PyObject* pi;
};
TreeBuilderEvents* treebuilder_events(TreeBuilderObject* self);
bool treebuilder_insert_pis(TreeBuilderObject* self);

}  // namespace krait::etree
