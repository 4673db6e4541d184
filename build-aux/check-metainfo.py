#!/usr/bin/python3
# check-metainfo.py: facts about the AppStream metainfo that appstreamcli
# cannot check: the newest release is the version we build, releases are
# newest first with ISO dates, and every screenshot the store will fetch
# from the repository is in the tree.
#
#   check-metainfo.py --version 0.1.0 --screenshots data/screenshots FILE
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import datetime
import os
import sys
import xml.etree.ElementTree as ET

SCREENSHOT_PREFIX = 'https://raw.githubusercontent.com/orchardml/orchard/main/data/screenshots/'

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--version', required=True)
    parser.add_argument('--screenshots', required=True)
    parser.add_argument('metainfo')
    args = parser.parse_args()

    problems = []
    root = ET.parse(args.metainfo).getroot()
    app_id = root.findtext('id')

    launchable = root.findtext("launchable[@type='desktop-id']")
    if launchable != app_id + '.desktop':
        problems.append('launchable is %r, expected %r' % (launchable, app_id + '.desktop'))

    releases = root.findall('releases/release')
    if not releases:
        problems.append('no <release>')
    else:
        newest = releases[0].get('version')
        if newest != args.version:
            problems.append('newest release is %s but meson.build says %s: add a <release>'
                            % (newest, args.version))
        dates = []
        for release in releases:
            try:
                dates.append(datetime.date.fromisoformat(release.get('date', '')))
            except ValueError:
                problems.append('release %s: date %r is not YYYY-MM-DD'
                                % (release.get('version'), release.get('date')))
        if dates != sorted(dates, reverse=True):
            problems.append('releases are not listed newest first')

    images = root.findall('screenshots/screenshot/image')
    if not images:
        problems.append('no screenshots')
    for image in images:
        url = (image.text or '').strip()
        if not url.startswith(SCREENSHOT_PREFIX):
            problems.append('screenshot %s is not served from data/screenshots/ of the repository' % url)
            continue
        path = os.path.join(args.screenshots, url[len(SCREENSHOT_PREFIX):])
        if not os.path.isfile(path):
            problems.append('screenshot %s is missing: take it from the real app' % path)
        else:
            with open(path, 'rb') as f:
                if f.read(8) != b'\x89PNG\r\n\x1a\n':
                    problems.append('screenshot %s is not a PNG' % path)

    for problem in problems:
        print('%s: %s' % (args.metainfo, problem), file=sys.stderr)
    if problems:
        return 1
    print('%s: release %s, %d screenshot(s) present' % (app_id, args.version, len(images)))
    return 0

if __name__ == '__main__':
    sys.exit(main())
