#!/usr/bin/python3
# check-icons.py: the icons follow the rules GTK and GNOME rely on.
#
#  - app icons are 128×128;
#  - symbolic icons are 16×16 and draw only with <path>, <rect> and <circle>
#    fills in one colour: GTK recolours a symbolic icon by overriding `fill`
#    on exactly those elements, so a stroke, an <ellipse> or a second colour
#    would stay black on a dark header bar;
#  - every icon renders (when rsvg-convert is there) and puts ink on between
#    5 % and 85 % of its pixels, which catches broken or empty path data;
#  - every orchard-* icon named in a .ui file exists.
#
#   check-icons.py ICONS_HICOLOR_DIR [UI_DIR…]
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SVG = '{http://www.w3.org/2000/svg}'
SYMBOLIC_SHAPES = {'path', 'rect', 'circle'}
CONTAINERS = {'svg', 'g', 'title', 'desc', 'defs', 'metadata'}


def png_alpha(path):
    """Alpha channel of an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes)."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat, width, height = 8, b'', 0, 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', chunk)
            assert depth == 8 and colour == 6 and interlace == 0, 'unexpected PNG format'
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride, bpp = width * 4, 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if filt == 1:
                line[x] = (line[x] + a) & 0xff
            elif filt == 2:
                line[x] = (line[x] + b) & 0xff
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xff
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        rows.append(line[3::4])
        prev = line
    return rows


def check_size(root, size, problems, name):
    if root.get('width') != str(size) or root.get('height') != str(size) or \
       (root.get('viewBox') or '').split() != ['0', '0', str(size), str(size)]:
        problems.append('%s: must be %d×%d with viewBox "0 0 %d %d"' % (name, size, size, size, size))


def check_symbolic(root, problems, name):
    colours = set()
    for el in root.iter():
        tag = el.tag.replace(SVG, '')
        if tag in CONTAINERS:
            continue
        if tag not in SYMBOLIC_SHAPES:
            problems.append('%s: <%s> is not recoloured by GTK; use <path>, <rect> or <circle>' % (name, tag))
            continue
        if el.get('stroke') not in (None, 'none') or 'stroke' in (el.get('style') or ''):
            problems.append('%s: strokes are filled by GTK; convert them to outlines' % name)
        fill = el.get('fill') or ''
        if fill == 'none':
            problems.append('%s: fill="none" becomes a fill in GTK' % name)
        colours.add(fill.lower())
    if len(colours) > 1:
        problems.append('%s: uses %d colours (%s); symbolic icons have one'
                        % (name, len(colours), ', '.join(sorted(colours))))


def check_render(path, size, problems, name, tmpdir):
    out = os.path.join(tmpdir, os.path.basename(path) + '.png')
    result = subprocess.run(['rsvg-convert', '-w', str(size), '-h', str(size), path, '-o', out],
                            capture_output=True, text=True)
    if result.returncode != 0:
        problems.append('%s: rsvg-convert failed: %s' % (name, result.stderr.strip()))
        return
    alpha = png_alpha(out)
    ink = sum(1 for row in alpha for a in row if a >= 128) / float(size * size)
    if not 0.05 <= ink <= 0.85:
        problems.append('%s: %.0f %% of its pixels are ink; is it drawn?' % (name, ink * 100))
    return ink


def main():
    hicolor = sys.argv[1]
    ui_dirs = sys.argv[2:]
    problems = []
    rsvg = shutil.which('rsvg-convert')
    tmpdir = tempfile.mkdtemp()
    icons = sorted(glob.glob(os.path.join(hicolor, '*', '*', '*.svg')))
    names = set()
    try:
        for path in icons:
            name = os.path.relpath(path, hicolor)
            before = len(problems)
            names.add(os.path.basename(path)[:-4])
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as e:
                problems.append('%s: not well-formed: %s' % (name, e))
                continue
            if name.startswith('scalable/'):
                size = 128
            elif name.startswith('symbolic/'):
                size = 16
                if not name.endswith('-symbolic.svg'):
                    problems.append('%s: a symbolic icon’s name ends in -symbolic' % name)
                check_symbolic(root, problems, name)
            else:
                problems.append('%s: unexpected directory' % name)
                continue
            check_size(root, size, problems, name)
            ink = check_render(path, size, problems, name, tmpdir) if rsvg else None
            print('%-55s %s%s' % (name, 'ok' if len(problems) == before else 'FAILED',
                                  '' if ink is None else ', %2.0f %% ink' % (ink * 100)))
    finally:
        shutil.rmtree(tmpdir)

    for ui_dir in ui_dirs:
        uis = sorted(glob.glob(os.path.join(ui_dir, '*.ui')))
        # A directory without templates means they moved: say so rather
        # than pass without looking at any.
        if not uis:
            problems.append('no .ui files in %s' % ui_dir)
        for ui in uis:
            with open(ui, encoding='utf-8') as f:
                for used in re.findall(r'\b(orchard-[a-z-]+-symbolic)\b', f.read()):
                    if used not in names:
                        problems.append('%s names %s, which icons/ does not have' % (ui, used))

    if not icons:
        problems.append('no icons under %s' % hicolor)
    if not rsvg:
        print('rsvg-convert not found: rendering not checked')
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
