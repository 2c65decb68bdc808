// Systematic exploration of a scenario: a depth-first search over the choice
// of the next actor at every scheduling point, re-running the module from its
// initial state for every branch (stateless model checking). Sleep sets prune
// orders that only swap independent transitions (footprints that do not
// conflict); optionally, source-set DPOR explores an alternative only where a
// race in an explored execution asks for it; a preemption bound, if set,
// limits how often a runnable thread is switched away from. Every execution that ends (normally, with a fatal
// violation, or with no actor enabled) is checked; the first execution that
// violates each property is kept as a replay token and, replayed with tracing,
// as a readable trace.
#ifndef DETASKLET_RUNTIME_CORE_EXPLORER_H
#define DETASKLET_RUNTIME_CORE_EXPLORER_H

#include "runtime/core/Machine.h"
#include "runtime/core/Property.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace detasklet::runtime {

class ModuleImage;

struct ExploreOptions {
  unsigned Cpus = 2;
  bool SleepSets = true;
  // Source-set dynamic partial-order reduction on top of the sleep sets: an
  // alternative is explored only where a race in an explored execution asks
  // for it. Off: every alternative not in a sleep set is explored.
  bool Dpor = false;
  std::optional<unsigned> PreemptionBound;
  uint64_t MaxExecutions = 500000;
  unsigned MaxSteps = 20000;
  unsigned TimerBudget = 2;
  bool StopAtFirstViolation = false;
  // Replay the first violation of each property with tracing on.
  bool TraceViolations = true;
};

enum class Completeness {
  Exhaustive,                // every interleaving, up to the sleep-set equivalence
  ExhaustiveUpToPreemptions, // every interleaving with at most the bound's preemptions
  Incomplete,                // stopped early: execution limit, step limit, first violation
};

struct Violation {
  Property Id;
  std::string Message;
  unsigned Step = 0;
  std::string Token;
  std::vector<TraceLine> Trace;
  // The traced replay ended with this very violation.
  bool Replayed = false;
};

struct ExploreStats {
  uint64_t Executions = 0;   // executions that ran to an end (incl. violations)
  uint64_t SleepBlocked = 0; // executions cut because every enabled actor slept
  uint64_t SleepPruned = 0;  // alternatives never tried because they slept
  uint64_t BoundPruned = 0;  // alternatives never tried because of the preemption bound
  uint64_t NoRace = 0;       // alternatives never tried because no race asked for them (DPOR)
  uint64_t Truncated = 0;    // executions cut at the step limit
  uint64_t Transitions = 0;  // distinct transitions of the execution tree
  uint64_t Steps = 0;        // transitions run, including re-running prefixes
  unsigned MaxDepth = 0;
  double Seconds = 0;
};

struct ExploreResult {
  std::string Scenario;
  std::string Error; // set when the exploration could not run (no such scenario, nondeterminism)
  Completeness Done = Completeness::Incomplete;
  std::string IncompleteReason;
  std::optional<unsigned> Bound;
  ExploreStats Stats;
  std::vector<Violation> Violations; // the first of each property, in property order
  std::map<Property, uint64_t> ViolatingExecutions;
  std::set<std::string> Observations;
  // Observation id -> the replay token of the first execution that made it:
  // a documented difference is shown, not only named.
  std::map<std::string, std::string> ObservationWitnesses;
  std::set<std::string> Outcomes;

  bool violated(Property P) const { return find(P) != nullptr; }
  const Violation *find(Property P) const;
  std::string completenessText() const;
};

ExploreResult explore(ModuleImage &Module, const std::string &Scenario, const ExploreOptions &Options);

struct ReplayResult {
  std::string Error;
  std::vector<TraceLine> Trace;
  std::vector<ViolationRecord> Violations;
  std::string Outcome;
  std::set<std::string> Observations;
  bool ok() const { return Error.empty(); }
};

// Runs the one execution the token describes, traced.
ReplayResult replay(ModuleImage &Module, const std::string &Scenario, const std::string &Token,
                    const ExploreOptions &Options);

std::string formatTrace(const std::vector<TraceLine> &Trace);

} // namespace detasklet::runtime

#endif
