#!/usr/bin/python3
# check-flatpak-manifest.py: the Flatpak manifest builds what meson needs.
#
#  - it is valid JSON with the release app id, the GNOME runtime and SDK,
#    and a command that the project builds;
#  - every dependency() and find_library() in the project's meson.build files
#    is either in the GNOME runtime or built by a module, no module rebuilds
#    what the runtime already has, and no module is there for nothing;
#  - every downloaded source is pinned by sha256 (or a git commit);
#  - the sandbox is only as open as the app needs: no home or host
#    filesystem, file access goes through the portal;
#  - the app itself is the last module, built with meson from this tree.
#
#   check-flatpak-manifest.py SOURCE_ROOT MANIFEST
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

# What org.gnome.Platform provides (pkg-config or library names meson may
# ask for). Listing a name here is a claim about the runtime: check it.
RUNTIME = {
    'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gio-unix-2.0', 'gmodule-2.0', 'gthread-2.0',
    'json-glib-1.0', 'libsoup-3.0', 'sqlite3', 'gtk4', 'libadwaita-1',
    'cairo', 'cairo-pdf', 'cairo-svg', 'pango', 'pangocairo', 'gdk-pixbuf-2.0',
    'libxml-2.0', 'zlib', 'fontconfig', 'freetype2', 'harfbuzz',
}
# Provided by the C library or the compiler, in every runtime.
SYSTEM = {'m', 'dl', 'rt', 'pthread', 'threads', 'openmp', 'intl'}

# Exactly the holes the sandbox needs; widen consciously, here, when a
# feature needs it (serving models will need --share=network).
ALLOWED_FINISH_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'}
REQUIRED_FINISH_ARGS = ALLOWED_FINISH_ARGS

DEPENDENCY = re.compile(r"\b(?:dependency|find_library)\s*\(\s*'([^']+)'")
EXECUTABLE = re.compile(r"\bexecutable\s*\(\s*'([^']+)'")
APP_ID = re.compile(r"^app_id\s*=\s*'([^']+)'", re.M)


def normalise(name):
    """'libsoup-3.0' and 'libsoup' → 'soup', 'gtk4' → 'gtk', 'sqlite3' → 'sqlite'."""
    name = name.lower()
    if name.startswith('lib'):
        name = name[3:]
    name = re.sub(r'-[0-9.]+$', '', name)
    return re.sub(r'[0-9]+$', '', name)


def meson_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames
                       if not d.startswith(('.', '_build')) and not (rel == '.' and d in ('build', 'subprojects'))]
        if 'meson.build' in filenames:
            yield os.path.join(dirpath, 'meson.build')


def main():
    root, manifest_path = sys.argv[1], sys.argv[2]
    problems = []

    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except ValueError as e:
        print('%s: not valid JSON: %s' % (manifest_path, e), file=sys.stderr)
        return 1

    with open(os.path.join(root, 'meson.build'), encoding='utf-8') as f:
        app_id = APP_ID.search(f.read()).group(1)

    needed, executables = set(), set()
    for path in meson_files(root):
        with open(path, encoding='utf-8') as f:
            text = re.sub(r'#[^\n]*', '', f.read())
        needed.update(DEPENDENCY.findall(text))
        executables.update(EXECUTABLE.findall(text))

    # Identity and runtime
    if manifest.get('id', manifest.get('app-id')) != app_id:
        problems.append('id is %r, meson.build says %r' % (manifest.get('id'), app_id))
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if not version.isdigit() or int(version) < 47:
        problems.append('runtime-version %r is not a stable GNOME runtime (47 or newer)' % version)
    if manifest.get('command') not in executables:
        problems.append('command %r is not an executable() the project builds (%s)'
                        % (manifest.get('command'), ', '.join(sorted(executables)) or 'none yet'))

    # Sandbox
    finish_args = set(manifest.get('finish-args', []))
    for arg in sorted(finish_args - ALLOWED_FINISH_ARGS):
        problems.append('finish-arg %s opens the sandbox further than the app needs' % arg)
    for arg in sorted(REQUIRED_FINISH_ARGS - finish_args):
        problems.append('finish-arg %s is missing' % arg)

    # Modules
    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        print('%s: no modules' % manifest_path, file=sys.stderr)
        return 1
    app, deps = modules[-1], modules[:-1]
    if app.get('buildsystem') != 'meson':
        problems.append('the last module, %s, must be the app built with meson' % app.get('name'))
    if '-Ddevelopment=false' not in app.get('config-opts', []):
        problems.append('the app module must be configured with -Ddevelopment=false')
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    dirs = [s for s in app.get('sources', []) if s.get('type') == 'dir']
    if not dirs or os.path.realpath(os.path.join(manifest_dir, dirs[0].get('path', ''))) != os.path.realpath(root):
        problems.append('the app module must build this source tree ({"type": "dir", "path": ".."})')

    runtime_names = {normalise(n) for n in RUNTIME}
    module_names = {}
    for module in deps:
        if isinstance(module, str):
            problems.append('module %s is an external file; keep the manifest self-contained' % module)
            continue
        name = module.get('name', '')
        module_names[normalise(name)] = name
        if normalise(name) in runtime_names:
            problems.append('module %s duplicates what org.gnome.Platform already provides' % name)
        for source in module.get('sources', []):
            kind = source.get('type')
            if kind in ('archive', 'file'):
                if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                    problems.append('module %s: %s has no sha256' % (name, source.get('url', source.get('path'))))
                if re.search(r'/(master|main|latest|HEAD)(/|\.|$)', source.get('url', '')):
                    problems.append('module %s: %s is not a pinned release' % (name, source.get('url')))
            elif kind == 'git' and not source.get('commit'):
                problems.append('module %s: git source without a commit' % name)

    used = set()
    for dep in sorted(needed):
        key = normalise(dep)
        if dep in SYSTEM or dep in RUNTIME:
            continue
        if key in module_names:
            used.add(key)
            continue
        problems.append('meson needs %r, which is neither in org.gnome.Platform nor built by a module' % dep)
    for key, name in sorted(module_names.items()):
        if key not in used and key not in runtime_names:
            problems.append('module %s is not needed by any dependency() or find_library()' % name)

    for problem in problems:
        print('%s: %s' % (os.path.basename(manifest_path), problem), file=sys.stderr)
    if problems:
        return 1
    print('%s: %s on %s//%s; modules %s; meson needs %s'
          % (os.path.basename(manifest_path), app_id, manifest['runtime'], version,
             ', '.join(module_names.values()), ', '.join(sorted(needed))))
    return 0


if __name__ == '__main__':
    sys.exit(main())
