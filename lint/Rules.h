// The lint rules, read from rules/lint.yaml: which identifiers and which
// inventory use kinds are tasklet API, grouped into rules with a stable id, a
// message and the workqueue code to write instead; and the paths that
// implement the API and are never reported.
#ifndef DETASKLET_LINT_RULES_H
#define DETASKLET_LINT_RULES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <string>
#include <vector>

namespace detasklet::lint {

enum class Severity { Error, Warning, Note };
llvm::StringRef severityName(Severity S);

// The pseudo use kind under which the semantic engine reports the declaration
// of a tasklet object (the inventory's use kinds name only what is done to it).
inline constexpr llvm::StringLiteral ObjectDeclarationUse = "object.declaration";

struct Rule {
  std::string Id;                       // stable: SARIF ruleId, [detasklet-<Id>]
  Severity Level = Severity::Warning;
  std::vector<std::string> Identifiers; // lexical engine
  std::vector<std::string> Uses;        // semantic engine: use kind codes
  std::string Message;
  std::string Replacement; // workqueue code to write instead; may be empty
  std::string Note;        // caveat; may be empty
  unsigned Index = 0;      // position in the file, the SARIF ruleIndex

  // "<Message>; use <Replacement> (<Note>)", the text every format prints.
  std::string advice() const;
};

class RuleSet {
public:
  // Errors name the file, line and column of the offending entry.
  static llvm::Expected<RuleSet> load(llvm::StringRef Path);
  static llvm::Expected<RuleSet> parse(llvm::StringRef Yaml, llvm::StringRef Name);
  // rules/lint.yaml of the source tree the tool was built from.
  static std::string defaultPath();

  const std::vector<Rule> &rules() const { return Rules; }
  const Rule *ruleForIdentifier(llvm::StringRef Identifier) const;
  const Rule *ruleForUse(llvm::StringRef UseCode) const;
  // An error naming the first inventory use kind no rule lists: the semantic
  // engine would have no rule to report it under.
  llvm::Error checkCoversUseKinds() const;
  // Every identifier of every rule, in file order.
  std::vector<std::string> identifiers() const;
  // True when Path (relative to the lint root) is one of the allowlisted
  // implementation files. A pattern also matches at any directory boundary
  // inside Path, so a tree linted from outside is still recognised.
  bool isAllowed(llvm::StringRef Path) const;

private:
  std::vector<Rule> Rules;
  llvm::StringMap<unsigned> ByIdentifier;
  llvm::StringMap<unsigned> ByUse;
  // A GlobPattern refers to its pattern text: keep the text where moving the
  // RuleSet does not move it.
  std::vector<std::unique_ptr<std::string>> AllowText;
  std::vector<llvm::GlobPattern> AllowPatterns;
  std::string Name; // the file, for messages
};

} // namespace detasklet::lint

#endif
