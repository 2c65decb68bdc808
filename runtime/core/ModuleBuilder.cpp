#include "runtime/core/ModuleBuilder.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fs = std::filesystem;

namespace detasklet::runtime {

namespace {
std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
}

struct Hash {
  uint64_t V = 1469598103934665603ull; // FNV-1a
  void add(const std::string &S) {
    for (unsigned char C : S) {
      V ^= C;
      V *= 1099511628211ull;
    }
    V ^= 0xff; // separator
    V *= 1099511628211ull;
  }
  std::string hex() const {
    char Buf[17];
    std::snprintf(Buf, sizeof(Buf), "%016llx", (unsigned long long)V);
    return Buf;
  }
};

// Headers a compile may read: the shims, and headers next to the sources or in
// the include directories. Hashing all of them is cheap and never misses one.
void addHeaders(Hash &H, const std::string &Dir, bool Recursive, const std::string &Base) {
  std::error_code EC;
  if (!fs::is_directory(Dir, EC))
    return;
  std::vector<std::string> Files;
  auto Visit = [&](const fs::directory_entry &E) {
    if (E.is_regular_file() && E.path().extension() == ".h")
      Files.push_back(E.path().string());
  };
  if (Recursive)
    for (const auto &E : fs::recursive_directory_iterator(Dir, EC))
      Visit(E);
  else
    for (const auto &E : fs::directory_iterator(Dir, EC))
      Visit(E);
  std::sort(Files.begin(), Files.end());
  for (const std::string &F : Files) {
    H.add(F.substr(Base.size()));
    H.add(readFile(F));
  }
}

// Runs a command, its output into Log; true on exit status 0.
bool run(const std::vector<std::string> &Argv, std::string &Log) {
  char LogPath[] = "/tmp/detasklet-build-XXXXXX";
  int Fd = mkstemp(LogPath);
  if (Fd < 0) {
    Log += "cannot create a temporary file: " + std::string(std::strerror(errno)) + "\n";
    return false;
  }
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, Fd, 1);
  posix_spawn_file_actions_adddup2(&Actions, Fd, 2);
  std::vector<char *> Args;
  for (const std::string &A : Argv)
    Args.push_back(const_cast<char *>(A.c_str()));
  Args.push_back(nullptr);
  pid_t Pid;
  int Err = posix_spawnp(&Pid, Args[0], &Actions, nullptr, Args.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  bool Ok = false;
  if (Err != 0) {
    Log += "cannot run " + Argv[0] + ": " + std::strerror(Err) + "\n";
  } else {
    int Status = 0;
    while (waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
    }
    Ok = WIFEXITED(Status) && WEXITSTATUS(Status) == 0;
  }
  close(Fd);
  std::string Out = readFile(LogPath);
  unlink(LogPath);
  if (!Ok) {
    std::string Cmd;
    for (const std::string &A : Argv)
      Cmd += (Cmd.empty() ? "" : " ") + A;
    Log += "$ " + Cmd + "\n" + Out;
  }
  return Ok;
}
} // namespace

std::vector<std::string> moduleCompileFlags(const ModuleSources &In, const Toolchain &T) {
  std::vector<std::string> F = {
      // No tail calls: the model names the caller of kfree() and friends in reports.
      "-c", "-fPIC", "-O1", "-g", "-fno-omit-frame-pointer", "-fno-optimize-sibling-calls",
      // Instrumentation of every load and store; the model is its runtime.
      "-fsanitize=thread", "-mllvm", "-tsan-instrument-func-entry-exit=0", "-mllvm",
      "-tsan-instrument-atomics=0",
      // The kernel's view: the shims only, the kernel's C dialect.
      "-nostdinc", "-isystem", T.ShimDir, "-std=gnu11", "-D__KERNEL__",
      // A per-CPU section the linker makes __start_/__stop_ symbols for.
      "-DPER_CPU_BASE_SECTION=\"model_percpu\"", "-Wno-unused-function"};
  for (const std::string &D : In.IncludeDirs)
    F.push_back("-I" + D);
  for (const std::string &D : In.Defines)
    F.push_back("-D" + D);
  return F;
}

Toolchain Toolchain::fromSourceTree(const std::string &CacheDir) {
  Toolchain T;
  T.ShimDir = DETASKLET_RUNTIME_DIR "/include";
  T.GlueSource = DETASKLET_RUNTIME_DIR "/glue/module_info.c";
  T.CacheDir = CacheDir;
  return T;
}

BuildResult buildModule(const ModuleSources &In, const Toolchain &T) {
  BuildResult R;
  std::vector<std::string> Flags = moduleCompileFlags(In, T);
  std::vector<std::string> Sources = In.Sources;
  Sources.push_back(T.GlueSource);

  Hash H;
  H.add(T.Compiler);
  for (const std::string &F : Flags)
    H.add(F);
  addHeaders(H, T.ShimDir, true, T.ShimDir);
  for (const std::string &S : Sources) {
    if (!fs::exists(S)) {
      R.Log = "no such file: " + S + "\n";
      return R;
    }
    // The name, not the path: a copy of the same sources elsewhere (a
    // converted tree in a scratch directory) is the same module.
    H.add(fs::path(S).filename().string());
    H.add(readFile(S));
    addHeaders(H, fs::path(S).parent_path().string(), false, fs::path(S).parent_path().string());
  }
  for (const std::string &D : In.IncludeDirs)
    addHeaders(H, D, false, "");

  fs::path Dir = fs::path(T.CacheDir) / H.hex();
  fs::path So = Dir / "module.so";
  R.SharedObject = So.string();
  std::error_code EC;
  if (fs::exists(So, EC)) {
    R.Ok = true;
    R.FromCache = true;
    return R;
  }
  fs::create_directories(Dir, EC);
  if (EC) {
    R.Log = "cannot create " + Dir.string() + ": " + EC.message() + "\n";
    return R;
  }

  std::vector<std::string> Objects;
  for (size_t I = 0; I < Sources.size(); ++I) {
    std::string Obj = (Dir / (std::to_string(getpid()) + "-" + std::to_string(I) + "-" +
                              fs::path(Sources[I]).stem().string() + ".o")).string();
    std::vector<std::string> Argv = {T.Compiler};
    Argv.insert(Argv.end(), Flags.begin(), Flags.end());
    Argv.push_back(Sources[I]);
    Argv.push_back("-o");
    Argv.push_back(Obj);
    if (!run(Argv, R.Log))
      return R;
    Objects.push_back(Obj);
  }
  // Linked into a temporary name and renamed: a concurrent build of the same
  // module (tests in parallel) never sees a half-written file.
  std::string Tmp = (Dir / ("module.so.tmp" + std::to_string(getpid()))).string();
  // -Bsymbolic: the module's references to its own globals never bind to a
  // same-named symbol elsewhere in the process (libc, the other module).
  std::vector<std::string> Link = {T.Compiler, "-shared", "-nostdlib", "-Wl,-z,norelro", "-Wl,-Bsymbolic",
                                   "-o", Tmp};
  Link.insert(Link.end(), Objects.begin(), Objects.end());
  if (!run(Link, R.Log))
    return R;
  fs::rename(Tmp, So, EC);
  if (EC) {
    R.Log = "cannot rename " + Tmp + ": " + EC.message() + "\n";
    return R;
  }
  R.Ok = true;
  return R;
}

} // namespace detasklet::runtime
