// Helpers shared by the lint tests: the shipped rules, scanning a string, and
// temporary directory trees.
#ifndef DETASKLET_TESTS_LINT_LINTTESTSUPPORT_H
#define DETASKLET_TESTS_LINT_LINTTESTSUPPORT_H

#include "lint/Finding.h"
#include "lint/Rules.h"

#include <map>
#include <string>
#include <vector>

namespace detasklet::lint::test {

const RuleSet &shippedRules();

// Findings of the lexical engine in Code, finalized (numbered).
std::vector<Finding> lexFindings(const std::string &Code, const std::string &File = "drv.c");
// "line:col symbol" per finding, for compact expectations.
std::vector<std::string> positions(const std::vector<Finding> &Findings);

// A fresh directory under the system temp dir, removed when it goes away.
class TempTree {
public:
  TempTree();
  ~TempTree();
  TempTree(const TempTree &) = delete;
  TempTree &operator=(const TempTree &) = delete;
  const std::string &path() const { return Root; }
  std::string file(const std::string &Relative) const { return Root + "/" + Relative; }
  void write(const std::string &Relative, const std::string &Content) const;
  void remove(const std::string &Relative) const;

private:
  std::string Root;
};

// Runs a command (through /bin/sh) in Dir; returns its exit status and output.
int runCommand(const std::string &Dir, const std::string &Command, std::string *Output = nullptr);

} // namespace detasklet::lint::test

#endif
