// sre.h — shared declarations of the `_sre` module (the engine behind `re`).
//
// sre_engine.cpp executes the code that re/_compiler.py produces; sre_module.cpp
// holds the module functions and the Pattern type; sre_match.cpp the Match and
// Scanner types. The code format (opcodes, skips, charset layouts) is described
// by re/_constants.py and re/_compiler.py of CPython 3.11.
#pragma once
#include <Python.h>

#include <cstdint>
#include <vector>

namespace krait::sre {

using Code = uint32_t;
constexpr Code kMaxRepeat = 0xFFFFFFFFu;
constexpr Py_ssize_t kMaxGroups = 0x3FFFFFFF;
constexpr long kMagic = 20220615;

// Opcodes, in re/_constants.py's order.
enum Op : Code {
  FAILURE, SUCCESS, ANY, ANY_ALL, ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CHARSET,
  BIGCHARSET, GROUPREF, GROUPREF_EXISTS, IN, INFO, JUMP, LITERAL, MARK, MAX_UNTIL,
  MIN_UNTIL, NOT_LITERAL, NEGATE, RANGE, REPEAT, REPEAT_ONE, SUBPATTERN, MIN_REPEAT_ONE,
  ATOMIC_GROUP, POSSESSIVE_REPEAT, POSSESSIVE_REPEAT_ONE, GROUPREF_IGNORE, IN_IGNORE,
  LITERAL_IGNORE, NOT_LITERAL_IGNORE, GROUPREF_LOC_IGNORE, IN_LOC_IGNORE,
  LITERAL_LOC_IGNORE, NOT_LITERAL_LOC_IGNORE, GROUPREF_UNI_IGNORE, IN_UNI_IGNORE,
  LITERAL_UNI_IGNORE, NOT_LITERAL_UNI_IGNORE, RANGE_UNI_IGNORE,
};

enum AtCode : Code {
  AT_BEGINNING, AT_BEGINNING_LINE, AT_BEGINNING_STRING, AT_BOUNDARY, AT_NON_BOUNDARY,
  AT_END, AT_END_LINE, AT_END_STRING, AT_LOC_BOUNDARY, AT_LOC_NON_BOUNDARY,
  AT_UNI_BOUNDARY, AT_UNI_NON_BOUNDARY,
};

enum ChCode : Code {
  CAT_DIGIT, CAT_NOT_DIGIT, CAT_SPACE, CAT_NOT_SPACE, CAT_WORD, CAT_NOT_WORD,
  CAT_LINEBREAK, CAT_NOT_LINEBREAK, CAT_LOC_WORD, CAT_LOC_NOT_WORD, CAT_UNI_DIGIT,
  CAT_UNI_NOT_DIGIT, CAT_UNI_SPACE, CAT_UNI_NOT_SPACE, CAT_UNI_WORD, CAT_UNI_NOT_WORD,
  CAT_UNI_LINEBREAK, CAT_UNI_NOT_LINEBREAK,
};

constexpr long FLAG_IGNORECASE = 2, FLAG_LOCALE = 4, FLAG_UNICODE = 32;
constexpr Code INFO_PREFIX = 1, INFO_LITERAL = 2, INFO_CHARSET = 4;

// Case helpers with CPython's _sre semantics.
uint32_t lower_ascii(uint32_t ch);
uint32_t lower_unicode(uint32_t ch);
uint32_t upper_unicode(uint32_t ch);
uint32_t lower_locale(uint32_t ch);
uint32_t upper_locale(uint32_t ch);

// Everything one match/search needs: the subject string, the bounds and the
// resulting marks. Marks are character offsets; -1 means unset.
struct State {
  const void* data = nullptr;
  int charsize = 1;          // 1, 2 or 4 bytes per character
  Py_ssize_t length = 0;     // whole subject length
  Py_ssize_t pos = 0;        // clamped start bound
  Py_ssize_t endpos = 0;     // clamped end bound
  Py_ssize_t start = 0;      // where the next attempt starts
  bool match_all = false;    // fullmatch: SUCCESS only at endpos
  bool must_advance = false; // an empty match at `start` is refused
  // Results.
  Py_ssize_t match_start = 0, match_end = 0;
  std::vector<Py_ssize_t> marks;
  Py_ssize_t lastmark = -1;
  Py_ssize_t lastindex = -1;
};

// Returns 1 on a match, 0 on none, -1 with an exception set.
int sre_match(State& st, const Code* code, size_t ncode);
int sre_search(State& st, const Code* code, size_t ncode);

struct PatternObject {
  PyObject_HEAD
  Py_ssize_t groups;      // number of capturing groups
  PyObject* groupindex;   // dict name -> index
  PyObject* indexgroup;   // tuple index -> name or None
  PyObject* pattern;      // str, bytes or None
  long flags;
  int isbytes;            // 1 bytes, 0 str, -1 unknown (pattern None)
  PyObject* weakreflist;
  Py_ssize_t codesize;
  Code* code;
};

struct MatchObject {
  PyObject_HEAD
  PyObject* string;       // the subject object
  PyObject* regs;         // cached regs tuple or nullptr
  PatternObject* pattern;
  Py_ssize_t pos, endpos;
  Py_ssize_t lastindex;
  Py_ssize_t groups;      // including group 0
  Py_ssize_t* mark;       // 2 * groups offsets, -1 unset
};

struct ScannerObject {
  PyObject_HEAD
  PatternObject* pattern;
  PyObject* string;
  Py_buffer view;         // held for bytes-like subjects
  bool has_view;
  bool exhausted;
  State* state;
};

extern PyTypeObject Pattern_Type, Match_Type, Scanner_Type;

// Prepares st for `string` (str or bytes-like); fills *view when a buffer was
// taken (caller releases it). Returns -1 with an exception on type errors.
int state_init(State& st, PatternObject* p, PyObject* string, Py_ssize_t pos,
               Py_ssize_t endpos, Py_buffer* view, bool* has_view);
// Resets marks before another attempt.
void state_reset(State& st, PatternObject* p);
// A new Match from the result held by st.
PyObject* new_match(PatternObject* p, State& st, PyObject* string);
// The slice [i, j) of the subject as str or bytes.
PyObject* get_slice(bool isbytes, const State& st, PyObject* string, Py_ssize_t i, Py_ssize_t j);
// The group's slice or `def` (new reference) when unset.
PyObject* state_group(const State& st, bool isbytes, PyObject* string, Py_ssize_t g, PyObject* def);
// Calls re.<name>(*args).
PyObject* call_re(const char* name, PyObject* args);

PyObject* scanner_new(PatternObject* p, PyObject* string, Py_ssize_t pos, Py_ssize_t endpos);

}  // namespace krait::sre
