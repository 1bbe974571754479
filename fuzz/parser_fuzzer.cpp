// parser_fuzzer.cpp — libFuzzer target for Krait's front end.
//
// Feeds arbitrary bytes to krait::parser::parse in all four modes (the first input byte
// selects the mode and the incomplete-input flag; the rest is the source) and, when
// parsing succeeds, dumps the tree, so the tokenizer, the parser, the string/f-string
// decoder and ast_dump are all exercised.  Everything must terminate without a crash,
// a sanitizer report, a leak or a C stack overflow — deep nesting must end in a
// SyntaxError/"too many nested parentheses" like CPython, never in recursion.
// Build and run: make -C fuzz (see fuzz/Makefile).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser/ast_dump.h"
#include "parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace krait::parser;
  if (size == 0) return 0;
  uint8_t sel = data[0];
  static constexpr Mode kModes[] = {Mode::Exec, Mode::Eval, Mode::Single, Mode::FuncType};
  // Mostly Exec, since that is what the seed corpus (files) is written for.
  Mode mode = (sel & 0xC0) ? Mode::Exec : kModes[sel & 3];
  unsigned flags = (sel & 0x20) ? kFlagAllowIncompleteInput : kFlagNone;
  std::string_view src(reinterpret_cast<const char*>(data + 1), size - 1);
  krait::ast::Arena arena;
  ParseResult r = parse(src, "<fuzz>", mode, flags, arena);
  if (r.ok()) {
    std::string out = krait::ast::dump(r.mod, true);
    if (out.empty()) __builtin_trap();
  } else if (!r.error) {
    __builtin_trap();  // neither a tree nor an error
  }
  return 0;
}
