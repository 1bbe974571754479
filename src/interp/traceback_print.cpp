// traceback_print.cpp — PyErr_Display / PyErr_Print / PyTraceBack_Print:
// CPython 3.11's uncaught-exception text, byte for byte.
//
// Rules reproduced (from 3.11's behaviour):
//  * one "  File "f", line N, in name" entry per traceback entry, then the
//    source line stripped of surrounding whitespace, indented by 4;
//  * a marker line under the failing expression (co_positions of tb_lasti):
//    for a single-line binary operation or subscript, the operands get '~'
//    and the operator / brackets '^' (anchors found by parsing the segment);
//    otherwise '^' under the whole span; multi-line spans run to the end of
//    the first line; markers are omitted when '^' would cover the whole
//    stripped line and there are no anchors;
//  * more than 3 identical consecutive entries collapse into
//    "  [Previous line repeated N more time(s)]";
//  * chained exceptions (__cause__, __context__) print first;
//  * SyntaxError shows its own file/line/text/caret block.
#include <Python.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "bytecode/code.h"
#include "interp/frame_object.h"
#include "interp/suggestions.h"
#include "objects/traceback_object.h"
#include "parser/parser.h"

namespace krait::interp {

namespace {

std::string to_utf8(PyObject* s) {
  if (!s) return "";
  Py_ssize_t n;
  const char* p = PyUnicode_AsUTF8AndSize(s, &n);
  if (!p) {
    PyErr_Clear();
    return "";
  }
  return std::string(p, static_cast<size_t>(n));
}

// Number of characters in the first `bytes` bytes of UTF-8 `s`.
int chars_in(const std::string& s, int bytes) {
  int n = 0;
  for (int i = 0; i < bytes && static_cast<size_t>(i) < s.size(); i++)
    if ((static_cast<unsigned char>(s[static_cast<size_t>(i)]) & 0xC0) != 0x80) n++;
  return n;
}
int char_len(const std::string& s) { return chars_in(s, static_cast<int>(s.size())); }

bool read_line(const std::string& filename, int lineno, std::string& out) {
  if (filename.empty() || filename[0] == '<' || lineno < 1) return false;
  std::ifstream in(filename, std::ios::binary);
  if (!in) return false;
  std::string line;
  for (int i = 1; std::getline(in, line); i++) {
    if (i == lineno) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out = line;
      return true;
    }
  }
  return false;
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r'; }

// Finds the '~~^^~~' anchors of `segment` (a single-line expression); offsets
// are in characters relative to the segment. Returns false if none apply.
bool anchors(const std::string& segment, int* left, int* right) {
  ast::Arena arena;
  parser::ParseResult r = parser::parse(segment, "<string>", parser::Mode::Exec, 0, arena);
  if (!r.ok()) return false;
  auto* mod = ast::as<ast::Module>(r.mod);
  if (!mod || mod->body.size() != 1) return false;
  auto* st = ast::as<ast::Expr>(mod->body[0]);
  if (!st) return false;
  int l = -1, rt = -1;
  if (auto* b = ast::as<ast::BinOp>(st->value)) {
    for (int i = b->left->end_col_offset; i < b->right->col_offset; i++) {
      if (is_ws(segment[static_cast<size_t>(i)])) continue;
      l = i;
      rt = i + 1;
      if (i + 1 < b->right->col_offset && !is_ws(segment[static_cast<size_t>(i + 1)])) rt++;
      if (i + 1 < b->right->col_offset && segment[static_cast<size_t>(i)] == ')') continue;
      break;
    }
  } else if (auto* s = ast::as<ast::Subscript>(st->value)) {
    l = s->value->end_col_offset;
    rt = s->slice->end_col_offset + 1;
    int len = static_cast<int>(segment.size());
    while (l < len && segment[static_cast<size_t>(l)] != '[') l++;
    while (rt < len && segment[static_cast<size_t>(rt)] != ']') rt++;
    if (rt < len) rt++;
  } else {
    return false;
  }
  if (l < 0) return false;
  *left = chars_in(segment, l);
  *right = chars_in(segment, rt);
  return true;
}

void display_entry(std::string& out, PyTracebackObject* tb) {
  PyCodeObject* co = PyFrame_GetCode(tb->tb_frame);
  std::string filename = to_utf8(co->co_filename);
  std::string name = to_utf8(co->co_name);
  int lineno = traceback_lineno(tb);
  out += "  File \"" + filename + "\", line " + std::to_string(lineno) + ", in " + name + "\n";
  std::string line;
  if (!read_line(filename, lineno, line)) {
    Py_DECREF(co);
    return;
  }
  size_t a = 0;
  while (a < line.size() && is_ws(line[a])) a++;
  size_t b = line.size();
  while (b > a && is_ws(line[b - 1])) b--;
  std::string stripped = line.substr(a, b - a);
  out += "    " + stripped + "\n";
  bytecode::Position p = tb->tb_lasti >= 0 ? bytecode::position_at(co, tb->tb_lasti / bytecode::kAddrPerUnit) : bytecode::Position{};
  Py_DECREF(co);
  if (p.line < 0 || p.end_line < 0 || p.col < 0 || p.end_col < 0) return;
  if (p.line != lineno) return;
  int truncation = chars_in(line, static_cast<int>(a));
  int start = chars_in(line, p.col);
  int end = chars_in(line, p.end_col);
  int left = -1, right = -1;
  if (p.line == p.end_line) {
    if (static_cast<size_t>(p.end_col) <= line.size() && p.col <= p.end_col) {
      std::string seg = line.substr(static_cast<size_t>(p.col), static_cast<size_t>(p.end_col - p.col));
      if (anchors(seg, &left, &right)) {
        left += start;
        right += start;
      } else {
        left = right = -1;
      }
    }
  } else {
    end = chars_in(line, static_cast<int>(b));
  }
  bool special = left != -1 || right != -1;
  if (end - start == char_len(stripped) && !special) return;
  out += "    ";
  for (int off = truncation + 1; off <= end; off++) {
    if (off <= start) out += " ";
    else if (special && left < off && off <= right) out += "^";
    else out += special ? "~" : "^";
  }
  out += "\n";
}

void print_tb(std::string& out, PyObject* tbobj, long limit);

// sys.tracebacklimit as CPython reads it: the number of innermost entries to
// show (LONG_MAX when unset, not an int, or too large; <= 0: no traceback).
long traceback_limit() {
  PyObject* v = PySys_GetObject("tracebacklimit");  // borrowed
  if (!v || !PyLong_Check(v)) return LONG_MAX;
  int overflow = 0;
  long limit = PyLong_AsLongAndOverflow(v, &overflow);
  if (overflow > 0) return LONG_MAX;
  if (overflow < 0) return 0;
  return limit;
}

// "Traceback (most recent call last):" and the entries, if sys.tracebacklimit allows any.
void print_tb_block(std::string& out, PyObject* tbobj) {
  long limit = traceback_limit();
  if (limit <= 0) return;
  out += "Traceback (most recent call last):\n";
  print_tb(out, tbobj, limit);
}

void print_tb(std::string& out, PyObject* tbobj, long limit) {
  auto* tb = reinterpret_cast<PyTracebackObject*>(tbobj);
  long depth = 0;
  for (auto* t = tb; t; t = t->tb_next) depth++;
  for (; tb && depth > limit; tb = tb->tb_next) depth--;  // only the innermost `limit`
  std::string last_file, last_name;
  int last_line = -1, count = 0;
  auto flush_repeat = [&]() {
    if (count > 3) {
      int n = count - 3;
      out += "  [Previous line repeated " + std::to_string(n) + " more time" + (n > 1 ? "s" : "") + "]\n";
    }
  };
  for (; tb; tb = tb->tb_next) {
    PyCodeObject* co = PyFrame_GetCode(tb->tb_frame);
    std::string file = to_utf8(co->co_filename), name = to_utf8(co->co_name);
    Py_DECREF(co);
    int lineno = traceback_lineno(tb);
    if (file != last_file || lineno != last_line || name != last_name) {
      flush_repeat();
      last_file = file;
      last_line = lineno;
      last_name = name;
      count = 0;
    }
    if (++count > 3) continue;
    display_entry(out, tb);
  }
  flush_repeat();
}

// "module.Qualname: message" (module omitted for builtins and __main__).
void exception_line(std::string& out, PyObject* value) {
  PyObject* type = reinterpret_cast<PyObject*>(Py_TYPE(value));
  PyObject* mod = PyObject_GetAttrString(type, "__module__");
  if (!mod) PyErr_Clear();
  std::string m = mod && PyUnicode_Check(mod) ? to_utf8(mod) : "<unknown>";
  Py_XDECREF(mod);
  PyObject* qn = PyObject_GetAttrString(type, "__qualname__");
  if (!qn) PyErr_Clear();
  std::string q = qn ? to_utf8(qn) : Py_TYPE(value)->tp_name;
  Py_XDECREF(qn);
  if (m != "builtins" && m != "__main__") out += m + ".";
  out += q;
  PyObject* s = PyObject_Str(value);
  if (!s) {
    PyErr_Clear();
    out += ": <exception str() failed>";
  } else {
    std::string msg = to_utf8(s);
    Py_DECREF(s);
    if (!msg.empty()) out += ": " + msg;
  }
  // The suggestion follows whatever the message was (even a failed str()).
  if (PyObject* hint = krait::interp::offer_suggestions(value)) {
    PyObject* r = PyObject_Repr(hint);
    if (r) {
      out += ". Did you mean: " + to_utf8(r) + "?";
      Py_DECREF(r);
    } else {
      PyErr_Clear();
    }
    Py_DECREF(hint);
  }
  out += "\n";
}

void syntax_error_block(std::string& out, PyObject* value) {
  auto attr = [&](const char* n) {
    PyObject* v = PyObject_GetAttrString(value, n);
    if (!v) PyErr_Clear();
    return v;
  };
  PyObject* filename = attr("filename");
  PyObject* lineno = attr("lineno");
  PyObject* text = attr("text");
  PyObject* offset = attr("offset");
  PyObject* end_offset = attr("end_offset");
  PyObject* end_lineno = attr("end_lineno");
  if (filename && filename != Py_None && lineno && PyLong_Check(lineno)) {
    out += "  File \"" + to_utf8(PyObject_Str(filename)) + "\", line " + std::to_string(PyLong_AsLong(lineno)) + "\n";
    if (text && PyUnicode_Check(text)) {
      std::string t = to_utf8(text);
      size_t a = 0;
      while (a < t.size() && is_ws(t[a]) && t[a] != '\n') a++;
      size_t b = t.size();
      while (b > a && (t[b - 1] == '\n' || t[b - 1] == '\r')) b--;
      std::string stripped = t.substr(a, b - a);
      out += "    " + stripped + "\n";
      long off = offset && PyLong_Check(offset) ? PyLong_AsLong(offset) : -1;
      long ws = chars_in(t, static_cast<int>(a));
      long col = off - 1 - ws;
      // No caret when the offset points left of the stripped text (into the indentation).
      if (off > 0 && col >= 0) {
        long eoff = end_offset && PyLong_Check(end_offset) ? PyLong_AsLong(end_offset) : -1;
        long eline = end_lineno && PyLong_Check(end_lineno) ? PyLong_AsLong(end_lineno) : -1;
        long len = char_len(stripped);
        long ecol = col + 1;
        if (eline > PyLong_AsLong(lineno)) ecol = len;  // the span continues: to the end of the line
        else if (eoff > off) ecol = eoff - 1 - ws;
        // IndentationError (and TabError) always get a single caret.
        if (PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(PyExc_IndentationError))) ecol = col + 1;
        if (col > len) col = len;
        // An end past the text stops at its end, counting a trailing newline (as CPython).
        long maxe = len + (b < t.size() ? 1 : 0);
        if (ecol > maxe) ecol = maxe;
        if (ecol <= col) ecol = col + 1;
        out += "    " + std::string(static_cast<size_t>(col), ' ') + std::string(static_cast<size_t>(ecol - col), '^') + "\n";
      }
    }
  }
  Py_XDECREF(filename);
  Py_XDECREF(lineno);
  Py_XDECREF(text);
  Py_XDECREF(offset);
  Py_XDECREF(end_offset);
  Py_XDECREF(end_lineno);
  PyObject* msg = attr("msg");
  out += Py_TYPE(value)->tp_name;
  if (msg && msg != Py_None) {
    PyObject* s = PyObject_Str(msg);
    if (s) {
      out += ": " + to_utf8(s);
      Py_DECREF(s);
    } else {
      PyErr_Clear();
    }
  }
  Py_XDECREF(msg);
  out += "\n";
}

void print_exception_recursive(std::string& out, PyObject* value, std::set<PyObject*>& seen) {
  seen.insert(value);
  if (PyExceptionInstance_Check(value)) {
    PyObject* cause = PyException_GetCause(value);
    PyObject* context = PyException_GetContext(value);
    bool suppress = reinterpret_cast<PyBaseExceptionObject*>(value)->suppress_context;
    if (cause && cause != Py_None && !seen.count(cause)) {
      print_exception_recursive(out, cause, seen);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (context && context != Py_None && !suppress && !seen.count(context)) {
      print_exception_recursive(out, context, seen);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
    Py_XDECREF(cause);
    Py_XDECREF(context);
  }
  PyObject* tb = PyExceptionInstance_Check(value) ? PyException_GetTraceback(value) : nullptr;
  if (tb && tb != Py_None) print_tb_block(out, tb);
  Py_XDECREF(tb);
  if (PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(PyExc_SyntaxError)))
    syntax_error_block(out, value);
  else
    exception_line(out, value);
}

void write_stderr(const std::string& s) {
  PyObject* err = PySys_GetObject("stderr");
  if (err && err != Py_None) {
    PyObject* str = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
    if (str) {
      PyObject* r = PyObject_CallMethod(err, "write", "O", str);
      Py_DECREF(str);
      if (r) {
        Py_DECREF(r);
        PyObject* f = PyObject_CallMethod(err, "flush", nullptr);
        Py_XDECREF(f);
        PyErr_Clear();
        return;
      }
    }
    PyErr_Clear();
  }
  fwrite(s.data(), 1, s.size(), stderr);
  fflush(stderr);
}

}  // namespace

std::string format_exception(PyObject* value) {
  std::string out;
  std::set<PyObject*> seen;
  print_exception_recursive(out, value, seen);
  return out;
}

}  // namespace krait::interp

