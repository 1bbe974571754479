// opcodes.h — the Krait instruction set as C++ data, generated from opcodes.def.
//
// Encoding: co_code is an array of 32-bit code units. An instruction is one
// unit, `op | arg << 8` (8-bit opcode, 24-bit operand), followed by
// kOpInfo[op].cache inline-cache units. Jump operands are absolute unit
// indices. Why 32-bit units and not CPython's 16: see docs/internals/bytecode.md.
#pragma once
#include <cstdint>

namespace krait::bytecode {

using CodeUnit = uint32_t;

enum class Operand : uint8_t { None, Const, Name, Local, Jump, Count, Imm };

enum OpFlags : uint8_t {
  F_JUMP = 1,    // operand is a jump target
  F_NOFALL = 2,  // never continues with the next instruction
  F_PSEUDO = 4,  // compiler-only; never appears in co_code
  F_CALL = 8,    // may run arbitrary Python code
};

enum class Op : uint8_t {
#define KRAIT_OPCODE(name, operand, effect, jeffect, flags, cache) name,
#include "bytecode/opcodes.def"
  kCount
};
inline constexpr int kNumOps = static_cast<int>(Op::kCount);
static_assert(kNumOps <= 256, "opcodes must fit in 8 bits");

struct OpInfo {
  const char* name;
  Operand operand;
  uint8_t flags;
  uint8_t cache;  // inline cache units following the instruction
};

inline constexpr OpInfo kOpInfo[] = {
#define KRAIT_OPCODE(name, operand, effect, jeffect, flags, cache) \
  {#name, Operand::operand, static_cast<uint8_t>(flags), cache},
#include "bytecode/opcodes.def"
};

// Net stack effect of `op` with operand `arg`; `jump` selects the effect on
// the taken branch of a jump (and the handler entry of a SETUP_*).
constexpr int stack_effect(Op op, uint32_t arg, bool jump) {
  switch (op) {
#define KRAIT_OPCODE(name, operand, effect, jeffect, flags, cache) \
  case Op::name:                                                   \
    return jump ? (jeffect) : (effect);
#include "bytecode/opcodes.def"
    default:
      return 0;
  }
}

inline constexpr const OpInfo& info(Op op) { return kOpInfo[static_cast<int>(op)]; }
inline constexpr int size_of(Op op) { return 1 + info(op).cache; }  // in code units

inline constexpr uint32_t kMaxArg = (1u << 24) - 1;
inline constexpr CodeUnit encode(Op op, uint32_t arg) {
  return static_cast<CodeUnit>(op) | (arg << 8);
}
inline constexpr Op op_of(CodeUnit u) { return static_cast<Op>(u & 0xFF); }
inline constexpr uint32_t arg_of(CodeUnit u) { return u >> 8; }
// LOAD_GLOBAL's operand bit "push NULL first"; the name index is below it.
constexpr uint32_t kLoadGlobalPushNull = 1u << 23;
// The co_names index in an instruction's operand (LOAD_GLOBAL keeps a flag above it).
inline constexpr uint32_t name_index(Op op, uint32_t arg) {
  return op == Op::LOAD_GLOBAL ? arg & (kLoadGlobalPushNull - 1) : arg;
}

// BINARY_OP operands. The order matches CPython's NB_* numbering (opcode.py
// `_nb_ops`) so that `dis`-style tools can share the names.
enum class BinaryOp : uint8_t {
  Add, And, FloorDivide, Lshift, MatrixMultiply, Multiply, Remainder, Or,
  Power, Rshift, Subtract, TrueDivide, Xor,
  InplaceAdd, InplaceAnd, InplaceFloorDivide, InplaceLshift,
  InplaceMatrixMultiply, InplaceMultiply, InplaceRemainder, InplaceOr,
  InplacePower, InplaceRshift, InplaceSubtract, InplaceTrueDivide, InplaceXor,
};
inline constexpr int kInplaceOffset = static_cast<int>(BinaryOp::InplaceAdd);
const char* binary_op_symbol(uint32_t arg);  // "+", "+=", ...

// MAKE_FUNCTION flag bits.
enum MakeFunctionFlags : uint32_t {
  MF_DEFAULTS = 1, MF_KWDEFAULTS = 2, MF_ANNOTATIONS = 4, MF_CLOSURE = 8,
};

// FORMAT_VALUE operand bits.
enum FormatFlags : uint32_t {
  FV_CONV_MASK = 3, FV_STR = 1, FV_REPR = 2, FV_ASCII = 3, FV_HAVE_SPEC = 4,
};

}  // namespace krait::bytecode
