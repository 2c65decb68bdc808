#include "runtime/core/Explorer.h"

#include "runtime/core/CrashGuard.h"
#include "runtime/core/ModuleImage.h"
#include "runtime/core/ReplayToken.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

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
  std::vector<Actor> Backtrack; // DPOR: the alternatives races asked for
  unsigned Preemptions = 0;     // before this point
  int PrevThread = -1;          // the thread of the previous transition

  // DPOR: the chosen transition as an event of the execution. Its process is
  // its actor; it happens after its process's earlier events, after the event
  // that created its thread, and after every earlier event it conflicts with.
  unsigned Proc = 0;
  std::vector<uint32_t> Clock; // vector clock, by process
  std::vector<size_t> Direct;  // the earlier events it directly depends on
  int CreatedBy = -1;          // the event that created its thread, if in the path
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
  C.Trace = Trace;
  return C;
}

// Switching away from a thread that could have gone on is a preemption.
bool isPreemption(const Node &N, const Actor &A) {
  if (N.PrevThread < 0)
    return false;
  Actor Prev = Actor::thread(unsigned(N.PrevThread));
  if (A.process() == Prev)
    return false;
  for (const EnabledActor &E : N.Enabled)
    if (E.A.process() == Prev)
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
  bool dpor() const { return O.Dpor && !O.PreemptionBound; }
  // DPOR bookkeeping after the event at Index ran.
  void recordEvent(size_t Index, unsigned ThreadsBefore);
  void findRaces(size_t J);
  void checkBlocked(size_t D, const std::vector<EnabledActor> &Blocked);
  void checkDisabled(size_t D, const std::vector<EnabledActor> &Now);
  bool happensBefore(size_t I, size_t J) const {
    const Node &A = Path[I], &B = Path[J];
    return A.Proc < B.Clock.size() && B.Clock[A.Proc] >= A.Clock[A.Proc];
  }
  unsigned procOf(const Actor &A);
  bool enabledAt(size_t I, const Actor &A) const;
  void askFor(size_t I, const std::vector<Actor> &Initials);
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
  // DPOR: process numbers (stable over the whole exploration), which event
  // created each thread in the current execution, and the first event of
  // this execution that is not a re-run of the previous one.
  std::map<Actor, unsigned> Procs;
  std::vector<int> CreatorOfThread;
  size_t FreshFrom = 0;
};

unsigned Search::procOf(const Actor &Step) {
  Actor A = Step.process();
  auto It = Procs.find(A);
  if (It != Procs.end())
    return It->second;
  unsigned N = unsigned(Procs.size());
  Procs.emplace(A, N);
  return N;
}

bool Search::enabledAt(size_t I, const Actor &A) const {
  for (const EnabledActor &E : Path[I].Enabled)
    if (E.A == A)
      return true;
  return false;
}

// Source sets: one initial of the reversed sequence suffices, unless one is
// already there (or asleep: then an equivalent order is explored elsewhere).
void Search::askFor(size_t I, const std::vector<Actor> &Initials) {
  Node &N = Path[I];
  for (const Actor &A : Initials) {
    if (std::find(N.Backtrack.begin(), N.Backtrack.end(), A) != N.Backtrack.end() || contains(N.Sleep, A))
      return;
  }
  for (const Actor &A : Initials)
    if (enabledAt(I, A)) {
      N.Backtrack.push_back(A);
      return;
    }
}

void Search::recordEvent(size_t J, unsigned ThreadsBefore) {
  Node &E = Path[J];
  const Actor &A = E.Enabled[E.Chosen].A;
  E.Proc = procOf(A);
  E.CreatedBy = A.isThreadStep() && A.A < CreatorOfThread.size() ? CreatorOfThread[A.A] : -1;
  for (unsigned T = ThreadsBefore; T < M.threadCount(); ++T) {
    if (CreatorOfThread.size() <= T)
      CreatorOfThread.resize(T + 1, -1);
    CreatorOfThread[T] = int(J);
  }
  if (J < FreshFrom)
    return; // a re-run event: its clock and races are those of the previous execution
  E.Clock.assign(Procs.size(), 0);
  E.Direct.clear();
  uint32_t Own = 0;
  for (size_t K = 0; K < J; ++K) {
    const Node &P = Path[K];
    bool Same = P.Proc == E.Proc;
    if (Same)
      ++Own;
    if (!Same && int(K) != E.CreatedBy && !P.Fp.conflictsWith(E.Fp))
      continue;
    E.Direct.push_back(K);
    for (size_t X = 0; X < P.Clock.size(); ++X)
      E.Clock[X] = std::max(E.Clock[X], P.Clock[X]);
  }
  E.Clock[E.Proc] = Own + 1;
  findRaces(J);
}

