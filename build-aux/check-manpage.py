#!/usr/bin/python3
# check-manpage.py: docs/orchard-cli.1 renders without a groff warning, names
# the version meson.build builds, and documents every command and option
# that orchard-cli itself lists, so the page cannot fall behind the program.
#
#   check-manpage.py --version 0.1.0 [--cli PATH/orchard-cli] MANPAGE
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import re
import shutil
import subprocess
import sys


def cli_commands(cli):
    """The commands in `orchard-cli help`: the indented lines under Commands:."""
    out = subprocess.run([cli, 'help'], capture_output=True, text=True, check=True).stdout
    commands, inside = [], False
    for line in out.splitlines():
        if line.strip() == 'Commands:':
            inside = True
        elif inside and line.startswith('  ') and line.strip():
            commands.append(line.split()[0])
        elif inside:
            inside = False
    return commands, out


def options(help_text):
    """The --long and -s options a --help text lists, without the help ones."""
    found = re.findall(r'(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z](?![\w-]))', help_text)
    return sorted(set(o for o in found if not o.startswith('--help') and o != '-h'))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--version', required=True)
    parser.add_argument('--cli')
    parser.add_argument('manpage')
    args = parser.parse_args()

    with open(args.manpage, encoding='utf-8') as f:
        page = f.read()
    problems = []

    th = re.search(r'^\.TH\s+.*$', page, re.M)
    if not th or ('"Orchard %s"' % args.version) not in th.group(0):
        problems.append('.TH does not name "Orchard %s"; update the version and date' % args.version)

    groff = shutil.which('groff')
    if groff:
        result = subprocess.run([groff, '-man', '-Tutf8', '-ww', '-z', args.manpage],
                                capture_output=True, text=True)
        for line in result.stderr.splitlines():
            problems.append('groff: ' + line)
        if result.returncode != 0:
            problems.append('groff exited with %d' % result.returncode)
    else:
        print('groff not found: rendering not checked')

    # In roff source an option is written \-\-name or \-n.
    documented = set('--' + o for o in re.findall(r'\\-\\-([a-z][a-z0-9-]*)', page))
    documented |= set('-' + o for o in re.findall(r'(?<!\\-)\\-([a-zA-Z])(?![a-zA-Z0-9])', page))
    if args.cli:
        commands, top_help = cli_commands(args.cli)
        if not commands:
            problems.append('`orchard-cli help` lists no commands')
        for option in options(top_help):
            if option not in documented:
                problems.append('option %s of orchard-cli is not documented' % option)
        for command in commands:
            if not re.search(r'^\.SS\s+%s\b' % re.escape(command), page, re.M):
                problems.append('command %s has no ".SS %s" section' % (command, command))
            if command == 'help':
                continue
            result = subprocess.run([args.cli, command, '--help'], capture_output=True, text=True)
            if result.returncode != 0:
                problems.append('orchard-cli %s --help exited with %d' % (command, result.returncode))
            for option in options(result.stdout + result.stderr):
                if option not in documented:
                    problems.append('option %s of "orchard-cli %s" is not documented' % (option, command))
        print('commands: %s' % ', '.join(commands))
    else:
        print('orchard-cli not built: commands and options not checked')

    for problem in problems:
        print('%s: %s' % (args.manpage, problem), file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
