// csv_reader.cpp — _csv.reader: an iterator turning lines of text into lists
// of fields. One character at a time through CPython 3.11's state machine
// (the same states, so the same results on malformed input, the same errors
// in strict mode), with kEndOfLine fed after each input line; a record may
// span lines when a newline sits inside quotes or after an escape.
#include <Python.h>
#include <structmember.h>

#include <vector>

#include "modules/csv/csv.h"
#include "support/ref.h"

namespace krait::csv {
namespace {

enum class State {
  StartRecord,
  StartField,
  EscapedChar,
  InField,
  InQuotedField,
  EscapeInQuotedField,
  QuoteInQuotedField,
  EatCrNl,
  AfterEscapedCrNl,
};

struct ReaderObject {
  PyObject_HEAD
  PyObject* input_iter;
  DialectObject* dialect;
  PyObject* fields;            // list being built for the current record
  State state;
  std::vector<Py_UCS4>* field;  // current field's characters
  bool numeric_field;          // convert the field to float (QUOTE_NONNUMERIC)
  unsigned long line_num;
};

ReaderObject* R(PyObject* op) { return reinterpret_cast<ReaderObject*>(op); }

int reset(ReaderObject* self) {
  Py_XSETREF(self->fields, PyList_New(0));
  if (self->fields == nullptr) return -1;
  self->field->clear();
  self->state = State::StartRecord;
  self->numeric_field = false;
  return 0;
}

int save_field(ReaderObject* self) {
  Ref<> field = steal(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self->field->data(),
                                                Py_ssize_t(self->field->size())));
  if (!field) return -1;
  self->field->clear();
  if (self->numeric_field) {
    self->numeric_field = false;
    field = steal(PyNumber_Float(field.get()));
    if (!field) return -1;
  }
  return PyList_Append(self->fields, field.get());
}

int add_char(ReaderObject* self, Py_UCS4 c) {
  if (long(self->field->size()) >= g_field_limit) {
    PyErr_Format(g_error, "field larger than field limit (%ld)", g_field_limit);
    return -1;
  }
  self->field->push_back(c);
  return 0;
}

bool is_newline(Py_UCS4 c) { return c == '\n' || c == '\r'; }

// End of a field at a line break (or end of line): save it and either finish
// the record (kEndOfLine) or swallow the rest of the line break.
int end_line(ReaderObject* self, Py_UCS4 c) {
  if (save_field(self) < 0) return -1;
  self->state = c == kEndOfLine ? State::StartRecord : State::EatCrNl;
  return 0;
}

int process_char(ReaderObject* self, Py_UCS4 c) {
  DialectObject* d = self->dialect;
  switch (self->state) {
    case State::StartRecord:
      if (c == kEndOfLine) return 0;  // an empty line gives []
      if (is_newline(c)) {
        self->state = State::EatCrNl;
        return 0;
      }
      self->state = State::StartField;
      [[fallthrough]];
    case State::StartField:
      if (is_newline(c) || c == kEndOfLine) return end_line(self, c);
      if (c == d->quotechar && d->quoting != kQuoteNone) {
        self->state = State::InQuotedField;
      } else if (c == d->escapechar) {
        self->state = State::EscapedChar;
      } else if (c == ' ' && d->skipinitialspace) {
        // leading space skipped
      } else if (c == d->delimiter) {
        if (save_field(self) < 0) return -1;
      } else {
        if (d->quoting == kQuoteNonNumeric) self->numeric_field = true;
        if (add_char(self, c) < 0) return -1;
        self->state = State::InField;
      }
      return 0;
    case State::EscapedChar:
      if (is_newline(c)) {
        if (add_char(self, c) < 0) return -1;
        self->state = State::AfterEscapedCrNl;
        return 0;
      }
      if (c == kEndOfLine) c = '\n';
      if (add_char(self, c) < 0) return -1;
      self->state = State::InField;
      return 0;
    case State::AfterEscapedCrNl:
      if (c == kEndOfLine) return 0;
      [[fallthrough]];
    case State::InField:
      if (is_newline(c) || c == kEndOfLine) return end_line(self, c);
      if (c == d->escapechar) {
        self->state = State::EscapedChar;
      } else if (c == d->delimiter) {
        if (save_field(self) < 0) return -1;
        self->state = State::StartField;
      } else if (add_char(self, c) < 0) {
        return -1;
      }
      return 0;
    case State::InQuotedField:
      if (c == kEndOfLine) {
        // the line break is kept through the input's own '\n'
      } else if (c == d->escapechar) {
        self->state = State::EscapeInQuotedField;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        self->state = d->doublequote ? State::QuoteInQuotedField : State::InField;
      } else if (add_char(self, c) < 0) {
        return -1;
      }
      return 0;
    case State::EscapeInQuotedField:
      if (c == kEndOfLine) c = '\n';
      if (add_char(self, c) < 0) return -1;
      self->state = State::InQuotedField;
      return 0;
    case State::QuoteInQuotedField:
      // A quote inside a quoted field: doubled quote, end of field, or junk.
      if (d->quoting != kQuoteNone && c == d->quotechar) {
        if (add_char(self, c) < 0) return -1;
        self->state = State::InQuotedField;
      } else if (c == d->delimiter) {
        if (save_field(self) < 0) return -1;
        self->state = State::StartField;
      } else if (is_newline(c) || c == kEndOfLine) {
        return end_line(self, c);
      } else if (!d->strict) {
        if (add_char(self, c) < 0) return -1;
        self->state = State::InField;
      } else {
        PyErr_Format(g_error, "'%c' expected after '%c'", int(d->delimiter), int(d->quotechar));
        return -1;
      }
      return 0;
    case State::EatCrNl:
      if (is_newline(c)) return 0;
      if (c == kEndOfLine) {
        self->state = State::StartRecord;
        return 0;
      }
      PyErr_SetString(g_error,
                      "new-line character seen in unquoted field - do you need to open the file "
                      "in universal-newline mode?");
      return -1;
  }
  return 0;
}

PyObject* reader_iternext(PyObject* op) {
  ReaderObject* self = R(op);
  if (reset(self) < 0) return nullptr;
  do {
    Ref<> line = steal(PyIter_Next(self->input_iter));
    if (!line) {
      // End of input (or an error): a pending field ends the last record.
      if (!PyErr_Occurred() && (!self->field->empty() || self->state == State::InQuotedField)) {
        if (self->dialect->strict) {
          PyErr_SetString(g_error, "unexpected end of data");
        } else if (save_field(self) >= 0) {
          break;
        }
      }
      return nullptr;
    }
    if (!PyUnicode_Check(line.get())) {
      PyErr_Format(g_error,
                   "iterator should return strings, not %.200s "
                   "(the file should be opened in text mode)",
                   Py_TYPE(line.get())->tp_name);
      return nullptr;
    }
    if (PyUnicode_READY(line.get()) == -1) return nullptr;
    ++self->line_num;
    int kind = PyUnicode_KIND(line.get());
    const void* data = PyUnicode_DATA(line.get());
    Py_ssize_t n = PyUnicode_GET_LENGTH(line.get());
    for (Py_ssize_t i = 0; i < n; i++)
      if (process_char(self, PyUnicode_READ(kind, data, i)) < 0) return nullptr;
    if (process_char(self, kEndOfLine) < 0) return nullptr;
  } while (self->state != State::StartRecord);
  PyObject* fields = self->fields;
  self->fields = nullptr;
  return fields;
}

void reader_dealloc(PyObject* op) {
  ReaderObject* self = R(op);
  PyObject_GC_UnTrack(op);
  Py_XDECREF(self->dialect);
  Py_XDECREF(self->input_iter);
  Py_XDECREF(self->fields);
  delete self->field;
  PyObject_GC_Del(op);
}

int reader_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(R(op)->dialect);
  Py_VISIT(R(op)->input_iter);
  Py_VISIT(R(op)->fields);
  return 0;
}

