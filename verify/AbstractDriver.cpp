#include "verify/AbstractDriver.h"

#include "llvm/Support/raw_ostream.h"

namespace detasklet {

namespace {

constexpr unsigned AbstractIrq = 40;
// The callback's own operations (a re-arm, a disable) happen in at most this
// many of its runs per execution, as a timer's expiries are budgeted.
constexpr unsigned CallbackRunsWithOps = 2;

const char *apiCall(ProtocolOpKind K) {
  switch (K) {
  case ProtocolOpKind::ScheduleNormal:
    return "tasklet_schedule";
  case ProtocolOpKind::ScheduleHi:
    return "tasklet_hi_schedule";
  case ProtocolOpKind::DisableSync:
    return "tasklet_disable";
  case ProtocolOpKind::DisableAtomic:
    return "tasklet_disable_in_atomic";
  case ProtocolOpKind::DisableNosync:
    return "tasklet_disable_nosync";
  case ProtocolOpKind::Enable:
    return "tasklet_enable";
  case ProtocolOpKind::Kill:
    return "tasklet_kill";
  default:
    return nullptr;
  }
}

bool isDisable(ProtocolOpKind K) {
  return K == ProtocolOpKind::DisableSync || K == ProtocolOpKind::DisableAtomic ||
         K == ProtocolOpKind::DisableNosync;
}

// The call performing Op on T: the tasklet API's, or the work-item call the
// converted code makes (queue_work_on's CPU and schedule_work's implicit
// queue are written as queue_work on the named queue).
std::string apiCall(const ProtocolOp &Op, const std::string &T) {
  if (Op.Call.empty())
    return std::string(apiCall(Op.Kind)) + "(" + T + ")";
  if (!Op.Queue.empty())
    return std::string(Op.Kind == ProtocolOpKind::Enable ? "enable_and_queue_work" : "queue_work") +
           "(" + Op.Queue + ", " + T + ")";
  return Op.Call + "(" + T + ")";
}

class Writer {
public:
  Writer(const ObjectProtocol &P, const AbstractShape &Shape)
      : P(P), Shape(Shape), Field(P.Init == ProtocolInit::Setup) {}
  AbstractDriver write();

private:
  // The tasklet as an expression, from the callback (through from_tasklet) or elsewhere.
  std::string tasklet(bool InCallback) const {
    if (!Field)
      return "&proto_tl";
    return InCallback ? "&dev->tl" : "&proto->tl";
  }
  void body(llvm::raw_ostream &OS, const ProtocolFunction &F, bool InCallback);
  // The device structure is freed after teardown killed its tasklet (see write()).
  bool freesAfterKill() const {
    if (!Field)
      return false;
    for (const ProtocolFunction &F : P.Functions)
      if (F.Context == ProtocolContext::Teardown)
        for (const ProtocolOp &Op : F.Ops)
          if (Op.Kind == ProtocolOpKind::Kill)
            return true;
    return false;
  }
  bool any(ProtocolContext C) const {
    for (const ProtocolFunction &F : P.Functions)
      if (F.Context == C && !F.Ops.empty())
        return true;
    return false;
  }
  void callAll(llvm::raw_ostream &OS, ProtocolContext C) const {
    for (size_t I = 0; I < P.Functions.size(); ++I)
      if (P.Functions[I].Context == C && !P.Functions[I].Ops.empty())
        OS << "\t" << abstractFunctionName(I) << "();\n";
  }

  const char *record() const { return P.WorkItem ? "work_struct" : "tasklet_struct"; }

