#include "tool/CompileCommands.h"

#include "inventory/PathUtil.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

#ifndef DETASKLET_CLANG_RESOURCE_DIR
#define DETASKLET_CLANG_RESOURCE_DIR ""
#endif

namespace detasklet {

using clang::tooling::CompilationDatabase;

namespace {

llvm::Error inputError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message.str());
}

std::string currentDir() {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return std::string(Cwd);
}

// Looks for compile_commands.json or compile_flags.txt from Start upwards.
std::string findDatabaseDir(llvm::StringRef Start) {
  std::string Dir = Start.str();
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = llvm::sys::path::parent_path(Dir).str();
  while (!Dir.empty()) {
    for (const char *Name : {"compile_commands.json", "compile_flags.txt"}) {
      llvm::SmallString<256> Candidate(Dir);
      llvm::sys::path::append(Candidate, Name);
      if (llvm::sys::fs::exists(Candidate))
        return Dir;
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent.str();
  }
  return "";
}

bool isSourceFile(llvm::StringRef Path) { return Path.ends_with(".c"); }

// Some options name files clang opens itself, against the process's working
// directory rather than the command's (Kbuild's randstruct seed). Tools run
// many commands from one process, so such paths are made absolute here.
class AbsolutePathsDatabase : public CompilationDatabase {
public:
  explicit AbsolutePathsDatabase(std::unique_ptr<CompilationDatabase> Inner)
      : Inner(std::move(Inner)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return fix(Inner->getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override { return Inner->getAllFiles(); }
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override {
    return fix(Inner->getAllCompileCommands());
  }

private:
  std::unique_ptr<CompilationDatabase> Inner;

  static std::vector<clang::tooling::CompileCommand>
  fix(std::vector<clang::tooling::CompileCommand> Commands) {
    static const char *const FileOptions[] = {"-frandomize-layout-seed-file="};
    for (clang::tooling::CompileCommand &C : Commands)
      for (std::string &Arg : C.CommandLine)
        for (llvm::StringRef Option : FileOptions)
          if (llvm::StringRef(Arg).starts_with(Option)) {
            llvm::StringRef Path = llvm::StringRef(Arg).drop_front(Option.size());
            if (!llvm::sys::path::is_absolute(Path))
              Arg = Option.str() + normalizePath(Path, C.Directory);
          }
    return Commands;
  }
};

} // namespace

llvm::Expected<TuSelection> selectTranslationUnits(const SelectionRequest &Request) {
  const std::string Cwd = currentDir();
  TuSelection Sel;
  std::vector<std::string> Inputs;
  for (const std::string &I : Request.Inputs) {
    std::string Abs = normalizePath(I, Cwd);
    if (!llvm::sys::fs::exists(Abs))
      return inputError(I + ": no such file or directory");
    Inputs.push_back(Abs);
  }

  std::string Error;
  if (!Request.FixedFlags.empty()) {
    Sel.Database = std::make_unique<clang::tooling::FixedCompilationDatabase>(Cwd,
                                                                              Request.FixedFlags);
    Sel.Root = Cwd;
  } else {
    std::string Dir = Request.BuildDir.empty()
                          ? findDatabaseDir(Inputs.empty() ? Cwd : Inputs.front())
                          : normalizePath(Request.BuildDir, Cwd);
    if (Dir.empty())
      return inputError(
          "no compile database found for " + (Inputs.empty() ? Cwd : Inputs.front()) +
          ": pass -p <build dir> with compile_commands.json (in a kernel tree: "
          "make LLVM=1 <objects> && python3 scripts/clang-tools/gen_compile_commands.py), "
          "or put compile_flags.txt above the sources, or give flags after --");
    Sel.Database = CompilationDatabase::loadFromDirectory(Dir, Error);
    if (!Sel.Database)
      return inputError(Dir + ": cannot load a compile database: " + Error);
    Sel.Database = std::make_unique<AbsolutePathsDatabase>(std::move(Sel.Database));
    Sel.Root = Dir;
  }
  if (!Request.Root.empty())
    Sel.Root = normalizePath(Request.Root, Cwd);

  std::set<std::string> Known;
  for (const std::string &F : Sel.Database->getAllFiles())
    if (isSourceFile(F))
      Known.insert(normalizePath(F, Sel.Root));
  const bool Fixed = Known.empty(); // compile_flags.txt or "--": every file has a command

  std::set<std::string> Files;
  auto AddDirectory = [&](const std::string &Dir) -> llvm::Error {
    if (!Fixed) {
      for (const std::string &F : Known)
        if (llvm::StringRef(F).starts_with(Dir + "/"))
          Files.insert(F);
      return llvm::Error::success();
    }
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC))
      if (isSourceFile(It->path()) && It->type() != llvm::sys::fs::file_type::directory_file)
        Files.insert(normalizePath(It->path(), Cwd));
    if (EC)
      return inputError(Dir + ": cannot list: " + EC.message());
    return llvm::Error::success();
  };

  if (Inputs.empty()) {
    if (Fixed)
      return inputError("name the files or directories to scan (the compile flags apply to "
                        "any file, so there is no list of them to default to)");
    Files = Known;
  }
  for (const std::string &I : Inputs) {
    if (llvm::sys::fs::is_directory(I)) {
      if (auto E = AddDirectory(I))
        return std::move(E);
    } else if (Fixed || Known.count(I)) {
      Files.insert(I);
    } else {
      return inputError(I + ": not in the compile database " + Sel.Root +
                        "/compile_commands.json; build it first (make <dir>/<file>.o) and "
                        "regenerate the database");
    }
  }
  Sel.Files.assign(Files.begin(), Files.end());
  return Sel;
}

std::vector<std::string> stripUnknownArguments(const std::vector<std::string> &Args) {
  if (Args.empty())
    return Args;
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I) // Args[0] is the compiler
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  llvm::opt::InputArgList Parsed = Table.ParseArgs(
      Argv, MissingIndex, MissingCount, llvm::opt::Visibility(clang::driver::options::ClangOption));
  std::set<unsigned> Drop;
  for (const llvm::opt::Arg *A : Parsed)
    if (A->getOption().getID() == clang::driver::options::OPT_UNKNOWN)
      Drop.insert(A->getIndex());
  std::vector<std::string> Out{Args[0]};
  for (size_t I = 1; I < Args.size(); ++I)
    if (!Drop.count(I - 1))
      Out.push_back(Args[I]);
  return Out;
}

clang::tooling::ArgumentsAdjuster kernelArgumentsAdjuster() {
  using namespace clang::tooling;
  ArgumentsAdjuster StripKbuildDeps = [](const CommandLineArguments &Args, llvm::StringRef) {
    CommandLineArguments Out;
    for (const std::string &A : Args)
      if (!llvm::StringRef(A).starts_with("-Wp,-MD,") &&
          !llvm::StringRef(A).starts_with("-Wp,-MMD,"))
        Out.push_back(A);
    return Out;
  };
  ArgumentsAdjuster StripUnknown = [](const CommandLineArguments &Args, llvm::StringRef) {
    return stripUnknownArguments(Args);
  };
  ArgumentsAdjuster Adjuster = combineAdjusters(StripKbuildDeps, StripUnknown);
  Adjuster = combineAdjusters(Adjuster, getInsertArgumentAdjuster("-w"));
  if (llvm::StringRef(DETASKLET_CLANG_RESOURCE_DIR).size())
    Adjuster = combineAdjusters(
        Adjuster,
        getInsertArgumentAdjuster("-resource-dir=" DETASKLET_CLANG_RESOURCE_DIR));
  return Adjuster;
}

} // namespace detasklet
