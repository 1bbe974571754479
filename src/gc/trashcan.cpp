// The "trashcan": bounds C recursion when deallocating deeply nested
// containers (a list of a list of ... a million deep). Deallocators wrapped in
// Py_TRASHCAN_BEGIN/END (a header macro compiled into extensions too) call
// these; past a nesting limit the object is parked on a per-thread list and
// destroyed later at a shallow depth.
#include <Python.h>

#include "gc/gc_inline.h"

namespace krait::gc {

void trash_destroy_later(PyThreadState* ts) {
  // Destroy parked objects; their deallocators may park more.
  while (ts->trash_delete_later) {
    PyObject* op = ts->trash_delete_later;
    Header* h = header_of(op);
    ts->trash_delete_later = reinterpret_cast<PyObject*>(h->next);
    h->next = nullptr;
    ++ts->trash_delete_nesting;
    Py_TYPE(op)->tp_dealloc(op);
    --ts->trash_delete_nesting;
  }
}

}  // namespace krait::gc

extern "C" {

int _PyTrash_cond(PyObject* op, destructor dealloc) { return Py_TYPE(op)->tp_dealloc == dealloc; }

int _PyTrash_begin(PyThreadState* ts, PyObject* op) {
  if (ts->trash_delete_nesting >= krait::gc::kTrashNestingLimit) {
    // The object is untracked and dying: its GC header's link is free to
    // chain it onto the list of deferred deallocations.
    krait::gc::Header* h = krait::gc::header_of(op);
    h->next = reinterpret_cast<krait::gc::Header*>(ts->trash_delete_later);
    ts->trash_delete_later = op;
    return 1;
  }
  ++ts->trash_delete_nesting;
  return 0;
}

void _PyTrash_end(PyThreadState* ts) {
  --ts->trash_delete_nesting;
  if (ts->trash_delete_nesting > 0) return;
  krait::gc::trash_destroy_later(ts);
}

void _Py_NewReference(PyObject* op) {
#ifdef Py_REF_DEBUG
  _Py_RefTotal++;
#endif
  Py_SET_REFCNT(op, 1);
}

}  // extern "C"