int reader_clear(PyObject* op) {
  Py_CLEAR(R(op)->dialect);
  Py_CLEAR(R(op)->input_iter);
  Py_CLEAR(R(op)->fields);
  return 0;
}

PyMemberDef reader_members[] = {
    {"dialect", T_OBJECT, offsetof(ReaderObject, dialect), READONLY, nullptr},
    {"line_num", T_ULONG, offsetof(ReaderObject, line_num), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

PyTypeObject Reader_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_csv.reader",
    .tp_basicsize = sizeof(ReaderObject),
    .tp_dealloc = reader_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "CSV reader\n\nReader objects are responsible for reading and parsing tabular data\n"
              "in CSV format.\n",
    .tp_traverse = reader_traverse,
    .tp_clear = reader_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = reader_iternext,
    .tp_members = reader_members,
};

PyObject* csv_reader(PyObject*, PyObject* args, PyObject* kwargs) {
  PyObject* iterable = nullptr;
  PyObject* dialect = nullptr;
  if (!PyArg_UnpackTuple(args, "", 1, 2, &iterable, &dialect)) return nullptr;
  ReaderObject* self = PyObject_GC_New(ReaderObject, &Reader_Type);
  if (self == nullptr) return nullptr;
  self->input_iter = nullptr;
  self->dialect = nullptr;
  self->fields = nullptr;
  self->field = new std::vector<Py_UCS4>();
  self->state = State::StartRecord;
  self->numeric_field = false;
  self->line_num = 0;
  Ref<> ref = steal(reinterpret_cast<PyObject*>(self));
  if (reset(self) < 0) return nullptr;
  self->input_iter = PyObject_GetIter(iterable);
  if (self->input_iter == nullptr) return nullptr;
  self->dialect = reinterpret_cast<DialectObject*>(make_dialect(dialect, kwargs));
  if (self->dialect == nullptr) return nullptr;
  PyObject_GC_Track(ref.get());
  return ref.release();
}

}  // namespace krait::csv
