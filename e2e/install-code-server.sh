#!/usr/bin/env bash
# (Copied from shared/e2e, where it was verified on these machines.)
# Offline-friendly install of code-server (npm) on Node 20, Debian bookworm.
# Needs (apt): build-essential/gcc/g++/make, python3, pkg-config, libkrb5-dev, ripgrep
# Reproduces code-server's own postinstall.sh, but with --ignore-scripts + a
# pre-made @vscode/ripgrep/bin/rg -> /usr/bin/rg so that @vscode/ripgrep's
# postinstall (which downloads from api.github.com) is skipped
# ("bin/ folder already exists, exiting").
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"   # newest code-server whose engines.node is 20
PREFIX="${1:?usage: install-code-server.sh INSTALL_DIR}"
mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{"name":"cs-probe","private":true}' > package.json

# 1. code-server itself, no scripts (its postinstall would fail on ripgrep)
npm install --no-audit --no-fund --ignore-scripts "code-server@${CS_VERSION}"
# argon2 (only used for --auth password) has a node-pre-gyp install that falls
# back to building from source when github.com is unreachable: works with gcc.
npm rebuild argon2

CS="$PREFIX/node_modules/code-server"
cd "$CS/lib/vscode"
# 2. VS Code server deps, no scripts first
npm install --no-audit --no-fund --omit=dev --ignore-scripts
# 3. ripgrep from Debian instead of the GitHub download
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# 4. now run the install scripts (native builds: node-pty, spdlog, kerberos,
#    @parcel/watcher, native-watchdog ...). ripgrep's postinstall exits early.
# node-pty's post-install runs `npx node-gyp configure -f compile_commands_json`;
# with this machine's ~/.npmrc `yes=false` npx refuses ("npx canceled due to
# missing packages and no YES option") -> allow npx to fetch node-gyp from npm.
npm_config_yes=true npm rebuild
# 5. the symlinks code-server's postinstall.sh makes
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
( cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server )
( cd bin/helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh )
# 6. built-in extensions' shared deps (typescript)
cd extensions
npm install --no-audit --no-fund --omit=dev
echo "code-server installed: $CS/out/node/entry.js"
