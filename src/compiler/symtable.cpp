// symtable.cpp — builds scopes from the AST and resolves every name.
//
// Two steps, as in CPython: a walk that records, per scope, how each name is
// used (SymFlags), then `analyze`, which decides local / cell / free / global
// top-down (what enclosing functions bind) and bottom-up (what children need
// from us as cells).
#include "compiler/symtable.h"

#include <set>

namespace krait::compiler {

using namespace krait::ast;

std::string mangle(const std::string& cls, const std::string& name) {
  if (cls.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
  if (name.ends_with("__")) return name;  // __dunder__ (and "___"): not private
  if (name.find('.') != std::string::npos) return name;       // dotted import name
  size_t i = 0;
  while (i < cls.size() && cls[i] == '_') i++;
  if (i == cls.size()) return name;  // class name is all underscores
  return "_" + cls.substr(i) + name;
}

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable& t, SymtableError& e) : t_(t), err_(e) {}

  bool run(Mod* mod) {
    Scope* s = enter(ScopeKind::Module, "top", mod, 1);
    t_.top_ = s;
    if (auto* m = as<Module>(mod)) stmts(m->body);
    else if (auto* m2 = as<Interactive>(mod)) stmts(m2->body);
    else if (auto* m3 = as<Expression>(mod)) expr_(m3->body);
    leave();
    if (failed_) return false;
    std::set<std::string> none;
    analyze(s, none, none);
    return !failed_;
  }

 private:
  SymbolTable& t_;
  SymtableError& err_;
  Scope* cur_ = nullptr;
  std::vector<std::string> class_names_;  // for private-name mangling
  bool failed_ = false;

  Scope* enter(ScopeKind k, std::string name, const void* node, int lineno) {
    auto s = std::make_unique<Scope>();
    s->kind = k;
    s->name = std::move(name);
    s->node = node;
    s->parent = cur_;
    s->lineno = lineno;
    // As CPython (bpo-37757): no assignment expression anywhere inside a comprehension's
    // iterable, even in a nested lambda or comprehension.
    if (cur_) s->comp_iter_expr = cur_->comp_iter_expr;
    Scope* p = s.get();
    if (cur_) cur_->children.push_back(p);
    t_.by_node_[node] = p;
    t_.scopes_.push_back(std::move(s));
    cur_ = p;
    return p;
  }
  void leave() { cur_ = cur_->parent; }

  // 'yield' inside list comprehension (etc.): a SyntaxError since 3.8.
  bool yield_in_comprehension(const expr* e) {
    if (cur_->kind != ScopeKind::Comprehension) return false;
    auto k = static_cast<const expr*>(cur_->node)->kind;
    const char* what = k == expr_kind::ListComp  ? "list comprehension"
                       : k == expr_kind::SetComp ? "set comprehension"
                       : k == expr_kind::DictComp ? "dict comprehension"
                                                  : "generator expression";
    error(std::string("'yield' inside ") + what, e);
    return true;
  }

  void error(const std::string& msg, const Located* at) {
    if (failed_) return;
    failed_ = true;
    err_.msg = msg;
    if (at) {
      err_.lineno = at->lineno;
      err_.col = at->col_offset;
      err_.end_lineno = at->end_lineno;
      err_.end_col = at->end_col_offset;
    }
  }

  std::string mangled(std::string_view n) {
    return mangle(class_names_.empty() ? std::string() : class_names_.back(), std::string(n));
  }

  void add(std::string_view raw, unsigned flag, const Located* at = nullptr) {
    std::string n = mangled(raw);
    unsigned& f = cur_->sym(n);
    if ((flag & (kDefLocal | kDefParam)) && (f & kDefGlobal) && (flag & kDefParam))
      error("name '" + n + "' is parameter and global", at);
    if (flag & kDefParam) {
      if (f & kDefParam) error("duplicate argument '" + n + "' in function definition", at);
      cur_->varnames.push_back(n);
    }
    if ((flag & kDefLocal) && cur_->comp_iter_target) {
      // An earlier walrus in this comprehension made the name non-local to it.
      if (cur_->kind == ScopeKind::Comprehension && (f & (kDefNonlocal | kDefGlobal)))
        error("comprehension inner loop cannot rebind assignment expression target '" + n + "'", at);
      cur_->comp_iter[n] = true;
    }
    f |= flag;
  }