extern "C" {

void PyErr_Display(PyObject* type, PyObject* value, PyObject* tb) {
  if (!value || value == Py_None) return;
  if (!PyExceptionInstance_Check(value)) {  // e.g. sys.excepthook(1, '1', 1): CPython's complaint
    krait::interp::write_stderr(std::string("TypeError: print_exception(): Exception expected for value, ") +
                                Py_TYPE(value)->tp_name + " found\n");
    return;
  }
  if (tb && tb != Py_None && PyExceptionInstance_Check(value)) {
    PyObject* cur = PyException_GetTraceback(value);
    if (!cur) PyException_SetTraceback(value, tb);
    Py_XDECREF(cur);
  }
  krait::interp::write_stderr(krait::interp::format_exception(value));
}

void PyErr_PrintEx(int set_sys_last_vars) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  if (!type) return;
  PyErr_NormalizeException(&type, &value, &tb);
  if (tb && value) PyException_SetTraceback(value, tb);
  if (set_sys_last_vars) {
    PySys_SetObject("last_type", type);
    PySys_SetObject("last_value", value);
    PySys_SetObject("last_traceback", tb ? tb : Py_None);
    PyErr_Clear();
  }
  PyErr_Display(type, value, tb);
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
}

void PyErr_Print(void) { PyErr_PrintEx(1); }

int PyTraceBack_Print(PyObject* tb, PyObject* file) {
  if (!tb || !PyTraceBack_Check(tb)) {
    PyErr_BadInternalCall();
    return -1;
  }
  std::string out;
  krait::interp::print_tb_block(out, tb);
  PyObject* s = PyUnicode_FromStringAndSize(out.data(), static_cast<Py_ssize_t>(out.size()));
  if (!s) return -1;
  PyObject* r = PyObject_CallMethod(file, "write", "O", s);
  Py_DECREF(s);
  if (!r) return -1;
  Py_DECREF(r);
  return 0;
}

}  // extern "C"
