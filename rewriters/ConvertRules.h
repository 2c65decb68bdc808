// A conversion target read from rules/bh.yaml or rules/wq.yaml: what replaces
// each tasklet call, macro and callback form. Data, not code.
#ifndef DETASKLET_REWRITERS_CONVERTRULES_H
#define DETASKLET_REWRITERS_CONVERTRULES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

// "queue_work({wq}, {t})": a callee and arguments, each a placeholder naming a
// role ("t", "cb", "wq") or text, in which placeholders are filled too
// ("typeof(*{var})").
struct CallTemplate {
  struct Arg {
    bool Placeholder = false;
    std::string Text; // role name, or the literal
  };
  std::string Callee;
  std::vector<Arg> Args;
  static std::optional<CallTemplate> parse(llvm::StringRef Text);
};

struct ConvertRules {
  std::string Target;   // "bh", "wq"
  std::string Summary;  // "BH workqueue": used in subjects and messages
  std::string Type;     // "struct work_struct"
  std::string Include;  // "linux/workqueue.h"
  bool ProcessContext = false; // callbacks move to process context: warn where that matters
  std::string QueueNormal, QueueHi;
  bool HiAndNormalUseHi = true;
  llvm::StringMap<CallTemplate> Calls;            // tasklet API function -> replacement
  llvm::StringMap<std::string> DeclareMacros;     // DECLARE_TASKLET* -> DECLARE_WORK
  std::string DeclaredDisabledInit;               // disable_work({t}); empty: manual
  CallTemplate FromTasklet; // from_work({var}, {ptr}, {field}); the rule may name only the callee
  std::vector<std::pair<std::string, std::string>> Renames; // in names: substring -> replacement
  std::string LegacyParameter;                    // work
  std::string LegacyDataInit;                     // from_work({var}, {param}, {field})
  std::string LegacyData;                         // container_of({param}, {type}, {field})
  // Data that is not the container, kept in a field beside the work item; both
  // empty: such tasklets are left to a person.
  std::string LegacyDataField;                    // {field}_data
  std::string LegacyDataLoad; // container_of({param}, {record}, {field})->{data_field}
  std::map<std::string, std::string> Notes;       // enable, kill, hi_and_normal, context

  // Errors name the file, line and column.
  static llvm::Expected<ConvertRules> parse(llvm::StringRef Yaml, llvm::StringRef Name);
  static llvm::Expected<ConvertRules> load(llvm::StringRef Path);
  // rules/<target>.yaml shipped with the tool.
  static llvm::Expected<ConvertRules> loadTarget(llvm::StringRef Target);
  // What the command line chose: a rules file when given, else the target.
  static llvm::Expected<ConvertRules> select(llvm::StringRef Target, llvm::StringRef File) {
    return File.empty() ? loadTarget(Target) : load(File);
  }
};

// Fills {name} placeholders; unknown names are left as they are.
std::string fillTemplate(llvm::StringRef Template, const std::map<std::string, std::string> &Values);

} // namespace detasklet

#endif
