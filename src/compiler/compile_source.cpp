// compile_source.cpp — source text to code object, and SyntaxError raising.
#define PY_SSIZE_T_CLEAN  // Py_BuildValue("s#") below: Py_ssize_t lengths
#include <Python.h>

#include <string>

#include "compiler/compiler.h"

#if __has_include("parser/parser.h")
#include "parser/parser.h"
#include "parser/source.h"
#define KRAIT_HAVE_PARSER 1
#endif

namespace krait::compiler {

// The 1-based `lineno`-th line of `source` (without its newline), or "".
static std::string_view line_of(std::string_view source, int lineno) {
  size_t start = 0;
  for (int i = 1; i < lineno; i++) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  return source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// Byte offset -> 1-based character offset within `line` (SyntaxError.offset
// counts characters, the parser reports UTF-8 bytes).
static int char_offset(std::string_view line, int byte_col) {
  if (byte_col < 0) return byte_col;
  int chars = 0;
  for (int i = 0; i < byte_col && static_cast<size_t>(i) < line.size(); i++)
    if ((static_cast<unsigned char>(line[static_cast<size_t>(i)]) & 0xC0) != 0x80) chars++;
  if (static_cast<size_t>(byte_col) > line.size()) chars += byte_col - static_cast<int>(line.size());
  return chars + 1;
}

void raise_syntax_error(const char* type_name, std::string_view msg, PyObject* filename,
                        std::string_view source, int lineno, int col, int end_lineno,
                        int end_col) {
  PyObject* type = PyExc_SyntaxError;
  if (std::string_view(type_name) == "IndentationError") type = PyExc_IndentationError;
  else if (std::string_view(type_name) == "TabError") type = PyExc_TabError;
  std::string_view line = line_of(source, lineno);
  Ref<> text;
  if (!source.empty() && lineno > 0) {
    std::string l(line);
    l.push_back('\n');
    text = steal(PyUnicode_DecodeUTF8(l.data(), static_cast<Py_ssize_t>(l.size()), "replace"));
  } else {
    text = Ref<>::borrow(Py_None);
  }
  int offset = source.empty() ? col + 1 : char_offset(line, col);
  int end_offset = end_col < 0 ? end_col
                   : (end_lineno == lineno && !source.empty()) ? char_offset(line, end_col)
                                                               : end_col + 1;
  Ref<> m = steal(PyUnicode_FromStringAndSize(msg.data(), static_cast<Py_ssize_t>(msg.size())));
  Ref<> args = steal(Py_BuildValue("(O(OiiOii))", m.obj(), filename ? filename : Py_None, lineno,
                                   offset, text ? text.obj() : Py_None, end_lineno, end_offset));
  if (!args) return;
  PyErr_SetObject(type, args.obj());
}

#ifdef KRAIT_HAVE_PARSER
// Raises the SyntaxError (or subclass / MemoryError) the parser reported.
void raise_parse_error(const parser::SyntaxErrorInfo& e, PyObject* filename) {
  if (e.type == parser::ErrorType::MemoryError) {
    PyErr_SetNone(PyExc_MemoryError);
    return;
  }
  PyObject* type = e.type == parser::ErrorType::IndentationError ? PyExc_IndentationError
                   : e.type == parser::ErrorType::TabError       ? PyExc_TabError
                                                                 : PyExc_SyntaxError;
  Ref<> text = e.text.empty() ? Ref<>::borrow(Py_None)
                              : steal(PyUnicode_DecodeUTF8(e.text.data(), static_cast<Py_ssize_t>(e.text.size()),
                                                           "replace"));
  if (!text) return;
  Ref<> end_lineno = e.has_end ? steal(PyLong_FromLong(e.end_lineno)) : Ref<>::borrow(Py_None);
  Ref<> end_offset = e.has_end ? steal(PyLong_FromLong(e.end_offset)) : Ref<>::borrow(Py_None);
  if (!end_lineno || !end_offset) return;
  Ref<> args = steal(Py_BuildValue("(s#(OiiOOO))", e.msg.data(), static_cast<Py_ssize_t>(e.msg.size()), filename,
                                   e.lineno, e.offset, text.get(), end_lineno.get(), end_offset.get()));
  if (args) PyErr_SetObject(type, args.get());
}


// CPython's parser_warn()/warn_invalid_escape_sequence(): each warning goes through
// warnings.warn_explicit(); one that is raised as an error (the filter says "error")
// becomes a SyntaxError at the warning's location, which is more helpful.
bool issue_parse_warnings(const std::vector<parser::ParseWarning>& warnings, PyObject* filename) {
  for (const parser::ParseWarning& w : warnings) {
    PyObject* category = w.category == parser::WarningCategory::SyntaxWarning ? PyExc_SyntaxWarning
                                                                              : PyExc_DeprecationWarning;
    Ref<> msg = steal(PyUnicode_DecodeUTF8(w.where.msg.data(), static_cast<Py_ssize_t>(w.where.msg.size()),
                                           "replace"));
    if (!msg) return false;
    if (PyErr_WarnExplicitObject(category, msg.obj(), filename, w.where.lineno, nullptr, nullptr) < 0) {
      if (PyErr_ExceptionMatches(category)) {
        PyErr_Clear();
        raise_parse_error(w.where, filename);
      }
      return false;
    }
  }
  return true;
}
#endif

#ifdef KRAIT_HAVE_PARSER
// CPython's valid_utf8() (tokenizer.c): the length of the UTF-8 sequence at s, 0 if invalid.
static int valid_utf8(const unsigned char* s, const unsigned char* end) {
  int expected;
  if (*s < 0x80) return 1;
  auto at = [&](int i) -> unsigned { return s + i < end ? s[i] : 0; };
  if (*s < 0xE0) {
    if (*s < 0xC2) return 0;
    expected = 1;
  } else if (*s < 0xF0) {
    if (*s == 0xE0 && at(1) < 0xA0) return 0;
    if (*s == 0xED && at(1) >= 0xA0) return 0;
    expected = 2;
  } else if (*s < 0xF5) {
    if (at(1) < 0x90 ? *s == 0xF0 : *s == 0xF4) return 0;
    expected = 3;
  } else {
    return 0;
  }
  for (int i = expected; i > 0; i--)
    if (at(i) < 0x80 || at(i) >= 0xC0) return 0;
  return expected + 1;
}
#endif

Ref<PyCodeObject> compile_file_source(std::string_view source, PyObject* filename, Mode mode) {
#ifdef KRAIT_HAVE_PARSER
  // A file without a BOM or coding declaration must be UTF-8, checked line by line as
  // CPython's file tokenizer reads it (compile() of bytes reports a codec error instead).
  parser::SyntaxErrorInfo err;
  bool declared = false;
  if (parser::prepare_source(source, parser::Mode::Exec, err, &declared) && !declared) {
    const auto* p = reinterpret_cast<const unsigned char*>(source.data());
    const auto* end = p + source.size();
    int line = 1;
    while (p < end) {
      if (*p == '\n') line++;
      int n = valid_utf8(p, end);
      if (!n) {
        PyErr_Format(PyExc_SyntaxError,
                     "Non-UTF-8 code starting with '\\x%.2x' in file %U on line %i, but no encoding "
                     "declared; see https://peps.python.org/pep-0263/ for details",
                     *p, filename, line);
        return nullptr;
      }
      p += n;
    }
  }
#endif
  return compile_source(source, filename, mode);
}

Ref<PyCodeObject> compile_source(std::string_view source, PyObject* filename, Mode mode,
                                 int optimize, int future_flags) {
#ifdef KRAIT_HAVE_PARSER
  ast::Arena arena;
  parser::Mode pm = mode == Mode::Eval ? parser::Mode::Eval
                    : mode == Mode::Single ? parser::Mode::Single : parser::Mode::Exec;
  const char* fn = filename ? PyUnicode_AsUTF8(filename) : "<string>";
  parser::ParseResult r = parser::parse(source, fn ? fn : "<string>", pm, 0, arena);
  if (!issue_parse_warnings(r.warnings, filename ? filename : Py_None)) return nullptr;
  if (!r.ok()) {
    const parser::SyntaxErrorInfo& e = *r.error;
    PyObject* type = e.type == parser::ErrorType::IndentationError ? PyExc_IndentationError
                     : e.type == parser::ErrorType::TabError       ? PyExc_TabError
                                                                   : PyExc_SyntaxError;
    Ref<> text = e.text.empty() ? Ref<>::borrow(Py_None)
                                : steal(PyUnicode_DecodeUTF8(e.text.data(), static_cast<Py_ssize_t>(e.text.size()), "replace"));
    Ref<> args = steal(Py_BuildValue("(s#(OiiOii))", e.msg.data(), static_cast<Py_ssize_t>(e.msg.size()),
                                     filename ? filename : Py_None, e.lineno, e.offset,
                                     text ? text.obj() : Py_None, e.end_lineno, e.end_offset));
    if (args) PyErr_SetObject(type, args.obj());
    return nullptr;
  }
  return compile_ast(r.mod, filename, mode, optimize, future_flags);
#else
  (void)source;
  (void)mode;
  (void)optimize;
  (void)future_flags;
  PyErr_SetString(PyExc_SystemError, "Krait was built without the parser");
  (void)filename;
  return nullptr;
#endif
}

}  // namespace krait::compiler