// A race: an earlier event I of another process that J conflicts with and
// that is ordered before J only through that conflict. Running J's process
// (or an initial of what J needs) before I is the reversal to explore.
void Search::findRaces(size_t J) {
  const Node &E = Path[J];
  for (size_t I : E.Direct) {
    const Node &P = Path[I];
    if (P.Proc == E.Proc || int(I) == E.CreatedBy)
      continue;
    bool Through = false;
    for (size_t K : E.Direct)
      if (K > I && happensBefore(I, K))
        Through = true;
    if (Through)
      continue;
    // The events after I that do not depend on it, then J.
    std::vector<size_t> V;
    for (size_t K = I + 1; K < J; ++K)
      if (!happensBefore(I, K))
        V.push_back(K);
    V.push_back(J);
    bool JNeedsSomethingInV = false;
    for (size_t K : V)
      if (K != J && happensBefore(K, J))
        JNeedsSomethingInV = true;
    const Actor &JActor = E.Enabled[E.Chosen].A;
    // J was enabled by I (a lock released, a frame popped): not reversible.
    if (!enabledAt(I, JActor) && !JNeedsSomethingInV)
      continue;
    std::vector<Actor> Initials;
    std::vector<unsigned> Seen;
    for (size_t X = 0; X < V.size(); ++X) {
      const Node &Q = Path[V[X]];
      if (std::find(Seen.begin(), Seen.end(), Q.Proc) != Seen.end())
        continue;
      Seen.push_back(Q.Proc);
      bool HasPred = false;
      for (size_t Y = 0; Y < X && !HasPred; ++Y)
        HasPred = happensBefore(V[Y], V[X]);
      if (!HasPred)
        Initials.push_back(Q.Enabled[Q.Chosen].A);
    }
    askFor(I, Initials);
  }
}

// An actor the event at D disabled (an interrupt that can no longer arrive,
// a task that can no longer be switched to) is a race with that event: the
// actor first is an order the execution does not show.
void Search::checkDisabled(size_t D, const std::vector<EnabledActor> &Now) {
  const Node &N = Path[D];
  const Actor &Ran = N.Enabled[N.Chosen].A;
  for (const EnabledActor &E : N.Enabled) {
    if (E.A == Ran)
      continue;
    bool Still = false;
    for (const EnabledActor &X : Now)
      Still |= X.A == E.A;
    if (!Still)
      askFor(D, {E.A});
  }
}

// An actor that is not enabled (a thread waiting for a lock, an interrupt on
// a CPU with interrupts off, a softirq with nothing runnable) has a pending
// transition no execution shows. The last event that wrote what its
// condition reads races with it (Flanagan and Godefroid's rule): run the
// actor before that event if it was enabled there, otherwise try every actor
// there.
void Search::checkBlocked(size_t D, const std::vector<EnabledActor> &Blocked) {
  for (const EnabledActor &B : Blocked) {
    unsigned Proc = procOf(B.A);
    int Last = -1;
    for (size_t K = D; K-- > 0;)
      if (Path[K].Proc == Proc) {
        Last = int(K);
        break;
      }
    // Every such event, not only the last: the condition may read several
    // words (a tasklet's state and its count), and the last writer may be the
    // one that enabled the actor while an earlier one keeps it disabled.
    for (size_t I = D; I-- > 0;) {
      if (Path[I].Proc == Proc || !Path[I].Fp.conflictsWith(B.Guard))
        continue;
      if (Last >= 0 && int(I) < Last && happensBefore(I, size_t(Last)))
        break;
      if (enabledAt(I, B.A)) {
        askFor(I, {B.A});
        continue;
      }
      // What would enable it first is not known: try everything there.
      for (const EnabledActor &E : Path[I].Enabled)
        if (!contains(Path[I].Sleep, E.A) &&
            std::find(Path[I].Backtrack.begin(), Path[I].Backtrack.end(), E.A) == Path[I].Backtrack.end())
          Path[I].Backtrack.push_back(E.A);
    }
  }
}

Search::End Search::executeOnce() {
  M.beginExecution(machineConfig(O, false), Module, Entry);
  Depth = 0;
  CreatorOfThread.clear();
  std::vector<EnabledActor> En, Blocked;
  for (;;) {
    if (M.aborted())
      return End::Aborted;
    M.enabled(En, dpor() ? &Blocked : nullptr);
    if (M.aborted())
      return End::Aborted;
    if (dpor() && Depth >= FreshFrom && Depth > 0 && Depth >= Path.size())
      checkDisabled(Depth - 1, En);
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
      if (dpor())
        checkBlocked(Depth, Blocked);
      if (!Found) {
        // Nothing to run here: pop the node again, it has no branch of its own.
        Path.pop_back();
        return Slept ? End::SleepBlocked : End::BoundBlocked;
      }
      Path.back().Chosen = Choice;
      Path.back().Backtrack.push_back(En[Choice].A);
      // A value of model_choose() is data, not an order: DPOR sees no race
      // asking for the other values, so every value is asked for here.
      if (En[Choice].A.Kind == ActorKind::Choice)
        for (const EnabledActor &E : En)
          if (E.A.Kind == ActorKind::Choice && E.A.A == En[Choice].A.A && E.A != En[Choice].A)
            Path.back().Backtrack.push_back(E.A);
      ++R.Stats.Transitions;
    }
    Footprint Fp;
    unsigned ThreadsBefore = M.threadCount();
    M.execute(En[Choice].A, En[Choice].Guard, Fp);
    Path[Depth].Fp = std::move(Fp);
    if (dpor())
      recordEvent(Depth, ThreadsBefore);
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
    uint64_t Slept = 0, Bounded = 0, Unasked = 0;
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
      if (dpor() && std::find(N.Backtrack.begin(), N.Backtrack.end(), A) == N.Backtrack.end()) {
        ++Unasked;
        continue;
      }
      N.Chosen = I;
      FreshFrom = Path.size() - 1;
      ++R.Stats.Transitions;
      return true;
    }
    // DPOR may ask for an alternative after it was counted here; count at the end only.
    R.Stats.SleepPruned += Slept;
    R.Stats.BoundPruned += Bounded;
    R.Stats.NoRace += Unasked;
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
    for (const std::string &Seen : M.observations())
      if (R.Observations.insert(Seen).second)
        R.ObservationWitnesses.emplace(Seen, token(Depth));
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
