#!/usr/bin/python3
# check-translations.py: every language in po/LINGUAS translates every
# string that the sources mark today (not only those of the last .pot), with
# no fuzzy entries and with format strings that msgfmt --check accepts.
#
#   check-translations.py SOURCE_ROOT
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

# The xgettext arguments of meson's i18n 'glib' preset, so this test sees
# the same strings as `meson compile orchard-pot`.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

STATS = re.compile(r'(\d+) translated messages?(?:, (\d+) fuzzy translations?)?'
                   r'(?:, (\d+) untranslated messages?)?')


def msgids(po_text):
    """The msgids of a .po text, continuation lines joined, header left out."""
    ids, current = [], None
    for line in po_text.splitlines() + ['']:
        if line.startswith('msgid '):
            current = line[len('msgid '):].strip()[1:-1]
        elif current is not None and line.startswith('"'):
            current += line.strip()[1:-1]
        elif current is not None:
            if current:
                ids.append(current)
            current = None
    return ids


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
    podir = os.path.join(root, 'po')
    with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = [w for line in f if not line.lstrip().startswith('#') for w in line.split()]

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'orchard.pot')
        result = run(['xgettext', '--package-name=orchard', '-o', pot, '-D', root,
                      '-f', os.path.join(podir, 'POTFILES.in')] + XGETTEXT_ARGS, cwd=root)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        # xgettext warnings (a string it could not parse, a format string it
        # cannot check) are translation bugs too.
        for line in result.stderr.splitlines():
            if 'warning' in line:
                problems.append('xgettext: ' + line)

        for lang in linguas:
            po = os.path.join(podir, lang + '.po')
            if not os.path.exists(po):
                problems.append('%s is in LINGUAS but %s does not exist' % (lang, po))
                continue
            merged = os.path.join(tmp, lang + '.po')
            result = run(['msgmerge', '--quiet', '--previous', '-o', merged, po, pot])
            if result.returncode != 0:
                problems.append('msgmerge %s: %s' % (po, result.stderr.strip()))
                continue
            result = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged])
            if result.returncode != 0:
                problems.append('%s: msgfmt --check: %s'
                                % (po, result.stderr.strip().replace(merged, po)))
                continue
            m = STATS.search(result.stderr)
            translated, fuzzy, untranslated = (int(g or 0) for g in m.groups())
            if fuzzy or untranslated:
                problems.append('%s: %d fuzzy and %d untranslated of %d strings; run '
                                '`meson compile orchard-update-po` and translate them'
                                % (po, fuzzy, untranslated, translated + fuzzy + untranslated))
                # Say which, so the fix does not need a second tool.
                for kind in ('fuzzy', 'untranslated'):
                    flag = '--only-fuzzy' if kind == 'fuzzy' else '--untranslated'
                    result = run(['msgattrib', flag, '--no-obsolete', merged])
                    for msgid in msgids(result.stdout):
                        problems.append('  %s: "%s"' % (kind, msgid))
            else:
                print('%s: all %d strings translated' % (lang, translated))

    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
