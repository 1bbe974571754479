// tokenize_module.cpp — the `_tokenize` module: TokenizerIter(source), an
// iterator over the tokens of a str as Krait's own tokenizer (src/parser)
// sees them, in the tuple form CPython 3.11's C tokenizer iterator yields
// (string, exact type, lineno, end_lineno, col_offset, end_col_offset, line);
// tokenize._generate_tokens_from_c_tokenizer is its user.
//
// As in CPython: the source gets newlines translated and a final newline
// appended; comments and NL tokens are not produced (a comment before a
// NEWLINE becomes that token's string); columns are UTF-8 byte offsets; the
// iteration ends at ENDMARKER or at an error the tokenizer leaves to the
// parser (indentation, unclosed bracket at EOF), and raises SyntaxError for an
// error the tokenizer reports itself.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstring>
#include <memory>
#include <string>

#include "parser/tokenizer.h"
#include "support/ref.h"

namespace krait::tokenize_mod {
namespace {

using parser::Op;
using parser::Token;
using parser::TokType;

// Token numbers of CPython 3.11 (Lib/token.py).
enum : int { kEndMarker = 0, kName = 1, kNumber = 2, kString = 3, kNewline = 4, kIndent = 5,
             kDedent = 6, kFirstOp = 7, kNotEqual = 28, kOp = 54, kAwait = 55, kAsync = 56, kErrorToken = 60 };

struct TokenizerIterObject {
  PyObject_HEAD
  std::string* source;  // the prepared buffer the tokenizer points into
  parser::Tokenizer* tok;
  bool done;
};

int exact_type(const Token& t) {
  switch (t.type) {
    case TokType::ENDMARKER: return kEndMarker;
    // The 3.11 tokenizer gives the async/await keywords their own token types.
    case TokType::NAME: return t.op == Op::KW_async ? kAsync : t.op == Op::KW_await ? kAwait : kName;
    case TokType::NUMBER: return kNumber;
    case TokType::STRING: return kString;
    case TokType::NEWLINE: return kNewline;
    case TokType::INDENT: return kIndent;
    case TokType::DEDENT: return kDedent;
    case TokType::ERRORTOKEN: return kErrorToken;
    case TokType::OP: break;
  }
  // Krait's Op enumerates the operators in Grammar/Tokens order, from LPAR (7).
  if (t.op == Op::None || t.op == Op::Unknown || t.op > Op::COLONEQUAL) return kOp;
  return kFirstOp + static_cast<int>(t.op) - static_cast<int>(Op::LPAR);
}

// CPython's translate_newlines(exec_input=1): "\r\n" and "\r" become "\n", and a
// missing final newline is added.
std::string prepare(const char* s, Py_ssize_t n) {
  std::string out;
  out.reserve(static_cast<size_t>(n) + 1);
  for (Py_ssize_t i = 0; i < n; i++) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < n && s[i + 1] == '\n') i++;
    } else {
      out.push_back(s[i]);
    }
  }
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

void raise_error(const parser::SyntaxErrorInfo& e) {
  Ref<> text = steal(PyUnicode_DecodeUTF8(e.text.data(), static_cast<Py_ssize_t>(e.text.size()), "replace"));
  if (!text) return;
  Ref<> args = steal(Py_BuildValue("(s#(siiNii))", e.msg.data(), static_cast<Py_ssize_t>(e.msg.size()),
                                   "<string>", e.lineno, e.offset, text.release(), e.end_lineno,
                                   e.end_offset));
  if (!args) return;
  PyObject* type = e.type == parser::ErrorType::IndentationError ? PyExc_IndentationError
                   : e.type == parser::ErrorType::TabError       ? PyExc_TabError
                                                                 : PyExc_SyntaxError;
  PyErr_SetObject(type, args.get());
}

