#include "inventory/Reasons.h"

#include <array>
#include <cassert>

namespace detasklet {

namespace {
// Blocking reasons first, then notes. Never rename a code; add new ones.
constexpr std::array<FindingInfo, 27> Catalogue = {{
    {"internals-accessed", true,
     "the driver reads or changes tasklet internals (state bits, count, trylock/unlock); "
     "a work item has no equivalent, so the logic must be redesigned by hand"},
    {"legacy-data-not-container", true,
     "tasklet_init() passes data that is not the object holding the tasklet and the callback "
     "reads it; from_work() cannot recover it, and it cannot move into a field beside the "
     "work item either"},
    {"array-runtime-index", true,
     "tasklet array indexed by a runtime value; the callback cannot find its element with "
     "from_work()/container_of()"},
    {"address-escapes-untyped", true,
     "the tasklet's address is converted to a non-tasklet type (void *, integer, other "
     "pointer); the code behind it cannot be followed"},
    {"escapes-to-unseen-function", true,
     "the tasklet's address reaches a function or pointer whose code was not in any scanned "
     "translation unit; scan the files that define it"},
    {"callback-not-a-function", true,
     "the callback is not a named function (a function pointer variable or an expression), "
     "or comes from an ops-table field whose values or reads cannot all be followed"},
    {"callback-not-seen", true,
     "the callback's body was not in any scanned translation unit, so its signature cannot "
     "be changed; scan the file that defines it"},
    {"callback-shared-across-types", true,
     "a legacy callback that reads its data is shared by tasklets in different structures; "
     "one container_of() cannot serve both"},
    {"callback-takes-other-type", true,
     "the callback takes neither struct tasklet_struct * nor unsigned long and reaches "
     "the tasklet through a cast; its parameter cannot be retyped to struct work_struct *"},
    {"callback-stored-elsewhere", true,
     "the callback is also stored into a function-pointer field that no tasklet init reads "
     "(another ops table); retyping it would break that use"},
    {"init-not-seen", true,
     "no initialisation of this tasklet was seen; scan the file that initialises it"},
    {"on-stack", true,
     "a tasklet on the stack: a work item there needs INIT_WORK_ONSTACK() and "
     "destroy_work_on_stack(), and its lifetime must be checked by hand"},
    {"no-uses-seen", true,
     "declared, but no scanned translation unit uses it: a dead field, or its users were "
     "not scanned"},
    {"blocked-by-group", true,
     "converts together with another tasklet (shared callback, helper or pointer) that "
     "cannot be converted automatically"},
    {"legacy-init", false,
     "legacy tasklet_init()/unsigned long callback: the callback's signature changes and "
     "its data comes from from_work()"},
    {"scheduled-hi", false,
     "scheduled with tasklet_hi_schedule(): maps to system_bh_highpri_wq"},
    {"scheduled-hi-and-normal", false,
     "scheduled both normally and with tasklet_hi_schedule(): it must map to one workqueue "
     "(or two work items), never to both BH queues"},
    {"declared-disabled", false,
     "declared disabled: the work item must be disabled with disable_work() on the init "
     "path, or the later enable underflows"},
    {"enable-extra-run", false,
     "tasklet_enable() maps to enable_and_queue_work(), which runs the callback once more "
     "unless a schedule happened while disabled"},
    {"kill-drops-pending", false,
     "tasklet_kill() maps to cancel_work_sync(), which drops a pending run that "
     "tasklet_kill() would have let run"},
    {"callback-cast", false, "the callback is registered through a function-pointer cast"},
    {"direct-callback-call", false, "the callback is also called directly"},
    {"through-driver-macro", false, "used through the driver's own macro"},
    {"converted-together", false,
     "shares a callback, helper or pointer with other tasklets; they convert together or "
     "not at all"},
    {"per-cpu", false, "a per-CPU tasklet: each CPU's copy becomes a per-CPU work item"},
    {"legacy-data-field", false,
     "tasklet_init() passes data that is not the object holding the tasklet: the data moves "
     "into a new field beside the work item, set at the init and read back by the callback"},
    {"callback-from-ops-table", false,
     "the callback comes from an ops-table field: the field's parameter and every function "
     "stored into it are retyped together"},
}};
} // namespace

llvm::ArrayRef<FindingInfo> findingCatalogue() { return Catalogue; }

const FindingInfo *findingInfo(llvm::StringRef Code) {
  for (const FindingInfo &I : Catalogue)
    if (Code == I.Code)
      return &I;
  return nullptr;
}

Finding makeFinding(llvm::StringRef Code, const SourcePos &At, llvm::StringRef Detail) {
  const FindingInfo *Info = findingInfo(Code);
  assert(Info && "finding code missing from the catalogue");
  Finding F;
  F.Code = Code.str();
  F.Message = Info->Sentence;
  if (!Detail.empty())
    F.Message += " (" + Detail.str() + ")";
  F.At = At;
  return F;
}

} // namespace detasklet