  // -- Statements ------------------------------------------------------------------
  void stmts(const Seq<stmt*>& body) {
    for (stmt* s : body) statement(s);
  }

  void arguments_defaults(arguments* a) {
    for (expr* e : a->defaults) expr_(e);
    for (expr* e : a->kw_defaults)
      if (e) expr_(e);
  }
  void annotations(arguments* a, expr* returns) {
    auto ann = [&](arg* x) {
      if (x && x->annotation) expr_(x->annotation);
    };
    for (arg* x : a->posonlyargs) ann(x);
    for (arg* x : a->args) ann(x);
    ann(a->vararg);
    for (arg* x : a->kwonlyargs) ann(x);
    ann(a->kwarg);
    if (returns) expr_(returns);
  }
  void params(arguments* a) {
    for (arg* x : a->posonlyargs) add(x->arg, kDefParam, x);
    for (arg* x : a->args) add(x->arg, kDefParam, x);
    for (arg* x : a->kwonlyargs) add(x->arg, kDefParam, x);
    if (a->vararg) {
      add(a->vararg->arg, kDefParam, a->vararg);
      cur_->has_varargs = true;
    }
    if (a->kwarg) {
      add(a->kwarg->arg, kDefParam, a->kwarg);
      cur_->has_varkeywords = true;
    }
  }

  void function(stmt* s, std::string_view name, arguments* args, const Seq<stmt*>& body,
                const Seq<expr*>& decorators, expr* returns, bool is_async) {
    add(name, kDefLocal, s);  // CPython's order: defaults, annotations, decorators
    arguments_defaults(args);
    annotations(args, returns);
    for (expr* d : decorators) expr_(d);
    enter(ScopeKind::Function, std::string(name), s, s->lineno);
    cur_->is_coroutine = is_async;
    params(args);
    stmts(body);
    leave();
  }

  // Deep ASTs stop with RecursionError before the C stack runs out.
  int depth_ = 0;
  struct Depth {
    int& d;
    explicit Depth(int& depth) : d(++depth) {}
    ~Depth() { --d; }
  };
  bool too_deep() {
    if (depth_ <= kMaxCompileDepth) return false;
    if (!failed_) {
      failed_ = true;
      err_.recursion = true;
      err_.msg = "maximum recursion depth exceeded during compilation";
    }
    return true;
  }

