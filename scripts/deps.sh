#!/usr/bin/env bash
# Installs what Tala needs beyond the Swift toolchain: Debian packages (test peers and C
# libraries) and pinned Python test helpers. Idempotent: installs only what is missing.
set -euo pipefail
# libcurl4-openssl-dev: tala samples install downloads with libcurl; tar, unzip: it unpacks with
# them; zip makes a test archive; groff-base: the install test formats the man pages.
APT_PACKAGES=(liblo-tools liblo-dev python3 python3-pip puredata-core pd-osc pd-mrpeach libasound2-dev libsndfile1-dev iproute2 libreadline-dev tmux ableton-link-dev libasio-dev libcurl4-openssl-dev tar unzip zip groff-base)
# jackd2 (behind ALSA's jack plugin: a paced device with no sound card) recommends GUI tools
# that the tests do not need. ableton-link-utils (LinkHut, an outside Link peer for tests) runs
# on JACK.
APT_LEAN_PACKAGES=(jackd2 libasound2-plugins ableton-link-utils)
PIP_PACKAGES=(python-osc==1.10.2)

# Installed means "install ok installed": a removed package keeps its configuration ("rc")
# and dpkg -s still succeeds for it.
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
missing_lean=()
for p in "${APT_PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
for p in "${APT_LEAN_PACKAGES[@]}"; do
  installed "$p" || missing_lean+=("$p")
done
if ((${#missing[@]} + ${#missing_lean[@]})); then
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "Tala needs these Debian packages; please run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]} ${missing_lean[*]}" >&2
    exit 1
  fi
  "${sudo[@]}" apt-get update -q
  if ((${#missing[@]})); then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
  if ((${#missing_lean[@]})); then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_lean[@]}"
  fi
fi

for spec in "${PIP_PACKAGES[@]}"; do
  name=${spec%%==*}; version=${spec##*==}
  have=$(python3 -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
  if [ "$have" != "$version" ]; then
    python3 -m pip install --quiet "$spec" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "$spec"
  fi
done
