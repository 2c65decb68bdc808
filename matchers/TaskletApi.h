// What the scanner recognises as the tasklet API, read from rules/tasklet-api.yaml.
#ifndef DETASKLET_MATCHERS_TASKLETAPI_H
#define DETASKLET_MATCHERS_TASKLETAPI_H

#include "inventory/UseKind.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct ApiFunction {
  std::string Name;
  UseKind Use;
  unsigned TaskletArg = 0;
  std::optional<unsigned> CallbackArg;
  std::optional<unsigned> DataArg;
  std::optional<unsigned> QueueArg; // the workqueue a work-item call queues on
  std::string DefaultQueue;         // the one it queues on without naming it
};

// A statement macro that initialises an object by assigning its callback
// field (INIT_WORK).
struct InitMacro {
  std::string Name;
  UseKind Use;
  std::string CallbackField;
};

// A function that hands an opaque pointer to a function it is given, later:
// the pointer arrives as that function's first parameter.
struct Forwarder {
  std::string Name;
  unsigned FunctionArg = 0;
  unsigned DataArg = 0;
};

// A function that registers another to be run by the kernel in a context.
struct ContextRegistration {
  std::string Name;
  unsigned FunctionArg = 0;
  std::string Context; // hardirq, softirq
};

class TaskletApi {
public:
  // Errors name the file, line and column of the offending entry.
  static llvm::Expected<TaskletApi> load(llvm::StringRef Path);
  static llvm::Expected<TaskletApi> parse(llvm::StringRef Yaml, llvm::StringRef Name);
  // The rules/tasklet-api.yaml shipped with the tool.
  static llvm::Expected<TaskletApi> loadDefault();

  const std::string &record() const { return Record; }
  const ApiFunction *function(llvm::StringRef Name) const;
  std::optional<UseKind> declareMacro(llvm::StringRef Name) const;
  std::optional<UseKind> containerMacro(llvm::StringRef Name) const;
  const InitMacro *initMacro(llvm::StringRef Name) const;
  // The callback fields init macros assign, for the matcher.
  std::vector<std::string> initMacroFields() const;
  bool isStateConstant(llvm::StringRef Name) const;
  const Forwarder *forwarder(llvm::StringRef Name) const;
  const ContextRegistration *contextRegistration(llvm::StringRef Name) const;
  // "plain", "bh" or "irq" for a lock acquisition; empty for anything else.
  llvm::StringRef lockFlavour(llvm::StringRef Name) const;
  bool isContextQuery(llvm::StringRef Name) const;
  // Every function name the context collector looks for.
  std::vector<std::string> contextFunctionNames() const;
  // True when Path (absolute or relative) ends with one of the implementation files.
  bool isImplementationFile(llvm::StringRef Path) const;
  std::vector<std::string> functionNames() const;
  // Words every file that uses the API contains (its names' common part):
  // a header without any has no function body worth parsing.
  const std::vector<std::string> &mentionWords() const { return MentionWords; }
  // Identifies the rules text: a result computed with other rules is not
  // this one's (the facts cache keys on it).
  uint64_t fingerprint() const { return Fingerprint; }

private:
  uint64_t Fingerprint = 0;
  std::string Record;
  llvm::StringMap<ApiFunction> Functions;
  llvm::StringMap<UseKind> DeclareMacros;
  llvm::StringMap<UseKind> ContainerMacros;
  llvm::StringMap<InitMacro> InitMacros;
  llvm::StringMap<Forwarder> Forwarders;
  llvm::StringMap<ContextRegistration> Registrations;
  llvm::StringMap<std::string> LockFlavours;
  std::vector<std::string> ContextQueries;
  std::vector<std::string> StateConstants;
  std::vector<std::string> ImplementationFiles;
  std::vector<std::string> MentionWords;
};

} // namespace detasklet

#endif
