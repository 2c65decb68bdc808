#include "runtime/core/Explorer.h"

#include "runtime/core/CrashGuard.h"
#include "runtime/core/ModuleImage.h"
#include "runtime/core/ReplayToken.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace detasklet::runtime {

namespace {

struct SleepEntry {
  Actor A;
  Footprint Fp;
};

// One scheduling point of the current path.
struct Node {
  std::vector<EnabledActor> Enabled;
  size_t Chosen = 0;
  Footprint Fp; // of the chosen transition
  std::vector<SleepEntry> Sleep;
  std::vector<SleepEntry> Done; // alternatives explored from here already
  unsigned Preemptions = 0;     // before this point
  int PrevThread = -1;          // the thread of the previous transition
};

bool contains(const std::vector<SleepEntry> &V, const Actor &A) {
  for (const SleepEntry &E : V)
    if (E.A == A)
      return true;
  return false;
}

MachineConfig machineConfig(const ExploreOptions &O, bool Trace) {
  MachineConfig C;
  C.Cpus = std::min(std::max(O.Cpus, 1u), MaxCpus);
  C.TimerBudget = O.TimerBudget;
  C.MaxSteps = O.MaxSteps;
  C.Trace = Trace;
  return C;
}

// Switching away from a thread that could have gone on is a preemption.
bool isPreemption(const Node &N, const Actor &A) {
  if (N.PrevThread < 0)
    return false;
  Actor Prev = Actor::thread(unsigned(N.PrevThread));
  if (A == Prev)
    return false;
  for (const EnabledActor &E : N.Enabled)
    if (E.A == Prev)
      return true;
  return false;
}

class Search {
public:
  Search(ModuleImage &Module, void *Entry, const ExploreOptions &O, ExploreResult &R)
      : Module(Module), Entry(Entry), O(O), R(R), M(Machine::instance()) {}

  void run();

private:
  enum class End { Finished, Aborted, SleepBlocked, BoundBlocked, Truncated, Nondeterministic };
  End executeOnce();
  bool backtrack();
  bool allowed(const Node &N, const Actor &A) const {
    return !O.PreemptionBound || N.Preemptions + isPreemption(N, A) <= *O.PreemptionBound;
  }
  std::string token(size_t Depth) const;
  // Sleep sets prune an order because an equivalent one is explored; under a
  // preemption bound that one may need more preemptions and be cut, so the
  // two are not combined.
  bool sleepSets() const { return O.SleepSets && !O.PreemptionBound; }
  void recordViolations();

