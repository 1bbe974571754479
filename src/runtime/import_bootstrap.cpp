// import_bootstrap.cpp — start-up of the import system (DESIGN.md §7).
//
// Krait runs CPython's own importlib. Where CPython freezes
// importlib/_bootstrap.py and _bootstrap_external.py into its binary, Krait
// compiles them from /usr/lib/python3.11/importlib at every start-up (they
// are never copied into this repository) into the modules
// `_frozen_importlib` and `_frozen_importlib_external`, with CPython's
// "<frozen importlib._bootstrap>" file names so tracebacks read the same.
// Then, as CPython's init_importlib does:
//   _bootstrap._install(sys, _imp)            meta_path: BuiltinImporter, FrozenImporter
//   _bootstrap._install_external_importers()  meta_path: PathFinder; path_hooks: FileFinder
// and _bootstrap._find_and_load becomes the import core's finder
// (krait::set_import_finder).
//
// The bytecode cache: sys.implementation.cache_tag is 'krait-311', so caches
// are __pycache__/<name>.krait-311.pyc and never collide with CPython's. Their
// code objects are Krait's (marshal type 'K', modules/marshal_module.cpp), so
// the magic number in the first 4 bytes is Krait's own: two bytes derived
// from the GNU build-id of libkrait.so, then "\r\n". Any rebuild of the
// library changes it, so a cache written by another build of Krait (whose
// bytecode may differ) is treated as stale and recompiled.
#include <Python.h>
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <fcntl.h>
#include <marshal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cstring>
#include <string>

#include "compiler/compiler.h"
#include "interp/support.h"
#include "runtime/config.h"
#include "runtime/import.h"
#include "runtime/import_bootstrap.h"
#include "runtime/interp_state.h"
#include "support/ref.h"

