#!/bin/sh
# Starts Chromium as an unprivileged user so that its own sandbox (user namespaces and seccomp) works while
# the service itself runs as root; Chromium refuses the sandbox as root, and --no-sandbox would leave a
# hostile page that exploits the browser with root's rights. Playwright starts this script in place of
# Chromium (see sandbox.models.ts) and passes:
#   ES_CHROMIUM_EXECUTABLE            the real Chromium
#   ES_CHROMIUM_UID, ES_CHROMIUM_GID  who Chromium runs as (BROWSER_RUN_AS_USER)
# Playwright talks to Chromium over the inherited descriptors 3 and 4 (--remote-debugging-pipe); setpriv
# replaces this process, so they reach Chromium unchanged.
set -eu

exe="${ES_CHROMIUM_EXECUTABLE:?}"
uid="${ES_CHROMIUM_UID:?}"
gid="${ES_CHROMIUM_GID:?}"
unset ES_CHROMIUM_EXECUTABLE ES_CHROMIUM_UID ES_CHROMIUM_GID

if [ "$uid" = 0 ]; then
  echo "sandboxed-chromium: refusing to run Chromium as root" >&2
  exit 70
fi

# Playwright makes a fresh profile folder as root (mode 0700) and deletes it after the browser closes;
# Chromium must own it to write there.
profile=""
for arg in "$@"; do
  case "$arg" in
    --user-data-dir=*) profile="${arg#--user-data-dir=}" ;;
  esac
done
if [ -z "$profile" ] || [ ! -d "$profile" ]; then
  echo "sandboxed-chromium: no --user-data-dir to hand over" >&2
  exit 70
fi

# HOME and the XDG folders point into that throw-away profile: the unprivileged user (often nobody) has no
# home of its own, and nothing of a scan should land in a shared place.
home="$profile/home"
mkdir -p "$home/.config" "$home/.cache"
chown -R "$uid:$gid" "$profile"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"

drop() {
  setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all -- "$@"
}

# A TMPDIR only root can enter would leave Chromium without its profile; say so instead of crashing later.
if ! drop test -w "$profile"; then
  echo "sandboxed-chromium: user $uid cannot reach $profile; point TMPDIR at a folder other users can enter" >&2
  exit 70
fi

exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all -- "$exe" "$@"