  const ObjectProtocol &P;
  AbstractShape Shape;
  bool Field;
};

// Each optional operation is one model_choose(2): the explorer runs both the
// execution where it happens and the one where it does not. A disable
// records that it happened; its enable (in the same function, or the next
// enable elsewhere while one is outstanding) follows it exactly.
void Writer::body(llvm::raw_ostream &OS, const ProtocolFunction &F, bool InCallback) {
  std::string T = tasklet(InCallback);
  for (size_t I = 0; I < F.Ops.size(); ++I)
    if (isDisable(F.Ops[I].Kind))
      OS << "\tint disabled" << I << " = 0;\n";
  for (size_t I = 0; I < F.Ops.size(); ++I) {
    const ProtocolOp &Op = F.Ops[I];
    bool PairedHere = false;
    if (isDisable(Op.Kind))
      for (const ProtocolOp &Later : F.Ops)
        PairedHere |= Later.Kind == ProtocolOpKind::Enable && Later.Paired == int(I);
    std::string Guard = Op.Optional ? "\tif (model_choose(2)) {\n" : "\t{\n";
    switch (Op.Kind) {
    case ProtocolOpKind::Enable:
      if (Op.Paired >= 0)
        OS << "\tif (disabled" << Op.Paired << ")\n\t\t" << apiCall(Op, T) << ";\n";
      else
        OS << "\tif (proto_outstanding > 0) {\n\t\tproto_outstanding--;\n\t\t" << apiCall(Op, T)
           << ";\n\t}\n";
      break;
    case ProtocolOpKind::DirectCall:
      OS << "\tif (model_choose(2))\n\t\tproto_cb(" << T << ");\n";
      break;
    case ProtocolOpKind::CallHelper:
      if (P.Functions[Op.Helper].Ops.empty())
        break;
      OS << "\tif (model_choose(2))\n\t\t" << abstractFunctionName(Op.Helper) << "();\n";
      break;
    default:
      if (isDisable(Op.Kind)) {
        OS << Guard << "\t\t" << apiCall(Op, T) << ";\n\t\tdisabled" << I << " = 1;\n";
        if (!PairedHere)
          OS << "\t\tproto_outstanding++;\n";
        OS << "\t}\n";
      } else if (Op.Kind == ProtocolOpKind::Kill && F.Context == ProtocolContext::Teardown &&
                 freesAfterKill()) {
        OS << "\tif (model_choose(2)) {\n\t\t" << apiCall(Op, T) << ";\n\t\tproto_killed = 1;\n\t}\n";
      } else {
        OS << "\tif (model_choose(2))\n\t\t" << apiCall(Op, T) << ";\n";
      }
    }
  }
}

AbstractDriver Writer::write() {
  AbstractDriver D;
  llvm::raw_string_ostream OS(D.Driver);
  bool Irq = Shape.Irq, Timer = Shape.Timer, Process = Shape.Process;
  OS << "// SPDX-License-Identifier: GPL-2.0\n"
        "/* Generated by detasklet verify: the abstract driver of one tasklet's protocol. */\n"
        "#include <linux/interrupt.h>\n"
        "#include <linux/module.h>\n"
        "#include <linux/errno.h>\n"
        "#include <linux/slab.h>\n"
        "#include <linux/timer.h>\n"
        "#include <linux/workqueue.h>\n"
        "#include <model/scenario.h>\n\n";
  if (Field)
    OS << "struct proto_dev {\n\tstruct " << record() << " tl;\n\tint seen;\n};\n\n"
       << "static struct proto_dev *proto;\n";
  if (freesAfterKill())
    OS << "/* teardown killed the tasklet: the device structure goes with it */\n"
          "static int proto_killed;\n";
  OS << "/* disables made in one function and undone in another, not undone yet */\n"
     << "static int proto_outstanding"
     << (P.Init == ProtocolInit::DeclareDisabled || Shape.StartsDisabled ? " = 1" : "")
     << ";\n";
  if (any(ProtocolContext::Callback))
    OS << "/* runs of the callback so far: only the first ones perform its operations */\n"
          "static int proto_cb_runs;\n";
  if (Timer)
    OS << "static struct timer_list proto_timer;\n";
  OS << "\n";
  for (size_t I = 0; I < P.Functions.size(); ++I)
    if (P.Functions[I].Context != ProtocolContext::Callback && !P.Functions[I].Ops.empty())
      OS << "static void " << abstractFunctionName(I) << "(void);\n";
  // A declared tasklet names its callback, and the callback may name the
  // tasklet (re-arming): declare both before either is used.
  if (!Field)
    OS << "\nstatic void proto_cb(struct " << record() << " *t);\nstatic "
       << (P.WorkItem                                  ? "DECLARE_WORK"
           : P.Init == ProtocolInit::DeclareDisabled ? "DECLARE_TASKLET_DISABLED"
                                                     : "DECLARE_TASKLET")
       << "(proto_tl, proto_cb);\n";
  OS << "\nstatic void proto_cb(struct " << record() << " *t)\n{\n";
  // Every run touches the device structure: a run after it was freed is a
  // use after free the model reports.
  if (Field)
    OS << "\tstruct proto_dev *dev = " << (P.WorkItem ? "from_work" : "from_tasklet")
       << "(dev, t, tl);\n\n\tWRITE_ONCE(dev->seen, 1);\n";
  // A callback that may re-arm itself may do so forever, and so would the
  // exploration: its operations happen in its first runs only.
  if (any(ProtocolContext::Callback)) {
    OS << "\tif (proto_cb_runs >= " << CallbackRunsWithOps << ")\n\t\treturn;\n\tproto_cb_runs++;\n";
    for (const ProtocolFunction &F : P.Functions)
      if (F.Context == ProtocolContext::Callback)
        body(OS, F, true);
  }
  OS << "}\n\n";
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    const ProtocolFunction &F = P.Functions[I];
    if (F.Context == ProtocolContext::Callback || F.Ops.empty())
      continue;
    OS << "/* " << protocolContextCode(F.Context) << " */\nstatic void " << abstractFunctionName(I)
       << "(void)\n{\n";
    body(OS, F, false);
    OS << "}\n\n";
  }
  if (Irq) {
    OS << "static irqreturn_t proto_irq(int irq, void *dev_id)\n{\n";
    callAll(OS, ProtocolContext::HardIrq);
    OS << "\treturn IRQ_HANDLED;\n}\n\n";
  }
  if (Timer) {
    OS << "static void proto_timer_fn(struct timer_list *timer)\n{\n";
    callAll(OS, ProtocolContext::Softirq);
    OS << "}\n\n";
  }
  // The scenario spawns it; no caller is known, so it runs in a task of its own.
  OS << "void proto_process(void *arg);\nvoid proto_process(void *arg)\n{\n";
  callAll(OS, ProtocolContext::Process);
  OS << "}\n\n";
  OS << "static int __init proto_init(void)\n{\n";
  if (Field)
    OS << "\tproto = kzalloc(sizeof(*proto), GFP_KERNEL);\n\tif (!proto)\n\t\treturn -ENOMEM;\n"
       << (P.WorkItem ? "\tINIT_WORK" : "\ttasklet_setup") << "(&proto->tl, proto_cb);\n";
  callAll(OS, ProtocolContext::InitPath);
  if (Irq)
    OS << "\tif (request_irq(" << AbstractIrq << ", proto_irq, 0, \"proto\", &proto_outstanding))\n"
       << "\t\treturn -EBUSY;\n";
  if (Timer)
    OS << "\ttimer_setup(&proto_timer, proto_timer_fn, 0);\n\tmod_timer(&proto_timer, jiffies + 1);\n";
  OS << "\treturn 0;\n}\n\nstatic void __exit proto_exit(void)\n{\n";
  if (Irq)
    OS << "\tfree_irq(" << AbstractIrq << ", &proto_outstanding);\n";
  if (Timer)
    OS << "\tdel_timer_sync(&proto_timer);\n";
  callAll(OS, ProtocolContext::Teardown);
  // A driver frees its device structure once teardown has killed the
  // tasklet; a kill that let a run go on past it shows here.
  if (freesAfterKill())
    OS << "\tif (proto_killed)\n\t\tkfree(proto);\n";
  OS << "}\n\nmodule_init(proto_init);\nmodule_exit(proto_exit);\nMODULE_LICENSE(\"GPL\");\n";
  OS.flush();