  ModuleImage &Module;
  void *Entry;
  const ExploreOptions &O;
  ExploreResult &R;
  Machine &M;
  std::vector<Node> Path;
  size_t Depth = 0;
};

Search::End Search::executeOnce() {
  M.beginExecution(machineConfig(O, false), Module, Entry);
  Depth = 0;
  std::vector<EnabledActor> En;
  for (;;) {
    if (M.aborted())
      return End::Aborted;
    M.enabled(En);
    if (M.aborted())
      return End::Aborted;
    if (En.empty()) {
      M.finishExecution();
      return End::Finished;
    }
    if (M.step() >= O.MaxSteps)
      return End::Truncated;
    size_t Choice = 0;
    if (Depth < Path.size()) {
      // Re-running the prefix: the same choices must be possible again.
      const Actor &Want = Path[Depth].Enabled[Path[Depth].Chosen].A;
      auto It = std::find_if(En.begin(), En.end(), [&](const EnabledActor &E) { return E.A == Want; });
      if (It == En.end())
        return End::Nondeterministic;
      Choice = size_t(It - En.begin());
    } else {
      Node N;
      if (Depth > 0) {
        const Node &P = Path[Depth - 1];
        const Actor &Taken = P.Enabled[P.Chosen].A;
        N.Preemptions = P.Preemptions + isPreemption(P, Taken);
        if (sleepSets()) {
          for (const auto *List : {&P.Sleep, &P.Done})
            for (const SleepEntry &E : *List)
              if (E.A != Taken && !E.Fp.conflictsWith(P.Fp))
                N.Sleep.push_back(E);
        }
      }
      N.PrevThread = Depth > 0 ? int(M.lastThread()) : -1;
      N.Enabled = En;
      bool Found = false, Slept = false;
      for (size_t I = 0; I < En.size(); ++I) {
        if (contains(N.Sleep, En[I].A)) {
          Slept = true;
          continue;
        }
        if (!allowed(N, En[I].A))
          continue;
        Choice = I;
        Found = true;
        break;
      }
      Path.push_back(std::move(N));
      if (!Found) {
        // Nothing to run here: pop the node again, it has no branch of its own.
        Path.pop_back();
        return Slept ? End::SleepBlocked : End::BoundBlocked;
      }
      Path.back().Chosen = Choice;
      ++R.Stats.Transitions;
    }
    Footprint Fp;
    M.execute(En[Choice].A, En[Choice].Guard, Fp);
    Path[Depth].Fp = std::move(Fp);
    ++R.Stats.Steps;
    ++Depth;
  }
}

bool Search::backtrack() {
  // Nodes past the end of this execution do not exist (an execution ends at its depth).
  Path.resize(std::min(Path.size(), Depth));
  while (!Path.empty()) {
    Node &N = Path.back();
    N.Done.push_back({N.Enabled[N.Chosen].A, N.Fp});
    uint64_t Slept = 0, Bounded = 0;
    for (size_t I = 0; I < N.Enabled.size(); ++I) {
      const Actor &A = N.Enabled[I].A;
      if (contains(N.Done, A))
        continue;
      if (contains(N.Sleep, A)) {
        ++Slept;
        continue;
      }
      if (!allowed(N, A)) {
        ++Bounded;
        continue;
      }
      N.Chosen = I;
      ++R.Stats.Transitions;
      return true;
    }
    R.Stats.SleepPruned += Slept;
    R.Stats.BoundPruned += Bounded;
    Path.pop_back();
  }
  return false;
}

std::string Search::token(size_t Upto) const {
  ReplayToken T;
  T.Cpus = machineConfig(O, false).Cpus;
  T.TimerBudget = O.TimerBudget;
  for (size_t I = 0; I < Upto && I < Path.size(); ++I)
    if (Path[I].Enabled.size() > 1)
      T.Choices.push_back(Path[I].Enabled[Path[I].Chosen].A);
  return T.spell();
}

void Search::recordViolations() {
  std::set<Property> Seen;
  for (const ViolationRecord &V : M.violations()) {
    if (!Seen.insert(V.Id).second)
      continue;
    ++R.ViolatingExecutions[V.Id];
    if (R.find(V.Id))
      continue;
    Violation X;
    X.Id = V.Id;
    X.Message = V.Message;
    X.Step = V.Step;
    X.Token = token(Depth);
    R.Violations.push_back(std::move(X));
  }
}

void Search::run() {
  CrashGuard Guard;
  for (;;) {
    End E = executeOnce();
    R.Stats.MaxDepth = std::max<unsigned>(R.Stats.MaxDepth, unsigned(Depth));
    switch (E) {
    case End::Nondeterministic:
      R.Error = "the module did not behave the same when a prefix was re-run (at depth " +
                std::to_string(Depth) + "): the driver or scenario depends on something the model "
                "does not reset (an uninstrumented global, the real time)";
      return;
    case End::SleepBlocked:
      ++R.Stats.SleepBlocked;
      break;
    case End::BoundBlocked:
      break;
    case End::Truncated:
      ++R.Stats.Truncated;
      ++R.Stats.Executions;
      recordViolations();
      break;
    case End::Finished:
      if (!M.outcome().empty())
        R.Outcomes.insert(M.outcome());
      [[fallthrough]];
    case End::Aborted:
      ++R.Stats.Executions;
      recordViolations();
      break;
    }
    R.Observations.insert(M.observations().begin(), M.observations().end());
    if (O.StopAtFirstViolation && !R.Violations.empty()) {
      R.IncompleteReason = "stopped at the first violation";
      return;
    }
    if (R.Stats.Executions + R.Stats.SleepBlocked >= O.MaxExecutions) {
      R.IncompleteReason = "stopped after " + std::to_string(O.MaxExecutions) + " executions";
      return;
    }
    if (!backtrack())
      break;
  }
  if (R.Stats.Truncated)
    R.IncompleteReason = std::to_string(R.Stats.Truncated) + " execution(s) reached the limit of " +
                         std::to_string(O.MaxSteps) + " steps";
  else
    R.Done = O.PreemptionBound ? Completeness::ExhaustiveUpToPreemptions : Completeness::Exhaustive;
}

} // namespace

