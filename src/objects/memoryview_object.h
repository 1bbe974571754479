// Internals shared by memoryview (memoryview_object.cpp), its element
// formats (memoryview_format.cpp) and the strided copy routines behind
// PyBuffer_ToContiguous and slice assignment (memoryview_copy.cpp).
#pragma once
#include <Python.h>

namespace krait::buffer {

// --- element formats (memoryview_format.cpp) ---------------------------------

// The struct-module format strings memoryview handles natively: one native
// type character, optionally prefixed with '@'. `*ch` receives the character.
// Returns the item size, or -1 if `fmt` is not such a format.
Py_ssize_t native_format(const char* fmt, char* ch);
// The static format string for a validated native format ("@i" stays "@i").
const char* native_format_string(const char* fmt);
inline bool is_byte_format(char ch) { return ch == 'b' || ch == 'B' || ch == 'c'; }

// One item at `ptr` as a Python object (memoryview's element protocol).
PyObject* unpack_item(const char* ptr, char fmt);
// Stores `item` at `ptr` with CPython's error messages; 0 or -1. Fails with
// ValueError if converting `item` released `owner` (may be null).
int pack_item(PyMemoryViewObject* owner, char* ptr, PyObject* item, const char* fmt);

// Item-by-item equality of two buffers of equal shape, as memoryview's ==.
// Returns 1 (equal), 0 (not equal) or -1 with an exception.
int compare_buffers(const Py_buffer* a, const Py_buffer* b);

// --- copies (memoryview_copy.cpp) ----------------------------------------------

// Copies `src` into `dest`; both must have shape and strides (suboffsets
// optional) and an equal structure. Overlapping one-dimensional buffers are
// handled (memoryview slice assignment: m[1:] = m[:-1]).
int copy_buffer(const Py_buffer* dest, const Py_buffer* src);
// Writes `src`'s items contiguously to `mem` ('C' or 'A': row-major, 'F':
// column-major). `src` needs shape and strides. 0 or -1 (MemoryError).
int buffer_to_contiguous(char* mem, const Py_buffer* src, char order);
// Strides of a contiguous array of `shape` in `order` ('F' or else C).
void contiguous_strides(int ndim, const Py_ssize_t* shape, Py_ssize_t* strides,
                        Py_ssize_t itemsize, char order);

// The address of the item at `ptr + stride * index` along dimension `dim`,
// following a PIL-style suboffset where there is one.
inline char* adjust_ptr(char* ptr, const Py_ssize_t* suboffsets, int dim) {
  if (suboffsets != nullptr && suboffsets[dim] >= 0) return *reinterpret_cast<char**>(ptr) + suboffsets[dim];
  return ptr;
}

// --- memoryview internals (memoryview_object.cpp), for memoryview_methods.cpp

// ValueError "operation forbidden on released memoryview object" if released.
bool mv_check_released(PyMemoryViewObject* mv);
int mv_do_release(PyMemoryViewObject* mv);
bool mv_c_contiguous(const PyMemoryViewObject* mv);
bool mv_f_contiguous(const PyMemoryViewObject* mv);
bool mv_any_contiguous(const PyMemoryViewObject* mv);
// The single format character item access uses, or NotImplementedError.
const char* mv_item_format(const Py_buffer* view);
void mv_init_flags(PyMemoryViewObject* mv);
// A new memoryview on `mb` shaped like `src` (nullptr: the exporter's view).
PyObject* mv_add_view(_PyManagedBufferObject* mb, const Py_buffer* src);
// A new memoryview with `src`'s shared values and room for `ndim` dimensions;
// the caller fills shape, strides, suboffsets and flags.
PyMemoryViewObject* mv_add_incomplete_view(_PyManagedBufferObject* mb, const Py_buffer* src, int ndim);

// memoryview_methods.cpp
extern PyMethodDef memoryview_methods[];
extern PyGetSetDef memoryview_getset[];
PyObject* memoryview_iter(PyObject* seq);

}  // namespace krait::buffer

namespace krait {
// The memoryview iterator type ("memory_iterator").
extern PyTypeObject MemoryIter_Type;
}  // namespace krait
