#!/usr/bin/python3
# check-potfiles.py: po/POTFILES.in lists every file with translatable
# strings, and only files that exist. A file that is missing from it would
# be shown in English to every user, silently; this makes that loud.
#
# Files that carry marked strings but must not be translated go in
# po/POTFILES.skip.
#
#   check-potfiles.py SOURCE_ROOT
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# The gettext calls of the meson 'glib' preset, plus the plain libintl ones.
C_MARK = re.compile(r'(?<![\w.>])(?:_|N_|C_|NC_|Q_|gettext|ngettext|pgettext|dgettext|dngettext|'
                    r'g_dgettext|g_dcgettext|g_dngettext|g_dpgettext|g_dpgettext2)\s*\(')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
C_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.I)
SCHEMA_MARK = re.compile(r'<(?:summary|description)\b')

# Where translatable sources live, relative to the source root.
SCAN_DIRS = ['src', 'ui', 'data']
SKIP_DIRS = {'data/samples', 'data/screenshots'}


def marked(path):
    """Whether a file has strings that xgettext would extract."""
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except UnicodeDecodeError:
        return False
    if name.endswith(('.c', '.h')):
        # Comments first (they may quote code), then string literals (which
        # may contain "_(") are blanked out before looking for calls.
        code = C_COMMENT.sub(' ', text)
        code = C_STRING.sub('""', code)
        return bool(C_MARK.search(code))
    if name.endswith('.ui'):
        return bool(UI_MARK.search(text))
    if name.endswith(('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in')):
        return True
    if name.endswith(('.gschema.xml', '.gschema.xml.in')):
        return bool(SCHEMA_MARK.search(text))
    return False


def read_list(path):
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append((lineno, line))
    return entries


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')
    listed = read_list(potfiles_in)
    skipped = read_list(os.path.join(root, 'po', 'POTFILES.skip'))
    problems = []

    names = [name for _, name in listed]
    for lineno, name in listed:
        if not os.path.isfile(os.path.join(root, name)):
            problems.append('po/POTFILES.in:%d: %s does not exist' % (lineno, name))
    for name in sorted(set(n for n in names if names.count(n) > 1)):
        problems.append('po/POTFILES.in: %s is listed more than once' % name)

    known = set(names) | set(name for _, name in skipped)
    found = []
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            rel_dir = os.path.relpath(dirpath, root)
            dirnames[:] = sorted(d for d in dirnames
                                 if os.path.join(rel_dir, d) not in SKIP_DIRS)
            for filename in sorted(filenames):
                rel = os.path.join(rel_dir, filename)
                if marked(os.path.join(root, rel)):
                    found.append(rel)
                    if rel not in known:
                        problems.append('%s has translatable strings but is not in po/POTFILES.in' % rel)

    for name in names:
        path = os.path.join(root, name)
        if os.path.isfile(path) and not marked(path):
            print('note: %s is listed but has no marked strings' % name)

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print('po/POTFILES.in: %d files listed, all %d files with marked strings among them'
          % (len(names), len(found)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