  void statement(stmt* s) {
    Depth depth(depth_);
    if (too_deep()) return;
    switch (s->kind) {
      case stmt_kind::FunctionDef: {
        auto* f = static_cast<FunctionDef*>(s);
        function(s, f->name, f->args, f->body, f->decorator_list, f->returns, false);
        break;
      }
      case stmt_kind::AsyncFunctionDef: {
        auto* f = static_cast<AsyncFunctionDef*>(s);
        function(s, f->name, f->args, f->body, f->decorator_list, f->returns, true);
        break;
      }
      case stmt_kind::ClassDef: {
        auto* c = static_cast<ClassDef*>(s);
        add(c->name, kDefLocal, s);
        for (expr* e : c->bases) expr_(e);
        for (keyword* k : c->keywords) expr_(k->value);
        for (expr* d : c->decorator_list) expr_(d);
        enter(ScopeKind::Class, std::string(c->name), s, s->lineno);
        class_names_.emplace_back(c->name);
        stmts(c->body);
        class_names_.pop_back();
        leave();
        break;
      }
      case stmt_kind::Return: {
        auto* r = static_cast<Return*>(s);
        if (r->value) expr_(r->value);
        break;
      }
      case stmt_kind::Delete:
        for (expr* e : static_cast<Delete*>(s)->targets) expr_(e);
        break;
      case stmt_kind::Assign: {
        auto* a = static_cast<Assign*>(s);
        for (expr* e : a->targets) expr_(e);
        expr_(a->value);
        break;
      }
      case stmt_kind::AugAssign: {
        auto* a = static_cast<AugAssign*>(s);
        expr_(a->target);  // a Store: CPython records no use of the name
        expr_(a->value);
        break;
      }
      case stmt_kind::AnnAssign: {
        auto* a = static_cast<AnnAssign*>(s);
        if (auto* nm = a->target->kind == expr_kind::Name ? static_cast<Name*>(a->target) : nullptr) {
          std::string n = mangled(nm->id);
          unsigned f = cur_->symbols.count(n) ? cur_->symbols[n] : 0;
          // A module-level `global x` followed by `x: int` is fine (CPython checks other scopes).
          if ((f & (kDefGlobal | kDefNonlocal)) && cur_->kind != ScopeKind::Module && a->simple) {
            error("annotated name '" + n + "' can't be " + ((f & kDefGlobal) ? "global" : "nonlocal"), s);
            break;
          }
          if (a->simple) cur_->sym(n) |= kDefAnnot;
          // `(x): int` without a value neither binds nor uses x (CPython's symtable).
          if (a->simple || a->value) expr_(a->target);
        } else {
          expr_(a->target);
        }
        // Visited in every scope, as CPython does: a function's annotation can make a cell.
        expr_(a->annotation);
        if (a->value) expr_(a->value);
        break;
      }
      case stmt_kind::For:
      case stmt_kind::AsyncFor: {
        auto* f = static_cast<For*>(s);  // same field layout as AsyncFor
        if (s->kind == stmt_kind::AsyncFor) {
          auto* af = static_cast<AsyncFor*>(s);
          expr_(af->target); expr_(af->iter); stmts(af->body); stmts(af->orelse);
        } else {
          expr_(f->target); expr_(f->iter); stmts(f->body); stmts(f->orelse);
        }
        break;
      }
      case stmt_kind::While: {
        auto* w = static_cast<While*>(s);
        expr_(w->test); stmts(w->body); stmts(w->orelse);
        break;
      }
      case stmt_kind::If: {
        auto* i = static_cast<If*>(s);
        expr_(i->test); stmts(i->body); stmts(i->orelse);
        break;
      }
      case stmt_kind::With:
      case stmt_kind::AsyncWith: {
        const Seq<withitem*>& items = s->kind == stmt_kind::With ? static_cast<With*>(s)->items
                                                                 : static_cast<AsyncWith*>(s)->items;
        for (withitem* w : items) {
          expr_(w->context_expr);
          if (w->optional_vars) expr_(w->optional_vars);
        }
        stmts(s->kind == stmt_kind::With ? static_cast<With*>(s)->body
                                         : static_cast<AsyncWith*>(s)->body);
        break;
      }
      case stmt_kind::Match: {
        auto* m = static_cast<Match*>(s);
        expr_(m->subject);
        for (match_case* c : m->cases) {
          pattern_(c->pattern);
          if (c->guard) expr_(c->guard);
          stmts(c->body);
        }
        break;
      }
      case stmt_kind::Raise: {
        auto* r = static_cast<Raise*>(s);
        if (r->exc) expr_(r->exc);
        if (r->cause) expr_(r->cause);
        break;
      }
      case stmt_kind::Try:
      case stmt_kind::TryStar: {
        auto* t = static_cast<Try*>(s);
        const Seq<stmt*>& body = s->kind == stmt_kind::Try ? t->body : static_cast<TryStar*>(s)->body;
        const Seq<excepthandler*>& hs = s->kind == stmt_kind::Try ? t->handlers : static_cast<TryStar*>(s)->handlers;
        const Seq<stmt*>& orelse = s->kind == stmt_kind::Try ? t->orelse : static_cast<TryStar*>(s)->orelse;
        const Seq<stmt*>& fin = s->kind == stmt_kind::Try ? t->finalbody : static_cast<TryStar*>(s)->finalbody;
        stmts(body);
        for (excepthandler* h0 : hs) {
          auto* h = static_cast<ExceptHandler*>(h0);
          if (h->type) expr_(h->type);
          if (h->name.data()) add(h->name, kDefLocal, h);
          stmts(h->body);
        }
        stmts(orelse);
        stmts(fin);
        break;
      }
      case stmt_kind::Assert: {
        auto* a = static_cast<Assert*>(s);
        expr_(a->test);
        if (a->msg) expr_(a->msg);
        break;
      }
      case stmt_kind::Import:
      case stmt_kind::ImportFrom: {
        const Seq<alias*>& names = s->kind == stmt_kind::Import ? static_cast<Import*>(s)->names
                                                                : static_cast<ImportFrom*>(s)->names;
        for (alias* a : names) {
          std::string_view n = a->asname.data() ? a->asname : a->name;
          if (n == "*") {
            if (cur_->kind != ScopeKind::Module) error("import * only allowed at module level", a);
            continue;
          }
          if (!a->asname.data()) {
            size_t dot = n.find('.');
            if (dot != std::string_view::npos) n = n.substr(0, dot);
          }
          add(n, kDefImport, a);  // binds, but is not an assignment (`import x; global x` is legal)
        }
        break;
      }
      case stmt_kind::Global:
      case stmt_kind::Nonlocal: {
        bool global = s->kind == stmt_kind::Global;
        const Seq<Identifier>& names = global ? static_cast<Global*>(s)->names : static_cast<Nonlocal*>(s)->names;
        for (Identifier id : names) {
          std::string n = mangled(id);
          unsigned f = cur_->symbols.count(n) ? cur_->symbols[n] : 0;
          const char* what = global ? "global" : "nonlocal";
          if (f & kDefParam) {
            error("name '" + n + "' is parameter and " + what, s);
          } else if (!global && cur_->kind == ScopeKind::Module) {
            error("nonlocal declaration not allowed at module level", s);
          } else if (f & kUse) {
            error("name '" + n + "' is used prior to " + what + " declaration", s);
          } else if (f & kDefAnnot) {
            error("annotated name '" + n + "' can't be " + what, s);
          } else if (f & kDefLocal) {
            error("name '" + n + "' is assigned to before " + what + " declaration", s);
          }
          cur_->sym(n) |= global ? kDefGlobal : kDefNonlocal;
          // CPython's symtable also marks the name global in the module's table, so module-level
          // code then uses LOAD_GLOBAL/STORE_GLOBAL for it (visible with exec(code, g, l)).
          if (global && t_.top_ && t_.top_ != cur_) t_.top_->sym(n) |= kDefGlobal;
          // The first global/nonlocal directive for the name locates later analysis errors.
          if (!cur_->nonlocal_at.count(n))
            cur_->nonlocal_at[n] = {s->lineno, s->col_offset, s->end_lineno, s->end_col_offset};
        }
        break;
      }
      case stmt_kind::Expr:
        expr_(static_cast<Expr*>(s)->value);
        break;
      default:
        break;
    }
  }