const Violation *ExploreResult::find(Property P) const {
  for (const Violation &V : Violations)
    if (V.Id == P)
      return &V;
  return nullptr;
}

std::string ExploreResult::completenessText() const {
  switch (Done) {
  case Completeness::Exhaustive:
    return "exhaustive";
  case Completeness::ExhaustiveUpToPreemptions:
    return "exhaustive up to " + std::to_string(Bound ? *Bound : 0) + " preemptions";
  case Completeness::Incomplete:
    return "incomplete: " + IncompleteReason;
  }
  return "?";
}

ExploreResult explore(ModuleImage &Module, const std::string &Scenario, const ExploreOptions &Options) {
  ExploreResult R;
  R.Scenario = Scenario;
  R.Bound = Options.PreemptionBound;
  void *Entry = Module.scenarioEntry(Scenario);
  if (!Entry) {
    R.Error = "the module has no scenario '" + Scenario + "' (MODEL_SCENARIO(" + Scenario + "))";
    return R;
  }
  auto Start = std::chrono::steady_clock::now();
  Search(Module, Entry, Options, R).run();
  R.Stats.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  std::sort(R.Violations.begin(), R.Violations.end(),
            [](const Violation &A, const Violation &B) { return A.Id < B.Id; });
  if (Options.TraceViolations && R.Error.empty())
    for (Violation &V : R.Violations) {
      ReplayResult Re = replay(Module, Scenario, V.Token, Options);
      V.Trace = std::move(Re.Trace);
      for (const ViolationRecord &X : Re.Violations)
        if (X.Id == V.Id && X.Message == V.Message && X.Step == V.Step)
          V.Replayed = true;
    }
  return R;
}

ReplayResult replay(ModuleImage &Module, const std::string &Scenario, const std::string &Text,
                    const ExploreOptions &Options) {
  ReplayResult R;
  std::string Error;
  std::optional<ReplayToken> T = ReplayToken::parse(Text, Error);
  if (!T) {
    R.Error = Error;
    return R;
  }
  void *Entry = Module.scenarioEntry(Scenario);
  if (!Entry) {
    R.Error = "the module has no scenario '" + Scenario + "'";
    return R;
  }
  ExploreOptions O = Options;
  O.Cpus = T->Cpus;
  O.TimerBudget = T->TimerBudget;
  Machine &M = Machine::instance();
  CrashGuard Guard;
  M.beginExecution(machineConfig(O, true), Module, Entry);
  size_t Next = 0;
  std::vector<EnabledActor> En;
  for (;;) {
    if (M.aborted())
      break;
    M.enabled(En);
    if (M.aborted())
      break;
    if (En.empty()) {
      M.finishExecution();
      break;
    }
    if (M.step() >= O.MaxSteps) {
      R.Error = "the replay reached the step limit";
      break;
    }
    size_t Choice = 0;
    if (En.size() > 1) {
      if (Next >= T->Choices.size()) {
        R.Error = "the replay token ends before the execution does (at step " + std::to_string(M.step()) + ")";
        break;
      }
      const Actor &Want = T->Choices[Next++];
      auto It = std::find_if(En.begin(), En.end(), [&](const EnabledActor &E) { return E.A == Want; });
      if (It == En.end()) {
        R.Error = "choice " + Want.spell() + " of the replay token is not possible at step " +
                  std::to_string(M.step());
        break;
      }
      Choice = size_t(It - En.begin());
    }
    Footprint Fp;
    M.execute(En[Choice].A, En[Choice].Guard, Fp);
  }
  if (R.Error.empty() && Next < T->Choices.size())
    R.Error = "the execution ended with " + std::to_string(T->Choices.size() - Next) +
              " choice(s) of the replay token left";
  R.Trace = M.trace();
  R.Violations = M.violations();
  R.Outcome = M.outcome();
  R.Observations = M.observations();
  return R;
}

std::string formatTrace(const std::vector<TraceLine> &Trace) {
  std::string S;
  char Buf[32];
  for (const TraceLine &L : Trace) {
    std::snprintf(Buf, sizeof(Buf), "%5u  ", L.Step);
    S += Buf;
    std::string Ctx = L.Context.empty() ? std::string("--") : L.Context;
    S += Ctx;
    if (Ctx.size() < 22)
      S.append(22 - Ctx.size(), ' ');
    S += "  " + L.Text + "\n";
  }
  return S;
}

} // namespace detasklet::runtime
