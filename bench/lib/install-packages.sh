# Sourced by the bench scripts: install_packages PKG... installs from Debian
# what is not installed yet and prints how many it installed ("cached": none).
# Call it as installed=$(install_packages ...) so that a failure stops set -e scripts.
install_packages() {
  local missing=() p
  for p in "$@"; do
    # dpkg -s also succeeds for removed-but-not-purged packages, so look at
    # the status itself.
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
      missing+=("$p")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo cached
    return 0
  fi
  echo "installing: ${missing[*]}" >&2
  local sudo=(); [[ $EUID -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update >&2 || return 1
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends \
    "${missing[@]}" >&2 || return 1
  echo "installed ${#missing[@]}"
}
