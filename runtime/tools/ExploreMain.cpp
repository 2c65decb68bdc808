// detasklet-explore: build a driver with a scenario, explore it, print what was
// found; or replay one execution from its token. The front end the benchmark
// and a person debugging a scenario use; `detasklet verify` uses the same
// library (runtime/Verify.h).
#include "runtime/core/Explorer.h"
#include "runtime/core/ModuleBuilder.h"
#include "runtime/core/ModuleImage.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace detasklet::runtime;

namespace {
void usage() {
  std::fprintf(stderr,
               "usage: detasklet-explore [options] FILE.c...\n"
               "  FILE.c...                driver sources and the scenario source\n"
               "  -I DIR                   extra include directory\n"
               "  --scenario NAME          explore only this MODEL_SCENARIO (repeatable; default: all)\n"
               "  --cpus N                 simulated CPUs (default 2)\n"
               "  --no-sleep-sets          plain depth-first enumeration\n"
               "  --dpor                   source-set DPOR on top of the sleep sets\n"
               "  --preemption-bound K     at most K preemptions per execution\n"
               "  --max-executions N       stop after N executions\n"
               "  --timer-budget N         timer expiries per execution (default 2)\n"
               "  --replay TOKEN           run one execution, traced (needs one --scenario)\n"
               "  --cache DIR              where built modules are kept (default /tmp/detasklet-modules)\n"
               "  --compiler PATH          clang to build with (default clang-19)\n"
               "  --quiet                  no traces, one summary line per scenario\n");
}

bool number(const char *S, unsigned long &Out) {
  char *End = nullptr;
  Out = std::strtoul(S, &End, 10);
  return End && *End == 0 && End != S;
}
} // namespace

int main(int Argc, char **Argv) {
  ModuleSources Sources;
  std::vector<std::string> Scenarios;
  ExploreOptions Options;
  std::string Token, Cache = "/tmp/detasklet-modules", Compiler = "clang-19";
  bool Quiet = false;
  for (int I = 1; I < Argc; ++I) {
    std::string A = Argv[I];
    auto Value = [&]() -> const char * {
      if (I + 1 >= Argc) {
        usage();
        std::exit(2);
      }
      return Argv[++I];
    };
    unsigned long N = 0;
    if (A == "-I")
      Sources.IncludeDirs.push_back(Value());
    else if (A == "--scenario")
      Scenarios.push_back(Value());
    else if (A == "--cpus" && number(Value(), N))
      Options.Cpus = unsigned(N);
    else if (A == "--no-sleep-sets")
      Options.SleepSets = false;
    else if (A == "--dpor")
      Options.Dpor = true;
    else if (A == "--preemption-bound" && number(Value(), N))
      Options.PreemptionBound = unsigned(N);
    else if (A == "--max-executions" && number(Value(), N))
      Options.MaxExecutions = N;
    else if (A == "--timer-budget" && number(Value(), N))
      Options.TimerBudget = unsigned(N);
    else if (A == "--replay")
      Token = Value();
    else if (A == "--cache")
      Cache = Value();
    else if (A == "--compiler")
      Compiler = Value();
    else if (A == "--quiet")
      Quiet = true;
    else if (!A.empty() && A[0] != '-')
      Sources.Sources.push_back(A);
    else {
      usage();
      return 2;
    }
  }
  if (Sources.Sources.empty()) {
    usage();
    return 2;
  }
  Toolchain T = Toolchain::fromSourceTree(Cache);
  T.Compiler = Compiler;
  BuildResult B = buildModule(Sources, T);
  if (!B.Ok) {
    std::fprintf(stderr, "detasklet-explore: build failed\n%s", B.Log.c_str());
    return 2;
  }
  std::string Error;
  auto Module = ModuleImage::load(B.SharedObject, Error);
  if (!Module) {
    std::fprintf(stderr, "detasklet-explore: %s\n", Error.c_str());
    return 2;
  }
  if (Scenarios.empty())
    Scenarios = Module->scenarioNames();

  if (!Token.empty()) {
    if (Scenarios.size() != 1) {
      std::fprintf(stderr, "detasklet-explore: --replay needs exactly one --scenario\n");
      return 2;
    }
    ReplayResult R = replay(*Module, Scenarios[0], Token, Options);
    std::fputs(formatTrace(R.Trace).c_str(), stdout);
    if (!R.ok())
      std::fprintf(stderr, "detasklet-explore: %s\n", R.Error.c_str());
    return R.ok() ? (R.Violations.empty() ? 0 : 1) : 2;
  }

  int Status = 0;
  for (const std::string &S : Scenarios) {
    ExploreResult R = explore(*Module, S, Options);
    if (!R.Error.empty()) {
      std::fprintf(stderr, "%s: %s\n", S.c_str(), R.Error.c_str());
      Status = 2;
      continue;
    }
    const ExploreStats &St = R.Stats;
    std::printf("%s: %s; %llu executions, %llu sleep-blocked, %llu pruned by sleep sets, %llu by the "
                "bound, %llu by DPOR; %llu transitions, %llu steps, depth %u; %.3f s (%.0f executions/s)\n",
                S.c_str(), R.completenessText().c_str(), (unsigned long long)St.Executions,
                (unsigned long long)St.SleepBlocked, (unsigned long long)St.SleepPruned,
                (unsigned long long)St.BoundPruned, (unsigned long long)St.NoRace,
                (unsigned long long)St.Transitions,
                (unsigned long long)St.Steps, St.MaxDepth, St.Seconds,
                St.Seconds > 0 ? double(St.Executions + St.SleepBlocked) / St.Seconds : 0.0);
    for (const Violation &V : R.Violations) {
      Status = std::max(Status, 1);
      std::printf("  VIOLATION %s (%llu executions): %s\n    replay: --scenario %s --replay %s\n",
                  propertyInfo(V.Id).Name, (unsigned long long)R.ViolatingExecutions[V.Id],
                  V.Message.c_str(), S.c_str(), V.Token.c_str());
      if (!Quiet)
        std::printf("%s", formatTrace(V.Trace).c_str());
    }
    if (!Quiet) {
      for (const std::string &O : R.Observations)
        std::printf("  observed: %s\n", O.c_str());
      for (const std::string &O : R.Outcomes)
        std::printf("  outcome: %s\n", O.c_str());
    }
  }
  return Status;
}