  llvm::raw_string_ostream SO(D.Scenario);
  SO << "// SPDX-License-Identifier: GPL-2.0\n"
        "/*\n * Generated by detasklet verify: init path first, then at any time an interrupt\n"
        " * on CPU 0 and either a task running the functions without a known caller or\n"
        " * another interrupt on CPU 1; teardown last.\n */\n"
        "#include <model/scenario.h>\n\nvoid proto_process(void *arg);\n\nMODEL_SCENARIO(main)\n{\n";
  SO << "\tint task = -1;\n\n\tif (model_load_module())\n\t\treturn;\n";
  if (Process)
    SO << "\ttask = model_spawn(1, proto_process, 0);\n";
  if (Irq)
    SO << "\tmodel_raise_irq(0, " << AbstractIrq << ");\n";
  // A second interrupt on the other CPU is what makes two runs overlap (the
  // same work item on two BH queues); with a task there too, the executions
  // multiply beyond what a tree-wide check can afford.
  if (Irq && !Process)
    SO << "\tmodel_raise_irq(1, " << AbstractIrq << ");\n";
  SO << "\tif (task >= 0)\n\t\tmodel_join(task);\n\tmodel_unload_module();\n}\n";
  SO.flush();
  return D;
}

} // namespace

std::string abstractFunctionName(size_t Index) { return "proto_fn" + std::to_string(Index); }

AbstractShape AbstractShape::of(const ObjectProtocol &P) {
  AbstractShape S;
  S.StartsDisabled = P.Init == ProtocolInit::DeclareDisabled;
  for (const ProtocolFunction &F : P.Functions) {
    if (F.Ops.empty())
      continue;
    S.Irq |= F.Context == ProtocolContext::HardIrq;
    S.Timer |= F.Context == ProtocolContext::Softirq;
    S.Process |= F.Context == ProtocolContext::Process;
  }
  return S;
}

AbstractShape AbstractShape::with(const AbstractShape &Other) const {
  AbstractShape S;
  S.Irq = Irq || Other.Irq;
  S.Timer = Timer || Other.Timer;
  S.Process = Process || Other.Process;
  return S;
}

AbstractDriver generateAbstractDriver(const ObjectProtocol &P) {
  return Writer(P, AbstractShape::of(P)).write();
}

AbstractDriver generateAbstractDriver(const ObjectProtocol &P, const AbstractShape &Shape) {
  return Writer(P, Shape).write();
}

} // namespace detasklet