namespace krait {


namespace {

constexpr const char* kStdlib = "/usr/lib/python3.11";

PyObject* g_find_and_load_fn = nullptr;  // _bootstrap._find_and_load

// The finder the import core calls for a module not in sys.modules.
PyObject* importlib_find_and_load(PyObject* abs_name) {
  PyObject* import_fn = PyDict_GetItemString(main_interp()->builtins, "__import__");
  return PyObject_CallFunctionObjArgs(g_find_and_load_fn, abs_name, import_fn ? import_fn : Py_None,
                                      nullptr);
}

// The whole file in one read (an ifstream through a stringstream cost a
// tenth of start-up once the importlib cache made this path hot).
bool read_file(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat sb;
  bool ok = ::fstat(fd, &sb) == 0;
  if (ok) {
    out->resize(static_cast<size_t>(sb.st_size));
    size_t done = 0;
    while (done < out->size()) {
      ssize_t n = ::read(fd, out->data() + done, out->size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    out->resize(done);
  }
  ::close(fd);
  return ok;
}

PyObject* krait_magic();
std::string krait_lib_dir();

// The compiled importlib is cached, because compiling _bootstrap.py and
// _bootstrap_external.py was a third of `krait -c pass`. A cache file is
// <cache dir>/__pycache__/<frozen name>.krait-311.pyc with a 24-byte header:
// Krait's pyc magic (so any rebuild of libkrait.so invalidates it), the
// header version, then the source's st_mtime (ns) and st_size, then the
// marshalled code object. The cache dir is Krait's lib/ if there is one,
// else the directory of libkrait.so; where it cannot be written the
// modules are simply compiled at every start-up, as before.
constexpr uint32_t kCacheVersion = 1;

struct SourceStamp {
  int64_t mtime_ns = 0;
  int64_t size = 0;
};

std::string cache_path(const char* frozen_name) {
  std::string dir = krait_lib_dir();
  if (dir.empty()) {
    Dl_info self;
    if (!dladdr(reinterpret_cast<void*>(&cache_path), &self) || !self.dli_fname) return "";
    dir = self.dli_fname;
    size_t slash = dir.rfind('/');
    dir = slash == std::string::npos ? "." : dir.substr(0, slash);
  }
  return dir + "/__pycache__/" + frozen_name + ".krait-311.pyc";
}

void cache_header(const char magic[4], const SourceStamp& st, char out[24]) {
  std::memcpy(out, magic, 4);
  std::memcpy(out + 4, &kCacheVersion, 4);
  std::memcpy(out + 8, &st.mtime_ns, 8);
  std::memcpy(out + 16, &st.size, 8);
}

// The cached code if the cache is valid for this build and source, else
// null with no exception set.
Ref<PyCodeObject> read_cached_code(const std::string& path, const char* magic, const SourceStamp& st) {
  std::string data;
  if (path.empty() || !read_file(path, &data) || data.size() <= 24) return Ref<PyCodeObject>();
  char want[24];
  cache_header(magic, st, want);
  if (std::memcmp(data.data(), want, 24) != 0) return Ref<PyCodeObject>();
  Ref<> obj = steal(PyMarshal_ReadObjectFromString(data.data() + 24, static_cast<Py_ssize_t>(data.size() - 24)));
  if (!obj || !PyCode_Check(obj.get())) {
    PyErr_Clear();
    return Ref<PyCodeObject>();
  }
  return steal(reinterpret_cast<PyCodeObject*>(obj.release()));
}

// Best effort: a failure leaves no file behind and raises nothing. The file
// appears atomically (written under a unique name, then renamed), so
// concurrent start-ups never read a partial cache. -B and
// PYTHONDONTWRITEBYTECODE do not apply: this cache belongs to the
// installation (it stands for CPython's frozen modules), not to the
// user's modules.
void write_cached_code(const std::string& path, const char* magic, const SourceStamp& st, PyCodeObject* co) {
  if (path.empty()) return;
  Ref<> bytes = steal(PyMarshal_WriteObjectToString(reinterpret_cast<PyObject*>(co), Py_MARSHAL_VERSION));
  if (!bytes) {
    PyErr_Clear();
    return;
  }
  std::string dir = path.substr(0, path.rfind('/'));
  ::mkdir(dir.c_str(), 0777);  // EEXIST is fine; other failures show up at open
  std::string tmp = path + "." + std::to_string(::getpid()) + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return;
  char header[24];
  cache_header(magic, st, header);
  std::string out(header, 24);
  out.append(PyBytes_AS_STRING(bytes.get()), static_cast<size_t>(PyBytes_GET_SIZE(bytes.get())));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  bool ok = done == out.size();
  if (::close(fd) != 0) ok = false;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

// Compiles (or loads from the cache) and runs a stdlib source file as
// module `modname` (registered in sys.modules first, as frozen modules are).
// Compiled at optimization level 0 whatever -O says: CPython's frozen
// importlib keeps its asserts under -O too. Returns a borrowed reference.
PyObject* load_frozen(const char* modname, const char* relpath, const char* frozen_name) {
  std::string path = std::string(kStdlib) + "/" + relpath;
  struct stat sb;
  if (::stat(path.c_str(), &sb) != 0) {
    PyErr_Format(PyExc_ImportError, "Krait needs %s (CPython 3.11's standard library)", path.c_str());
    return nullptr;
  }
  SourceStamp stamp;
  stamp.mtime_ns = static_cast<int64_t>(sb.st_mtim.tv_sec) * 1000000000 + sb.st_mtim.tv_nsec;
  stamp.size = static_cast<int64_t>(sb.st_size);
  Ref<> magic_bytes = steal(krait_magic());
  if (!magic_bytes) return nullptr;
  const char* magic = PyBytes_AS_STRING(magic_bytes.get());
  std::string cache = cache_path(frozen_name);
  Ref<PyCodeObject> co = read_cached_code(cache, magic, stamp);
  if (!co) {
    std::string source;
    if (!read_file(path, &source)) {
      PyErr_Format(PyExc_ImportError, "Krait needs %s (CPython 3.11's standard library)", path.c_str());
      return nullptr;
    }
    Ref<> filename = steal(PyUnicode_FromFormat("<frozen %s>", frozen_name));
    if (!filename) return nullptr;
    co = compiler::compile_source(source, filename.get(), compiler::Mode::Exec, 0);
    if (!co) return nullptr;
    write_cached_code(cache, magic, stamp, co.get());
  }
  PyObject* mod = PyImport_AddModule(modname);  // borrowed; sys.modules owns it
  if (!mod) return nullptr;
  PyObject* d = PyModule_GetDict(mod);
  if (PyDict_SetItemString(d, "__builtins__", interp::default_builtins_module()) < 0) return nullptr;
  Ref<> r = steal(PyEval_EvalCode(reinterpret_cast<PyObject*>(co.get()), d, d));
  if (!r) return nullptr;
  return mod;
}

// Two bytes of libkrait.so's GNU build-id (0 if there is none).
struct BuildIdSearch {
  void* base;     // libkrait.so's load address (dladdr's dli_fbase)
  uint32_t hash;  // out
};

int phdr_callback(struct dl_phdr_info* info, size_t, void* data) {
  auto* search = static_cast<BuildIdSearch*>(data);
  uint32_t* out = &search->hash;
  if (reinterpret_cast<void*>(info->dlpi_addr) != search->base &&
      info->dlpi_addr != reinterpret_cast<ElfW(Addr)>(search->base))
    return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      auto* nh = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const unsigned char* desc = reinterpret_cast<const unsigned char*>(name + ((nh->n_namesz + 3) & ~3u));
      if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        uint32_t h = 2166136261u;  // FNV-1a over the whole id
        for (unsigned j = 0; j < nh->n_descsz; j++) h = (h ^ desc[j]) * 16777619u;
        *out = h;
        return 1;
      }
      p = reinterpret_cast<const char*>(desc) + ((nh->n_descsz + 3) & ~3u);
    }
  }
  return 1;
}

// Krait's pyc magic: 2 bytes from the build id (kept clear of CPython's
// 3.x magic numbers, which are below 4000), then "\r\n".
PyObject* krait_magic() {
  // dladdr once here, not per loaded object in the callback: it walks every
  // symbol table and was 2% of `krait -c pass`.
  Dl_info self;
  BuildIdSearch search{nullptr, 0};
  if (dladdr(reinterpret_cast<void*>(&phdr_callback), &self)) {
    search.base = self.dli_fbase;
    dl_iterate_phdr(phdr_callback, &search);
  }
  uint32_t h = search.hash;
  unsigned v = 20000 + (h % 40000);
  char magic[4] = {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8), '\r', '\n'};
  return PyBytes_FromStringAndSize(magic, 4);
}

// Krait's own lib/ directory: <dir of libkrait.so>/../lib when it carries
// the marker file .krait-lib (a build tree), else <libdir>/krait/lib.
// Computed once: it cannot change while the library is loaded.
std::string find_krait_lib_dir() {
  Dl_info self;
  if (!dladdr(reinterpret_cast<void*>(&krait_lib_dir), &self) || !self.dli_fname) return "";
  std::string so = self.dli_fname;
  size_t slash = so.rfind('/');
  std::string dir = slash == std::string::npos ? "." : so.substr(0, slash);
  struct stat st;
  std::string cand = dir + "/../lib";
  if (::stat((cand + "/.krait-lib").c_str(), &st) == 0) {
    char real[4096];
    if (realpath(cand.c_str(), real)) return real;
    return cand;
  }
  cand = dir + "/krait/lib";
  if (::stat(cand.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return cand;
  return "";
}

std::string krait_lib_dir() {
  static const std::string dir = find_krait_lib_dir();
  return dir;
}

// sys.path before site runs: Krait's lib/ (what must differ from the
// stdlib), PYTHONPATH, then CPython's entries (the zip first, though Debian
// ships none); the site module adds the dist-packages directories.
int set_sys_path() {
  Ref<> path = steal(PyList_New(0));
  if (!path) return -1;
  auto append = [&](const std::string& entry) {
    Ref<> s = steal(PyUnicode_DecodeFSDefault(entry.c_str()));
    return s && PyList_Append(path.get(), s.get()) == 0;
  };
  std::string lib = krait_lib_dir();
  if (!lib.empty() && !append(lib)) return -1;
  for (const std::string& p : g_config.pythonpath)
    if (!append(p)) return -1;
  for (const char* p : {"/usr/lib/python311.zip", "/usr/lib/python3.11", "/usr/lib/python3.11/lib-dynload"})
    if (!append(p)) return -1;
  return PySys_SetObject("path", path.get());
}

// __main__ as CPython creates it at start-up: __name__, __doc__ None,
// __package__ None, __loader__ BuiltinImporter, __spec__ None,
// __annotations__ {}, __builtins__.
int init_main_module(PyObject* bootstrap) {
  PyObject* m = PyImport_AddModule("__main__");
  if (!m) return -1;
  PyObject* d = PyModule_GetDict(m);
  Ref<> ann = steal(PyDict_New());
  if (!ann || PyDict_SetItemString(d, "__annotations__", ann.get()) < 0) return -1;
  if (PyDict_SetItemString(d, "__builtins__", interp::default_builtins_module()) < 0) return -1;
  Ref<> loader = steal(PyObject_GetAttrString(bootstrap, "BuiltinImporter"));
  if (!loader || PyDict_SetItemString(d, "__loader__", loader.get()) < 0) return -1;
  return 0;
}

}  // namespace

int init_import_system() {
  if (set_sys_path() < 0) return -1;
  // Debugging aid: KRAIT_NO_IMPORTLIB=1 starts without importlib (only
  // builtin modules import), e.g. to bisect an interpreter bug that breaks
  // importlib itself.
  if (const char* off = getenv("KRAIT_NO_IMPORTLIB"); off && *off == '1') return 0;
  Ref<> imp_name = steal(PyUnicode_FromString("_imp"));
  if (!imp_name) return -1;
  Ref<> imp = steal(import_absolute(imp_name.get()));
  if (!imp) return -1;
  PyObject* bootstrap = load_frozen("_frozen_importlib", "importlib/_bootstrap.py", "importlib._bootstrap");
  if (!bootstrap) return -1;
  PyObject* sys = PyImport_AddModule("sys");
  if (!sys) return -1;
  Ref<> r = steal(PyObject_CallMethod(bootstrap, "_install", "OO", sys, imp.get()));
  if (!r) return -1;
  set_importlib(bootstrap);
  g_find_and_load_fn = PyObject_GetAttrString(bootstrap, "_find_and_load");
  if (!g_find_and_load_fn) return -1;
  set_import_finder(importlib_find_and_load);

  PyObject* external = load_frozen("_frozen_importlib_external", "importlib/_bootstrap_external.py",
                                   "importlib._bootstrap_external");
  if (!external) return -1;
  Ref<> magic = steal(krait_magic());
  if (!magic) return -1;
  Ref<> raw_magic = steal(_PyLong_FromByteArray(
      reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(magic.get())), 4, 1, 0));
  if (!raw_magic || PyObject_SetAttrString(external, "MAGIC_NUMBER", magic.get()) < 0 ||
      PyObject_SetAttrString(external, "_RAW_MAGIC_NUMBER", raw_magic.get()) < 0)
    return -1;
  r = steal(PyObject_CallMethod(bootstrap, "_install_external_importers", nullptr));
  if (!r) return -1;
  // As CPython's start-up does: zipimport's hook goes first on sys.path_hooks
  // (imports from zip files on sys.path). Its absence is not an error.
  {
    Ref<> zipimport = steal(PyImport_ImportModule("zipimport"));
    PyObject* hooks = PySys_GetObject("path_hooks");
    Ref<> zipimporter = zipimport ? steal(PyObject_GetAttrString(zipimport.get(), "zipimporter"))
                                  : Ref<>();
    if (zipimporter && hooks && PyList_Check(hooks)) {
      if (PyList_Insert(hooks, 0, zipimporter.get()) < 0) return -1;
    } else {
      PyErr_Clear();
    }
  }
  return init_main_module(bootstrap);
}

int set_main_path0(const char* script) {
  PyObject* path = PySys_GetObject("path");
  if (!path || !PyList_Check(path)) return 0;
  std::string dir;
  if (script) {
    // CPython: the directory of the script as given, made absolute.
    std::string s = script;
    char real[4096];
    if (realpath(s.c_str(), real)) s = real;
    size_t slash = s.rfind('/');
    dir = slash == std::string::npos ? "" : s.substr(0, slash == 0 ? 1 : slash);
  }
  Ref<> d = steal(PyUnicode_DecodeFSDefault(dir.c_str()));
  if (!d) return -1;
  return PyList_Insert(path, 0, d.get());
}

}  // namespace krait