PyObject* ti_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"source", nullptr};
  PyObject* src;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:tokenizeriter", const_cast<char**>(kwlist), &src))
    return nullptr;
  // Argument Clinic's wording (it names the parameter), not PyArg_Parse's "argument 1".
  if (!PyUnicode_Check(src)) {
    PyErr_Format(PyExc_TypeError, "tokenizeriter() argument 'source' must be str, not %.50s",
                 src == Py_None ? "None" : Py_TYPE(src)->tp_name);
    return nullptr;
  }
  Py_ssize_t len;
  const char* source = PyUnicode_AsUTF8AndSize(src, &len);
  if (!source) return nullptr;
  if (std::strlen(source) != static_cast<size_t>(len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  Ref<> self = steal(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  auto* it = reinterpret_cast<TokenizerIterObject*>(self.get());
  it->source = new std::string(prepare(source, len));
  it->tok = new parser::Tokenizer(*it->source);
  it->done = false;
  return self.release();
}

void ti_dealloc(PyObject* self) {
  auto* it = reinterpret_cast<TokenizerIterObject*>(self);
  delete it->tok;
  delete it->source;
  Py_TYPE(self)->tp_free(self);
}

PyObject* ti_next(PyObject* self) {
  auto* it = reinterpret_cast<TokenizerIterObject*>(self);
  if (it->done) return nullptr;
  parser::Tokenizer& tok = *it->tok;
  Token t = tok.next();
  if (t.type == TokType::ERRORTOKEN || t.type == TokType::ENDMARKER) {
    it->done = true;
    if (t.type == TokType::ERRORTOKEN && tok.error_is_raised() && tok.error()) raise_error(*tok.error());
    return nullptr;
  }
  std::string_view buf = tok.buffer();
  int type = exact_type(t);
  size_t start = t.start, end = t.end;
  int end_col = t.end_col_offset;
  if (t.type == TokType::NEWLINE) {
    start = tok.token_start();  // a comment before the newline is part of it
  } else if (t.type == TokType::OP && t.op == Op::LESS && end < buf.size() && buf[end] == '>') {
    // "<>" is one NOTEQUAL token to CPython's tokenizer (the parser rejects it).
    Token g = tok.next();
    if (g.type == TokType::OP && g.op == Op::GREATER && g.start == end) {
      end = g.end;
      end_col = g.end_col_offset;
      type = kNotEqual;
    }
  }
  Ref<> str;
  int col = t.col_offset, ecol = end_col;
  if (t.type == TokType::INDENT || t.type == TokType::DEDENT) {
    str = steal(PyUnicode_FromStringAndSize("", 0));
    col = ecol = -1;
  } else {
    str = steal(PyUnicode_DecodeUTF8(buf.data() + start, static_cast<Py_ssize_t>(end - start), "replace"));
    if (t.type == TokType::NEWLINE) col = t.col_offset - static_cast<int>(t.start - start);
  }
  if (!str) return nullptr;
  std::string_view line = tok.cpython_line();
  Ref<> l = steal(PyUnicode_DecodeUTF8(line.data(), static_cast<Py_ssize_t>(line.size()), "replace"));
  if (!l) return nullptr;
  return Py_BuildValue("(NiiiiiN)", str.release(), type, t.lineno, t.end_lineno, col, ecol, l.release());
}

}  // namespace

PyTypeObject TokenizerIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_tokenize.TokenizerIter",
    .tp_basicsize = sizeof(TokenizerIterObject),
    .tp_dealloc = ti_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = ti_next,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = ti_new,
    .tp_free = PyObject_Del,
};

namespace {
PyModuleDef tokenize_module = {
    PyModuleDef_HEAD_INIT, "_tokenize", nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr,
};
}  // namespace

}  // namespace krait::tokenize_mod

extern "C" PyObject* PyInit__tokenize(void) {
  using namespace krait;
  using namespace krait::tokenize_mod;
  if (PyType_Ready(&TokenizerIter_Type) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&tokenize_module));
  if (!m) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "TokenizerIter", reinterpret_cast<PyObject*>(&TokenizerIter_Type)) < 0)
    return nullptr;
  return m.release();
}