  // -- Expressions ---------------------------------------------------------------------
  void exprs(const Seq<expr*>& es) {
    for (expr* e : es) expr_(e);
  }

  void comprehension(expr* e, const Seq<ast::comprehension*>& gens, expr* elt, expr* value,
                     bool is_generator) {
    // The first iterable is evaluated in the enclosing scope.
    cur_->comp_iter_expr++;
    expr_(gens[0]->iter);
    cur_->comp_iter_expr--;
    const char* name = e->kind == expr_kind::ListComp  ? "listcomp"
                       : e->kind == expr_kind::SetComp ? "setcomp"
                       : e->kind == expr_kind::DictComp ? "dictcomp"
                                                        : "genexpr";
    enter(ScopeKind::Comprehension, name, e, e->lineno);
    cur_->is_generator = is_generator;
    add(".0", kDefParam);
    for (size_t i = 0; i < gens.size(); i++) {
      ast::comprehension* g = gens[i];
      if (g->is_async) cur_->is_coroutine = true;
      cur_->comp_iter_target = true;
      expr_(g->target);
      cur_->comp_iter_target = false;
      if (i > 0) {
        cur_->comp_iter_expr++;
        expr_(g->iter);
        cur_->comp_iter_expr--;
      }
      exprs(g->ifs);
    }
    if (value) expr_(value);
    expr_(elt);
    // A non-generator comprehension that awaits makes its enclosing
    // comprehension await it too (3.11 allows async comprehensions nested in
    // comprehensions; the codegen check then happens at the outermost one).
    bool awaits = cur_->is_coroutine && !is_generator;
    leave();
    if (awaits && cur_->kind == ScopeKind::Comprehension) cur_->is_coroutine = true;
  }

