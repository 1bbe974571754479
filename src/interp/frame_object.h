// frame_object.h — PyFrameObject (`struct _frame`, opaque in 3.11's public
// headers, so the layout is ours) and its link to interpreter frames.
#pragma once
#include <Python.h>

#include "interp/frame.h"

struct _frame {
  PyObject_HEAD
  krait::interp::Frame* f_frame;  // the live frame, or our private copy, or NULL
  PyFrameObject* f_back;          // set when the frame object took ownership
  PyObject* f_trace;
  int f_lineno;                   // line when detached (for cleared frames)
  char f_trace_lines, f_trace_opcodes;
  char f_owns_frame;              // f_frame points to a malloc'ed copy
};

namespace krait::interp {
// The frame `f` is finishing while Python still references its object: copy
// it (moving its references) so f_locals, f_lineno, f_back stay valid.
void frame_object_take_ownership(PyFrameObject* fo, Frame* f);
// The frame is finishing and nobody else references the object.
void frame_object_detach(PyFrameObject* fo);
void clear_frame(Frame* f);  // frame.cpp
}  // namespace krait::interp
