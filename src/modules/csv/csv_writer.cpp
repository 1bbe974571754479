// csv_writer.cpp — _csv.writer: formats rows (iterables of fields) as CSV
// lines and hands each to the file's write(). Quoting and escaping follow
// CPython 3.11 exactly: a field is quoted when the style asks for it or when
// it contains the delimiter, quotechar or a lineterminator character (and
// the style is not QUOTE_NONE); escapechar is used where quoting can't help.
#include <Python.h>
#include <structmember.h>

#include <string>

#include "modules/csv/csv.h"
#include "support/ref.h"

namespace krait::csv {
namespace {

struct WriterObject {
  PyObject_HEAD
  PyObject* write;  // the bound write method
  DialectObject* dialect;
};

WriterObject* W(PyObject* op) { return reinterpret_cast<WriterObject*>(op); }

// Appends one field (nullptr = an empty field from None) to `rec`.
// `quoted` says whether the style already demands quotes.
int append_field(WriterObject* self, std::u32string* rec, int num_fields, PyObject* field,
                 bool quoted) {
  DialectObject* d = self->dialect;
  if (num_fields > 0) rec->push_back(d->delimiter);
  std::u32string body;
  if (field != nullptr) {
    if (PyUnicode_READY(field) == -1) return -1;
    int kind = PyUnicode_KIND(field);
    const void* data = PyUnicode_DATA(field);
    Py_ssize_t n = PyUnicode_GET_LENGTH(field);
    PyObject* lt = d->lineterminator;
    for (Py_ssize_t i = 0; i < n; i++) {
      Py_UCS4 c = PyUnicode_READ(kind, data, i);
      if (c == d->delimiter || c == d->escapechar || c == d->quotechar ||
          PyUnicode_FindChar(lt, c, 0, PyUnicode_GET_LENGTH(lt), 1) >= 0) {
        bool want_escape = false;
        if (d->quoting == kQuoteNone) {
          want_escape = true;
        } else {
          if (c == d->quotechar) {
            if (d->doublequote)
              body.push_back(d->quotechar);
            else
              want_escape = true;
          } else if (c == d->escapechar) {
            want_escape = true;
          }
          if (!want_escape) quoted = true;
        }
        if (want_escape) {
          if (d->escapechar == kNotSet) {
            PyErr_SetString(g_error, "need to escape, but no escapechar set");
            return -1;
          }
          body.push_back(d->escapechar);
        }
      }
      body.push_back(c);
    }
  }
  if (quoted) rec->push_back(d->quotechar);
  rec->append(body);
  if (quoted) rec->push_back(d->quotechar);
  return 0;
}

PyObject* writer_writerow(PyObject* op, PyObject* row) {
  WriterObject* self = W(op);
  DialectObject* d = self->dialect;
  Ref<> iter = steal(PyObject_GetIter(row));
  if (!iter) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(g_error, "iterable expected, not %.200s", Py_TYPE(row)->tp_name);
    }
    return nullptr;
  }
  std::u32string rec;
  int num_fields = 0;
  while (true) {
    Ref<> field = steal(PyIter_Next(iter.get()));
    if (!field) break;
    bool quoted = false;
    if (d->quoting == kQuoteNonNumeric) {
      quoted = !PyNumber_Check(field.get());
    } else if (d->quoting == kQuoteAll) {
      quoted = true;
    }
    int rc;
    if (PyUnicode_Check(field.get())) {
      rc = append_field(self, &rec, num_fields, field.get(), quoted);
    } else if (field.get() == Py_None) {
      rc = append_field(self, &rec, num_fields, nullptr, quoted);
    } else {
      Ref<> str = steal(PyObject_Str(field.get()));
      if (!str) return nullptr;
      rc = append_field(self, &rec, num_fields, str.get(), quoted);
    }
    if (rc < 0) return nullptr;
    num_fields++;
  }
  if (PyErr_Occurred()) return nullptr;
  // A record of one empty field must not look like an empty line.
  if (num_fields > 0 && rec.empty()) {
    if (d->quoting == kQuoteNone) {
      PyErr_SetString(g_error, "single empty field record must be quoted");
      return nullptr;
    }
    if (append_field(self, &rec, 0, nullptr, true) < 0) return nullptr;
  }
  PyObject* lt = d->lineterminator;
  int kind = PyUnicode_KIND(lt);
  const void* data = PyUnicode_DATA(lt);
  for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(lt); i < n; i++)
    rec.push_back(PyUnicode_READ(kind, data, i));
  Ref<> line = steal(
      PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, rec.data(), Py_ssize_t(rec.size())));
  if (!line) return nullptr;
  return PyObject_CallOneArg(self->write, line.get());
}

PyObject* writer_writerows(PyObject* op, PyObject* rows) {
  Ref<> iter = steal(PyObject_GetIter(rows));
  if (!iter) return nullptr;
  while (true) {
    Ref<> row = steal(PyIter_Next(iter.get()));
    if (!row) break;
    Ref<> result = steal(writer_writerow(op, row.get()));
    if (!result) return nullptr;
  }
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

void writer_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_XDECREF(W(op)->dialect);
  Py_XDECREF(W(op)->write);
  PyObject_GC_Del(op);
}

int writer_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(W(op)->dialect);
  Py_VISIT(W(op)->write);
  return 0;
}

int writer_clear(PyObject* op) {
  Py_CLEAR(W(op)->dialect);
  Py_CLEAR(W(op)->write);
  return 0;
}

PyMethodDef writer_methods[] = {
    {"writerow", writer_writerow, METH_O,
     "writerow(iterable)\n\n"
     "Construct and write a CSV record from an iterable of fields.  Non-string\n"
     "elements will be converted to string."},
    {"writerows", writer_writerows, METH_O,
     "writerows(iterable of iterables)\n\n"
     "Construct and write a series of iterables to a csv file.  Non-string\n"
     "elements will be converted to string."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef writer_members[] = {
    {"dialect", T_OBJECT, offsetof(WriterObject, dialect), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

PyTypeObject Writer_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_csv.writer",
    .tp_basicsize = sizeof(WriterObject),
    .tp_dealloc = writer_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "CSV writer\n\nWriter objects are responsible for generating tabular data\n"
              "in CSV format from sequence input.\n",
    .tp_traverse = writer_traverse,
    .tp_clear = writer_clear,
    .tp_methods = writer_methods,
    .tp_members = writer_members,
};

PyObject* csv_writer(PyObject*, PyObject* args, PyObject* kwargs) {
  PyObject* file = nullptr;
  PyObject* dialect = nullptr;
  if (!PyArg_UnpackTuple(args, "", 1, 2, &file, &dialect)) return nullptr;
  WriterObject* self = PyObject_GC_New(WriterObject, &Writer_Type);
  if (self == nullptr) return nullptr;
  self->write = nullptr;
  self->dialect = nullptr;
  Ref<> ref = steal(reinterpret_cast<PyObject*>(self));
  static PyObject* write_name = PyUnicode_InternFromString("write");
  if (write_name == nullptr) return nullptr;
  if (_PyObject_LookupAttr(file, write_name, &self->write) < 0)
    return nullptr;
  if (self->write == nullptr || !PyCallable_Check(self->write)) {
    PyErr_SetString(PyExc_TypeError, "argument 1 must have a \"write\" method");
    return nullptr;
  }
  self->dialect = reinterpret_cast<DialectObject*>(make_dialect(dialect, kwargs));
  if (self->dialect == nullptr) return nullptr;
  PyObject_GC_Track(ref.get());
  return ref.release();
}

}  // namespace krait::csv