  void expr_(expr* e) {
    Depth depth(depth_);
    if (too_deep()) return;
    switch (e->kind) {
      case expr_kind::BoolOp: exprs(static_cast<BoolOp*>(e)->values); break;
      case expr_kind::NamedExpr: {
        auto* n = static_cast<NamedExpr*>(e);
        if (cur_->comp_iter_expr > 0) {
          error("assignment expression cannot be used in a comprehension iterable expression", e);
          break;
        }
        expr_(n->value);
        auto* target = static_cast<Name*>(n->target);
        if (cur_->kind == ScopeKind::Comprehension) {
          // Binds in the nearest enclosing non-comprehension scope; it may not
          // rebind an iteration variable of any comprehension on the way, nor
          // land in a class body.
          std::string id(target->id);
          Scope* s = cur_;
          for (; s->kind == ScopeKind::Comprehension; s = s->parent) {
            if (s->comp_iter.count(id)) {
              error("assignment expression cannot rebind comprehension iteration variable '" + id + "'",
                    target);
              break;
            }
          }
          if (s->kind == ScopeKind::Comprehension) break;  // the error above
          if (s->kind == ScopeKind::Class) {
            error("assignment expression within a comprehension cannot be used in a class body", target);
            break;
          }
          // As CPython: the comprehension declares the name global (module, or a function
          // that says `global`) or nonlocal; the function binds it, the module only gets the
          // global mark; comprehensions in between pass it through as a free variable.
          if (s->kind == ScopeKind::Module) {
            cur_->sym(id) |= kDefGlobal;
            s->sym(id) |= kDefGlobal;
          } else {
            bool global = s->symbols.count(id) && (s->symbols[id] & kDefGlobal);
            cur_->sym(id) |= global ? kDefGlobal : kDefNonlocal;
            s->sym(id) |= kDefLocal;
          }
          cur_->sym(id) |= kDefLocal;  // the target is also bound here (CPython visits it)
        } else {
          expr_(n->target);
        }
        break;
      }
      case expr_kind::BinOp: {
        auto* b = static_cast<BinOp*>(e);
        expr_(b->left); expr_(b->right);
        break;
      }
      case expr_kind::UnaryOp: expr_(static_cast<UnaryOp*>(e)->operand); break;
      case expr_kind::Lambda: {
        auto* l = static_cast<Lambda*>(e);
        arguments_defaults(l->args);
        enter(ScopeKind::Lambda, "<lambda>", e, e->lineno);
        params(l->args);
        expr_(l->body);
        leave();
        break;
      }
      case expr_kind::IfExp: {
        auto* i = static_cast<IfExp*>(e);
        expr_(i->test); expr_(i->body); expr_(i->orelse);
        break;
      }
      case expr_kind::Dict: {
        auto* d = static_cast<Dict*>(e);
        for (expr* k : d->keys)
          if (k) expr_(k);
        exprs(d->values);
        break;
      }
      case expr_kind::Set: exprs(static_cast<Set*>(e)->elts); break;
      case expr_kind::ListComp: {
        auto* c = static_cast<ListComp*>(e);
        comprehension(e, c->generators, c->elt, nullptr, false);
        break;
      }
      case expr_kind::SetComp: {
        auto* c = static_cast<SetComp*>(e);
        comprehension(e, c->generators, c->elt, nullptr, false);
        break;
      }
      case expr_kind::DictComp: {
        auto* c = static_cast<DictComp*>(e);
        comprehension(e, c->generators, c->key, c->value, false);
        break;
      }
      case expr_kind::GeneratorExp: {
        auto* c = static_cast<GeneratorExp*>(e);
        comprehension(e, c->generators, c->elt, nullptr, true);
        break;
      }
      case expr_kind::Await:
        cur_->is_coroutine = true;
        expr_(static_cast<Await*>(e)->value);
        break;
      case expr_kind::Yield: {
        auto* y = static_cast<Yield*>(e);
        if (yield_in_comprehension(e)) break;
        cur_->is_generator = true;
        if (y->value) expr_(y->value);
        break;
      }
      case expr_kind::YieldFrom:
        if (yield_in_comprehension(e)) break;
        cur_->is_generator = true;
        expr_(static_cast<YieldFrom*>(e)->value);
        break;
      case expr_kind::Compare: {
        auto* c = static_cast<Compare*>(e);
        expr_(c->left); exprs(c->comparators);
        break;
      }
      case expr_kind::Call: {
        auto* c = static_cast<Call*>(e);
        expr_(c->func); exprs(c->args);
        for (keyword* k : c->keywords) expr_(k->value);
        break;
      }
      case expr_kind::FormattedValue: {
        auto* f = static_cast<FormattedValue*>(e);
        expr_(f->value);
        if (f->format_spec) expr_(f->format_spec);
        break;
      }
      case expr_kind::JoinedStr: exprs(static_cast<JoinedStr*>(e)->values); break;
      case expr_kind::Attribute: expr_(static_cast<Attribute*>(e)->value); break;
      case expr_kind::Subscript: {
        auto* s = static_cast<Subscript*>(e);
        expr_(s->value); expr_(s->slice);
        break;
      }
      case expr_kind::Starred: expr_(static_cast<Starred*>(e)->value); break;
      case expr_kind::Name: {
        auto* n = static_cast<Name*>(e);
        add(n->id, n->ctx == expr_context::Load ? kUse : kDefLocal, n);
        // super() needs the implicit __class__ cell of the enclosing class.
        if (n->ctx == expr_context::Load && n->id == "super" &&
            (cur_->kind == ScopeKind::Function || cur_->kind == ScopeKind::Lambda))
          cur_->sym("__class__") |= kUse;
        break;
      }
      case expr_kind::List: exprs(static_cast<List*>(e)->elts); break;
      case expr_kind::Tuple: exprs(static_cast<Tuple*>(e)->elts); break;
      case expr_kind::Slice: {
        auto* s = static_cast<Slice*>(e);
        if (s->lower) expr_(s->lower);
        if (s->upper) expr_(s->upper);
        if (s->step) expr_(s->step);
        break;
      }
      default:
        break;
    }
  }

