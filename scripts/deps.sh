#!/usr/bin/env bash
# Installs what Tala needs beyond the Swift toolchain: Debian packages (test peers and C
# libraries) and pinned Python test helpers. Idempotent: installs only what is missing.
set -euo pipefail
APT_PACKAGES=(liblo-tools liblo-dev python3 python3-pip puredata-core pd-osc pd-mrpeach libasound2-dev libsndfile1-dev iproute2 libreadline-dev tmux jackd2 libasound2-plugins)
PIP_PACKAGES=(python-osc==1.10.2)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -q
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    echo "Tala needs these Debian packages; please run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
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