  void pattern_(pattern* p) {
    switch (p->kind) {
      case pattern_kind::MatchValue: expr_(static_cast<MatchValue*>(p)->value); break;
      case pattern_kind::MatchSequence:
        for (pattern* q : static_cast<MatchSequence*>(p)->patterns) pattern_(q);
        break;
      case pattern_kind::MatchMapping: {
        auto* m = static_cast<MatchMapping*>(p);
        exprs(m->keys);
        for (pattern* q : m->patterns) pattern_(q);
        if (m->rest.data()) add(m->rest, kDefLocal);
        break;
      }
      case pattern_kind::MatchClass: {
        auto* m = static_cast<MatchClass*>(p);
        expr_(m->cls);
        for (pattern* q : m->patterns) pattern_(q);
        for (pattern* q : m->kwd_patterns) pattern_(q);
        break;
      }
      case pattern_kind::MatchStar: {
        auto* m = static_cast<MatchStar*>(p);
        if (m->name.data()) add(m->name, kDefLocal);
        break;
      }
      case pattern_kind::MatchAs: {
        auto* m = static_cast<MatchAs*>(p);
        if (m->pattern) pattern_(m->pattern);
        if (m->name.data()) add(m->name, kDefLocal);
        break;
      }
      case pattern_kind::MatchOr:
        for (pattern* q : static_cast<MatchOr*>(p)->patterns) pattern_(q);
        break;
      default:
        break;
    }
  }

  // -- Analysis -------------------------------------------------------------------------
  static bool is_function(const Scope* s) {
    return s->kind == ScopeKind::Function || s->kind == ScopeKind::Lambda ||
           s->kind == ScopeKind::Comprehension;
  }

  // An analysis error located at the name's first global/nonlocal directive (else the scope).
  void error_at_directive(const Scope* s, const std::string& n, const std::string& msg) {
    error(msg, nullptr);
    auto at = s->nonlocal_at.find(n);
    if (at == s->nonlocal_at.end()) {
      err_.lineno = s->lineno;
      return;
    }
    err_.lineno = at->second[0];
    err_.col = at->second[1];
    err_.end_lineno = at->second[2];
    err_.end_col = at->second[3];
  }

  // Resolves names in `s`; returns the names `s` needs from enclosing scopes.
  std::set<std::string> analyze(Scope* s, const std::set<std::string>& bound,
                                const std::set<std::string>& globals) {
    std::set<std::string> local, free, new_globals = globals;
    for (auto& [n, f] : s->symbols) {
      if ((f & kDefGlobal) && (f & kDefNonlocal)) error_at_directive(s, n, "name '" + n + "' is nonlocal and global");
      if (f & kDefGlobal) {
        s->resolved[n] = NameScope::GlobalExplicit;
        new_globals.insert(n);
      } else if (f & kDefNonlocal) {
        if (!bound.count(n)) error_at_directive(s, n, "no binding for nonlocal '" + n + "' found");
        s->resolved[n] = NameScope::Free;
        free.insert(n);
      } else if (f & (kDefLocal | kDefParam | kDefImport)) {
        s->resolved[n] = NameScope::Local;
        local.insert(n);
        new_globals.erase(n);
      } else if (bound.count(n) && (s->kind != ScopeKind::Module)) {
        s->resolved[n] = NameScope::Free;
        free.insert(n);
      } else if (globals.count(n)) {
        s->resolved[n] = NameScope::GlobalExplicit;
      } else {
        s->resolved[n] = NameScope::GlobalImplicit;
      }
    }
    // Locals of this function (not class/module) are visible to nested functions.
    std::set<std::string> new_bound = bound;
    if (is_function(s)) new_bound.insert(local.begin(), local.end());
    if (s->kind == ScopeKind::Class) new_bound.insert("__class__");
    // A function's `global` declaration hides the enclosing functions' bindings from nested
    // scopes; a class namespace has no effect on what nested functions see (CPython's
    // analyze_block hands a class's children the sets it received).
    if (s->kind == ScopeKind::Class) {
      new_globals = globals;
    } else {
      for (auto& [n, f] : s->symbols) {
        if (f & kDefGlobal) new_bound.erase(n);
      }
    }
    for (Scope* c : s->children) {
      for (const std::string& n : analyze(c, new_bound, new_globals)) {
        if (s->kind == ScopeKind::Class && n == "__class__") {
          s->needs_class_closure = true;
          continue;
        }
        if (is_function(s) && local.count(n)) {
          s->resolved[n] = NameScope::Cell;
          continue;
        }
        if (s->kind == ScopeKind::Class && local.count(n)) {
          s->symbols[n] |= kDefFreeClass;  // class-local and also passed through
          free.insert(n);
          continue;
        }
        s->resolved[n] = NameScope::Free;
        free.insert(n);
      }
    }
    return free;
  }
};

bool SymbolTable::build(Mod* mod, SymtableError& error) {
  SymtableBuilder b(*this, error);
  return b.run(mod);
}

}  // namespace krait::compiler
